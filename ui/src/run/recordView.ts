// A run re-opened from the list without its live view (e.g. after the UI reloaded): its
// statuses are rebuilt from the record — each recorded state replayed as entered and
// exited, failures taken from the AWS-shaped history — through the same fold as live
// events, so both look alike on the canvas.
import type { HistoryEvent, RunRecord } from "../ipc/run";
import { emptyView, foldEvents, type RunView, type WireEvent } from "./fold";
import type { StateIndex } from "./paths";

/** `<Kind>Failed` events of the history with the state they belong to (by walking
 *  `previousEventId` back to the nearest StateEntered). */
export function failedStates(events: readonly HistoryEvent[]): { name: string; error: string; cause: string }[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  const out: { name: string; error: string; cause: string }[] = [];
  for (const e of events) {
    if (!e.type.endsWith("Failed") || e.type === "ExecutionFailed") continue;
    let at: HistoryEvent | undefined = e;
    let name: string | null = null;
    for (let hops = 0; at && hops < 50; hops++, at = byId.get(at.previousEventId)) {
      const entered = at.stateEnteredEventDetails as { name?: string } | undefined;
      if (at.type.endsWith("StateEntered") && entered?.name) {
        name = entered.name;
        break;
      }
    }
    const details = Object.entries(e).find(([k]) => k.endsWith("EventDetails"))?.[1] as { error?: string; cause?: string } | undefined;
    if (name) out.push({ name, error: details?.error ?? "", cause: details?.cause ?? "" });
  }
  return out;
}

export function viewFromRecord(record: RunRecord, index: StateIndex): RunView {
  const events: WireEvent[] = [];
  const failed = new Map(failedStates(record.history.events).map((f) => [f.name, f]));
  for (const s of record.states) {
    events.push({ event: "stateEntered", path: s.path, stateType: s.type, input: s.input });
    // A state without output failed: with its own failure event, or (a Fail state, the
    // last state of a failed run) with the execution's error.
    const ended = record.status === "FAILED" && record.error ? { name: s.name, error: record.error, cause: record.cause ?? "" } : undefined;
    const failure = s.output === undefined ? failed.get(s.name) ?? ended : undefined;
    if (failure) events.push({ event: "failed", path: s.path, error: failure.error, cause: failure.cause });
    else if (s.output !== undefined) events.push({ event: "stateExited", path: s.path, output: s.output, inspection: s.inspection });
  }
  if (record.pending) events.push({ event: "paused", ...record.pending });
  for (const c of record.callbacks) events.push({ event: "waitingForCallback", ...c });
  if (record.status !== "RUNNING" && record.status !== "PAUSED") {
    events.push({ event: "finished", status: record.status, output: record.output, error: record.error, cause: record.cause });
  }
  return foldEvents(emptyView(record.status), events, index);
}
