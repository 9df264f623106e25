// Snapshot -> React Flow nodes and edges. Pure: the canvas draws exactly the geometry Rust
// computed (design §2.2); the only UI-side changes are relative child positions (React
// Flow wants them relative to the parent) and collapsed containers (UI-only state).
import { Position, type Edge, type Node } from "@xyflow/react";
import type { LayoutEdge, LayoutNode, Problem, Snapshot, StateInfo } from "../ipc/types";
import { same } from "./reuse";

/** The state types that have their own node component (ui/src/states/<Type>/node.tsx). */
export const STATE_TYPES = ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const;
export type StateType = (typeof STATE_TYPES)[number];

export type StateNodeData = {
  layout: LayoutNode;
  /** Null only when the snapshot's states and layout disagree (should not happen). */
  state: StateInfo | null;
  problems: Problem[];
  /** Containers only: the user folded it; `hiddenCount` states are inside. */
  collapsed: boolean;
  hiddenCount: number;
};
/** Start/End pills, Branch panels and Missing targets: drawing only, never selected. */
export type FrameNodeData = { layout: LayoutNode };

export type StateNode = Node<StateNodeData, StateType | "Unknown">;
export type FrameNode = Node<FrameNodeData, "Pill" | "Branch" | "Missing">;
export type FlowNode = StateNode | FrameNode;

export type PolyEdgeData = {
  layout: LayoutEdge;
  /** The route to draw (absolute flow coordinates); differs from layout.points only
   *  when the source is a collapsed container. */
  points: [number, number][];
};
export type PolyEdge = Edge<PolyEdgeData, "poly">;

export interface Flow {
  nodes: FlowNode[];
  edges: PolyEdge[];
  /** The snapshot's text does not parse: this is the last good diagram, drawn greyed. */
  stale: boolean;
}

/** Height of a folded container: its title plus one summary line. */
export const COLLAPSED_BODY = 34;

/** `prev`, the flow of the previous snapshot, lends its node and edge objects where their
 *  inputs are the very same objects (a merged delta keeps unchanged parts as they were):
 *  a 1,000-state machine then costs a pass over identities after an edit, not a rebuild. */
export function toFlow(
  snapshot: Snapshot | null,
  collapsed: ReadonlySet<string> = new Set(),
  selection: readonly string[] = [],
  prev: Flow | null = null,
): Flow {
  if (!snapshot) return { nodes: [], edges: [], stale: false };
  const prevNodes = new Map((prev?.nodes ?? []).map((n) => [n.id, n]));
  const prevEdges = new Map((prev?.edges ?? []).map((e) => [e.id, e]));
  const layout = snapshot.layout;
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const states = new Map(snapshot.states.map((s) => [s.pointer, s]));
  const problems = problemsByState(snapshot.problems);
  const selected = new Set(selection);

  // A node is hidden when any ancestor container is folded.
  const hidden = (n: LayoutNode): boolean => {
    for (let p = n.parent; p; p = byId.get(p)?.parent ?? null) if (collapsed.has(p)) return true;
    return false;
  };
  const hiddenCount = (id: string) =>
    snapshot.states.filter((s) => s.pointer.startsWith(id + "/")).length;

  // Parents must precede children in React Flow's array; depth orders them (stable sort).
  const ordered = [...layout.nodes].sort((a, b) => a.depth - b.depth);
  const nodes: FlowNode[] = ordered.map((n) => {
    const parent = n.parent ? byId.get(n.parent) : undefined;
    const folded = n.container && collapsed.has(n.id);
    const old = prevNodes.get(n.id);
    if (old && keeps(old, n, parent, states.get(n.id), problems.get(n.id), folded, hidden(n), selected.has(n.id), prevNodes)) return old;
    const height = folded ? n.titleHeight + COLLAPSED_BODY : n.height;
    const base = {
      id: n.id,
      position: { x: n.x - (parent?.x ?? 0), y: n.y - (parent?.y ?? 0) },
      width: n.width,
      height,
      // Sizes are Rust's, not the DOM's: giving them as measured lets React Flow skip
      // waiting for a measurement before it treats the nodes as initialised.
      measured: { width: n.width, height },
      hidden: hidden(n),
      draggable: false,
      // Manual z-order (zIndexMode="manual"): deeper nodes above their containers,
      // the edges of a scope between the container and its children (see edgeZ).
      zIndex: 2 * n.depth,
      ...(parent ? { parentId: parent.id } : {}),
      // A node new to the canvas declares its edge handles, so React Flow need not render
      // it to measure them: otherwise every node, seen or not, is put in the DOM once,
      // seconds before the first paint of a big machine. Rendered nodes measure their real
      // handles (NodeShell); later objects of the node keep what is known.
      ...(old ? {} : { handles: edgeHandles(n.width, height) }),
    };
    if (n.type === "Start" || n.type === "End") return { ...base, type: "Pill", data: { layout: n }, selectable: false } as FrameNode;
    if (n.type === "Branch" || n.type === "Missing")
      return { ...base, type: n.type, data: { layout: n }, selectable: false } as FrameNode;
    const type = (STATE_TYPES as readonly string[]).includes(n.type) ? (n.type as StateType) : "Unknown";
    return {
      ...base,
      type,
      selectable: true,
      selected: selected.has(n.id),
      data: {
        layout: n,
        state: states.get(n.id) ?? null,
        problems: problems.get(n.id) ?? [],
        collapsed: folded,
        hiddenCount: folded ? hiddenCount(n.id) : 0,
      },
    } as StateNode;
  });

  const nodeHidden = new Map(nodes.map((n) => [n.id, n.hidden ?? false]));
  const seen = new Map<string, number>();
  const edges: PolyEdge[] = layout.edges.map((e) => {
    let id = `${e.from}->${e.to}:${e.kind}:${e.index ?? ""}`;
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    if (count > 0) id += `#${count}`;
    const source = byId.get(e.from);
    const target = byId.get(e.to);
    const old = prevEdges.get(id);
    if (
      old &&
      old.data?.layout === e &&
      !(source?.container && collapsed.has(source.id)) &&
      old.hidden === (!source || !target || nodeHidden.get(e.from) === true || nodeHidden.get(e.to) === true) &&
      old.zIndex === edgeZ(source, target)
    )
      return old;
    return {
      id,
      type: "poly",
      source: e.from,
      target: e.to,
      selectable: false,
      hidden: !source || !target || nodeHidden.get(e.from) === true || nodeHidden.get(e.to) === true,
      zIndex: edgeZ(source, target),
      data: { layout: e, points: foldedRoute(e, source, collapsed) },
    };
  });

  return { nodes, edges, stale: snapshot.parseError !== null };
}

