// The open file changed on disk while there are unsaved edits: the user decides, nothing
// is overwritten silently.
import { useState } from "react";
import * as ipc from "../ipc";
import type { DiskDiff } from "../ipc/types";
import { asIpcError, useStudio } from "../store/studio";
import { DiffView } from "./DiffView";
import { useFrame } from "./frameStore";
import { baseName } from "./title";

export function DiskConflictDialog() {
  const path = useFrame((s) => s.conflict);
  if (!path) return null;
  // Keyed so a second conflict starts without the old diff.
  return <ConflictBody key={path} path={path} />;
}

function ConflictBody({ path }: { path: string }) {
  const setConflict = useFrame((s) => s.setConflict);
  const [diff, setDiff] = useState<DiskDiff | null>(null);
  const [busy, setBusy] = useState(false);

  const resolve = async (command: () => Promise<ipc.Update>) => {
    setBusy(true);
    const answer = await useStudio.getState().run(command);
    setBusy(false);
    if (answer) setConflict(null);
  };
  const showDiff = async () => {
    if (diff) return setDiff(null);
    try {
      setDiff(await ipc.documentDiskDiff());
    } catch (e) {
      useStudio.getState().setError(asIpcError(e));
    }
  };

  return (
    <div className="modal-backdrop">
      <div className={`modal${diff ? " wide" : ""}`} role="dialog" aria-modal="true" aria-label="File changed on disk" data-testid="disk-conflict">
        <h2 className="modal-title">File changed on disk</h2>
        <div className="modal-body">
          <p>
            <strong>{baseName(path)}</strong> was changed by another program, and you have unsaved edits.
          </p>
          <p className="muted">
            Keep yours (the next save overwrites the file) or load the version on disk (your unsaved edits are
            dropped).
          </p>
          {diff && <DiffView theirs={diff.theirs} mine={diff.mine} />}
        </div>
        <div className="modal-actions">
          <button type="button" className="btn" data-testid="show-diff" disabled={busy} onClick={() => void showDiff()}>
            {diff ? "Hide diff" : "Show diff"}
          </button>
          <span className="modal-spacer" />
          <button type="button" className="btn" data-testid="load-theirs" disabled={busy} onClick={() => void resolve(ipc.documentReload)}>
            Load theirs
          </button>
          <button type="button" className="btn primary" data-testid="keep-mine" disabled={busy} onClick={() => void resolve(ipc.documentKeepMine)}>
            Keep mine
          </button>
        </div>
      </div>
    </div>
  );
}
