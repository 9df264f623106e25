// DEV ONLY: the mock backend's runs are replays of event streams recorded from the real
// backend (ui/src/fixtures/run-*.events.json, written by src-tauri/tests/run.rs), so the
// UI in a plain browser sees the protocol the app sends, and no ASL meaning is re-derived
// in TypeScript. The recording decides everything: where a run pauses (breakpoints set
// in the UI are not consulted), what each state outputs, how the run ends. The replay only
// waits where the real run waited for the user (a pause, a callback) and keeps what it
// has sent as the run's record for run_get and the page commands. The app's stream
// carries no state values (they stay in Rust's record), so the replayed record has none
// either: the pause points do (the Paused events carry them whole).
//
// Free of `window` and `location` so a test can drive it with a fake channel.
import type { CallbackOutcome, HistoryEvent, Json, Paused, RunEvent, RunRecord, RunState, RunSummary, Variables, WaitingCallback } from "../ipc/run";
import type { HistoryPageRow } from "../ipc/runPages";

/** Sends one batch over the run's Channel (the real backend sends arrays of events). */
export type Send = (batch: RunEvent[]) => void;

/** The token the recordings write in place of the real, random task token. */
export const RECORDED_TOKEN = "TASK_TOKEN";

/** A recorded stream fits a machine when every state it names is one of the machine's. */
export function fits(events: readonly RunEvent[], pointers: ReadonlySet<string>): boolean {
  return events.every((e) => !("pointer" in e) || pointers.has(e.pointer));
}

export interface ReplayOptions {
  id: number;
  events: readonly RunEvent[];
  send: Send;
  /** Delay before each event, in ms (0 in tests). */
  stepMs: number;
  /** This run's task token, replacing `TASK_TOKEN` wherever the recording has it. */
  token: string;
  title: string;
  machinePath: string | null;
}

/** What holds the replay: a pause until a debug command, a callback until its answer. */
type Gate = { kind: "pause" | "callback"; release(): void };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The history event that ends an execution, by status, with its details' key. */
const HISTORY_END: Record<string, [string, string]> = {
  SUCCEEDED: ["ExecutionSucceeded", "executionSucceededEventDetails"],
  FAILED: ["ExecutionFailed", "executionFailedEventDetails"],
  TIMED_OUT: ["ExecutionTimedOut", "executionTimedOutEventDetails"],
  ABORTED: ["ExecutionAborted", "executionAbortedEventDetails"],
};

export class Replay {
  readonly summary: RunSummary;
  readonly states: RunState[] = [];
  /** A minimal AWS-shaped history (execution start/end, states entered/exited), each
   *  row with its state's name, so the history view has something to page through. */
  readonly history: HistoryPageRow[] = [];
  pending: Paused | null = null;
  callbacks: WaitingCallback[] = [];
  private readonly events: RunEvent[];
  /** The states entered and not yet exited, by path (a path runs one state at a time). */
  private readonly open = new Map<string, RunState>();
  private gate: Gate | null = null;
  private over = false;

  constructor(private readonly o: ReplayOptions) {
    // The token may also appear inside payloads (the message carrying it): replace it all.
    this.events = JSON.parse(JSON.stringify(o.events).replaceAll(RECORDED_TOKEN, o.token)) as RunEvent[];
    const first = this.events.find((e) => e.event === "stateEntered");
    this.summary = {
      id: o.id,
      machinePath: o.machinePath,
      title: o.title,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      status: "RUNNING",
      input: first && first.event === "stateEntered" ? first.input : {},
      output: null,
      error: null,
      cause: null,
      clock: "virtual",
      transitions: null,
    };
    this.log("ExecutionStarted", "", ["executionStartedEventDetails", { input: JSON.stringify(this.summary.input) }]);
  }

  get finished(): boolean {
    return this.over;
  }

  /** Plays the stream to its end (or until stopped); resolves when it is over. */
  async play(): Promise<void> {
    let released = false;
    for (const event of this.events) {
      // The event after a resume goes at once: the real backend sends `resumed` first,
      // and a UI waiting on it should not wait for the replay's pace.
      if (!released) await sleep(this.o.stepMs);
      released = false;
      if (this.over) return;
      this.apply(event);
      this.o.send([event]);
      if (event.event === "finished") return;
      if (event.event === "paused") released = await this.hold("pause");
      else if (event.event === "waitingForCallback") released = await this.hold("callback");
      if (this.over) return;
    }
  }

  /** debug_command. Whatever the command, the recording decides where the run pauses next. */
  command(kind: string): void {
    if (this.over) throw { code: "run-finished", message: `run ${this.o.id} has finished` };
    if (kind === "stop") return this.stop();
    if (this.gate?.kind === "pause") this.release();
  }

