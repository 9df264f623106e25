// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../ipc/types";
import orders from "../fixtures/order-processing.snapshot.json";
import jsonata from "../fixtures/order-processing-jsonata.snapshot.json";
import parallel from "../fixtures/parallel-risk-analysis.snapshot.json";
import { edgeAcceptsDrop, planDrop, withExit } from "./dropEdits";

const O = orders as unknown as Snapshot;
const J = jsonata as unknown as Snapshot;
const P = parallel as unknown as Snapshot;

describe("planDrop", () => {
  it("inserts on a Next edge", () => {
    const edge = O.layout.edges.find((e) => e.from === "/States/ValidateOrder" && e.kind === "Next")!;
    const plan = planDrop("Pass", { kind: "edge", edge }, O)!;
    expect(plan.edits).toEqual([{ kind: "insert_between", from: "/States/ValidateOrder", transition: { kind: "next" }, name: "Pass", state: { Type: "Pass" } }]);
    expect(plan.select).toBe("/States/Pass");
  });

  it("inserts on a Choice rule and a Catch by index", () => {
    const rule = O.layout.edges.find((e) => e.kind === "ChoiceRule")!;
    expect((planDrop("Wait", { kind: "edge", edge: rule }, O)!.edits[0] as { transition: unknown }).transition).toEqual({ kind: "choice_rule", index: rule.index });
    const c = O.layout.edges.find((e) => e.kind === "Catch")!;
    expect((planDrop("Pass", { kind: "edge", edge: c }, O)!.edits[0] as { transition: unknown }).transition).toEqual({ kind: "catch", index: c.index });
  });

  it("inserts before StartAt with add_state + set_field", () => {
    const edge = O.layout.edges.find((e) => e.kind === "Start")!;
    const plan = planDrop("Wait", { kind: "edge", edge }, O)!;
    expect(plan.edits).toEqual([
      { kind: "add_state", scope: "", name: "Wait", state: { Type: "Wait", Seconds: 5, Next: "ValidateOrder" } },
      { kind: "set_field", pointer: "/StartAt", value: "Wait" },
    ]);
  });

  it("inserts before a branch's first state", () => {
    const edge = P.layout.edges.find((e) => e.from === "/States/RunRiskChecks/Branches/1#start")!;
    const plan = planDrop("Pass", { kind: "edge", edge }, P)!;
    expect(plan.edits[1]).toEqual({ kind: "set_field", pointer: "/States/RunRiskChecks/Branches/1/StartAt", value: "Pass" });
    expect(plan.select).toBe("/States/RunRiskChecks/Branches/1/States/Pass");
  });

  it("adds to a scope, ending there", () => {
    const plan = planDrop("lambda-invoke", { kind: "scope", scope: "/States/RunRiskChecks/Branches/0" }, P)!;
    const edit = plan.edits[0] as { kind: string; scope: string; state: Record<string, unknown> };
    expect(edit.kind).toBe("add_state");
    expect(edit.scope).toBe("/States/RunRiskChecks/Branches/0");
    expect(edit.state.End).toBe(true);
  });

  it("writes the template in the machine's query language", () => {
    const edge = J.layout.edges.find((e) => e.kind === "Next")!;
    const plan = planDrop("sns-publish", { kind: "edge", edge }, J)!;
    const state = (plan.edits[0] as { state: Record<string, unknown> }).state;
    expect(state.Arguments).toBeDefined();
    expect(state.Parameters).toBeUndefined();
  });

  it("adds a pattern's Fail before inserting its Task", () => {
    const edge = O.layout.edges.find((e) => e.from === "/States/ValidateOrder" && e.kind === "Next")!;
    const plan = planDrop("retry-catch", { kind: "edge", edge }, O)!;
    expect(plan.edits.map((e) => e.kind)).toEqual(["add_state", "insert_between"]);
  });

  it("refuses edges nothing can be inserted on", () => {
    const failEnd = O.layout.edges.find((e) => e.from === "/States/OutOfStock")!;
    expect(edgeAcceptsDrop(failEnd)).toBe(false);
    expect(planDrop("Pass", { kind: "edge", edge: failEnd }, O)).toBeNull();
  });

  it("mirrors insert_between's exits", () => {
    expect(withExit({ Type: "Pass", Next: "X" }, null)).toEqual({ Type: "Pass", End: true });
    expect(withExit({ Type: "Choice", Choices: [] }, "B")).toEqual({ Type: "Choice", Choices: [], Default: "B" });
    expect(withExit({ Type: "Fail" }, "B")).toEqual({ Type: "Fail" });
  });
});
