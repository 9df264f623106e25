// DEV ONLY: run commands for the mock backend. A small walker over the fixture's states
// plays a plausible run — entering and exiting states with a visible delay, Parallel
// branches and Map iterations with their paths, a retried-then-caught failure (input
// `"__fail": "StateName"`), `.waitForTaskToken` tasks waiting for callback_send — over the
// run's Channel, with breakpoints, stepping, edits at a pause and Stop. Not an interpreter:
// Choice rules understand only plain comparisons of `$.a.b` paths.
import type { BreakpointSpec, HistoryEvent, Json, PendingPoint, RerunFrom, RunRecord, RunState, RunSummary, WaitingCallback } from "../ipc/run";
import type { ExecutionsQuery, HistoryQuery } from "../ipc/runPages";
import type { Snapshot, StateInfo } from "../ipc/types";
import { mockSources, mockTestReport } from "./mockRunData";
import { exportHistory, historyPage, pagedRecord, stateExecutions } from "./mockRunPages";

type Obj = { [k: string]: Json };
type Send = (message: unknown) => void;
class Abort extends Error {}

const params = new URLSearchParams(location.search);
const STEP_MS = Number(params.get("speed") ?? 380);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const get = (v: Json, path: string): Json | undefined => {
  if (path === "$") return v;
  let cur: Json | undefined = v;
  for (const k of path.replace(/^\$\.?/, "").split(".")) cur = cur && typeof cur === "object" && !Array.isArray(cur) ? cur[k] : undefined;
  return cur;
};
function setPath(input: Json, path: unknown, value: Json): Json {
  if (path === null) return input;
  if (typeof path !== "string" || path === "$") return value;
  const keys = path.replace(/^\$\./, "").split(".");
  const root: Obj = input && typeof input === "object" && !Array.isArray(input) ? structuredClone(input) : {};
  let cur = root;
  keys.slice(0, -1).forEach((k) => (cur = (cur[k] = cur[k] && typeof cur[k] === "object" ? (cur[k] as Obj) : {}) as Obj));
  cur[keys[keys.length - 1]] = value;
  return root;
}

function choose(state: StateInfo, input: Json): string | null {
  const rules = (state.json.Choices as Obj[]) ?? [];
  const test = (r: Obj): boolean => {
    if (Array.isArray(r.And)) return (r.And as Obj[]).every(test);
    if (Array.isArray(r.Or)) return (r.Or as Obj[]).some(test);
    const v = get(input, String(r.Variable ?? "$"));
    for (const [op, want] of Object.entries(r)) {
      const w = op.endsWith("Path") ? get(input, String(want)) : want;
      if (op === "IsPresent") return (v !== undefined) === want;
      if (op.startsWith("StringEquals") || op.startsWith("BooleanEquals") || op.startsWith("NumericEquals")) return v === w;
      if (op.startsWith("NumericGreaterThanEquals")) return Number(v) >= Number(w);
      if (op.startsWith("NumericGreaterThan")) return Number(v) > Number(w);
      if (op.startsWith("NumericLessThan")) return Number(v) < Number(w);
    }
    return true;
  };
  const hit = rules.find(test);
  return String(hit?.Next ?? state.json.Default ?? rules[0]?.Next ?? "") || null;
}

export class MockRun {
  summary: RunSummary;
  states: RunState[] = [];
  events: HistoryEvent[] = [];
  callbacks = new Map<string, { info: WaitingCallback; answer(outcome: Obj): void }>();
  pending: PendingPoint | null = null;
  private resume: (() => void) | null = null;
  private mode: "run" | "over" | "into" | "out" | "pause" = "run";
  private stepDepth = 0;
  private aborted = false;
  private index = 0;
  private clock = Date.parse("2025-06-01T09:00:00.000Z");

  constructor(
    id: number,
    private snap: Snapshot,
    input: Json,
    public breakpoints: BreakpointSpec[],
    private channel: number,
    /** A re-run: the top-level state it begins at instead of StartAt. */
    private startAt: string | null = null,
  ) {
    this.summary = {
      id, machinePath: snap.path, title: snap.title, startedAt: new Date().toISOString(), finishedAt: null, status: "RUNNING",
      input, output: null, error: null, cause: null, clock: "virtual", transitions: null,
    };
  }

