// Which state the code view's cursor is in: the innermost state whose text range holds
// the position (a Parallel's branch states sit inside the Parallel's range).
import type { StateInfo } from "../ipc/types";

export function stateAt(states: readonly StateInfo[], pos: number): StateInfo | null {
  let best: StateInfo | null = null;
  for (const s of states) {
    if (s.range.from <= pos && pos <= s.range.to) {
      if (!best || s.range.to - s.range.from < best.range.to - best.range.from) best = s;
    }
  }
  return best;
}
