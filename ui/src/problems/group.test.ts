import { describe, expect, it } from "vitest";
import type { Problem } from "../ipc/types";
import { groupProblems, rowsOf } from "./group";

let at = 0;
function problem(pointer: string, code: string, more: Partial<Problem> = {}): Problem {
  at += 10;
  const statePointer = pointer.split("/").slice(0, 3).join("/") || null;
  return {
    code,
    severity: "error",
    message: `${code} at ${pointer}`,
    pointer,
    statePointer,
    range: { from: at, to: at + 5, line: at, column: 1 },
    ...more,
  };
}

// The shape Rust sends for a chain with one typo: the dangling Next, the states it cut
// off naming it, and an unrelated warning.
const root = problem("/States/Step 10/Next", "dangling-next", {
  groupTitle: '3 states unreachable because "Next" of "Step 10" names a missing state',
  fix: { title: 'Change to "Step 11"', edit: { kind: "set_field", pointer: "/States/Step 10/Next", value: "Step 11" } },
});
const cut = ["Step 11", "Step 12", "Step 13"].map((n) =>
  problem(`/States/${n}`, "unreachable-state", { causedBy: "/States/Step 10/Next" }),
);
const other = problem("/States/Step 12/InputPath", "invalid-json-path", { severity: "warning" });
const names = new Map(["Step 10", "Step 11", "Step 12", "Step 13"].map((n) => [`/States/${n}`, n]));

describe("problem rows", () => {
  it("fold the states a typo cut off under the typo, as one row", () => {
    const rows = rowsOf([...cut, other, root]);
    expect(rows.map((r) => r.problem.pointer)).toEqual(["/States/Step 10/Next", "/States/Step 12/InputPath"]);
    expect(rows[0].caused.map((p) => p.pointer)).toEqual(["/States/Step 11", "/States/Step 12", "/States/Step 13"]);
  });

  it("list a group once when another problem shares its root's pointer", () => {
    const twin = problem("/States/Step 10/Next", "invalid-value");
    const rows = rowsOf([twin, ...cut, root]);
    expect(rows.map((r) => [r.problem.code, r.caused.length])).toEqual([
      ["dangling-next", 3],
      ["invalid-value", 0],
    ]);
  });

  it("keep a follower whose root is gone", () => {
    const rows = rowsOf(cut.slice(0, 1));
    expect(rows).toHaveLength(1);
    expect(rows[0].problem.pointer).toBe("/States/Step 11");
  });
});

describe("problem sections", () => {
  it("by state: the root's state holds the whole group; followers are not listed under their own states", () => {
    const sections = groupProblems([...cut, other, root], names, "state");
    expect(sections.map((s) => [s.title, s.count, s.errors])).toEqual([
      ["Step 10", 4, 4],
      ["Step 12", 1, 0],
    ]);
    expect(sections[0].statePointer).toBe("/States/Step 10");
  });

  it("by code: one section per code, errors first", () => {
    const sections = groupProblems([other, ...cut, root, problem("/States/Step 13/Next", "dangling-next")], names, "code");
    expect(sections.map((s) => [s.title, s.count])).toEqual([
      ["dangling-next", 5],
      ["invalid-json-path", 1],
    ]);
    expect(sections[0].rows.map((r) => r.caused.length)).toEqual([3, 0]);
  });

  it("name the machine itself for problems outside any state", () => {
    const sections = groupProblems([problem("", "missing-field", { statePointer: null })], names, "state");
    expect(sections[0].title).toBe("State machine");
  });
});
