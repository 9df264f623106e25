// The app's own Step Functions API server (issue 15, item 7): Start in the Run panel runs
// `asl serve` inside the app; an execution a client (an SDK, the AWS CLI, a test suite)
// starts on the machine open here becomes a run of this session — it is shown as it
// starts, animates, pauses at the breakpoints and is stepped like a local run, while the
// client's StartSyncExecution waits for it.
import { create } from "zustand";
import * as run from "../ipc/run";
import type { RunEvent, WatchedEvent } from "../ipc/run";
import { asIpcError, useStudio } from "../store/studio";
import { breakpointSpecs, followLive, refreshRuns } from "./runActions";
import { LiveRun, liveRuns, useRun } from "./runStore";

interface ServeStore {
  /** `http://127.0.0.1:PORT` while the server runs. */
  url: string | null;
  busy: boolean;
}

export const useServe = create<ServeStore>(() => ({ url: null, busy: false }));

const fail = (e: unknown) => useStudio.getState().setError(asIpcError(e));

/** Events of the watched runs, by run: a run seen for the first time is shown. */
function onEvents(batch: WatchedEvent[]): void {
  const byRun = new Map<number, RunEvent[]>();
  for (const { run: id, ...event } of batch) {
    const list = byRun.get(id) ?? [];
    list.push(event as RunEvent);
    byRun.set(id, list);
  }
  for (const [id, events] of byRun) {
    let live = liveRuns.get(id);
    if (!live) {
      live = new LiveRun(followLive);
      live.id = id;
      liveRuns.set(id, live);
      // A client's execution of the open machine: the canvas follows it.
      useRun.setState({ runId: id, view: live.view, record: null, follow: true, execution: 0 });
      void refreshRuns();
    }
    events.forEach(live.push);
  }
}

export async function startServer(port: number): Promise<void> {
  useServe.setState({ busy: true });
  try {
    const status = await run.serveStart(port, breakpointSpecs(useRun.getState().breakpoints), onEvents);
    useServe.setState({ url: status.url });
  } catch (e) {
    fail(e);
  } finally {
    useServe.setState({ busy: false });
  }
}

export async function stopServer(): Promise<void> {
  try {
    useServe.setState({ url: (await run.serveStop()).url });
  } catch (e) {
    fail(e);
  }
}

/** The server's next executions start with the breakpoints as they are now. */
export function syncServerBreakpoints(): void {
  if (useServe.getState().url === null) return;
  run.serveBreakpoints(breakpointSpecs(useRun.getState().breakpoints)).catch(fail);
}
