// Run mode's IPC contract (design §4): the types of crates/asl-session/src/run and one
// wrapper per command of src-tauri/src/run_commands.rs. Errors reject with an `IpcError`
// ({code, message}); the codes of run commands: no-such-run, invalid-definition,
// bad-mocks, bad-run-config, not-paused, run-finished, not-applied, task-does-not-exist,
// invalid-output, run-start, not-open.
import { Channel, invoke } from "@tauri-apps/api/core";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Variables = { [name: string]: Json };

// ---- configuration ----

/** Where Task results come from. `file` is relative to the machine's folder; `testCase`
 *  picks a Step Functions Local MockConfigFile test case (`stateMachine` its machine when
 *  the file has several). */
export type MockChoice =
  | { kind: "none" }
  | { kind: "file"; file: string; testCase?: string | null; stateMachine?: string | null }
  | { kind: "inline"; mocks: Json; testCase?: string | null; stateMachine?: string | null };

export type ClockChoice = "virtual" | "real";
export type ExecutionTypeChoice = "standard" | "express";
export type BreakpointPlace = "beforeEnter" | "afterExit" | "retry" | "catch";

/** `path`: `Name`, `Parallel/1/Name` (branch 1), `Map/3/Name` (iteration 3), `Map/*\/Name`
 *  (every iteration). `condition`: a JSONPath (`$.urgent`) or a JSONata expression
 *  (`$states.input.amount > 1000`) over the state input. */
export interface BreakpointSpec {
  path: string;
  place?: BreakpointPlace;
  condition?: string | null;
}

/** Every field is optional: input `{}`, no mocks, virtual clock, no local commands. */
export interface RunConfig {
  input?: Json;
  mocks?: MockChoice;
  clock?: ClockChoice;
  /** Standard keeps AWS's 25,000-event history limit; express lifts it. */
  executionType?: ExecutionTypeChoice;
  /** Consent to run the local commands of NAME.run.json (asked once per file). */
  allowCommands?: boolean;
  breakpoints?: BreakpointSpec[];
  /** Let the mocks answer `.waitForTaskToken` tasks at once instead of waiting for the user. */
  mockCallbacks?: boolean;
  stopOnRetry?: boolean;
  stopOnCatch?: boolean;
  maxTransitions?: number | null;
  /** Begin at a state's execution in an earlier run, with the input it received and the
   *  variables it saw there, instead of at StartAt (`input` is then not used). A state in
   *  a Parallel or Map begins at its top-level container, with that one's input. */
  rerunFrom?: RerunFrom | null;
}

/** A state's execution in a run of this session, as the inspector counts them. */
export interface RerunFrom {
  run: number;
  /** the state's JSON pointer in the text that ran */
  pointer: string;
  /** which of its executions: from 0, in the order entered (every branch and iteration counts) */
  execution?: number;
}

export type DebugCommand =
  | { kind: "continue" }
  | { kind: "pause" }
  | { kind: "stepOver" }
  /** Into the paused Parallel/Map; `index`: into that branch/iteration. */
  | { kind: "stepInto"; index?: number | null }
  | { kind: "stepOut" }
  | { kind: "stop" }
  /** Real clock: end the waits in progress. */
  | { kind: "skipWait" };

export type CallbackOutcome =
  | { kind: "success"; output: Json }
  | { kind: "failure"; error?: string; cause?: string }
  | { kind: "heartbeat" };

// ---- sources next to the machine ----

export interface MockMachine {
  name: string;
  testCases: string[];
}

export interface MockFileInfo {
  file: string;
  kind: "plain" | "configFile";
  /** plain: the states mocked */
  states: string[];
  /** configFile: machines with their test cases */
  stateMachines: MockMachine[];
}

export interface TestFileInfo {
  file: string;
  cases: string[];
  error: string | null;
}

export interface RunSources {
  dir: string | null;
  mockFiles: MockFileInfo[];
  testFiles: TestFileInfo[];
  /** NAME.run.json, when the machine has one */
  runConfig: string | null;
  /** states/resources it maps to local commands */
  commands: string[];
  /** the text of NAME.input.json or input.json beside the machine */
  exampleInput: string | null;
}

// ---- runs ----

export type RunStatus = "RUNNING" | "PAUSED" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
export type PauseReason = "breakpoint" | "step" | "pause" | "retry" | "catch";

export interface ErrorDetails {
  retryIndex?: number;
  catchIndex?: number;
  retryBackoffIntervalSeconds?: number;
}

/** TestState DEBUG's processing stages; a stage is absent when the state has none. */
export interface Inspection {
  input?: Json;
  afterInputPath?: Json;
  afterParameters?: Json;
  afterArguments?: Json;
  result?: Json;
  afterResultSelector?: Json;
  afterResultPath?: Json;
  output?: Json;
  errorDetails?: ErrorDetails;
}

/** The point a paused run waits at; `input`/`variables` (and `output` after exit) are editable. */
export interface PendingPoint {
  path: string;
  place: BreakpointPlace;
  reason: PauseReason;
  depth: number;
  input: Json;
  output: Json | null;
  variables: Variables;
}

