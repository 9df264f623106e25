import type { StateInfo } from "../../ipc/types";
import { Note } from "../../inspector/fields";

export function SucceedConfig({ state }: { state: StateInfo }) {
  return <Note>{state.name} stops {state.scope ? "its branch" : "the execution"} successfully. Its output is set on the Input/Output tab.</Note>;
}
