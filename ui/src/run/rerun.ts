// "Re-run from here" (issue #7): what a new run beginning at a recorded state execution
// starts from, said before the user clicks. The engine can only begin at a top-level
// state (a branch or an iteration exists only inside its container's run), so a nested
// state's re-run begins at its outermost container — crates/asl-session/src/run/rerun.rs.
import type { RunState, RunStatus } from "../ipc/run";

/** The top-level state a re-run from the execution at `path` begins at: `P/1/A` -> `P`. */
export const rerunStart = (path: string): string => path.split("/")[0];

/** The button's tooltip for this execution. */
export function rerunTitle(execution: RunState): string {
  const top = rerunStart(execution.path);
  if (top === execution.path) {
    return `Start a new run at ${top} with the input it received here and the variables it saw (the Run panel's mocks and breakpoints apply)`;
  }
  return `${execution.name} runs inside ${top}: the new run starts at ${top} with the input ${top} received in this run and the variables it saw (the Run panel's mocks and breakpoints apply)`;
}

/** Re-running needs the shown run to hold still: finished or paused, not running. */
export const canRerun = (status: RunStatus | undefined): boolean => status !== undefined && status !== "RUNNING";
