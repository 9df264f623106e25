// The condition builder's edits: grouping, members, operators, and what a rule keeps.
import { describe, expect, it } from "vitest";
import { conditionOf, describe as say, regroup, withCondition, withMember, withOperator } from "./conditions";
import { machinePaths, pathsOf, variableSuggestions } from "./knownPaths";
import { newRuleTarget } from "./inspector";
import type { StateInfo } from "../../ipc/types";

const total = { Variable: "$.total", NumericGreaterThan: 100 };
const vip = { Variable: "$.vip", BooleanEquals: true };

describe("the condition builder", () => {
  it("wraps a comparison into an And with a second comparison to fill in, and back", () => {
    const and = regroup(total, "And");
    expect(and).toEqual({ And: [total, { Variable: "$.total", StringEquals: "" }] });
    expect(regroup(and, "Or")).toEqual({ Or: (and as { And: unknown[] }).And });
    expect(regroup(and, null)).toEqual(total);
    expect(regroup(total, "Not")).toEqual({ Not: total });
  });

  it("adds, replaces and removes members, never emptying a group", () => {
    const and = { And: [total] };
    const two = withMember(and, 1, vip);
    expect(two).toEqual({ And: [total, vip] });
    expect(withMember(two, 0, null)).toEqual({ And: [vip] });
    expect(withMember({ And: [vip] }, 0, null)).toEqual({ And: [vip] });
  });

  it("keeps a rule's Next (and Assign) when its condition changes, condition keys first", () => {
    const rule = { Variable: "$.x", StringEquals: "a", Next: "Go", Assign: { seen: true } };
    expect(conditionOf(rule)).toEqual({ Variable: "$.x", StringEquals: "a" });
    const grouped = withCondition(rule, { And: [total, vip] });
    expect(Object.keys(grouped)).toEqual(["And", "Next", "Assign"]);
    expect(grouped.Next).toBe("Go");
  });

  it("converts the value when the operator changes kind", () => {
    expect(withOperator({ Variable: "$.n", StringEquals: "7" }, "NumericEquals")).toEqual({ Variable: "$.n", NumericEquals: 0 });
    expect(withOperator(total, "NumericLessThan")).toEqual({ Variable: "$.total", NumericLessThan: 100 });
    expect(withOperator(total, "IsPresent")).toEqual({ Variable: "$.total", IsPresent: true });
    expect(withOperator(total, "NumericEqualsPath")).toEqual({ Variable: "$.total", NumericEqualsPath: "$.other" });
  });

  it("reads a nested condition as a sentence", () => {
    expect(say({ And: [total, { Or: [vip, { Not: { Variable: "$.x", IsNull: true } }] }] })).toBe(
      "$.total > 100 and ($.vip = true or not ($.x is null))",
    );
  });
});

describe("what it suggests", () => {
  const state = (name: string, json: Record<string, unknown>): StateInfo =>
    ({ pointer: `/States/${name}`, name, typeName: String(json.Type), scope: "", json, range: { from: 0, to: 0, line: 1, column: 1 }, queryLanguage: "JSONPath" }) as unknown as StateInfo;

  it("offers the run input's fields, then the machine's paths and variables", () => {
    const states = [
      state("Load", { Type: "Pass", InputPath: "$.order", Assign: { "count.$": "$.n" }, Next: "Decide" }),
      state("Decide", { Type: "Choice", Choices: [{ Variable: "$.order.total", NumericGreaterThan: 1, Next: "Load" }] }),
    ];
    expect(pathsOf({ a: { b: 1 }, "odd key": 2 })).toEqual(["$.a", "$.a.b", "$['odd key']"]);
    expect(machinePaths(states)).toEqual({ paths: ["$.n", "$.order", "$.order.total"], variables: ["$count"] });
    expect(variableSuggestions(states, { vip: true }).slice(0, 2)).toEqual(["$.vip", "$.n"]);
  });

  it("sends a new rule to the Default, else onward, never back to the start", () => {
    const choice = state("Decide", { Type: "Choice", Choices: [] });
    expect(newRuleTarget(choice, ["Start", "Decide", "After"])).toBe("After");
    expect(newRuleTarget(state("Decide", { Type: "Choice", Default: "Else" }), ["Start", "Decide", "After"])).toBe("Else");
  });
});
