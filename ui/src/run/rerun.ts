// "Re-run from here" (issue #7): what a new run beginning at a recorded state execution
// starts from, said before the user clicks. The engine can only begin at a top-level
// state (a branch or an iteration exists only inside its container's run), so a nested
// state's re-run begins at its outermost container — crates/asl-session/src/run/rerun.rs.
import type { RunState, RunStatus } from "../ipc/run";
import type { Snapshot } from "../ipc/types";

/** The top-level state holding the state at `pointer` (itself at the top), by the
 *  snapshot's scopes and their owners; null when the snapshot has no such state. */
export function topLevelState(pointer: string, snap: Pick<Snapshot, "states" | "scopes">): string | null {
  let state = snap.states.find((s) => s.pointer === pointer);
  while (state && state.scope !== "") {
    const owner = snap.scopes.find((sc) => sc.pointer === state!.scope)?.owner;
    state = owner ? snap.states.find((s) => s.pointer === owner) : undefined;
  }
  return state?.name ?? null;
}

/** The button's tooltip for this execution. */
export function rerunTitle(execution: RunState, snap: Pick<Snapshot, "states" | "scopes">): string {
  const top = (execution.pointer && topLevelState(execution.pointer, snap)) ?? execution.name;
  if (top === execution.name && execution.pointer && snap.states.find((s) => s.pointer === execution.pointer)?.scope === "") {
    return `Start a new run at ${top} with the input it received here and the variables it saw (the Run panel's mocks and breakpoints apply)`;
  }
  return `${execution.name} runs inside ${top}: the new run starts at ${top} with the input ${top} received in this run and the variables it saw (the Run panel's mocks and breakpoints apply)`;
}

/** Re-running needs the shown run to hold still: finished or paused, not running. */
export const canRerun = (status: RunStatus | undefined): boolean => status !== undefined && status !== "RUNNING";
