// Turns "this browser item was dropped on that target" into document edits. Pure.
//
// On an edge: `insert_between` on the edge's transition (Rust points the new state where
// the edge went). On a Start edge there is no transition to insert on, so the new state
// is added to the scope already leading to the old first state (`add_state` with its
// Next/Default set here) and the scope's `StartAt` is pointed at it (`set_field`) — two
// edits, so two undo steps. On a drop zone or the blank canvas: `add_state` in that scope,
// ending there. A pattern's extra states (the Fail of "retry + catch") are added first.
import type { DocumentEdit, LayoutEdge, Snapshot } from "../ipc/types";
import { edgeTransition, startEdgeScope } from "../canvas/toFlow";
import { scopeQueryLanguage, statePointer } from "../canvas/scopes";
import { buildItem, nameReserver, type Json, type NewState } from "./templates";

export type DropTarget = { kind: "edge"; edge: LayoutEdge } | { kind: "scope"; scope: string };

export interface DropPlan {
  edits: DocumentEdit[];
  /** Pointer of the main new state, to select once the edits are applied. */
  select: string;
}

/** Whether an edge accepts dropped states (Start edges, transitions of a state). */
export function edgeAcceptsDrop(edge: LayoutEdge): boolean {
  return edgeTransition(edge) !== null || startEdgeScope(edge) !== null;
}

export function planDrop(itemId: string, target: DropTarget, snapshot: Snapshot): DropPlan | null {
  const byPointer = new Map(snapshot.states.map((s) => [s.pointer, s]));
  const unique = nameReserver(snapshot.states.map((s) => s.name));

  if (target.kind === "scope") {
    const built = buildItem(itemId, { ql: scopeQueryLanguage(snapshot, target.scope), unique });
    const [main, ...extra] = built;
    return {
      edits: [...addAll(target.scope, extra), add(target.scope, { ...main, state: withExit(main.state, null) })],
      select: statePointer(target.scope, main.name),
    };
  }

  const edge = target.edge;
  const next = byPointer.get(edge.to)?.name ?? null;
  const startScope = startEdgeScope(edge);
  if (startScope !== null) {
    const built = buildItem(itemId, { ql: scopeQueryLanguage(snapshot, startScope), unique, next });
    const [main, ...extra] = built;
    return {
      edits: [
        ...addAll(startScope, extra),
        add(startScope, { ...main, state: withExit(main.state, next) }),
        { kind: "set_field", pointer: `${startScope}/StartAt`, value: main.name },
      ],
      select: statePointer(startScope, main.name),
    };
  }

  const from = byPointer.get(edge.from);
  const transition = edgeTransition(edge);
  if (!from || !transition) return null;
  const built = buildItem(itemId, { ql: scopeQueryLanguage(snapshot, from.scope), unique, next });
  const [main, ...extra] = built;
  return {
    edits: [
      ...addAll(from.scope, extra),
      { kind: "insert_between", from: from.pointer, transition, name: main.name, state: main.state },
    ],
    select: statePointer(from.scope, main.name),
  };
}

function add(scope: string, s: NewState): DocumentEdit {
  return { kind: "add_state", scope, name: s.name, state: s.state };
}

function addAll(scope: string, states: NewState[]): DocumentEdit[] {
  return states.map((s) => add(scope, s));
}

/** What Rust's insert_between does to the new state, for the edits that add it
 *  directly: go to `next` (a Choice by Default), or end; Succeed and Fail have no exit. */
export function withExit(state: Json, next: string | null): Json {
  const { Next: _n, End: _e, ...rest } = state;
  void _n;
  void _e;
  const type = rest.Type;
  if (type === "Succeed" || type === "Fail") return rest;
  if (type === "Choice") return next ? { ...rest, Default: next } : rest;
  return next ? { ...rest, Next: next } : { ...rest, End: true };
}
