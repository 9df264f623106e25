// Run and coverage marks on the canvas, as classNames on React Flow's node and edge
// wrappers. `toFlow` stays pure and unaware of runs; `decorate` adds the classes after it
// and keeps every object whose class did not change, so React Flow re-renders only the
// nodes a batch of events touched (the same identity rule as reuse.ts).
import type { Coverage } from "../ipc/run";
import type { LayoutEdge } from "../ipc/types";
import type { Flow, FlowNode, PolyEdge } from "../canvas/toFlow";
import type { RunView } from "./fold";

export interface CanvasMarks {
  /** node id -> classes */
  nodes: ReadonlyMap<string, string>;
  /** edge id -> classes */
  edges: ReadonlyMap<string, string>;
}

/** The key `RunView.taken` uses for the transition an edge draws. */
export function edgeKey(e: LayoutEdge): string {
  if (e.kind === "Start" || e.kind === "BranchStart" || e.kind === "IterationStart") return `^${e.to}`;
  if (e.kind === "End") return `${e.from}>$`;
  return `${e.from}>${e.to}`;
}

const FINISHED = new Set(["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]);

export function runMarks(flow: Flow, view: RunView): CanvasMarks {
  const nodes = new Map<string, string>();
  const finished = FINISHED.has(view.status);
  const waiting = new Set(view.callbacks.map((c) => c.pointer));
  for (const n of flow.nodes) {
    if (!n.selectable) continue;
    const mark = view.marks.get(n.id);
    const cls: string[] = [];
    // Once the run is over, the states it never reached step back.
    if (mark) cls.push(`run-${mark.status}`);
    else if (finished) cls.push("run-unvisited");
    if (view.pending?.pointer === n.id) cls.push("run-paused");
    if (view.current === n.id && !finished) cls.push("run-current");
    if (waiting.has(n.id)) cls.push("run-waiting");
    if (cls.length) nodes.set(n.id, cls.join(" "));
  }
  const edges = new Map<string, string>();
  for (const e of flow.edges) {
    if (e.data && view.taken.has(edgeKey(e.data.layout))) edges.set(e.id, "run-taken");
  }
  return { nodes, edges };
}

/** Coverage of the tests: states and Choice rules / catchers (edges) exercised or not. */
export function coverageMarks(flow: Flow, coverage: Coverage): CanvasMarks {
  const nodes = new Map<string, string>();
  const hits = new Map(coverage.states.map((s) => [s.pointer, s.hits]));
  for (const n of flow.nodes) {
    if (!n.selectable || !hits.has(n.id)) continue;
    nodes.set(n.id, hits.get(n.id)! > 0 ? "cov-hit" : "cov-miss");
  }
  const rules = new Map<string, number>();
  for (const r of coverage.choiceRules) rules.set(`${r.statePointer}|${r.rule === "Default" ? "Default" : `ChoiceRule:${r.rule}`}`, r.hits);
  for (const c of coverage.catchers) rules.set(`${c.statePointer}|Catch:${c.index}`, c.hits);
  const edges = new Map<string, string>();
  for (const e of flow.edges) {
    const l = e.data?.layout;
    if (!l) continue;
    const key = l.kind === "Default" ? `${l.from}|Default` : `${l.from}|${l.kind}:${l.index ?? ""}`;
    const h = rules.get(key);
    if (h !== undefined) edges.set(e.id, h > 0 ? "cov-hit" : "cov-miss");
  }
  return { nodes, edges };
}

/** Remembers, per undecorated node/edge object, its decorated copy and class. */
export type DecorateCache = WeakMap<object, { cls: string; out: object }>;

function withClass<T extends FlowNode | PolyEdge>(item: T, cls: string | undefined, cache: DecorateCache): T {
  if (!cls) return item;
  const hit = cache.get(item);
  if (hit && hit.cls === cls) return hit.out as T;
  const out = { ...item, className: cls } as T;
  cache.set(item, { cls, out });
  return out;
}

export function decorate(flow: Flow, marks: CanvasMarks, cache: DecorateCache): Flow {
  return {
    nodes: flow.nodes.map((n) => withClass(n, marks.nodes.get(n.id), cache)),
    edges: flow.edges.map((e) => withClass(e, marks.edges.get(e.id), cache)),
    stale: flow.stale,
  };
}
