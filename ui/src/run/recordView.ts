// A run re-opened from the list without its live view (e.g. after the UI reloaded): its
// statuses are rebuilt from the record through the same fold as live events, so both look
// alike on the canvas. Each recorded state says where it was entered from, whether it
// ended its scope and how it failed (Rust keeps that with the record). A record read in
// pages carries no states: Rust folded them the same way into its tally (run/tally.rs).
import type { RunEvent, RunRecord } from "../ipc/run";
import { emptyView, foldEvents, type RunView, type StateMark } from "./fold";

export function viewFromRecord(record: RunRecord): RunView {
  const events: RunEvent[] = [];
  let start = emptyView(record.status);
  if (record.paged) {
    const marks = new Map<string, StateMark>(
      record.tally.map((t) => [t.pointer, { status: t.status, entered: t.entered, retry: null, error: t.error }]),
    );
    start = { ...start, marks, taken: new Set(record.taken) };
  }
  for (const s of record.states) {
    const pointer = s.pointer;
    if (pointer === null) continue;
    events.push({ event: "stateEntered", path: s.path, pointer, stateType: s.type, input: s.input, from: s.from });
    if (s.error !== null) events.push({ event: "failed", path: s.path, pointer, error: s.error, cause: s.cause ?? "" });
    else if (s.output !== undefined && s.output !== null) {
      events.push({ event: "stateExited", path: s.path, pointer, output: s.output, inspection: s.inspection, ends: s.ends });
    }
  }
  if (record.pending) events.push({ event: "paused", ...record.pending });
  for (const c of record.callbacks) events.push({ event: "waitingForCallback", ...c });
  if (record.status !== "RUNNING" && record.status !== "PAUSED") {
    events.push({ event: "finished", status: record.status, output: record.output, error: record.error, cause: record.cause });
  }
  return foldEvents(start, events);
}
