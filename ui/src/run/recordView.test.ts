// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { RunRecord } from "../ipc/run";
import type { Snapshot } from "../ipc/types";
import orders from "../fixtures/order-processing.snapshot.json";
import { indexStates } from "./paths";
import { viewFromRecord } from "./recordView";
import { runKeyFor } from "./useRunKeys";

const O = orders as unknown as Snapshot;

describe("viewFromRecord", () => {
  it("rebuilds statuses from a finished run's states and failures", () => {
    const record: RunRecord = {
      id: 3, machinePath: null, title: "t", startedAt: "", finishedAt: "", status: "FAILED", input: {}, output: null,
      error: "OutOfStock", cause: "none left", clock: "virtual", transitions: 3, pending: null, callbacks: [],
      eventCount: 2, stateCount: 3, paged: false,
      states: [
        { name: "ValidateOrder", type: "Task", path: "ValidateOrder", pointer: "/States/ValidateOrder", input: {}, output: {}, inspection: {} },
        { name: "IsInStock", type: "Choice", path: "IsInStock", pointer: "/States/IsInStock", input: {}, output: {}, inspection: {} },
        { name: "OutOfStock", type: "Fail", path: "OutOfStock", pointer: "/States/OutOfStock", input: {}, inspection: {} },
      ],
      history: {
        events: [
          { id: 1, previousEventId: 0, type: "FailStateEntered", timestamp: "2025-01-01T00:00:00Z", stateEnteredEventDetails: { name: "OutOfStock" } },
          { id: 2, previousEventId: 1, type: "ExecutionFailed", timestamp: "2025-01-01T00:00:01Z", executionFailedEventDetails: { error: "OutOfStock" } },
        ],
      },
    };
    const v = viewFromRecord(record, indexStates(O.states, O.scopes));
    expect(v.status).toBe("FAILED");
    expect(v.marks.get("/States/ValidateOrder")?.status).toBe("succeeded");
    expect(v.marks.get("/States/OutOfStock")).toMatchObject({ status: "failed", error: "OutOfStock" });
    expect(v.taken.has("/States/ValidateOrder>/States/IsInStock")).toBe(true);
    expect(v.outcome).toEqual({ output: null, error: "OutOfStock", cause: "none left" });
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
