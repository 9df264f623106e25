// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../ipc/run";
import { filterRows, formatDuration, formatElapsed, historyRows, MAX_LIST_PX, scaledScroll, timelineBars, visibleRange } from "./history";
import { pageRows } from "./useHistoryPages";

let n = 0;
const ev = (type: string, ms: number, details?: Record<string, unknown>): HistoryEvent => {
  n++;
  const e: HistoryEvent = { type, id: n, previousEventId: n - 1, timestamp: new Date(Date.UTC(2025, 0, 1) + ms).toISOString() };
  if (details) e[type.endsWith("Entered") ? "stateEnteredEventDetails" : "stateExitedEventDetails"] = details as never;
  return e;
};

/** The states Rust gives the sample's events (crates/asl-session/src/run/history_index.rs). */
const STATES = ["", "Charge", "Charge", "Charge", "Charge", "Done", "Done", ""];

function sample(): HistoryEvent[] {
  n = 0;
  return [
    ev("ExecutionStarted", 0),
    ev("TaskStateEntered", 10, { name: "Charge" }),
    ev("TaskScheduled", 20),
    ev("TaskFailed", 120),
    ev("TaskStateExited", 130, { name: "Charge" }),
    ev("PassStateEntered", 140, { name: "Done" }),
    ev("PassStateExited", 150, { name: "Done" }),
    ev("ExecutionSucceeded", 160),
  ];
}

describe("history rows", () => {
  it("puts each event with the state Rust names and on the execution clock", () => {
    const rows = historyRows(sample(), STATES);
    expect(rows.map((r) => r.state)).toEqual(STATES);
    expect(rows.map((r) => r.elapsed)).toEqual([0, 10, 20, 120, 130, 140, 150, 160]);
  });

  it("filters by every word over type and state", () => {
    const rows = historyRows(sample(), STATES);
    expect(filterRows(rows, "")).toBe(rows);
    expect(filterRows(rows, "charge").length).toBe(4);
    expect(filterRows(rows, "task failed").map((r) => r.event.type)).toEqual(["TaskFailed"]);
    expect(filterRows(rows, "DONE exited").map((r) => r.event.id)).toEqual([7]);
    expect(filterRows(rows, "nothing")).toHaveLength(0);
  });

  it("formats the execution clock", () => {
    expect(formatElapsed(42)).toBe("+42 ms");
    expect(formatElapsed(1234)).toBe("+1.234 s");
    expect(formatElapsed(61_500)).toBe("+1m 1.5s");
  });

  it("reads durations the way a person does, waits of the virtual clock included", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(3000)).toBe("3 s");
    expect(formatDuration(4250)).toBe("4.25 s");
    expect(formatDuration(90_000)).toBe("1m 30s");
    expect(formatDuration(3_600_000)).toBe("1h");
    expect(formatDuration(7_500_000)).toBe("2h 5m");
  });
});

describe("visibleRange", () => {
  it("covers the viewport plus overscan, clamped", () => {
    expect(visibleRange(0, 240, 24, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(24 * 1000, 240, 24, 100_000, 5)).toEqual({ start: 995, end: 1016 });
    expect(visibleRange(24 * 99_995, 240, 24, 100_000, 5)).toEqual({ start: 99_990, end: 100_000 });
    expect(visibleRange(1e9, 240, 24, 10, 5)).toEqual({ start: 4, end: 10 });
    expect(visibleRange(0, 240, 24, 0)).toEqual({ start: 0, end: 0 });
  });
  it("keeps a 100,000-row list to a few dozen rows", () => {
    const { start, end } = visibleRange(1_234_567, 600, 24, 100_000);
    expect(end - start).toBeLessThan(50);
  });
});

describe("scaledScroll", () => {
  it("leaves a list that fits as it is", () => {
    expect(scaledScroll(1_200, 600, 24, 100_000)).toEqual({ spacer: 2_400_000, offset: 1_200 });
  });
  it("maps the scrollbar of a 2,000,000-row list onto every row, the last one included", () => {
    const count = 2_000_008;
    const top = scaledScroll(0, 600, 24, count);
    expect(top).toEqual({ spacer: MAX_LIST_PX, offset: 0 });
    // Scrolled to the bottom: the rows shown end with the last one.
    const bottom = scaledScroll(MAX_LIST_PX - 600, 600, 24, count);
    expect(bottom.offset).toBeCloseTo(count * 24 - 600);
    expect(visibleRange(bottom.offset, 600, 24, count).end).toBe(count);
    // Half way: the middle rows.
    const { start } = visibleRange(scaledScroll((MAX_LIST_PX - 600) / 2, 600, 24, count).offset, 600, 24, count);
    expect(Math.abs(start - count / 2)).toBeLessThan(30);
  });
});

describe("timelineBars", () => {
  it("pairs entered and exited events, marking failures", () => {
    const bars = timelineBars(historyRows(sample(), STATES));
    expect(bars).toEqual([
      { name: "Charge", start: 10, end: 130, status: "failed" },
      { name: "Done", start: 140, end: 150, status: "succeeded" },
    ]);
  });
  it("pairs concurrent executions of one state first in, first out", () => {
    n = 0;
    const events = [
      ev("TaskStateEntered", 0, { name: "A" }),
      ev("TaskStateEntered", 5, { name: "A" }),
      ev("TaskStateExited", 20, { name: "A" }),
      ev("TaskStateExited", 30, { name: "A" }),
      ev("TaskStateEntered", 40, { name: "B" }),
    ];
    const bars = timelineBars(historyRows(events, ["A", "A", "A", "A", "B"]));
    expect(bars.map((b) => [b.start, b.end, b.status])).toEqual([
      [0, 20, "succeeded"],
      [5, 30, "succeeded"],
      [40, 40, "running"],
    ]);
  });
});

describe("pageRows", () => {
  it("puts a page's rows on the clock of the history's first event, as historyRows does", () => {
    const events = sample();
    const whole = historyRows(events, STATES);
    const page = { total: 8, matched: 8, offset: 4, startedAt: events[0].timestamp, rows: whole.slice(4).map((r) => ({ state: r.state, event: r.event })) };
    expect(pageRows(page)).toEqual(whole.slice(4));
    expect(pageRows({ ...page, startedAt: events[4].timestamp }).map((r) => r.elapsed)).toEqual([0, 10, 20, 30]);
  });
});
