// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { StateInfo } from "../ipc/types";
import { stateAt } from "./stateAt";

const state = (pointer: string, from: number, to: number): StateInfo => ({
  pointer,
  name: pointer.split("/").pop()!,
  type: "Pass",
  scope: "",
  json: {},
  range: { from, to, line: 1, column: 1 },
  queryLanguage: "JSONPath",
});

describe("stateAt", () => {
  const states = [
    state("/States/P", 10, 100),
    state("/States/P/Branches/0/States/A", 20, 40),
    state("/States/P/Branches/0/States/B", 45, 60),
    state("/States/Z", 110, 130),
  ];

  it("finds the innermost state holding the position", () => {
    expect(stateAt(states, 25)?.pointer).toBe("/States/P/Branches/0/States/A");
    expect(stateAt(states, 42)?.pointer).toBe("/States/P");
    expect(stateAt(states, 120)?.pointer).toBe("/States/Z");
  });

  it("includes both ends of a range", () => {
    expect(stateAt(states, 110)?.pointer).toBe("/States/Z");
    expect(stateAt(states, 130)?.pointer).toBe("/States/Z");
  });

  it("is null outside every state", () => {
    expect(stateAt(states, 5)).toBeNull();
    expect(stateAt(states, 105)).toBeNull();
  });
});
