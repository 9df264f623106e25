// Window-level wiring: the title, external file changes and the close request.
import { useEffect } from "react";
import * as ipc from "../ipc";
import type { DiskChange } from "../ipc/types";
import { useStudio } from "../store/studio";
import { confirmLeave } from "./fileActions";
import { useFrame } from "./frameStore";
import { baseName, windowTitle } from "./title";

export function useWindowTitle() {
  const title = useStudio((s) => (s.snapshot ? windowTitle(s.snapshot) : windowTitle(null)));
  useEffect(() => {
    document.title = title;
    ipc.setWindowTitle(title).catch(() => {
      // Outside Tauri (tests, a plain browser) document.title is all there is.
    });
  }, [title]);
}

export function handleDiskChange(change: DiskChange) {
  const frame = useFrame.getState();
  switch (change.kind) {
    case "reloaded":
      useStudio.getState().setSnapshot(change.snapshot);
      frame.notify(`${change.snapshot.title} changed on disk and was reloaded.`, "info", { testId: "disk-reloaded" });
      break;
    case "conflict":
      frame.setConflict(change.path);
      break;
    case "deleted":
      frame.notify(`${baseName(change.path)} was deleted on disk. The document stays open — save it to keep it.`, "warning", {
        testId: "disk-deleted",
        sticky: true,
      });
      break;
    case "unreadable":
      frame.notify(`${change.message}. The document stays open as it was — save it to keep it.`, "warning", {
        testId: "disk-unreadable",
        sticky: true,
      });
      break;
  }
}

export function useDiskChanges() {
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    ipc
      .onDiskChange(handleDiskChange)
      .then((f) => (gone ? f() : (unlisten = f)))
      .catch(() => {});
    return () => {
      gone = true;
      unlisten?.();
    };
  }, []);
}

export function useCloseGuard() {
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    try {
      ipc
        .onCloseRequested(() => confirmLeave("close the window"))
        .then((f) => (gone ? f() : (unlisten = f)))
        .catch(() => {});
    } catch {
      // No Tauri window (plain browser): nothing to guard.
    }
    return () => {
      gone = true;
      unlisten?.();
    };
  }, []);
}

/** A sticky notice (the file was deleted) is stale once the document is saved or replaced. */
export function useStaleNoticeCleanup() {
  useEffect(
    () =>
      useStudio.subscribe((state, prev) => {
        const now = state.snapshot;
        const before = prev.snapshot;
        if (now === before) return;
        if (now?.path !== before?.path || (before?.dirty && now && !now.dirty)) {
          const frame = useFrame.getState();
          const stale = frame.notices.filter((n) => n.sticky);
          stale.forEach((n) => frame.dismiss(n.id));
        }
      }),
    [],
  );
}
