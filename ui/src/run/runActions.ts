// What the Run panel, the debugger keys and the inspector do: each action is one command
// of the run contract (ui/src/ipc/run.ts); failures show as the app's error toast.
import * as run from "../ipc/run";
import type { BreakpointSpec, DebugCommand, Json, MockChoice, RunConfig, RunEvent, RunSources, WaitingCallback } from "../ipc/run";
import { flushCodeText } from "../code/pending";
import { useFrame } from "../frame/frameStore";
import { asIpcError, useStudio } from "../store/studio";
import { defaultMocks, fileKey, hasSaved, type Breakpoint, type MockSelection } from "./persist";
import { viewFromRecord } from "./recordView";
import { LiveRun, liveRuns, useRun } from "./runStore";
import { syncServerBreakpoints } from "./serve";

const fail = (e: unknown) => useStudio.getState().setError(asIpcError(e));

export async function enterRunMode(): Promise<void> {
  if (useStudio.getState().mode === "run") return;
  await flushCodeText();
  useStudio.getState().setMode("run");
}

/** Parses the input editor's text; the error message when it is not JSON. */
export function parseInput(text: string): { ok: true; value: Json } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

export function mockChoice(m: MockSelection): MockChoice | { error: string } {
  if (m.kind === "file" && m.file) return { kind: "file", file: m.file, testCase: m.testCase, stateMachine: m.stateMachine };
  if (m.kind === "inline") {
    const parsed = parseInput(m.inline);
    if (!parsed.ok) return { error: `Inline mocks are not JSON: ${parsed.message}` };
    return { kind: "inline", mocks: parsed.value, testCase: m.testCase, stateMachine: m.stateMachine };
  }
  return { kind: "none" };
}

/** The breakpoints as Rust takes them: by pointer (it resolves them in the text that runs,
 *  and leaves out those whose state is gone). */
export function breakpointSpecs(breakpoints: readonly Breakpoint[]): BreakpointSpec[] {
  return breakpoints.map((b) => ({ pointer: b.pointer, place: b.place, condition: b.condition || null }));
}

export async function refreshSources(): Promise<void> {
  try {
    const sources = await run.runSources();
    useRun.getState().set({ sources });
    preselectMocks(sources);
    // The example input beside the machine, until the user has typed one for this file.
    const store = useRun.getState();
    if (sources.exampleInput !== null && !hasSaved(fileKey("input", store.file))) useRun.setState({ inputText: sources.exampleInput });
  } catch (e) {
    fail(e);
  }
}

/** Until the user picks mocks for this file (then remembered), the picker shows the
 *  default the mock files beside it suggest. Not saved: a mocks.json added later wins. */
function preselectMocks(sources: RunSources): void {
  const store = useRun.getState();
  if (hasSaved(fileKey("mocks", store.file))) return;
  useRun.setState({ mocks: defaultMocks(sources.mockFiles) });
}

export async function refreshRuns(): Promise<void> {
  try {
    useRun.getState().set({ runs: await run.runList() });
  } catch (e) {
    fail(e);
  }
}

/** F5 and the Start button: a new run of the document's current text. */
export async function startRun(): Promise<void> {
  await enterRunMode();
  const input = parseInput(useRun.getState().inputText);
  if (!input.ok) {
    useFrame.getState().notify(`The input is not JSON: ${input.message}`, "warning");
    return;
  }
  await launch({ input: input.value });
}

/** "Re-run from here": a new run beginning at the state's `execution`-th recorded execution
 *  (from 0, in the order entered) in the run shown — at its top-level container when it is
 *  nested — with the input it received and the variables it saw there. */
export async function rerunFrom(pointer: string, execution = 0): Promise<void> {
  const from = useRun.getState().runId;
  if (from === null) return;
  await launch({ rerunFrom: { run: from, pointer, execution } });
}

/** Starts a run with the Run panel's mocks, clock, consent and breakpoints plus `start`
 *  (the input, or where a re-run begins). */
