// DEV ONLY: the page commands of src-tauri/src/run_pages.rs for the mock backend, over a
// MockRun's arrays, with the same rules: a record leaves its states and history out past
// the inline limit (`?inline=N` lowers it, so the paged views can be tried on a small
// run), a page answers at most 2,000 rows, the filter matches type and state words.
import type { HistoryEvent, RunRecord, RunState } from "../ipc/run";
import type { ExecutionsQuery, HistoryPage, HistoryQuery, StateExecutions } from "../ipc/runPages";
import { filterRows, historyRows } from "../run/history";

const INLINE_LIMIT = Number(new URLSearchParams(location.search).get("inline") ?? 5_000);
const MAX_PAGE = 2_000;

/** The record as run_get answers it: `paged`, without states and history, when big. */
export function pagedRecord(record: RunRecord): RunRecord {
  const { states, history } = record;
  const paged = states.length > INLINE_LIMIT || history.events.length > INLINE_LIMIT;
  return {
    ...record,
    states: paged ? [] : states,
    history: { events: paged ? [] : history.events },
    eventCount: history.events.length,
    stateCount: states.length,
    paged,
  };
}

export function historyPage(events: readonly HistoryEvent[], q: HistoryQuery): HistoryPage {
  const rows = filterRows(historyRows(events), q.filter ?? "");
  const offset = q.offset ?? 0;
  return {
    total: events.length,
    matched: rows.length,
    offset,
    startedAt: events[0]?.timestamp ?? null,
    rows: rows.slice(offset, offset + Math.min(q.limit, MAX_PAGE)).map((r) => ({ state: r.state, event: r.event })),
  };
}

export function stateExecutions(states: readonly RunState[], q: ExecutionsQuery): StateExecutions {
  const of = states.filter((s) => (q.pointer == null || s.pointer === q.pointer) && (q.path == null || s.path === q.path));
  const limit = Math.min(q.limit, MAX_PAGE);
  const offset = q.offset ?? Math.max(0, of.length - limit);
  return { total: of.length, offset, executions: of.slice(offset, offset + limit) };
}

/** The browser has no save dialog to call: the history goes to a download. */
export function exportHistory(runId: number, events: readonly HistoryEvent[]): string {
  const name = `execution-history-run-${runId}.json`;
  const blob = new Blob([JSON.stringify({ events }, null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return name;
}
