// Folds a run's events into what the canvas and panels draw: per-state status keyed by
// pointer (every iteration of a Map state lands on the one node), the transitions taken,
// Map progress, the pause point and the waiting callbacks. Pure; events are folded in
// batches (one per animation frame) so a 10,000-item Map copies the tables once a frame,
// not once an event.
import type { Json, PendingPoint, RunEvent, RunStatus, WaitingCallback } from "../ipc/run";
import type { StateInfo } from "../ipc/types";
import { laneOf, pathToPointer, type StateIndex } from "./paths";

export type StateStatus = "running" | "succeeded" | "failed" | "caught" | "retrying";

export interface StateMark {
  status: StateStatus;
  /** Times entered: loops, Map iterations and Parallel branches add up. */
  entered: number;
  /** The retry about to run (status "retrying"). */
  retry: { attempt: number; delaySeconds: number; error: string } | null;
  error: string | null;
}

export interface MapProgress {
  /** Items to process, when known (Distributed Map progress, or an inline Map's input). */
  total: number | null;
  started: number;
  succeeded: number;
  failed: number;
  running: number;
  finished: boolean;
}

export interface RunView {
  status: RunStatus;
  marks: ReadonlyMap<string, StateMark>;
  /** Transitions taken: `a>b` (state to state), `^b` (a scope's start edge into b),
   *  `a>$` (a ended its scope). Pointers, so the canvas can match its edges. */
  taken: ReadonlySet<string>;
  /** Per lane (`""`, `P/1/`, `M/3/`), the pointer of the state last entered. */
  lanes: ReadonlyMap<string, string>;
  maps: ReadonlyMap<string, MapProgress>;
  /** The state last entered: the view follows it. */
  current: string | null;
  pending: PendingPoint | null;
  pendingPointer: string | null;
  callbacks: readonly WaitingCallback[];
  outcome: { output: Json | null; error: string | null; cause: string | null } | null;
  events: number;
}

/** The Rust side also sends these two; the contract's RunEvent does not list them yet. */
export type WireEvent =
  | RunEvent
  | { event: "resumed"; command: string }
  | { event: "callbackAnswered"; token: string; kind: string };

export const emptyView = (status: RunStatus = "RUNNING"): RunView => ({
  status,
  marks: new Map(),
  taken: new Set(),
  lanes: new Map(),
  maps: new Map(),
  current: null,
  pending: null,
  pendingPointer: null,
  callbacks: [],
  outcome: null,
  events: 0,
});

const ENDS = new Set(["Succeed", "Fail"]);

function ends(state: StateInfo | undefined): boolean {
  return !!state && (ENDS.has(state.type) || state.json.End === true);
}

/** How many items an inline Map will iterate, read from its input when its ItemsPath is a
 *  plain `$.a.b` path (or absent) or its Items a literal array; null otherwise. */
export function itemsCount(input: Json, state: Pick<StateInfo, "json">): number | null {
  const items = state.json.Items;
  if (Array.isArray(items)) return items.length;
  const path = state.json.ItemsPath;
  if (path !== undefined && typeof path !== "string") return null;
  let value: Json | undefined = input;
  if (typeof path === "string" && path !== "$") {
    if (!/^\$(\.[A-Za-z_][\w-]*)+$/.test(path)) return null;
    for (const key of path.slice(2).split(".")) {
      value = value && typeof value === "object" && !Array.isArray(value) ? value[key] : undefined;
    }
  }
  return Array.isArray(value) ? value.length : null;
}

