// The Map run viewer (issue 13, item 4): the iterations of the Map last selected in Run
// mode, in a virtualised table — index, status, duration, input, output or error — with a
// "failed only" filter. Rust groups the run's states by iteration and answers a page at a
// time (`run_map_iterations`); a click opens the iteration on the canvas: the state that
// ended it (or failed it) is selected and the inspector shows that execution of it.
import { useCallback, useEffect, useRef, useState } from "react";
import type { MapIteration } from "../ipc/runPages";
import { runMapIterations } from "../ipc/runPages";
import { asIpcError, useStudio } from "../store/studio";
import { formatDuration } from "./history";
import { useRun } from "./runStore";
import { VirtualList } from "./VirtualList";

const ROW = 24;
/** Rows fetched per request: a few screens of the table. */
const PAGE = 200;

interface Loaded {
  total: number;
  failed: number;
  matched: number;
  rows: Map<number, MapIteration>;
}

export function MapRunViewer() {
  const pointer = useRun((s) => s.mapPointer);
  const runId = useRun((s) => s.runId);
  const name = useStudio((s) => s.snapshot?.states.find((st) => st.pointer === pointer)?.name ?? null);
  if (runId === null || !pointer || !name) {
    return <div className="run-hint run-iterations-empty">Select a Map state of a run to list its iterations.</div>;
  }
  return <Iterations key={`${runId}|${pointer}`} runId={runId} pointer={pointer} name={name} />;
}

function Iterations({ runId, pointer, name }: { runId: number; pointer: string; name: string }) {
  const [failedOnly, setFailedOnly] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A new record (a pause, the end) or new Map progress: what was read is read again —
  // at most a few times a second, as each read groups the run's states anew.
  const record = useRun((s) => s.record);
  const progress = useThrottled(useRun((s) => s.view?.maps.get(pointer)), 300);
  const asked = useRef(new Set<number>());
  const range = useRef<[number, number]>([0, PAGE]);

  const fetchPage = useCallback(
    (page: number, reset: boolean) => {
      asked.current.add(page);
      runMapIterations(runId, { pointer, offset: page * PAGE, limit: PAGE, failedOnly }).then(
        (found) => {
          setError(null);
          setLoaded((prev) => {
            const rows = reset || !prev ? new Map<number, MapIteration>() : new Map(prev.rows);
            found.rows.forEach((r, i) => rows.set(found.offset + i, r));
            return { total: found.total, failed: found.failed, matched: found.matched, rows };
          });
        },
        (e) => setError(asIpcError(e).message),
      );
    },
    [runId, pointer, failedOnly],
  );

  // Start over: the filter changed or the run went on.
  useEffect(() => {
    asked.current = new Set();
    const first = Math.floor(range.current[0] / PAGE);
    fetchPage(first, true);
    const last = Math.floor(Math.max(range.current[0], range.current[1] - 1) / PAGE);
    for (let p = first + 1; p <= last; p++) fetchPage(p, false);
  }, [fetchPage, record, progress]);

  const onRange = useCallback(
    (start: number, end: number) => {
      range.current = [start, end];
      for (let p = Math.floor(start / PAGE); p <= Math.floor(Math.max(start, end - 1) / PAGE); p++) {
        if (!asked.current.has(p)) fetchPage(p, false);
      }
    },
    [fetchPage],
  );

  const open = (row: MapIteration) => {
    if (!row.pointer) return;
    useRun.setState({ focus: { pointer: row.pointer, execution: row.execution, nonce: Date.now() } });
    useStudio.getState().select([row.pointer], row.pointer);
  };

  // The iteration opened last is marked while the inspector shows it.
  const focus = useRun((s) => s.focus);
  const count = loaded?.matched ?? 0;
  return (
    <div className="run-history run-iterations" data-testid="map-iterations">
      <div className="run-history-bar">
        <span>
          <b>{name}</b>
          <span className="run-muted" data-testid="map-iterations-count">
            {loaded ? ` · ${loaded.total} iterations · ${loaded.failed} failed` : " · reading…"}
          </span>
        </span>
        <label className="run-check">
          <input type="checkbox" data-testid="map-iterations-failed-only" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} />
          Failed only
        </label>
        {error && <span className="run-error-text">{error}</span>}
      </div>
      <div className="hrow irow run-history-head" role="row">
        <span>#</span>
        <span>Status</span>
        <span>Duration</span>
        <span>Input</span>
        <span>Output or error</span>
      </div>
      {loaded && count === 0 ? (
        <div className="run-hint">{failedOnly ? "No iteration failed." : "No iteration has run yet."}</div>
      ) : (
        <VirtualList
          count={count}
          rowHeight={ROW}
          testId="map-iterations-list"
          resetKey={`${failedOnly}`}
          onRange={onRange}
          renderRow={(i) => {
            const row = loaded?.rows.get(i);
            if (!row) return <div className="hrow irow run-muted">…</div>;
            const opened = !!focus && focus.pointer === row.pointer && focus.execution === row.execution;
            return <IterationRow row={row} open={open} opened={opened} />;
          }}
        />
      )}
    </div>
  );
}

function IterationRow({ row, open, opened }: { row: MapIteration; open(row: MapIteration): void; opened: boolean }) {
  const outcome = row.status === "failed" ? [row.error, row.cause].filter(Boolean).join(": ") : row.output === null || row.output === undefined ? "" : compact(row.output);
  return (
    <div
      className={`hrow irow ${row.status}${opened ? " opened" : ""}`}
      role="row"
      data-testid="map-iteration"
      data-index={row.index}
      data-status={row.status}
      title={row.pointer ? "Open this iteration on the canvas" : undefined}
      onClick={() => open(row)}
    >
      <span className="mono">{row.index}</span>
      <span className="istatus">{row.status}</span>
      <span className="mono">{row.durationMs === null ? "—" : formatDuration(row.durationMs)}</span>
      <span className="mono" title={compact(row.input)}>
        {compact(row.input)}
      </span>
      <span className={`mono${row.status === "failed" ? " run-error-text" : ""}`} title={outcome}>
        {outcome}
      </span>
    </div>
  );
}

/** One line of JSON (the cell cuts it; the title holds it whole). */
function compact(value: unknown): string {
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

/** `value`, changed at most once every `ms` (the last change always arrives). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const t = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, last.current + ms - Date.now()),
    );
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}