  private send: Send = (message) => {
    const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } }).__TAURI_INTERNALS__;
    // One event per batch: the real backend sends arrays of events (run_events.rs).
    internals.runCallback(this.channel, { index: this.index++, message: [message] });
  };

  private history(type: string, details?: [string, Json]): number {
    this.clock += 40 + ((this.events.length * 37) % 160);
    const id = this.events.length + 1;
    const e: HistoryEvent = { timestamp: new Date(this.clock).toISOString(), type, id, previousEventId: id - 1 };
    if (details) e[details[0]] = details[1];
    this.events.push(e);
    return id;
  }

  record(): RunRecord {
    // Copies, as IPC would make: the run goes on appending to its own arrays.
    const whole = { ...this.summary, states: [...this.states], history: { events: [...this.events] }, eventCount: 0, stateCount: 0, paged: false };
    return pagedRecord({ ...whole, pending: this.pending, callbacks: [...this.callbacks.values()].map((c) => c.info) });
  }

  async start() {
    this.history("ExecutionStarted", ["executionStartedEventDetails", { input: JSON.stringify(this.summary.input) }]);
    let status: RunSummary["status"] = "SUCCEEDED";
    let output: Json | null = null;
    let error: string | null = null;
    let cause: string | null = null;
    try {
      output = await this.scope("", this.summary.input, "", 0);
      this.history("ExecutionSucceeded", ["executionSucceededEventDetails", { output: JSON.stringify(output) }]);
    } catch (e) {
      if (e instanceof Abort) {
        status = "ABORTED";
        this.history("ExecutionAborted");
      } else {
        const f = e as { error: string; cause: string };
        [status, error, cause] = ["FAILED", f.error, f.cause];
        this.history("ExecutionFailed", ["executionFailedEventDetails", { error, cause }]);
      }
    }
    this.pending = null;
    Object.assign(this.summary, { status, output, error, cause, finishedAt: new Date().toISOString(), transitions: this.states.length });
    this.send({ event: "finished", status, output, error, cause });
  }

  command(kind: string) {
    if (kind === "stop") {
      this.aborted = true;
      for (const c of this.callbacks.values()) c.answer({ kind: "abort" });
    }
    if (kind === "pause") this.mode = "pause";
    if (!this.resume) return;
    const depth = this.pending?.depth ?? 0;
    this.mode = kind === "stepOver" ? "over" : kind === "stepInto" ? "into" : kind === "stepOut" ? "out" : "run";
    this.stepDepth = depth;
    const go = this.resume;
    this.resume = null;
    this.pending = null;
    this.send({ event: "resumed", command: kind });
    go();
  }

  edit(input: Json | null, variables: Obj | null): PendingPoint {
    if (!this.pending) throw { code: "not-paused", message: `run ${this.summary.id} is not paused` };
    if (input !== null) this.pending = { ...this.pending, [this.pending.place === "afterExit" ? "output" : "input"]: input };
    if (variables !== null) this.pending = { ...this.pending, variables };
    return this.pending;
  }

  private hits(path: string, place: string, input: Json): boolean {
    return this.breakpoints.some((b) => {
      if ((b.place ?? "beforeEnter") !== place) return false;
      const re = new RegExp("^" + b.path.split("/").map((s) => (s === "*" ? "\\d+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/") + "$");
      if (!re.test(path)) return false;
      return !b.condition || !!get(input, b.condition);
    });
  }

  /** The debugger hook: pauses when a breakpoint or a step says so; returns the (possibly
   *  edited) data. */
  private async hook(path: string, place: "beforeEnter" | "afterExit", depth: number, input: Json, output: Json | null): Promise<Json> {
    if (this.aborted) throw new Abort();
    const step =
      place === "beforeEnter" &&
      (this.mode === "pause" || this.mode === "into" || (this.mode === "over" && depth <= this.stepDepth) || (this.mode === "out" && depth < this.stepDepth));
    const bp = this.hits(path, place, input);
    if (!step && !bp) return place === "afterExit" ? output! : input;
    const reason = bp ? "breakpoint" : this.mode === "pause" ? "pause" : "step";
    this.mode = "run";
    this.pending = { path, place, reason, depth, input, output, variables: { orderId: get(input, "$.orderId") ?? null } };
    this.summary.status = "PAUSED";
    this.send({ event: "paused", ...this.pending });
    const point = this.pending;
    await new Promise<void>((r) => (this.resume = r));
    this.summary.status = "RUNNING";
    if (this.aborted) throw new Abort();
    return place === "afterExit" ? (point.output as Json) : point.input;
  }

  private async scope(scope: string, input: Json, lane: string, depth: number): Promise<Json> {
    const info = this.snap.scopes.find((s) => s.pointer === scope);
    let name = (scope === "" ? this.startAt : null) ?? info?.startAt ?? null;
    let data = input;
    while (name) {
      const state = this.snap.states.find((s) => s.scope === scope && s.name === name);
      if (!state) throw { error: "States.Runtime", cause: `no state ${name}` };
      const { next, output } = await this.state(state, data, lane + state.name, depth);
      data = output;
      name = next;
    }
    return data;
  }

  private async state(state: StateInfo, entered: Json, path: string, depth: number): Promise<{ next: string | null; output: Json }> {
    const input = await this.hook(path, "beforeEnter", depth, entered, null);
    const j = state.json;
    this.send({ event: "stateEntered", path, stateType: state.type, input });
    const enteredId = this.history(`${state.type}StateEntered`, ["stateEnteredEventDetails", { name: state.name, input: JSON.stringify(input) }]);
    const record: RunState = { name: state.name, type: state.type, path, pointer: state.pointer, input, inspection: { input } };
    this.states.push(record);
    await sleep(state.type === "Task" ? STEP_MS : STEP_MS / 2);
    let result: Json = input;
    let next = (j.Next as string | undefined) ?? null;
    try {
      if (state.type === "Choice") next = choose(state, input);
      else if (state.type === "Fail") {
        const f = { error: String(j.Error ?? "States.Fail"), cause: String(j.Cause ?? "") };
        this.send({ event: "failed", path, ...f });
        throw f;
      } else if (state.type === "Wait") await sleep(STEP_MS);
      else if (state.type === "Parallel") result = await this.parallel(state, input, path, depth);
      else if (state.type === "Map") result = await this.map(state, input, path, depth);
      else if (state.type === "Task") result = await this.task(state, input, path);
      else if (state.type === "Pass") result = (j.Result as Json) ?? input;
    } catch (e) {
      if (e instanceof Abort || state.type === "Fail") throw e;
      const f = e as { error: string; cause: string };
      const catcher = ((j.Catch as Obj[]) ?? []).find((c) => (c.ErrorEquals as string[]).some((x) => x === f.error || x === "States.ALL" || x === "States.TaskFailed"));
      if (!catcher) throw e;
      this.send({ event: "caught", path, error: f.error, next: catcher.Next });
      result = setPath(input, catcher.ResultPath ?? "$", { Error: f.error, Cause: f.cause });
      record.inspection = { input, errorDetails: { catchIndex: ((j.Catch as Obj[]) ?? []).indexOf(catcher) } };
      return this.exit(state, record, input, result, path, depth, enteredId, String(catcher.Next));
    }
    if (state.type !== "Choice" && state.type !== "Task") result = setPath(input, j.ResultPath, result);
    return this.exit(state, record, input, result, path, depth, enteredId, next);
  }

  private async exit(state: StateInfo, record: RunState, input: Json, out: Json, path: string, depth: number, enteredId: number, next: string | null) {
    const output = await this.hook(path, "afterExit", depth, input, out);
    record.output = output;
    record.inspection = { ...record.inspection, output };
    this.send({ event: "stateExited", path, output, inspection: record.inspection });
    this.history(`${state.type}StateExited`, ["stateExitedEventDetails", { name: state.name, output: JSON.stringify(output) }]);
    void enteredId;
    return { next: state.json.End === true || state.type === "Succeed" ? null : next, output };
  }

  private async task(state: StateInfo, input: Json, path: string): Promise<Json> {
    const j = state.json;
    const resource = String(j.Resource ?? "");
    this.history("TaskScheduled", ["taskScheduledEventDetails", { resource, parameters: JSON.stringify(j.Parameters ?? {}) }]);
    if (resource.endsWith(".waitForTaskToken")) return this.callback(state, input, path);
    const failing = (input as Obj | null)?.__fail === state.name;
    const retry = ((j.Retry as Obj[]) ?? [])[0];
    const attempts = failing ? 1 + Math.min(2, Number(retry?.MaxAttempts ?? 0)) : 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (!failing) break;
      const error = String(((retry?.ErrorEquals as string[]) ?? ["States.TaskFailed"])[0]);
      this.history("TaskFailed", ["taskFailedEventDetails", { error, cause: "The card was declined (mock)" }]);
      this.send({ event: "failed", path, error, cause: "The card was declined (mock)" });
      if (attempt === attempts) throw { error, cause: "The card was declined (mock)" };
      const delay = Number(retry?.IntervalSeconds ?? 1) * Math.pow(Number(retry?.BackoffRate ?? 2), attempt - 1);
      this.send({ event: "retryScheduled", path, error, attempt, delaySeconds: delay });
      await sleep(STEP_MS * 1.5);
    }
    const result: Json = { StatusCode: 200, Payload: { ok: true, state: state.name } };
    this.history("TaskSucceeded", ["taskSucceededEventDetails", { resource, output: JSON.stringify(result) }]);
    // Keeps what the input already holds at ResultPath, so Choice rules downstream see data.
    const kept = typeof j.ResultPath === "string" ? get(input, j.ResultPath) : undefined;
    const selected: Json = kept ?? (j.ResultSelector ? { ok: true, from: state.name } : result);
    const afterResultPath = setPath(input, j.ResultPath, j.OutputPath === "$.Payload" ? (input as Obj) : selected);
    const last = this.states[this.states.length - 1];
    last.inspection = { input, afterInputPath: input, afterParameters: (j.Parameters as Json) ?? input, result, afterResultSelector: selected, afterResultPath };
    return afterResultPath;
  }

  private callback(state: StateInfo, input: Json, path: string): Promise<Json> {
    const token = `AQCEAAAAKgAAAAMAAAAA${this.summary.id}${state.name}Zm9vYmFy`;
    const info: WaitingCallback = { path, stateName: state.name, token, payload: (state.json.Parameters as Json) ?? {}, activity: false, heartbeatSeconds: 3600, timeoutSeconds: 259200 };
    this.send({ event: "waitingForCallback", ...info });
    return new Promise<Json>((resolve, reject) => {
      this.callbacks.set(token, {
        info,
        answer: (o) => {
          if (o.kind === "heartbeat") return;
          this.callbacks.delete(token);
          if (o.kind !== "abort") this.send({ event: "callbackAnswered", token, kind: o.kind });
          if (o.kind === "success") resolve(setPath(input, state.json.ResultPath, o.output));
          else if (o.kind === "abort") reject(new Abort());
          else {
            this.send({ event: "failed", path, error: String(o.error ?? ""), cause: String(o.cause ?? "") });
            reject({ error: String(o.error ?? "States.TaskFailed"), cause: String(o.cause ?? "") });
          }
        },
      });
    });
  }

  private async parallel(state: StateInfo, input: Json, path: string, depth: number): Promise<Json> {
    const branches = this.snap.scopes.filter((s) => s.owner === state.pointer);
    return Promise.all(branches.map((b, i) => sleep(i * 90).then(() => this.scope(b.pointer, input, `${path}/${i}/`, depth + 1))));
  }

  private async map(state: StateInfo, input: Json, path: string, depth: number): Promise<Json> {
    const scope = this.snap.scopes.find((s) => s.owner === state.pointer);
    const count = Number((input as Obj | null)?.__items ?? 40);
    const concurrency = Math.min(6, Number(state.json.MaxConcurrency ?? 6) || 6);
    const distributed = JSON.stringify(state.json.ItemProcessor ?? {}).includes("DISTRIBUTED");
    const results: Json[] = [];
    let [done, failed, next] = [0, 0, 0];
    const progress = (finished: boolean) =>
      distributed && this.send({ event: "mapRunProgress", path, mapRunArn: `arn:aws:states:local:mapRun/${this.summary.id}`, total: count, succeeded: done, failed, running: finished ? 0 : Math.min(concurrency, count - done - failed), finished });
    const worker = async () => {
      while (next < count) {
        const i = next++;
        try {
          results[i] = await this.scope(scope!.pointer, { item: i }, `${path}/${i}/`, depth + 1);
          done++;
        } catch (e) {
          if (e instanceof Abort) throw e;
          failed++;
        }
        progress(false);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    progress(true);
    return results;
  }
}

/** Where a re-run begins, as crates/asl-session/src/run/rerun.rs finds it: the execution's
 *  top-level container (itself at the top) and the input that container received. */
function rerunStart(states: RunState[], from: RerunFrom): { state: string; input: Json } {
  const target = states.map((s, i) => [s, i] as const).filter(([s]) => s.pointer === from.pointer)[from.execution ?? 0];
  if (!target) throw { code: "bad-run-config", message: `run ${from.run} has no execution ${(from.execution ?? 0) + 1} of the state at ${from.pointer}` };
  const top = target[0].path.split("/")[0];
  const container = states.slice(0, target[1] + 1).filter((s) => s.path === top).pop()!;
  return { state: top, input: container.input };
}

/** The run commands; `undefined` for any other command. */
export function runCommand(cmd: string, a: Record<string, unknown>, current: Snapshot | null, runs: Map<number, MockRun>): unknown {
  const run = (id: unknown) => {
    const r = runs.get(Number(id));
    if (!r) throw { code: "no-such-run", message: `there is no run ${String(id)} in this session` };
    return r;
  };
  switch (cmd) {
    case "run_sources":
      return mockSources(current);
    case "run_start": {
      const config = (a.config ?? {}) as { input?: Json; breakpoints?: BreakpointSpec[]; rerunFrom?: RerunFrom | null };
      const channel = (a.onEvent as { id: number }).id;
      const from = config.rerunFrom ? rerunStart(run(config.rerunFrom.run).states, config.rerunFrom) : null;
      const id = runs.size + 1;
      const r = new MockRun(id, current!, from ? from.input : (config.input ?? {}), config.breakpoints ?? [], channel, from?.state ?? null);
      runs.set(id, r);
      setTimeout(() => void r.start(), 30);
      return r.summary;
    }
    case "debug_command":
      return run(a.runId).command((a.command as { kind: string }).kind);
    case "debug_set_breakpoints":
      run(a.runId).breakpoints = a.breakpoints as BreakpointSpec[];
      return null;
    case "debug_edit":
      return run(a.runId).edit(a.input as Json, a.variables as Obj | null);
    case "callback_send": {
      const c = run(a.runId).callbacks.get(String(a.token));
      if (!c) throw { code: "task-does-not-exist", message: "Task does not exist anymore" };
      c.answer(a.outcome as Obj);
      return null;
    }
    case "run_stop":
      return run(a.runId).command("stop");
    case "run_list":
      return [...runs.values()].map((r) => r.summary);
    case "run_get":
      return run(a.runId).record();
    case "run_history_page":
      return historyPage(run(a.runId).events, a.query as HistoryQuery);
    case "run_state_executions":
      return stateExecutions(run(a.runId).states, a.query as ExecutionsQuery);
    case "run_history_export":
      return exportHistory(Number(a.runId), run(a.runId).events);
    case "tests_run":
      return mockTestReport(current);
    default:
      return undefined;
  }
}