async function launch(start: Pick<RunConfig, "input" | "rerunFrom">): Promise<void> {
  if (!useStudio.getState().snapshot) return;
  let sources;
  try {
    sources = await run.runSources();
    useRun.getState().set({ sources });
  } catch (e) {
    return fail(e);
  }
  // Sources first: a Start before the panel had fetched them still gets the default mocks.
  preselectMocks(sources);
  const store = useRun.getState();
  const mocks = mockChoice(store.mocks);
  if ("error" in mocks) {
    useFrame.getState().notify(mocks.error, "warning");
    return;
  }
  let allow = store.allowCommands;
  if (sources.commands.length > 0 && allow === null) {
    allow = await store.askConsent(sources.commands);
    store.setAllowCommands(allow);
  }
  const config: RunConfig = {
    ...start,
    mocks,
    clock: store.clock,
    executionType: store.executionType,
    allowCommands: allow === true,
    breakpoints: breakpointSpecs(store.breakpoints),
  };
  await showLive((push) => run.runStart(config, push));
}

/** Starts a run by `start` (a local run, or a cloud execution followed from its history)
 *  and shows it live: its events fold into the view the canvas and panels read. */
export async function showLive(start: (push: (event: RunEvent) => void) => Promise<run.RunSummary>): Promise<void> {
  // Restart: the run shown stops first (two runs animating one canvas would confuse).
  const store = useRun.getState();
  const shown = store.runId;
  if (shown !== null && isLive(store.view?.status)) await run.runStop(shown).catch(() => undefined);
  const live = new LiveRun(followLive);
  try {
    const summary = await start(live.push);
    live.id = summary.id;
    liveRuns.set(summary.id, live);
    useRun.setState({ runId: summary.id, view: live.view, record: null, follow: true, execution: 0 });
    // A run quick enough to finish before its id came back: fetch its record now.
    if (!isLive(live.view.status)) void loadRecord(summary.id);
    void refreshRuns();
  } catch (e) {
    fail(e);
  }
}

/** After each folded batch: show it when its run is the one shown; fetch the record at a
 *  pause (the states so far) and at the end, and while it goes at most every
 *  LIVE_RECORD_MS, so the history and timeline stream (a big run's record is paged: its
 *  history is read a page at a time either way). */
export function followLive(live: LiveRun, batch: readonly RunEvent[]) {
  if (live.id === null || useRun.getState().runId !== live.id) return;
  useRun.setState({ view: live.view });
  const last = batch[batch.length - 1];
  if (batch.some((e) => e.event === "paused" || e.event === "finished")) void loadRecord(live.id);
  else if (isLive(live.view.status)) refreshLiveRecord(live.id);
  if (batch.some((e) => e.event === "paused")) {
    restoreBreakpoints(live.id);
    // Show the paused state in the inspector, where its pending input can be edited.
    const p = live.view.pending?.pointer;
    if (p && useStudio.getState().selection[0] !== p) useStudio.getState().select([p]);
  }
  if (last?.event === "finished") void refreshRuns();
}

const LIVE_RECORD_MS = 500;
let liveRecordTimer: ReturnType<typeof setTimeout> | null = null;

function refreshLiveRecord(id: number): void {
  if (liveRecordTimer !== null) return;
  liveRecordTimer = setTimeout(() => {
    liveRecordTimer = null;
    if (useRun.getState().runId === id) void loadRecord(id);
  }, LIVE_RECORD_MS);
}

/** Answers can overtake each other: only the latest request's record is shown. */
let recordRequests = 0;

export async function loadRecord(id: number): Promise<void> {
  const request = ++recordRequests;
  try {
    const record = await run.runGet(id);
    if (request === recordRequests && useRun.getState().runId === id) useRun.getState().set({ record });
  } catch (e) {
    fail(e);
  }
}

/** Re-opens a run of this session: its live view when it has one, else one rebuilt from
 *  its record. */
