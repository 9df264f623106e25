// Run mode's IPC contract (design §4): the types come from Rust (./generated.ts, written
// by src-tauri/src/bindings.rs), one wrapper per command of src-tauri/src/run_commands.rs.
// Errors reject with an `IpcError` ({code, message}); the codes of run commands:
// no-such-run, invalid-definition, bad-mocks, bad-run-config, not-paused, run-finished,
// not-applied, task-does-not-exist, invalid-output, run-start, not-open.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  BreakpointSpec,
  CallbackOutcome,
  ChoicePreview,
  DebugCommand,
  JsonValue,
  Paused,
  RunConfig,
  RunEvent,
  RunRecord,
  RunSources,
  RunSummary,
  ServeStatus,
  TestReport,
  WatchedEvent,
} from "./generated";

export type {
  BreakpointPlace,
  BreakpointSpec,
  CallbackAnswer,
  CallbackOutcome,
  CaseResult,
  ChoiceRuleCoverage,
  ClockChoice,
  Coverage,
  DebugCommand,
  ExecutionTypeChoice,
  HandlerCoverage,
  HistoryEvent,
  Inspection,
  MockChoice,
  MockFileInfo,
  MockMachine,
  Paused,
  PauseReason,
  RerunFrom,
  RunConfig,
  RunEvent,
  RunRecord,
  RunSources,
  RunState,
  RunStatus,
  RunSummary,
  ServeStatus,
  StateCoverage,
  TestFileInfo,
  TestReport,
  WaitingCallback,
  WatchedEvent,
} from "./generated";

export type Json = JsonValue;
export type Variables = { [name: string]: Json };
/** The point a paused run waits at; `input`/`variables` (and `output` after exit) are editable. */
export type PendingPoint = Paused;

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
  invoke<Paused>("debug_edit", { runId, input, variables });
export const callbackSend = (runId: number, token: string, outcome: CallbackOutcome) =>
  invoke<void>("callback_send", { runId, token, outcome });
/** Always works (also while a callback waits or a local command hangs); `finished` follows. */
export const runStop = (runId: number) => invoke<void>("run_stop", { runId });
export const runList = () => invoke<RunSummary[]>("run_list");
export const runGet = (runId: number) => invoke<RunRecord>("run_get", { runId });
export const testsRun = (allowCommands = false) => invoke<TestReport>("tests_run", { allowCommands });

/** What the Choice at `pointer` does with the input the last run of this document gave
 *  it (rule, Default, or the run's error; each rule's own answer). */
export const choicePreview = (pointer: string) => invoke<ChoicePreview>("choice_preview", { pointer });

/** Starts the app's own Step Functions API server on 127.0.0.1:`port` (0: any free port);
 *  executions clients start on the open machine come over `onEvents` as watched runs. */
export const serveStart = (port: number, breakpoints: BreakpointSpec[], onEvents: (batch: WatchedEvent[]) => void) => {
  const channel = new Channel<WatchedEvent[]>();
  channel.onmessage = onEvents;
  return invoke<ServeStatus>("serve_start", { port, breakpoints, onEvent: channel });
};
export const serveStop = () => invoke<ServeStatus>("serve_stop");
export const serveStatus = () => invoke<ServeStatus>("serve_status");
/** The breakpoints the server's next executions of the open machine start with. */
export const serveBreakpoints = (breakpoints: BreakpointSpec[]) => invoke<void>("serve_breakpoints", { breakpoints });
