// The diagram's colours for a diff against the deployed machine: states added and
// changed locally (removed ones are not on the canvas: the panel names them).
import type { StateDiff } from "../ipc/types";
import type { Flow } from "../canvas/toFlow";
import type { CanvasMarks } from "../run/canvasMarks";

export function diffMarks(flow: Flow, diff: StateDiff): CanvasMarks {
  const added = new Set(diff.added);
  const changed = new Set(diff.changed);
  const nodes = new Map<string, string>();
  for (const n of flow.nodes) {
    if (added.has(n.id)) nodes.set(n.id, "diff-added");
    else if (changed.has(n.id)) nodes.set(n.id, "diff-changed");
  }
  return { nodes, edges: new Map() };
}
