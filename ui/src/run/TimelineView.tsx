// A Gantt-style timeline: one bar per state execution, on the execution clock.
import { useMemo } from "react";
import { NotYet } from "./HistoryView";
import { formatElapsed, historyRows, timelineBars } from "./history";
import { useRun } from "./runStore";
import { VirtualList } from "./VirtualList";

const ROW = 22;

export function TimelineView() {
  const record = useRun((s) => s.record);
  const bars = useMemo(() => timelineBars(historyRows(record?.history.events ?? [])), [record]);
  if (!record) return <NotYet />;
  const span = Math.max(1, ...bars.slice(-1000).map((b) => b.end), bars.length ? bars[bars.length - 1].end : 1);
  return (
    <div className="run-timeline" data-testid="timeline">
      <div className="run-timeline-scale run-muted">
        <span>0</span>
        <span>{formatElapsed(span / 2)}</span>
        <span>{formatElapsed(span)}</span>
      </div>
      <VirtualList
        className="run-timeline-list"
        count={bars.length}
        rowHeight={ROW}
        resetKey={record.id}
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
                <span className={`tbar ${b.status}`} style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} title={`${b.name}: ${formatElapsed(b.start)} → ${formatElapsed(b.end)} (${b.end - b.start} ms)`} />
              </span>
              <span className="tdur mono">{b.end - b.start} ms</span>
            </div>
          );
        }}
      />
    </div>
  );
}
