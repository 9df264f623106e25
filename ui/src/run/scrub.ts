// Replaying a finished run on the canvas, event by event (issue 17: a history brought
// home is scrubbed through): the view as it was after the first `n` history events. The
// k-th `*StateEntered` of a state is its k-th record (records are in entry order), so the
// marks, transitions taken and outputs are the record's own, in the history's order.
import type { RunEvent, RunRecord } from "../ipc/run";
import { emptyView, foldEvents, type RunView } from "./fold";
import { viewFromRecord } from "./recordView";

/** The view after `n` of the record's history events (all of them: the finished view). */
export function scrubView(record: RunRecord, n: number): RunView {
  const events = record.history.events;
  if (n >= events.length || record.paged) return viewFromRecord(record);
  const byName = new Map<string, RunRecord["states"]>();
  for (const s of record.states) {
    const list = byName.get(s.name) ?? [];
    list.push(s);
    byName.set(s.name, list);
  }
  const entered = new Map<string, number>();
  const open = new Map<string, RunRecord["states"]>();
  const out: RunEvent[] = [];
  for (let i = 0; i < n; i++) {
    const type = events[i].type;
    const name = record.historyStates[i] ?? "";
    if (!name) continue;
    if (type.endsWith("StateEntered")) {
      const k = entered.get(name) ?? 0;
      entered.set(name, k + 1);
      const s = byName.get(name)?.[k];
      if (!s || s.pointer === null) continue;
      open.set(name, [...(open.get(name) ?? []), s]);
      out.push({ event: "stateEntered", path: s.path, pointer: s.pointer, stateType: s.type, input: s.input, from: s.from });
    } else if (type.endsWith("StateExited")) {
      const s = open.get(name)?.shift();
      if (!s || s.pointer === null) continue;
      out.push({ event: "stateExited", path: s.path, pointer: s.pointer, output: s.output ?? null, inspection: s.inspection, ends: s.ends });
    } else if (type.endsWith("Failed") && !type.startsWith("Execution")) {
      const s = open.get(name)?.[0];
      if (s && s.pointer !== null) out.push({ event: "failed", path: s.path, pointer: s.pointer, error: s.error ?? "", cause: s.cause ?? "" });
    }
  }
  return foldEvents(emptyView("RUNNING"), out);
}
