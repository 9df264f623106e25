// The AWS-shaped history as table rows and timeline bars. Pure and linear in the number
// of events: a 100,000-transition run has hundreds of thousands of them.
import type { HistoryEvent } from "../ipc/run";

export interface HistoryRow {
  event: HistoryEvent;
  /** The state the event belongs to, as Rust tells it (the record's `historyStates`, a
   *  page's rows); "" for execution-level events. */
  state: string;
  /** Milliseconds since the first event (the execution clock). */
  elapsed: number;
}

/** The record's events with the state Rust says each belongs to, on the execution clock. */
export function historyRows(events: readonly HistoryEvent[], states: readonly string[]): HistoryRow[] {
  const t0 = events.length ? Date.parse(events[0].timestamp) : 0;
  return events.map((event, i) => ({ event, state: states[i] ?? "", elapsed: Date.parse(event.timestamp) - t0 }));
}

/** Rows whose type or state contains every word of `query` (case-insensitive). */
export function filterRows(rows: readonly HistoryRow[], query: string): readonly HistoryRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    const hay = `${r.event.type} ${r.state}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}


export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms)) return "";
  if (ms < 1000) return `+${ms} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(3)} s`;
  const m = Math.floor(ms / 60_000);
  return `+${m}m ${((ms % 60_000) / 1000).toFixed(1)}s`;
}

/** A duration as a person reads it: `0 ms`, `250 ms`, `3 s`, `4.25 s`, `1m 30s`, `2h 5m`.
 *  On a virtual clock a Wait of 90 s lasts 90 s here although the run took no time. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? ` ${s % 60}s` : ""}`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ""}`;
}

/** The rows a fixed-row-height list shows: `[start, end)` covering the viewport plus
 *  `overscan` rows each side, clamped to the list. */
/** The tallest box the list makes: browsers stop growing an element somewhere past this
 *  (WebKit at 2^25 px, Firefox lower), and 2,000,000 history rows of 24 px would need 48M.
 *  Past it, the scrollbar's range is mapped onto the rows' range. */
export const MAX_LIST_PX = 8_000_000;

/** A list of `count` rows of `rowHeight` in a `viewport`-high box, scrolled to `scrollTop`:
 *  the spacer's height and the offset of the rows in the list it stands for (equal to
 *  `scrollTop` unless the list is taller than {@link MAX_LIST_PX}). */
export function scaledScroll(scrollTop: number, viewport: number, rowHeight: number, count: number): { spacer: number; offset: number } {
  const full = count * rowHeight;
  const spacer = Math.min(full, MAX_LIST_PX);
  if (full <= spacer || spacer <= viewport) return { spacer, offset: scrollTop };
  // The scrollbar's end is the list's end: both ranges end one viewport before the bottom.
  return { spacer, offset: (scrollTop * (full - viewport)) / (spacer - viewport) };
}

export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 6): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + Math.ceil(Math.max(0, viewport) / rowHeight) + 1 + overscan);
  return { start, end: Math.max(start, end) };
}

export interface Bar {
  name: string;
  start: number;
  end: number;
  status: "succeeded" | "failed" | "running";
}

/** One bar per state execution: from its StateEntered to its StateExited (matched by
 *  name, first in first out, so concurrent iterations pair up); a failure event in between
 *  marks it failed; never exited: it runs to the last event. Sorted by start. */
export function timelineBars(rows: readonly HistoryRow[]): Bar[] {
  const bars: Bar[] = [];
  const open = new Map<string, number[]>();
  const end = rows.length ? rows[rows.length - 1].elapsed : 0;
  for (const r of rows) {
    const type = r.event.type;
    if (type.endsWith("StateEntered")) {
      bars.push({ name: r.state, start: r.elapsed, end, status: "running" });
      const q = open.get(r.state) ?? [];
      q.push(bars.length - 1);
      open.set(r.state, q);
    } else if (type.endsWith("StateExited")) {
      const i = open.get(r.state)?.shift();
      if (i !== undefined) {
        bars[i].end = r.elapsed;
        if (bars[i].status === "running") bars[i].status = "succeeded";
      }
    } else if (type.endsWith("Failed") && !type.startsWith("Execution")) {
      const q = open.get(r.state);
      if (q?.length) bars[q[0]].status = "failed";
    }
  }
  return bars;
}