export async function openRun(id: number): Promise<void> {
  try {
    const record = await run.runGet(id);
    const view = liveRuns.get(id)?.view ?? viewFromRecord(record);
    useRun.setState({ runId: id, view, record, execution: 0, follow: false });
  } catch (e) {
    fail(e);
  }
}

export function debug(command: DebugCommand): void {
  const id = useRun.getState().runId;
  if (id === null) return;
  const act = command.kind === "stop" ? run.runStop(id) : run.debugCommand(id, command);
  act.catch(fail);
}

/** F5: continue a paused run, else start a new one. */
export function startOrContinue(): void {
  const status = useRun.getState().view?.status;
  if (status === "PAUSED") debug({ kind: "continue" });
  else void startRun();
}

export const isLive = (status: string | undefined) => status === "RUNNING" || status === "PAUSED";

/** Sends the breakpoints to the shown run when it is still going (and to the app's
 *  server, for the executions it starts next). */
function syncBreakpoints(extra: BreakpointSpec[] = []): Promise<void> {
  syncServerBreakpoints();
  const { runId, view, breakpoints } = useRun.getState();
  if (runId === null || !isLive(view?.status)) return Promise.resolve();
  return run.debugSetBreakpoints(runId, [...breakpointSpecs(breakpoints), ...extra]).catch(fail);
}

export function toggleBreakpoint(pointer: string): void {
  if (!useStudio.getState().snapshot?.states.some((s) => s.pointer === pointer)) return;
  const { breakpoints, setBreakpoints } = useRun.getState();
  const has = breakpoints.some((b) => b.pointer === pointer);
  setBreakpoints(has ? breakpoints.filter((b) => b.pointer !== pointer) : [...breakpoints, { pointer, place: "beforeEnter", condition: null }]);
  void syncBreakpoints();
}

export function updateBreakpoint(pointer: string, patch: Partial<Breakpoint>): void {
  const { breakpoints, setBreakpoints } = useRun.getState();
  setBreakpoints(breakpoints.map((b) => (b.pointer === pointer ? { ...b, ...patch } : b)));
  void syncBreakpoints();
}

/** "Run to here": a one-time breakpoint on the state, then Continue; the next pause puts
 *  the user's breakpoints back (see followLive). */
const temporary = new Set<number>();
export async function runToHere(pointer: string): Promise<void> {
  const id = useRun.getState().runId;
  if (id === null) return;
  temporary.add(id);
  await syncBreakpoints([{ pointer, place: "beforeEnter" }]);
  debug({ kind: "continue" });
}

function restoreBreakpoints(id: number) {
  if (temporary.delete(id)) void syncBreakpoints();
}

/** At a pause: replace the pending input (the output, after exit) and/or the variables. */
export async function applyPendingEdit(input: Json | null, variables: Record<string, Json> | null): Promise<boolean> {
  const id = useRun.getState().runId;
  if (id === null) return false;
  try {
    const point = await run.debugEdit(id, input, variables);
    const view = useRun.getState().view;
    if (view) useRun.setState({ view: { ...view, pending: point } });
    return true;
  } catch (e) {
    fail(e);
    return false;
  }
}

export async function answerCallback(callback: WaitingCallback, outcome: run.CallbackOutcome): Promise<void> {
  const id = useRun.getState().runId;
  if (id === null) return;
  try {
    await run.callbackSend(id, callback.token, outcome);
    // The channel says so too (callbackAnswered) except for heartbeats, which keep it waiting.
    const view = useRun.getState().view;
    if (view && outcome.kind !== "heartbeat") {
      useRun.setState({ view: { ...view, callbacks: view.callbacks.filter((c) => c.token !== callback.token) } });
    }
  } catch (e) {
    fail(e);
  }
}

export async function runTests(): Promise<void> {
  const store = useRun.getState();
  store.set({ testsBusy: true, bottomTab: "tests" });
  try {
    const report = await run.testsRun(store.allowCommands === true);
    store.set({ report, showCoverage: true });
  } catch (e) {
    fail(e);
  } finally {
    store.set({ testsBusy: false });
  }
}