  /** run_stop: always works, also while a callback waits; `finished` (ABORTED) follows. */
  stop(): void {
    if (this.over) return;
    const end: RunEvent = { event: "finished", status: "ABORTED", output: null, error: null, cause: null };
    this.apply(end);
    this.o.send([end]);
    this.release();
  }

  /** debug_edit: the pending point with the edit applied. Display only: the replay goes on
   *  with the recorded values. */
  edit(input: Json | null, variables: Variables | null): Paused {
    if (!this.pending) throw { code: "not-paused", message: `run ${this.o.id} is not paused` };
    const point = { ...this.pending };
    if (input !== null) {
      if (point.place === "afterExit") point.output = input;
      else point.input = input;
    }
    if (variables !== null) point.variables = variables;
    return (this.pending = point);
  }

  /** callback_send: any answer but a heartbeat lets the replay go on (with the recording). */
  answer(token: string, outcome: CallbackOutcome): void {
    if (!this.callbacks.some((c) => c.token === token)) {
      throw { code: "task-does-not-exist", message: "Task does not exist anymore" };
    }
    if (outcome.kind === "heartbeat") return;
    // Answered: no longer the run's to wait for, though the recording may send its
    // `callbackAnswered` later.
    this.callbacks = this.callbacks.filter((c) => c.token !== token);
    if (this.gate?.kind === "callback") this.release();
  }

  /** The whole record, as copies (IPC would copy: the replay goes on appending). */
  record(): RunRecord {
    return {
      ...this.summary,
      states: this.states.map((s) => ({ ...s })),
      history: { events: this.history.map((r) => r.event) },
      historyStates: this.history.map((r) => r.state),
      pending: this.pending,
      callbacks: [...this.callbacks],
      eventCount: this.history.length,
      stateCount: this.states.length,
      paged: false,
      tally: [],
      taken: [],
    };
  }

  private hold(kind: Gate["kind"]): Promise<boolean> {
    return new Promise((resolve) => (this.gate = { kind, release: () => resolve(true) }));
  }

  private release(): void {
    const gate = this.gate;
    this.gate = null;
    gate?.release();
  }

  /** Folds an event into the record, as the real backend's record holds it. */
  private apply(e: RunEvent): void {
    switch (e.event) {
      case "stateEntered": {
        const name = e.path.slice(e.path.lastIndexOf("/") + 1);
        const state: RunState = {
          pointer: e.pointer, from: e.from, ends: false, error: null, cause: null,
          name, type: e.stateType, path: e.path, input: e.input, inspection: {},
        };
        this.states.push(state);
        this.open.set(e.path, state);
        this.log(`${e.stateType}StateEntered`, name, ["stateEnteredEventDetails", { name, input: JSON.stringify(e.input) }]);
        break;
      }
      case "stateExited": {
        const state = this.open.get(e.path);
        if (!state) break;
        this.open.delete(e.path);
        Object.assign(state, { output: e.output, ends: e.ends, inspection: e.inspection ?? state.inspection });
        this.log(`${state.type}StateExited`, state.name, ["stateExitedEventDetails", { name: state.name, output: JSON.stringify(e.output) }]);
        break;
      }
      case "failed": {
        const state = this.open.get(e.path);
        if (state) Object.assign(state, { error: e.error, cause: e.cause });
        break;
      }
      case "paused": {
        const { event: _, ...point } = e;
        this.pending = point;
        this.summary.status = "PAUSED";
        break;
      }
      case "resumed":
        this.pending = null;
        this.summary.status = "RUNNING";
        break;
      case "waitingForCallback": {
        const { event: _, ...info } = e;
        this.callbacks.push(info);
        break;
      }
      case "callbackAnswered":
        this.callbacks = this.callbacks.filter((c) => c.token !== e.token);
        break;
      case "finished": {
        this.over = true;
        this.pending = null;
        this.callbacks = [];
        const { status, output, error, cause } = e;
        Object.assign(this.summary, { status, output, error, cause, finishedAt: new Date().toISOString(), transitions: this.states.length });
        const details: Json = status === "SUCCEEDED" ? { output: JSON.stringify(output) } : { error, cause };
        const [type, key] = HISTORY_END[status];
        this.log(type, "", [key, details]);
        break;
      }
      default:
        break;
    }
  }

  private log(type: string, state: string, [key, details]: [string, Json]): void {
    const id = this.history.length + 1;
    const event: HistoryEvent = { timestamp: new Date().toISOString(), type, id, previousEventId: id - 1, [key]: details };
    this.history.push({ state, event });
  }
}
