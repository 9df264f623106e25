// DEV ONLY: the page commands of src-tauri/src/run_pages.rs for the mock backend, over a
// replay's record, with the same rules: a record leaves its states and history out past
// the inline limit (`?inline=N` lowers it, so the paged views can be tried on a small
// run), a page answers at most 2,000 rows, the filter matches type and state words.
import type { RunRecord, RunState } from "../ipc/run";
import type { ExecutionsQuery, HistoryPage, HistoryPageRow, HistoryQuery, StateExecutions } from "../ipc/runPages";

const INLINE_LIMIT = Number(new URLSearchParams(location.search).get("inline") ?? 5_000);
const MAX_PAGE = 2_000;

/** The record as run_get answers it: `paged`, without states and history, when big. */
export function pagedRecord(record: RunRecord): RunRecord {
  const paged = record.stateCount > INLINE_LIMIT || record.eventCount > INLINE_LIMIT;
  return paged ? { ...record, states: [], history: { events: [] }, paged } : record;
}

export function historyPage(rows: readonly HistoryPageRow[], q: HistoryQuery): HistoryPage {
  const words = (q.filter ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const matching = rows.filter((r) => words.every((w) => `${r.event.type} ${r.state}`.toLowerCase().includes(w)));
  const offset = q.offset ?? 0;
  return {
    total: rows.length,
    matched: matching.length,
    offset,
    startedAt: rows[0]?.event.timestamp ?? null,
    rows: matching.slice(offset, offset + Math.min(q.limit, MAX_PAGE)),
  };
}

export function stateExecutions(states: readonly RunState[], q: ExecutionsQuery): StateExecutions {
  const of = states.filter((s) => (q.pointer == null || s.pointer === q.pointer) && (q.path == null || s.path === q.path));
  const limit = Math.min(q.limit, MAX_PAGE);
  const offset = q.offset ?? Math.max(0, of.length - limit);
  return { total: of.length, offset, executions: of.slice(offset, offset + limit) };
}

/** The browser has no save dialog to call: the history goes to a download. */
export function exportHistory(runId: number, record: RunRecord): string {
  const name = `execution-history-run-${runId}.json`;
  const blob = new Blob([JSON.stringify(record.history, null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return name;
}
