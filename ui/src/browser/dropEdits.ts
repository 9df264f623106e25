// Turns "this browser item was dropped on that target" into one document edit: a batch
// when the item makes several states (a pattern's Task and Fail), so a drop is one round
// trip and one undo step. Pure. Where the new state goes and where it leads is Rust's:
// `insert_between` on the edge's transition (a Start edge's too: the new state becomes
// the scope's StartAt); a drop on empty space is put on the edge it appends on
// (appendEdge), and only an empty scope gets `add_state`.
import type { DocumentEdit, LayoutEdge, Snapshot } from "../ipc/types";
import { scopeQueryLanguage } from "../canvas/scopes";
import { buildPattern, PATTERNS } from "./patterns";
import { buildItem, nameReserver, type ItemRef, type NewState } from "./templates";

/** A scope target may name the state to go after (the selection); without one the new
 *  state follows the last state of the scope's flow. */
export type DropTarget = { kind: "edge"; edge: LayoutEdge } | { kind: "scope"; scope: string; after?: string | null };

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

export function planDrop(item: ItemRef, target: DropTarget, snapshot: Snapshot): DropPlan | null {
  const unique = nameReserver(snapshot.states.map((s) => s.name));

  if (target.kind === "scope") {
    // A state dropped on empty space joins the flow: added on its own it would be
    // unreachable, an error the user did not ask for. Only an empty scope takes it as is.
    const edge = appendEdge(snapshot, target.scope, target.after ?? null);
    if (edge) return planDrop(item, { kind: "edge", edge }, snapshot);
    const ctx = { ql: scopeQueryLanguage(snapshot, target.scope), unique };
    const states = isPattern(item) ? buildPattern(item, ctx).states : buildItem(item, ctx);
    // The main state first: in an empty scope it becomes the StartAt.
    return { edit: batch(states.map((s) => add(target.scope, s))), select: states[0].name };
  }

  const t = target.edge.transition;
  if (!t) return null;
  const next = snapshot.states.find((s) => s.pointer === target.edge.to)?.name ?? null;
  const ctx = { ql: scopeQueryLanguage(snapshot, t.scope), unique, next };
  if (isPattern(item)) {
    // Its states added with their transitions set (its ways out go to `next`), then the
    // drop point led to its entry: the flow runs through the pattern.
    const built = buildPattern(item, ctx);
    const connect: DocumentEdit = { kind: "connect", from: t.from, transition: t.transition, target: built.entry };
    return { edit: batch([...built.states.map((s) => add(t.scope, s)), connect]), select: built.entry };
  }
  const [main, ...extra] = buildItem(item, ctx);
  const insert: DocumentEdit = { kind: "insert_between", from: t.from, transition: t.transition, name: main.name, state: main.state };
  return { edit: batch([...extra.map((s) => add(t.scope, s)), insert]), select: main.name };
}

/** Where a state appended to `scope` goes: on the way out of `after` (its Next, or a
 *  Choice's Default) when it is a state of that scope; else on the last (in the text)
 *  transition into the scope's End; else before its last Succeed (the flow's end);
 *  null when the scope has no such place (empty, or every path fails). */
export function appendEdge(snapshot: Snapshot, scope: string, after: string | null): LayoutEdge | null {
  const inScope = (e: LayoutEdge) => e.transition !== null && e.transition.scope === scope;
  const edges = snapshot.layout.edges.filter(inScope);
  if (after && snapshot.states.some((s) => s.pointer === after && s.scope === scope)) {
    const out = edges.filter((e) => e.transition!.from === after);
    const hit = out.find((e) => e.transition!.transition.kind === "next") ?? out.find((e) => e.transition!.transition.kind === "default");
    if (hit) return hit;
  }
  const order = new Map(snapshot.states.map((s, i) => [s.pointer, i]));
  const last = (list: LayoutEdge[]) => list.sort((a, b) => (order.get(a.transition!.from) ?? -1) - (order.get(b.transition!.from) ?? -1)).at(-1) ?? null;
  const toEnd = last(edges.filter((e) => e.to === `${scope}#end` && e.transition!.transition.kind === "next"));
  if (toEnd) return toEnd;
  const succeed = snapshot.states.filter((s) => s.scope === scope && s.type === "Succeed").at(-1);
  if (!succeed) return null;
  const into = edges.filter((e) => e.to === succeed.pointer);
  return last(into.filter((e) => e.transition!.transition.kind === "next")) ?? last(into);
}

function isPattern(item: ItemRef): item is string {
  return typeof item === "string" && PATTERNS.some((p) => p.id === item);
}

function add(scope: string, s: NewState): DocumentEdit {
  return { kind: "add_state", scope, name: s.name, state: s.state };
}

/** One edit as itself, several as one batch. */
export function batch(edits: DocumentEdit[]): DocumentEdit {
  return edits.length === 1 ? edits[0] : { kind: "batch", edits };
}
