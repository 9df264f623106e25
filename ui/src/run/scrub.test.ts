// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { HistoryEvent, RunRecord, RunState } from "../ipc/run";
import { scrubView } from "./scrub";

const state = (name: string, extra: Partial<RunState> = {}): RunState => ({
  name, type: "Pass", path: name, pointer: `/States/${name}`, input: {}, inspection: {}, from: null, ends: false, error: null, cause: null,
  output: { at: name }, ...extra,
});
const event = (id: number, type: string): HistoryEvent => ({ id, previousEventId: id - 1, timestamp: "2026-01-01T00:00:00.000Z", type }) as HistoryEvent;

const record: RunRecord = {
  id: 1, machinePath: null, title: "t", startedAt: "", finishedAt: "", status: "SUCCEEDED", input: {}, output: {},
  error: null, cause: null, clock: "virtual", transitions: 3, pending: null, callbacks: [], eventCount: 7, stateCount: 3, paged: false,
  states: [state("A"), state("B", { from: "/States/A" }), state("A", { path: "A", from: "/States/B", ends: true })],
  history: {
    events: [
      event(1, "ExecutionStarted"), event(2, "PassStateEntered"), event(3, "PassStateExited"), event(4, "PassStateEntered"),
      event(5, "PassStateExited"), event(6, "PassStateEntered"), event(7, "PassStateExited"), event(8, "ExecutionSucceeded"),
    ],
  },
  historyStates: ["", "A", "A", "B", "B", "A", "A", ""],
  tally: [],
  taken: [],
};

describe("scrubView", () => {
  it("shows the run as it stood after each history event", () => {
    const start = scrubView(record, 1);
    expect(start.marks.size).toBe(0);
    const inA = scrubView(record, 2);
    expect(inA.marks.get("/States/A")?.status).toBe("running");
    expect(inA.current).toBe("/States/A");
    const inB = scrubView(record, 4);
    expect(inB.marks.get("/States/A")?.status).toBe("succeeded");
    expect(inB.marks.get("/States/B")?.status).toBe("running");
    expect(inB.taken.has("/States/A>/States/B")).toBe(true);
    // A's second entry is its second record (entered from B).
    const again = scrubView(record, 6);
    expect(again.marks.get("/States/A")).toMatchObject({ status: "running", entered: 2 });
    expect(again.taken.has("/States/B>/States/A")).toBe(true);
    // The end: the finished view.
    expect(scrubView(record, 8).status).toBe("SUCCEEDED");
  });
});
