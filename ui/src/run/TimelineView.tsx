// A Gantt-style timeline: one bar per state execution, on the execution's own clock (its
// history's timestamps: virtual time on the virtual clock, where a Wait of an hour lasts an
// hour though the run took milliseconds; real time otherwise). A big run
// (`record.paged`) shows the bars of its first events only, with a note: 100,000 bars on
// one scale are hairlines, and the whole history is a page read away in the History tab.
import { useEffect, useMemo, useState } from "react";
import type { ClockChoice, RunRecord } from "../ipc/run";
import { runHistoryPage } from "../ipc/runPages";
import { asIpcError } from "../store/studio";
import { NotYet } from "./HistoryView";
import { formatDuration, formatElapsed, historyRows, timelineBars, type HistoryRow } from "./history";
import { useRun } from "./runStore";
import { pageRows } from "./useHistoryPages";
import { VirtualList } from "./VirtualList";

const ROW = 22;
/** The events a big run's timeline draws (the most one page answers): ~1,000 bars. */
export const TIMELINE_EVENTS = 2_000;

export function TimelineView() {
  const record = useRun((s) => s.record);
  if (!record) return <NotYet />;
  return record.paged ? <PagedTimeline record={record} /> : <InlineTimeline record={record} />;
}

function InlineTimeline({ record }: { record: RunRecord }) {
  const rows = useMemo(() => historyRows(record.history.events, record.historyStates), [record]);
  return <Timeline rows={rows} resetKey={record.id} clock={record.clock} />;
}

function PagedTimeline({ record }: { record: RunRecord }) {
  const [first, setFirst] = useState<{ rows: HistoryRow[] } | { error: string } | null>(null);
  useEffect(() => {
    let current = true;
    runHistoryPage(record.id, { offset: 0, limit: TIMELINE_EVENTS }).then(
      (page) => current && setFirst({ rows: pageRows(page) }),
      (e) => current && setFirst({ error: asIpcError(e).message }),
    );
    return () => {
      current = false;
    };
  }, [record.id, record.eventCount]);
  if (!first) return <div className="run-hint pad">Reading the first events…</div>;
  if ("error" in first) return <div className="run-hint pad run-error-text">{first.error}</div>;
  return <Timeline rows={first.rows} resetKey={record.id} clock={record.clock} note={(bars) => `The first ${bars} of ${record.stateCount} state executions (${record.eventCount} events): the History tab has them all.`} />;
}

interface TimelineProps {
  rows: readonly HistoryRow[];
  resetKey: unknown;
  clock: ClockChoice;
  note?: (bars: number) => string;
}

function Timeline({ rows, resetKey, clock, note }: TimelineProps) {
  const bars = useMemo(() => timelineBars(rows), [rows]);
  const span = Math.max(1, ...bars.slice(-1000).map((b) => b.end), bars.length ? bars[bars.length - 1].end : 1);
  return (
    <div className="run-timeline" data-testid="timeline">
      {note && (
        <div className="run-timeline-note" data-testid="timeline-note">
          {note(bars.length)}
        </div>
      )}
      <div className="run-timeline-scale run-muted" data-testid="timeline-scale">
        <span title={clock === "virtual" ? "Durations as the execution's virtual clock measured them: waits and backoffs take their full time" : undefined}>
          0 · {clock === "virtual" ? "virtual time" : "real time"}
        </span>
        <span>{formatElapsed(span / 2)}</span>
        <span>{formatElapsed(span)}</span>
      </div>
      <VirtualList
        className="run-timeline-list"
        count={bars.length}
        rowHeight={ROW}
        resetKey={resetKey}
        renderRow={(i) => {
          const b = bars[i];
          const left = (b.start / span) * 100;
          const width = Math.max(0.3, ((b.end - b.start) / span) * 100);
          return (
            <div className="trow" data-testid="timeline-bar">
              <span className="tname" title={b.name}>
                {b.name}
              </span>
              <span className="ttrack">
                <span className={`tbar ${b.status}`} style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} title={`${b.name}: ${formatElapsed(b.start)} → ${formatElapsed(b.end)} (${formatDuration(b.end - b.start)})`} />
              </span>
              <span className="tdur mono">{formatDuration(b.end - b.start)}</span>
            </div>
          );
        }}
      />
    </div>
  );
}
