// The app: the start page or the workspace around the open document, plus the dialogs
// and toasts that can show over either.
import { useEffect, useState } from "react";
import * as ipc from "./ipc";
import { useCloseGuard, useDiskChanges, useStaleNoticeCleanup, useWindowTitle } from "./frame/appEvents";
import { DiskConflictDialog } from "./frame/DiskConflictDialog";
import { SaveChangesDialog } from "./frame/SaveChangesDialog";
import { MachinePickerDialog } from "./frame/MachinePickerDialog";
import { openDocument } from "./frame/fileActions";
import { useShortcuts } from "./frame/shortcuts";
import { Toasts } from "./frame/Toasts";
import { Workspace } from "./frame/Workspace";
import { StartPage } from "./start/StartPage";
import { asIpcError, useStudio } from "./store/studio";
import { useThemeSync } from "./theme/themeSync";
import "./frame/frame.css";
import "./frame/dialogs.css";

export function App() {
  const hasDocument = useStudio((s) => s.snapshot !== null);
  const [ready, setReady] = useState(false);

  useThemeSync();
  useWindowTitle();
  useShortcuts();
  useDiskChanges();
  useCloseGuard();
  useStaleNoticeCleanup();

  useEffect(() => {
    // A file given on the command line is already open in Rust.
    performance.mark("asl:boot");
    ipc
      .documentCurrent()
      .then(async (snapshot) => {
        performance.mark("asl:document");
        if (snapshot) useStudio.getState().setSnapshot(snapshot);
        // A template with several machines on the command line: which one?
        else {
          const pick = await ipc.documentStartupPick();
          if (pick) void openDocument(pick);
        }
      })
      .catch((e) => useStudio.getState().setError(asIpcError(e)))
      .finally(() => setReady(true));
  }, []);

  return (
    <div className="app">
      {!ready ? <div className="app-loading">Loading…</div> : hasDocument ? <Workspace /> : <StartPage />}
      <SaveChangesDialog />
      <MachinePickerDialog />
      <DiskConflictDialog />
      <Toasts />
    </div>
  );
}