/** The hidden handles every node has (NodeShell, frameNodes): edges attach to them. */
function edgeHandles(width: number, height: number): NonNullable<Node["handles"]> {
  return [
    { type: "target", id: "in", x: width / 2, y: 0, width: 1, height: 1, position: Position.Top },
    { type: "source", id: "out", x: width / 2, y: height - 1, width: 1, height: 1, position: Position.Bottom },
  ];
}

/** The previous node `old` draws `n` exactly as a new one would (checked on identities;
 *  a state whose text range alone moved counts as the same, as the canvas never draws it). */
function keeps(
  old: FlowNode,
  n: LayoutNode,
  parent: LayoutNode | undefined,
  state: StateInfo | undefined,
  problems: Problem[] | undefined,
  folded: boolean,
  hidden: boolean,
  selected: boolean,
  prevNodes: Map<string, FlowNode>,
): boolean {
  if (old.data.layout !== n || (old.hidden ?? false) !== hidden || folded) return false;
  const oldParent = old.parentId === undefined ? undefined : prevNodes.get(old.parentId)?.data.layout;
  if (oldParent !== parent) return false;
  if (!("state" in old.data)) return true;
  const d = old.data;
  const s = d.state;
  if (d.collapsed || (old.selected ?? false) !== selected) return false;
  const sameState =
    s === (state ?? null) ||
    (!!s && !!state && s.json === state.json && s.name === state.name && s.pointer === state.pointer && s.type === state.type && s.scope === state.scope && s.queryLanguage === state.queryLanguage);
  const list = problems ?? [];
  const sameProblems = d.problems.length === list.length && d.problems.every((p, i) => p === list[i] || same(p, list[i]));
  return sameState && sameProblems;
}

function edgeZ(a: LayoutNode | undefined, b: LayoutNode | undefined): number {
  return 2 * Math.max(a?.depth ?? 0, b?.depth ?? 0) - 1;
}

/** An edge leaving a folded container starts at its new, shorter bottom: the first
 *  segment of an orthogonal route from a node's bottom is vertical, so lifting its first
 *  point only lengthens that segment. */
function foldedRoute(e: LayoutEdge, source: LayoutNode | undefined, collapsed: ReadonlySet<string>): [number, number][] {
  if (!source || !source.container || !collapsed.has(source.id) || e.points.length === 0) return e.points;
  const bottom = source.y + source.titleHeight + COLLAPSED_BODY;
  const [x, y] = e.points[0];
  if (Math.abs(y - (source.y + source.height)) > 1) return e.points;
  return [[x, bottom], ...e.points.slice(1)];
}

export function problemsByState(problems: readonly Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.statePointer) continue;
    const list = out.get(p.statePointer) ?? [];
    list.push(p);
    out.set(p.statePointer, list);
  }
  return out;
}
