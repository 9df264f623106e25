// Turns "this browser item was dropped on that target" into one document edit: a batch
// when the item makes several states (a pattern's Task and Fail), so a drop is one round
// trip and one undo step. Pure. Where the new state goes and where it leads is Rust's:
// `insert_between` on the edge's transition (a Start edge's too: the new state becomes
// the scope's StartAt), `add_state` in a scope (a state without an exit ends there).
import type { DocumentEdit, LayoutEdge, Snapshot } from "../ipc/types";
import { scopeQueryLanguage } from "../canvas/scopes";
import { buildItem, nameReserver, type NewState } from "./templates";

export type DropTarget = { kind: "edge"; edge: LayoutEdge } | { kind: "scope"; scope: string };

export interface DropPlan {
  edit: DocumentEdit;
  /** Name of the main new state, to select once the edit is applied (names are unique in
   *  the whole machine). */
  select: string;
}

/** Whether an edge accepts dropped states (Start edges, transitions of a state). */
export function edgeAcceptsDrop(edge: LayoutEdge): boolean {
  return edge.transition !== null;
}

export function planDrop(itemId: string, target: DropTarget, snapshot: Snapshot): DropPlan | null {
  const unique = nameReserver(snapshot.states.map((s) => s.name));

  if (target.kind === "scope") {
    const states = buildItem(itemId, { ql: scopeQueryLanguage(snapshot, target.scope), unique });
    // The main state first: in an empty scope it becomes the StartAt.
    return { edit: batch(states.map((s) => add(target.scope, s))), select: states[0].name };
  }

  const t = target.edge.transition;
  if (!t) return null;
  const next = snapshot.states.find((s) => s.pointer === target.edge.to)?.name ?? null;
  const [main, ...extra] = buildItem(itemId, { ql: scopeQueryLanguage(snapshot, t.scope), unique, next });
  const insert: DocumentEdit = { kind: "insert_between", from: t.from, transition: t.transition, name: main.name, state: main.state };
  return { edit: batch([...extra.map((s) => add(t.scope, s)), insert]), select: main.name };
}

function add(scope: string, s: NewState): DocumentEdit {
  return { kind: "add_state", scope, name: s.name, state: s.state };
}

/** One edit as itself, several as one batch. */
export function batch(edits: DocumentEdit[]): DocumentEdit {
  return edits.length === 1 ? edits[0] : { kind: "batch", edits };
}