export function foldEvents(view: RunView, events: readonly WireEvent[], index: StateIndex): RunView {
  if (events.length === 0) return view;
  const marks = new Map(view.marks);
  const taken = new Set(view.taken);
  const lanes = new Map(view.lanes);
  const maps = new Map(view.maps);
  let { status, current, pending, pendingPointer, callbacks, outcome } = view;
  const pointer = (path: string) => pathToPointer(index, path);
  const mark = (p: string): StateMark => marks.get(p) ?? { status: "running", entered: 0, retry: null, error: null };
  // The Map a lane iterates in (lane `M/3/` -> the Map at path `M`), or null.
  const laneMap = (lane: string): string | null => {
    const m = /^(.*)\/\d+\/$/.exec(lane);
    if (!m) return null;
    const p = pointer(m[1]);
    return p && index.byPointer.get(p)?.type === "Map" ? p : null;
  };
  const bumpMap = (lane: string, field: "succeeded" | "failed") => {
    const mp = laneMap(lane);
    const progress = mp ? maps.get(mp) : undefined;
    if (!mp || !progress || progress.finished) return;
    maps.set(mp, { ...progress, [field]: progress[field] + 1, running: Math.max(0, progress.running - 1) });
  };

  for (const e of events) {
    switch (e.event) {
      case "stateEntered": {
        // Status changes only with paused/resumed/finished: other branches and iterations
        // may go on while one of them waits at a breakpoint.
        const p = pointer(e.path);
        if (!p) break;
        const lane = laneOf(e.path);
        const before = lanes.get(lane);
        if (before === undefined) {
          taken.add(`^${p}`);
          const mp = laneMap(lane);
          const progress = mp ? maps.get(mp) : undefined;
          if (mp && progress) maps.set(mp, { ...progress, started: progress.started + 1, running: progress.running + 1 });
        } else if (before !== p) taken.add(`${before}>${p}`);
        lanes.set(lane, p);
        const m = mark(p);
        marks.set(p, { status: "running", entered: m.entered + 1, retry: null, error: null });
        current = p;
        const state = index.byPointer.get(p);
        if (state?.type === "Map") {
          maps.set(p, { total: itemsCount(e.input, state), started: 0, succeeded: 0, failed: 0, running: 0, finished: false });
        }
        if (state?.type === "Fail") bumpMap(lane, "failed");
        break;
      }
      case "stateExited": {
        const p = pointer(e.path);
        if (!p) break;
        const m = mark(p);
        const state = index.byPointer.get(p);
        if (state?.type !== "Fail") marks.set(p, { ...m, status: m.status === "caught" ? "caught" : "succeeded", retry: null });
        if (ends(state) && state?.type !== "Fail") {
          taken.add(`${p}>$`);
          bumpMap(laneOf(e.path), "succeeded");
        }
        const progress = maps.get(p);
        if (progress && state?.type === "Map") maps.set(p, { ...progress, running: 0, finished: true });
        break;
      }
      case "failed": {
        const p = pointer(e.path);
        if (!p) break;
        marks.set(p, { ...mark(p), status: "failed", retry: null, error: e.error });
        const state = index.byPointer.get(p);
        // Without handlers the failure ends the iteration; with them, retry/caught follow.
        if (state && !state.json.Retry && !state.json.Catch) bumpMap(laneOf(e.path), "failed");
        break;
      }
      case "retryScheduled": {
        const p = pointer(e.path);
        if (p) marks.set(p, { ...mark(p), status: "retrying", retry: { attempt: e.attempt, delaySeconds: e.delaySeconds, error: e.error } });
        break;
      }
      case "caught": {
        const p = pointer(e.path);
        if (p) marks.set(p, { ...mark(p), status: "caught", retry: null, error: e.error });
        break;
      }
      case "mapRunProgress": {
        const p = pointer(e.path);
        if (!p) break;
        const started = e.succeeded + e.failed + e.running;
        maps.set(p, { total: e.total, started, succeeded: e.succeeded, failed: e.failed, running: e.running, finished: e.finished });
        break;
      }
      case "paused": {
        const { event: _, ...point } = e;
        pending = point;
        pendingPointer = pointer(e.path);
        status = "PAUSED";
        break;
      }
      case "resumed":
        pending = null;
        pendingPointer = null;
        status = "RUNNING";
        break;
      case "waitingForCallback": {
        const { event: _, ...waiting } = e;
        callbacks = [...callbacks.filter((c) => c.token !== waiting.token), waiting];
        break;
      }
      case "callbackAnswered":
        callbacks = callbacks.filter((c) => c.token !== e.token);
        break;
      case "finished":
        status = e.status;
        outcome = { output: e.output, error: e.error, cause: e.cause };
        pending = null;
        pendingPointer = null;
        callbacks = [];
        break;
    }
  }
  return { status, marks, taken, lanes, maps, current, pending, pendingPointer, callbacks, outcome, events: view.events + events.length };
}
