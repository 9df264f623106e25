// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Coverage } from "../ipc/run";
import type { Snapshot } from "../ipc/types";
import orders from "../fixtures/order-processing.snapshot.json";
import { toFlow } from "../canvas/toFlow";
import { coverageMarks, decorate, edgeKey, runMarks, type DecorateCache } from "./canvasMarks";
import type { RunEvent } from "../ipc/run";
import { emptyView, foldEvents } from "./fold";

const O = orders as unknown as Snapshot;
const flow = toFlow(O);
const run = (events: RunEvent[]) => foldEvents(emptyView(), events);
let last: string | null = null;
const enter = (name: string): RunEvent => {
  const e: RunEvent = { event: "stateEntered", path: name, pointer: `/States/${name}`, stateType: "Task", input: {}, from: last };
  last = `/States/${name}`;
  return e;
};
const exit = (name: string): RunEvent => ({ event: "stateExited", path: name, pointer: `/States/${name}`, output: {}, inspection: null, ends: false });

describe("run marks", () => {
  it("keys start, state-to-state and end edges like the fold does", () => {
    const start = O.layout.edges.find((e) => e.kind === "Start")!;
    expect(edgeKey(start)).toBe(`^${start.to}`);
    const end = O.layout.edges.find((e) => e.kind === "End")!;
    expect(edgeKey(end)).toBe(`${end.from}>$`);
  });

  it("classes entered states and the edges taken; unvisited ones once finished", () => {
    last = null;
    const view = run([enter("ValidateOrder"), exit("ValidateOrder"), enter("CheckInventory")]);
    const marks = runMarks(flow, view);
    expect(marks.nodes.get("/States/ValidateOrder")).toBe("run-succeeded");
    expect(marks.nodes.get("/States/CheckInventory")).toBe("run-running run-current");
    expect(marks.nodes.has("/States/OrderFailed")).toBe(false);
    const taken = flow.edges.filter((e) => marks.edges.get(e.id) === "run-taken").map((e) => `${e.source}->${e.target}`);
    expect(taken).toContain("/States/ValidateOrder->/States/CheckInventory");
    expect(taken.some((t) => t.endsWith("->/States/ValidateOrder"))).toBe(true); // the start edge
    const done = foldEvents(view, [{ event: "finished", status: "ABORTED", output: null, error: null, cause: null }]);
    expect(runMarks(flow, done).nodes.get("/States/OrderFailed")).toBe("run-unvisited");
  });

  it("outlines the paused state", () => {
    const view = run([{ event: "paused", path: "ProcessPayment", pointer: "/States/ProcessPayment", place: "beforeEnter", reason: "step", depth: 0, input: {}, output: null, variables: {} }]);
    expect(runMarks(flow, view).nodes.get("/States/ProcessPayment")).toBe("run-paused");
  });
});

describe("coverage marks", () => {
  it("marks states, Choice rules and catchers exercised or not", () => {
    const coverage: Coverage = {
      states: O.states.map((s) => ({ pointer: s.pointer, name: s.name, hits: s.name === "OutOfStock" ? 0 : 1 })),
      choiceRules: [
        { statePointer: "/States/IsInStock", stateName: "IsInStock", rule: 0, pointer: "/States/IsInStock/Choices/0", next: "ProcessPayment", hits: 3 },
        { statePointer: "/States/IsInStock", stateName: "IsInStock", rule: "Default", pointer: "/States/IsInStock/Default", next: "OutOfStock", hits: 0 },
      ],
      retriers: [],
      catchers: [{ statePointer: "/States/ProcessPayment", stateName: "ProcessPayment", index: 0, pointer: "/States/ProcessPayment/Catch/0", hits: 0 }],
      cases: 2,
    };
    const marks = coverageMarks(flow, coverage);
    expect(marks.nodes.get("/States/OutOfStock")).toBe("cov-miss");
    expect(marks.nodes.get("/States/ValidateOrder")).toBe("cov-hit");
    const edge = (from: string, kind: string, idx: number | null = null) =>
      flow.edges.find((e) => e.source === from && e.data!.layout.kind === kind && (idx === null || e.data!.layout.index === idx))!.id;
    expect(marks.edges.get(edge("/States/IsInStock", "ChoiceRule", 0))).toBe("cov-hit");
    expect(marks.edges.get(edge("/States/IsInStock", "Default"))).toBe("cov-miss");
    expect(marks.edges.get(edge("/States/ProcessPayment", "Catch", 0))).toBe("cov-miss");
    expect(marks.edges.get(edge("/States/ValidateOrder", "Next"))).toBeUndefined();
  });
});

describe("decorate", () => {
  it("keeps unmarked objects and reuses a decorated copy while its class is unchanged", () => {
    const cache: DecorateCache = new WeakMap();
    const a = decorate(flow, { nodes: new Map([["/States/ValidateOrder", "run-running"]]), edges: new Map() }, cache);
    const i = flow.nodes.findIndex((n) => n.id === "/States/ValidateOrder");
    const j = flow.nodes.findIndex((n) => n.id === "/States/CheckInventory");
    expect(a.nodes[j]).toBe(flow.nodes[j]);
    expect(a.nodes[i]).not.toBe(flow.nodes[i]);
    expect(a.nodes[i].className).toBe("run-running");
    const b = decorate(flow, { nodes: new Map([["/States/ValidateOrder", "run-running"]]), edges: new Map() }, cache);
    expect(b.nodes[i]).toBe(a.nodes[i]);
    const c = decorate(flow, { nodes: new Map([["/States/ValidateOrder", "run-succeeded"]]), edges: new Map() }, cache);
    expect(c.nodes[i]).not.toBe(a.nodes[i]);
    expect(flow.nodes[i].className).toBeUndefined(); // toFlow's objects are never changed
  });
});