export interface WaitingCallback {
  path: string;
  stateName: string;
  token: string;
  /** the parameters sent to the resource (the message carrying the token) */
  payload: Json;
  activity: boolean;
  heartbeatSeconds: number | null;
  timeoutSeconds: number | null;
}

/** The events of one run, in order, over the `run_start` channel. */
export type RunEvent =
  | { event: "stateEntered"; path: string; stateType: string; input: Json }
  | { event: "stateExited"; path: string; output: Json; inspection: Inspection | null }
  | ({ event: "paused" } & PendingPoint)
  | { event: "retryScheduled"; path: string; error: string; attempt: number; delaySeconds: number }
  | { event: "caught"; path: string; error: string; next: string }
  /** a state failed, before its Retriers/Catchers decide */
  | { event: "failed"; path: string; error: string; cause: string }
  | {
      event: "mapRunProgress";
      path: string;
      mapRunArn: string;
      total: number | null;
      succeeded: number;
      failed: number;
      running: number;
      finished: boolean;
    }
  | ({ event: "waitingForCallback" } & WaitingCallback)
  /** the last event; `run_get` has the full record by then */
  | { event: "finished"; status: RunStatus; output: Json | null; error: string | null; cause: string | null };

export interface RunSummary {
  id: number;
  machinePath: string | null;
  title: string;
  /** RFC 3339, wall clock */
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  input: Json;
  output: Json | null;
  error: string | null;
  cause: string | null;
  clock: ClockChoice;
  transitions: number | null;
}

export interface RunState {
  name: string;
  type: string;
  /** where it ran: `Name`, `Parallel/1/Name`, `Map/3/Name` */
  path: string;
  /** its JSON pointer in the text that ran */
  pointer: string | null;
  input: Json;
  output?: Json;
  /** variables it assigned */
  variables?: Variables;
  inspection: Inspection;
}

/** One event of GetExecutionHistory: `type`, `id`, `previousEventId`, `timestamp` and one
 *  `<kind>EventDetails` member. */
export interface HistoryEvent {
  timestamp: string;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: Json;
}

export interface RunRecord extends RunSummary {
  states: RunState[];
  /** exportable as is: the shape of GetExecutionHistory's response */
  history: { events: HistoryEvent[] };
  /** events in the history and states entered (also when left out) */
  eventCount: number;
  stateCount: number;
  /** a big run: `states` and `history.events` are left out; read them with ./runPages */
  paged: boolean;
  pending: PendingPoint | null;
  callbacks: WaitingCallback[];
}

// ---- tests and coverage ----

export interface CaseResult {
  file: string;
  name: string;
  passed: boolean;
  /** the first difference, or why the case could not run */
  difference: string | null;
  status: RunStatus | null;
  /** ran the open machine (counts for coverage) */
  thisMachine: boolean;
}

export interface StateCoverage {
  pointer: string;
  name: string;
  hits: number;
}

export interface ChoiceRuleCoverage {
  statePointer: string;
  stateName: string;
  /** index in `Choices`, or "Default" */
  rule: number | "Default";
  pointer: string;
  next: string | null;
  hits: number;
}

export interface HandlerCoverage {
  statePointer: string;
  stateName: string;
  /** index in `Retry` / `Catch` */
  index: number;
  pointer: string;
  hits: number;
}

/** Every item of the machine, exercised (`hits > 0`) or not. */
export interface Coverage {
  states: StateCoverage[];
  choiceRules: ChoiceRuleCoverage[];
  retriers: HandlerCoverage[];
  catchers: HandlerCoverage[];
  cases: number;
}

export interface TestReport {
  cases: CaseResult[];
  passed: number;
  failed: number;
  errors: { file: string; error: string }[];
  coverage: Coverage;
}

// ---- commands ----

export const runSources = () => invoke<RunSources>("run_sources");
/** Starts a run of the document's current text; `onEvent` gets its events in order. */
export const runStart = (config: RunConfig, onEvent: (event: RunEvent) => void) => {
  // Events come in batches of about a frame (src-tauri/src/run_events.rs).
  const channel = new Channel<RunEvent[]>();
  channel.onmessage = (batch) => batch.forEach(onEvent);
  return invoke<RunSummary>("run_start", { config, onEvent: channel });
};
export const debugCommand = (runId: number, command: DebugCommand) =>
  invoke<void>("debug_command", { runId, command });
export const debugSetBreakpoints = (runId: number, breakpoints: BreakpointSpec[]) =>
  invoke<void>("debug_set_breakpoints", { runId, breakpoints });
/** At a pause: replaces the pending input (the output, after exit) and/or the variables. */
export const debugEdit = (runId: number, input: Json | null, variables: Variables | null) =>
  invoke<PendingPoint>("debug_edit", { runId, input, variables });
export const callbackSend = (runId: number, token: string, outcome: CallbackOutcome) =>
  invoke<void>("callback_send", { runId, token, outcome });
/** Always works (also while a callback waits or a local command hangs); `finished` follows. */
export const runStop = (runId: number) => invoke<void>("run_stop", { runId });
export const runList = () => invoke<RunSummary[]>("run_list");
export const runGet = (runId: number) => invoke<RunRecord>("run_get", { runId });
export const testsRun = (allowCommands = false) => invoke<TestReport>("tests_run", { allowCommands });
