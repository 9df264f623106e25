// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { RunRecord, RunState } from "../ipc/run";
import { viewFromRecord } from "./recordView";
import { runKeyFor } from "./useRunKeys";

const state = (name: string, type: string): RunState => ({
  name, type, path: name, pointer: `/States/${name}`, input: {}, inspection: {}, from: null, ends: false, error: null, cause: null,
});

describe("viewFromRecord", () => {
  it("rebuilds statuses and transitions from a finished run's states as Rust records them", () => {
    const record: RunRecord = {
      id: 3, machinePath: null, title: "t", startedAt: "", finishedAt: "", status: "FAILED", input: {}, output: null,
      error: "OutOfStock", cause: "none left", clock: "virtual", transitions: 3, pending: null, callbacks: [],
      eventCount: 2, stateCount: 3, paged: false,
      states: [
        { ...state("ValidateOrder", "Task"), output: {} },
        { ...state("IsInStock", "Choice"), output: {}, from: "/States/ValidateOrder" },
        { ...state("OutOfStock", "Fail"), from: "/States/IsInStock", error: "OutOfStock", cause: "none left" },
      ],
      history: { events: [] },
      historyStates: [],
      tally: [],
      taken: [],
    };
    const v = viewFromRecord(record);
    expect(v.status).toBe("FAILED");
    expect(v.marks.get("/States/ValidateOrder")?.status).toBe("succeeded");
    expect(v.marks.get("/States/OutOfStock")).toMatchObject({ status: "failed", error: "OutOfStock" });
    expect(v.taken.has("/States/ValidateOrder>/States/IsInStock")).toBe(true);
    expect(v.taken.has("^/States/ValidateOrder")).toBe(true);
    expect(v.outcome).toEqual({ output: null, error: "OutOfStock", cause: "none left" });

    // The same run read in pages: no states, Rust's tally of them instead — same canvas.
    const paged: RunRecord = {
      ...record, states: [], paged: true,
      tally: [
        { pointer: "/States/ValidateOrder", entered: 1, status: "succeeded", error: null },
        { pointer: "/States/IsInStock", entered: 1, status: "succeeded", error: null },
        { pointer: "/States/OutOfStock", entered: 1, status: "failed", error: "OutOfStock" },
      ],
      taken: ["^/States/ValidateOrder", "/States/ValidateOrder>/States/IsInStock", "/States/IsInStock>/States/OutOfStock"],
    };
    const p = viewFromRecord(paged);
    expect(p.marks).toEqual(v.marks);
    expect(p.taken).toEqual(v.taken);
    expect(p.outcome).toEqual(v.outcome);
  });
});

describe("runKeyFor", () => {
  const k = (key: string, shiftKey = false, ctrlKey = false) => runKeyFor({ key, shiftKey, ctrlKey, metaKey: false, altKey: false });
  it("maps the debugger keys of design §4", () => {
    expect(k("F5")).toBe("run");
    expect(k("F9")).toBe("breakpoint");
    expect(k("F10")).toBe("step-over");
    expect(k("F11")).toBe("step-into");
    expect(k("F11", true)).toBe("step-out");
    expect(k("F5", false, true)).toBeNull();
    expect(k("a")).toBeNull();
  });
});
