// The run's AWS-shaped event history: id, type, state, time on the execution clock and
// details; filterable; virtualised; exported as GetExecutionHistory's JSON. A small run's
// history comes whole with its record; a big one's (`record.paged`, over 5,000 events) is
// read a page at a time as the list scrolls, and its filter runs in the backend.
import { useMemo, useState } from "react";
import type { RunRecord } from "../ipc/run";
import { runHistoryExport } from "../ipc/runPages";
import { asIpcError, useStudio } from "../store/studio";
import { loadRecord } from "./runActions";
import { readableDetails } from "./details";
import { filterRows, formatElapsed, historyRows, type HistoryRow } from "./history";
import { useRun } from "./runStore";
import { useHistoryPages, useSettled } from "./useHistoryPages";
import { VirtualList } from "./VirtualList";

const ROW = 24;

export function HistoryView() {
  const record = useRun((s) => s.record);
  if (!record) return <NotYet />;
  return record.paged ? <PagedHistory record={record} /> : <InlineHistory record={record} />;
}

function InlineHistory({ record }: { record: RunRecord }) {
  const [query, setQuery] = useState("");
  const rows = useMemo(() => historyRows(record.history.events, record.historyStates), [record]);
  const shown = useMemo(() => filterRows(rows, query), [rows, query]);
  return (
    <HistoryTable
      record={record}
      query={query}
      setQuery={setQuery}
      total={rows.length}
      matched={shown.length}
      row={(i) => shown[i]}
      resetKey={`${record.id}|${query}`}
    />
  );
}

function PagedHistory({ record }: { record: RunRecord }) {
  const [query, setQuery] = useState("");
  const filter = useSettled(query.trim());
  const { cache, want } = useHistoryPages(record.id, filter, record.eventCount);
  // Unfiltered, the count is known before the first page; filtered, once it answers.
  const matched = cache?.matched ?? (filter ? null : record.eventCount);
  return (
    <HistoryTable
      record={record}
      query={query}
      setQuery={setQuery}
      total={record.eventCount}
      matched={matched}
      row={(i) => cache?.row(i)}
      onRange={want}
      resetKey={`${record.id}|${filter}`}
      failed={cache?.error ? asIpcError(cache.error).message : null}
    />
  );
}

interface TableProps {
  record: RunRecord;
  query: string;
  setQuery(query: string): void;
  total: number;
  /** null: not known yet (a filter the backend has not answered) */
  matched: number | null;
  /** undefined: on a page not fetched yet */
  row(index: number): HistoryRow | undefined;
  onRange?(start: number, end: number): void;
  resetKey: string;
  failed?: string | null;
}

function HistoryTable({ record, query, setQuery, total, matched, row, onRange, resetKey, failed }: TableProps) {
  const [exported, setExported] = useState<string | null>(null);
  const stateNames = useStudio((s) => s.snapshot?.states);
  const select = (name: string) => {
    const hit = stateNames?.find((s) => s.name === name);
    if (hit) useStudio.getState().select([hit.pointer]);
  };
  const exportHistory = () =>
    runHistoryExport(record.id).then(setExported, (e) => useStudio.getState().setError(asIpcError(e)));
  const n = (x: number) => x.toLocaleString("en-US");
  const count = matched === null ? `… of ${n(total)} events` : matched === total ? `${n(total)} events` : `${n(matched)} of ${n(total)} events`;

  return (
    <div className="run-history" data-testid="history" data-paged={record.paged}>
      <div className="run-history-bar">
        <input
          className="run-input"
          data-testid="history-filter"
          placeholder="Filter by type or state…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Filter the history"
        />
        <span className="run-muted" data-testid="history-count">
          {count}
        </span>
        {failed && (
          <span className="run-error-text" data-testid="history-error">
            {failed}
          </span>
        )}
        <span className="run-spacer" />
        {exported && (
          <span className="run-muted" data-testid="history-exported" title={exported}>
            Saved
          </span>
        )}
        {!record.paged && (
          <button type="button" className="btn" data-testid="history-copy" onClick={() => void navigator.clipboard?.writeText(JSON.stringify(record.history, null, 2))}>
            Copy JSON
          </button>
        )}
        <button type="button" className="btn" data-testid="history-export" title="Save as GetExecutionHistory JSON" onClick={() => void exportHistory()}>
          Export JSON
        </button>
      </div>
      <div className="run-history-head hrow">
        <span>ID</span>
        <span>Type</span>
        <span>State</span>
        <span>Time</span>
        <span>Details</span>
      </div>
      <VirtualList
        className="run-history-list"
        testId="history-list"
        count={matched ?? 0}
        rowHeight={ROW}
        resetKey={resetKey}
        onRange={onRange}
        renderRow={(i) => {
          const r = row(i);
          if (!r) {
            // Its page is on the way: a quiet row, not a spinner per row.
            return (
              <div className="hrow loading" data-testid="history-row-loading">
                <span className="mono">…</span>
              </div>
            );
          }
          const type = r.event.type;
          const tone = type.endsWith("Failed") || type.endsWith("TimedOut") || type.endsWith("Aborted") ? " failed" : type.endsWith("Succeeded") ? " ok" : "";
          const details = readableDetails(r.event);
          return (
            <div className={`hrow${tone}`} data-testid="history-row" data-event-id={r.event.id} onClick={() => r.state && select(r.state)}>
              <span className="mono">{r.event.id}</span>
              <span className="htype">{type}</span>
              <span className="hstate">{r.state}</span>
              <span className="mono">{formatElapsed(r.elapsed)}</span>
              <span className="hdetails mono" title={details.length > 80 ? details.slice(0, 2000) : undefined}>
                {details}
              </span>
            </div>
          );
        }}
      />
    </div>
  );
}

/** Before a run's record has come (it streams while the run goes): this asks for it now. */
export function NotYet() {
  const runId = useRun((s) => s.runId);
  return (
    <div className="run-hint pad">
      {runId === null ? "No run yet." : "The history appears as the run goes. "}
      {runId !== null && (
        <button type="button" className="btn" data-testid="history-load" onClick={() => void loadRecord(runId)}>
          Load it now
        </button>
      )}
    </div>
  );
}
