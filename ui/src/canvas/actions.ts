// Edits several views start (canvas title, inspector name field).
import { useStudio } from "../store/studio";
import { renamedPointer } from "./scopes";

/** Renames a state and keeps it selected under its new pointer. */
export async function renameState(pointer: string, newName: string): Promise<boolean> {
  const studio = useStudio.getState();
  const wasSelected = studio.selection.includes(pointer);
  const ok = await studio.apply({ kind: "rename_state", pointer, new_name: newName });
  if (ok && wasSelected) {
    const next = renamedPointer(pointer, newName);
    useStudio.getState().select(useStudio.getState().selection.filter((p) => p !== pointer).concat(next));
  }
  return ok;
}
