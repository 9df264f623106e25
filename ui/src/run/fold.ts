// Folds a run's events into what the canvas and panels draw: per-state status keyed by
// pointer (every iteration of a Map state lands on the one node), the transitions taken,
// Map progress, the pause point and the waiting callbacks. Pure; events are folded in
// batches (one per animation frame) so a 10,000-item Map copies the tables once a frame,
// not once an event. Every fact comes with the event (pointers, the transition taken, a
// Map's counts, the whole pause): nothing here reads paths or the definition.
import type { Json, PendingPoint, RunEvent, RunStatus, WaitingCallback } from "../ipc/run";

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
  maps: ReadonlyMap<string, MapProgress>;
  /** The state last entered: the view follows it. */
  current: string | null;
  pending: PendingPoint | null;
  callbacks: readonly WaitingCallback[];
  outcome: { output: Json | null; error: string | null; cause: string | null } | null;
  events: number;
}

export const emptyView = (status: RunStatus = "RUNNING"): RunView => ({
  status,
  marks: new Map(),
  taken: new Set(),
  maps: new Map(),
  current: null,
  pending: null,
  callbacks: [],
  outcome: null,
  events: 0,
});

export function foldEvents(view: RunView, events: readonly RunEvent[]): RunView {
  if (events.length === 0) return view;
  const marks = new Map(view.marks);
  const taken = new Set(view.taken);
  const maps = new Map(view.maps);
  let { status, current, pending, callbacks, outcome } = view;
  const mark = (p: string): StateMark => marks.get(p) ?? { status: "running", entered: 0, retry: null, error: null };

  for (const e of events) {
    switch (e.event) {
      case "stateEntered": {
        // Status changes only with paused/resumed/finished: other branches and iterations
        // may go on while one of them waits at a breakpoint.
        const p = e.pointer;
        taken.add(e.from === null ? `^${p}` : `${e.from}>${p}`);
        const m = mark(p);
        marks.set(p, { status: "running", entered: m.entered + 1, retry: null, error: null });
        current = p;
        break;
      }
      case "stateExited": {
        const m = mark(e.pointer);
        marks.set(e.pointer, { ...m, status: m.status === "caught" ? "caught" : "succeeded", retry: null });
        if (e.ends) taken.add(`${e.pointer}>$`);
        break;
      }
      case "failed":
        marks.set(e.pointer, { ...mark(e.pointer), status: "failed", retry: null, error: e.error });
        break;
      case "retryScheduled":
        marks.set(e.pointer, { ...mark(e.pointer), status: "retrying", retry: { attempt: e.attempt, delaySeconds: e.delaySeconds, error: e.error } });
        break;
      case "caught":
        marks.set(e.pointer, { ...mark(e.pointer), status: "caught", retry: null, error: e.error });
        break;
      case "mapRunProgress": {
        const started = e.succeeded + e.failed + e.running;
        maps.set(e.pointer, { total: e.total, started, succeeded: e.succeeded, failed: e.failed, running: e.running, finished: e.finished });
        break;
      }
      case "paused": {
        const { event: _, ...point } = e;
        pending = point;
        status = "PAUSED";
        break;
      }
      case "resumed":
        pending = null;
        status = "RUNNING";
        break;
      case "waitingForCallback": {
        const { event: _, ...waiting } = e;
        callbacks = [...callbacks.filter((c) => c.token !== waiting.token), waiting];
        break;
      }
      case "callbackAnswered":
        // After a heartbeat the task still waits.
        if (e.kind !== "heartbeat") callbacks = callbacks.filter((c) => c.token !== e.token);
        break;
      case "finished":
        status = e.status;
        outcome = { output: e.output, error: e.error, cause: e.cause };
        pending = null;
        callbacks = [];
        break;
    }
  }
  return { status, marks, taken, maps, current, pending, callbacks, outcome, events: view.events + events.length };
}
