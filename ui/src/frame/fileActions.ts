// File commands shared by the toolbar, the start page, the shortcuts and the close
// handler. Each one first sends pending code-view text, so Rust acts on what the user sees,
// and asks "save changes?" before anything would drop unsaved edits.
import * as ipc from "../ipc";
import type { Format, Snapshot } from "../ipc/types";
import { flushCodeText } from "../code/pending";
import { asIpcError, useStudio } from "../store/studio";
import { useFrame } from "./frameStore";
import { baseName } from "./title";

/** True when it is fine to replace or close the document (saved, discarded, or clean). */
export async function confirmLeave(reason: string): Promise<boolean> {
  await flushCodeText();
  const snapshot = useStudio.getState().snapshot;
  if (!snapshot?.dirty) return true;
  const choice = await useFrame.getState().askSave(reason);
  if (choice === "cancel") return false;
  if (choice === "discard") return true;
  return saveDocument();
}

export async function newDocument(format: Format): Promise<void> {
  if (!(await confirmLeave("create a new document"))) return;
  await useStudio.getState().run(() => ipc.documentNew(format));
}

/** `path` null shows the native open dialog. A SAM, CloudFormation, CDK, Terraform or
 *  Serverless file with several state machines asks which one (opened as `FILE#ID`). */
export async function openDocument(path: string | null): Promise<Snapshot | null> {
  if (!(await confirmLeave("open another file"))) return null;
  let pick;
  try {
    pick = await ipc.documentMachines(path);
  } catch (e) {
    useStudio.getState().setError(asIpcError(e));
    return null;
  }
  if (!pick) return null;
  let target = pick.path;
  const machines = pick.machines;
  if (machines && machines.length > 1) {
    const id = await useFrame.getState().askMachine(pick.path, machines);
    if (id === null) return null;
    target = `${pick.path}#${id}`;
  }
  return useStudio.getState().run(() => ipc.documentOpen(target));
}

export async function saveDocument(): Promise<boolean> {
  await flushCodeText();
  const saved = await useStudio.getState().run(ipc.documentSave);
  return saved !== null && !saved.dirty;
}

export async function saveDocumentAs(): Promise<boolean> {
  await flushCodeText();
  const saved = await useStudio.getState().run(() => ipc.documentSaveAs(null));
  return saved !== null;
}

/** Back to the start page. */
export async function closeDocument(): Promise<void> {
  if (!(await confirmLeave("close it"))) return;
  try {
    await ipc.documentClose();
    useStudio.getState().setSnapshot(null);
  } catch (e) {
    useStudio.getState().setError(asIpcError(e));
  }
}

export async function undo(): Promise<void> {
  await flushCodeText();
  if (useStudio.getState().snapshot?.canUndo) await useStudio.getState().undo();
}

export async function redo(): Promise<void> {
  await flushCodeText();
  if (useStudio.getState().snapshot?.canRedo) await useStudio.getState().redo();
}

/** Reports where an export went; a cancelled dialog (null) says nothing. */
export function reportExport(path: string | null) {
  if (path) useFrame.getState().notify(`Exported ${baseName(path)}`, "info", { testId: "exported" });
}
