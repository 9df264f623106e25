// The run's AWS-shaped event history: id, type, state, time on the execution clock and
// details; filterable; virtualised; exported as GetExecutionHistory's JSON.
import { useMemo, useState } from "react";
import type { RunRecord } from "../ipc/run";
import { useStudio } from "../store/studio";
import { loadRecord } from "./runActions";
import { detailsOf, filterRows, formatElapsed, historyRows } from "./history";
import { useRun } from "./runStore";
import { VirtualList } from "./VirtualList";

const ROW = 24;

/** Saves the history through a Blob link (the browser's download). */
function exportHistory(record: RunRecord) {
  const blob = new Blob([JSON.stringify(record.history, null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `execution-history-run-${record.id}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function HistoryView() {
  const record = useRun((s) => s.record);
  const [query, setQuery] = useState("");
  const rows = useMemo(() => historyRows(record?.history.events ?? []), [record]);
  const shown = useMemo(() => filterRows(rows, query), [rows, query]);
  const stateNames = useStudio((s) => s.snapshot?.states);
  const select = (name: string) => {
    const hit = stateNames?.find((s) => s.name === name);
    if (hit) useStudio.getState().select([hit.pointer]);
  };

  if (!record) return <NotYet />;
  return (
    <div className="run-history" data-testid="history">
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
          {shown.length === rows.length ? `${rows.length} events` : `${shown.length} of ${rows.length} events`}
        </span>
        <span className="run-spacer" />
        <button type="button" className="btn" data-testid="history-copy" onClick={() => void navigator.clipboard?.writeText(JSON.stringify(record.history, null, 2))}>
          Copy JSON
        </button>
        <button type="button" className="btn" data-testid="history-export" title="Save as GetExecutionHistory JSON" onClick={() => exportHistory(record)}>
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
        count={shown.length}
        rowHeight={ROW}
        resetKey={`${record.id}|${query}`}
        renderRow={(i) => {
          const r = shown[i];
          const type = r.event.type;
          const tone = type.endsWith("Failed") || type.endsWith("TimedOut") || type.endsWith("Aborted") ? " failed" : type.endsWith("Succeeded") ? " ok" : "";
          const details = detailsOf(r.event);
          return (
            <div className={`hrow${tone}`} data-testid="history-row" onClick={() => r.state && select(r.state)}>
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

/** While a run goes its record is fetched at pauses and at the end; this asks for it now. */
export function NotYet() {
  const runId = useRun((s) => s.runId);
  return (
    <div className="run-hint pad">
      {runId === null ? "No run yet." : "The history is fetched at each pause and when the run ends. "}
      {runId !== null && (
        <button type="button" className="btn" data-testid="history-load" onClick={() => void loadRecord(runId)}>
          Load it now
        </button>
      )}
    </div>
  );
}
