// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { LayoutEdge, Snapshot } from "../ipc/types";
import orders from "../fixtures/order-processing.snapshot.json";
import jsonata from "../fixtures/order-processing-jsonata.snapshot.json";
import parallel from "../fixtures/parallel-risk-analysis.snapshot.json";
import { appendEdge, edgeAcceptsDrop, planDrop } from "./dropEdits";

const O = orders as unknown as Snapshot;
const J = jsonata as unknown as Snapshot;
const P = parallel as unknown as Snapshot;
/** A catalogue action as a drag prepares it (its skeleton in both languages). */
const lambda = {
  baseName: "Lambda Invoke",
  states: {
    JSONPath: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "", "Payload.$": "$" } },
    JSONata: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: { FunctionName: "", Payload: "{% $states.input %}" } },
  },
};

describe("planDrop", () => {
  it("inserts on a Next edge with the edge's own transition", () => {
    const edge = O.layout.edges.find((e) => e.from === "/States/ValidateOrder" && e.kind === "Next")!;
    const plan = planDrop("Pass", { kind: "edge", edge }, O)!;
    expect(plan.edit).toEqual({ kind: "insert_between", from: "/States/ValidateOrder", transition: { kind: "next" }, name: "Pass", state: { Type: "Pass" } });
    expect(plan.select).toBe("Pass");
  });

  it("inserts on a Choice rule and a Catch as the edge names them", () => {
    const rule = O.layout.edges.find((e) => e.kind === "ChoiceRule")!;
    expect((planDrop("Wait", { kind: "edge", edge: rule }, O)!.edit as { transition: unknown }).transition).toEqual(rule.transition!.transition);
    const c = O.layout.edges.find((e) => e.kind === "Catch")!;
    expect((planDrop("Pass", { kind: "edge", edge: c }, O)!.edit as { transition: unknown }).transition).toEqual({ kind: "catch", index: c.index });
  });

  it("inserts on a Start edge as one edit (Rust makes it the StartAt)", () => {
    const edge = O.layout.edges.find((e) => e.kind === "Start")!;
    expect(planDrop("Wait", { kind: "edge", edge }, O)!.edit).toEqual({
      kind: "insert_between",
      from: "",
      transition: { kind: "start" },
      name: "Wait",
      state: { Type: "Wait", Seconds: 5 },
    });
  });

  it("inserts before a branch's first state", () => {
    const edge = P.layout.edges.find((e) => e.from === "/States/RunRiskChecks/Branches/1#start")!;
    const edit = planDrop("Pass", { kind: "edge", edge }, P)!.edit;
    expect(edit).toMatchObject({ kind: "insert_between", from: "/States/RunRiskChecks/Branches/1", transition: { kind: "start" } });
  });

  it("appends a drop on a branch's empty space after its last state, wired in", () => {
    const plan = planDrop(lambda, { kind: "scope", scope: "/States/RunRiskChecks/Branches/0" }, P)!;
    expect(plan.edit).toMatchObject({ kind: "insert_between", from: "/States/RunRiskChecks/Branches/0/States/CreditCheck", transition: { kind: "next" }, name: "Lambda Invoke" });
  });

  it("appends a drop on the blank canvas after the selected state, else after the one that ends the flow", () => {
    const after = planDrop("Pass", { kind: "scope", scope: "", after: "/States/ValidateOrder" }, O)!;
    expect(after.edit).toMatchObject({ kind: "insert_between", from: "/States/ValidateOrder", transition: { kind: "next" } });
    // A selection in another scope, or none: the last state before End.
    for (const sel of [null, "/States/Nowhere"]) {
      expect(planDrop("Map", { kind: "scope", scope: "", after: sel }, O)!.edit).toMatchObject({ kind: "insert_between", from: "/States/OrderCompleted", transition: { kind: "next" } });
    }
    // A selected Choice is followed on its Default.
    expect(planDrop("Pass", { kind: "scope", scope: "", after: "/States/IsInStock" }, O)!.edit).toMatchObject({ from: "/States/IsInStock", transition: { kind: "default" } });
  });

  it("appends before the last Succeed when no state ends the flow itself", () => {
    expect(appendEdge(P, "", null)).toMatchObject({ to: "/States/PendingManualReview" });
  });

  it("adds to an empty scope, where the state becomes the start", () => {
    const empty: Snapshot = { ...O, states: [], layout: { ...O.layout, edges: [] } };
    expect(planDrop("Pass", { kind: "scope", scope: "" }, empty)!.edit).toMatchObject({ kind: "add_state", scope: "", name: "Pass" });
  });

  it("gives a Choice dropped on the arrow into End a new Succeed for its rule and Default, in one batch", () => {
    const edge = O.layout.edges.find((e) => e.from === "/States/OrderCompleted" && e.to === "#end")!;
    const edit = planDrop("Choice", { kind: "edge", edge }, O)!.edit;
    expect(edit).toEqual({
      kind: "batch",
      edits: [
        { kind: "add_state", scope: "", name: "Success", state: { Type: "Succeed" } },
        {
          kind: "insert_between",
          from: "/States/OrderCompleted",
          transition: { kind: "next" },
          name: "Choice",
          state: { Type: "Choice", Choices: [{ Variable: "$.value", StringEquals: "example", Next: "Success" }], Default: "Success" },
        },
      ],
    });
  });

  it("writes a catalogue action in the machine's query language", () => {
    const edge = J.layout.edges.find((e) => e.kind === "Next")!;
    const plan = planDrop(lambda, { kind: "edge", edge }, J)!;
    const state = (plan.edit as { state: Record<string, unknown> }).state;
    expect(state.Arguments).toBeDefined();
    expect(state.Parameters).toBeUndefined();
  });

  it("drops a pattern as one batch: its states added to the edge's scope, the edge led to its entry", () => {
    const toEnd = O.layout.edges.find((e) => e.to === "#end" && e.transition?.transition.kind === "next");
    const cases: [LayoutEdge | undefined, Snapshot, string | null][] = [
      [O.layout.edges.find((e) => e.from === "/States/ValidateOrder" && e.kind === "Next")!, O, "CheckInventory"],
      [O.layout.edges.find((e) => e.kind === "Start")!, O, "ValidateOrder"],
      [toEnd, O, null],
    ];
    expect(toEnd).toBeDefined();
    for (const [edge, snapshot, next] of cases) {
      if (!edge) continue;
      const plan = planDrop("pattern-retry-notify", { kind: "edge", edge }, snapshot)!;
      const edit = plan.edit;
      if (edit.kind !== "batch") throw new Error(`not a batch: ${edit.kind}`);
      expect(edit.edits.map((e) => e.kind)).toEqual(["add_state", "add_state", "add_state", "connect"]);
      expect(edit.edits[0]).toMatchObject({ scope: edge.transition!.scope, name: plan.select, state: { Type: "Task" } });
      expect(edit.edits[3]).toMatchObject({ from: edge.transition!.from, transition: edge.transition!.transition, target: plan.select });
      // The pattern's way out goes where the edge went.
      const exit = (edit.edits[0] as { state: Record<string, unknown> }).state;
      if (next) expect(exit.Next).toBe(next);
      else expect(exit.End).toBe(true);
    }
  });

  it("refuses edges nothing can be inserted on", () => {
    const failEnd = O.layout.edges.find((e) => e.from === "/States/OutOfStock")!;
    expect(edgeAcceptsDrop(failEnd)).toBe(false);
    expect(planDrop("Pass", { kind: "edge", edge: failEnd }, O)).toBeNull();
  });
});
