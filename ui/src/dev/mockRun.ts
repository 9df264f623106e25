// DEV ONLY: the run commands of the mock backend. A run replays an event stream recorded
// from the real backend (see mockReplay.ts) over the run's Channel, one event per batch,
// `?speed=<ms>` apart (default 300). The recordings: parallel-risk-analysis, paused at a
// breakpoint, stepped over, continued to the end; human-approval, waiting for a callback
// until Approve/Reject is sent. Any other machine cannot be run in the mock.
import type { CallbackOutcome, Json, RerunFrom, RunEvent, Variables } from "../ipc/run";
import type { ExecutionsQuery, HistoryQuery } from "../ipc/runPages";
import type { Snapshot } from "../ipc/types";
import { fits, Replay, type Send } from "./mockReplay";
import { mockSources, mockTestReport } from "./mockRunData";
import { exportHistory, historyPage, pagedRecord, stateExecutions } from "./mockRunPages";

const recordings = Object.values(
  import.meta.glob<RunEvent[]>("../fixtures/run-*.events.json", { eager: true, import: "default" }),
);
const STEP_MS = Number(new URLSearchParams(location.search).get("speed") ?? 300);

/** A sender over the Channel `channel` of @tauri-apps/api's IPC mock, as the real backend
 *  posts: indexed messages, each an array of events. */
function channelSender(channel: number): Send {
  let index = 0;
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } }).__TAURI_INTERNALS__;
  return (batch) => internals.runCallback(channel, { index: index++, message: batch });
}

function startRun(id: number, current: Snapshot | null, channel: number): Replay {
  const pointers = new Set(current?.states.map((s) => s.pointer) ?? []);
  const events = recordings.find((r) => fits(r, pointers));
  if (!current || !events) throw { code: "run-start", message: "the mock backend has no recorded run for this machine" };
  const replay = new Replay({
    id,
    events,
    send: channelSender(channel),
    stepMs: STEP_MS,
    token: `mock-task-token-run-${id}`,
    title: current.title,
    machinePath: current.path,
  });
  void replay.play();
  return replay;
}

/** The run commands; `undefined` for any other command. */
export function runCommand(cmd: string, a: Record<string, unknown>, current: Snapshot | null, runs: Map<number, Replay>): unknown {
  const run = (id: unknown) => {
    const r = runs.get(Number(id));
    if (!r) throw { code: "no-such-run", message: `there is no run ${String(id)} in this session` };
    return r;
  };
  switch (cmd) {
    case "run_sources":
      return mockSources(current);
    case "run_start": {
      // The input, breakpoints and mocks chosen are not used: the recording decides. A
      // re-run replays the recording from its start too.
      const config = (a.config ?? {}) as { rerunFrom?: RerunFrom | null };
      if (config.rerunFrom) run(config.rerunFrom.run);
      const id = runs.size + 1;
      const replay = startRun(id, current, (a.onEvent as { id: number }).id);
      runs.set(id, replay);
      return { ...replay.summary };
    }
    case "debug_command":
      run(a.runId).command((a.command as { kind: string }).kind);
      return null;
    case "debug_set_breakpoints":
      // Accepted and not used: the replay pauses where the recording did.
      run(a.runId);
      return null;
    case "debug_edit":
      return run(a.runId).edit(a.input as Json | null, (a.variables ?? null) as Variables | null);
    case "callback_send":
      run(a.runId).answer(String(a.token), a.outcome as CallbackOutcome);
      return null;
    case "run_stop":
      run(a.runId).stop();
      return null;
    case "run_list":
      return [...runs.values()].map((r) => ({ ...r.summary }));
    case "run_get":
      return pagedRecord(run(a.runId).record());
    case "run_history_page":
      return historyPage(run(a.runId).history, a.query as HistoryQuery);
    case "run_state_executions":
      return stateExecutions(run(a.runId).states, a.query as ExecutionsQuery);
    case "run_history_export":
      return exportHistory(Number(a.runId), run(a.runId).record());
    case "tests_run":
      return mockTestReport(current);
    default:
      return undefined;
  }
}
