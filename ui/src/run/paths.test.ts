// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { ScopeInfo, Snapshot, StateInfo } from "../ipc/types";
import parallel from "../fixtures/parallel-risk-analysis.snapshot.json";
import dmap from "../fixtures/distributed-map-s3.snapshot.json";
import { breakpointPath, indexStates, iterationOf, laneOf, pathToPointer } from "./paths";

const P = parallel as unknown as Snapshot;
const M = dmap as unknown as Snapshot;
const st = (pointer: string, name: string, type: string, scope: string): StateInfo =>
  ({ pointer, name, type, scope, json: {}, range: { from: 0, to: 0, line: 1, column: 1 }, queryLanguage: "JSONPath" }) as StateInfo;

describe("pathToPointer", () => {
  const p = indexStates(P.states, P.scopes);
  const m = indexStates(M.states, M.scopes);

  it("maps a top-level name to /States/Name", () => {
    expect(pathToPointer(p, "EvaluateRisk")).toBe("/States/EvaluateRisk");
  });
  it("maps a Parallel branch path through its branch index", () => {
    expect(pathToPointer(p, "RunRiskChecks/1/FraudCheck")).toBe("/States/RunRiskChecks/Branches/1/States/FraudCheck");
    expect(pathToPointer(p, "RunRiskChecks/0/FraudCheck")).toBeNull(); // not in branch 0
    expect(pathToPointer(p, "RunRiskChecks/x/FraudCheck")).toBeNull();
  });
  it("maps every Map iteration (and *) to the item processor's state", () => {
    const want = "/States/ProcessDailyFiles/ItemProcessor/States/ProcessFileBatch";
    expect(pathToPointer(m, "ProcessDailyFiles/3/ProcessFileBatch")).toBe(want);
    expect(pathToPointer(m, "ProcessDailyFiles/9999/ProcessFileBatch")).toBe(want);
    expect(pathToPointer(m, "ProcessDailyFiles/*/ProcessFileBatch")).toBe(want);
  });
  it("follows a legacy Iterator scope and nested containers", () => {
    const states = [
      st("/States/M", "M", "Map", ""),
      st("/States/M/Iterator/States/P", "P", "Parallel", "/States/M/Iterator"),
      st("/States/M/Iterator/States/P/Branches/0/States/A", "A", "Pass", "/States/M/Iterator/States/P/Branches/0"),
    ];
    const scopes: ScopeInfo[] = [
      { pointer: "", startAt: "M", owner: null },
      { pointer: "/States/M/Iterator", startAt: "P", owner: "/States/M" },
      { pointer: "/States/M/Iterator/States/P/Branches/0", startAt: "A", owner: "/States/M/Iterator/States/P" },
    ];
    const index = indexStates(states, scopes);
    expect(pathToPointer(index, "M/2/P/0/A")).toBe("/States/M/Iterator/States/P/Branches/0/States/A");
    expect(breakpointPath(index, "/States/M/Iterator/States/P/Branches/0/States/A")).toBe("M/*/P/0/A");
  });
  it("is null for unknown states and paths through non-containers", () => {
    expect(pathToPointer(p, "Nope")).toBeNull();
    expect(pathToPointer(p, "EvaluateRisk/0/X")).toBeNull();
  });
});

describe("breakpointPath", () => {
  it("names branches by index and iterations by *", () => {
    const p = indexStates(P.states, P.scopes);
    const m = indexStates(M.states, M.scopes);
    expect(breakpointPath(p, "/States/EvaluateRisk")).toBe("EvaluateRisk");
    expect(breakpointPath(p, "/States/RunRiskChecks/Branches/2/States/VerifyIncome")).toBe("RunRiskChecks/2/VerifyIncome");
    expect(breakpointPath(m, "/States/ProcessDailyFiles/ItemProcessor/States/ProcessFileBatch")).toBe("ProcessDailyFiles/*/ProcessFileBatch");
    expect(breakpointPath(p, "/States/Gone")).toBeNull();
  });
});

describe("lanes", () => {
  it("cuts a path at its last segment", () => {
    expect(laneOf("A")).toBe("");
    expect(laneOf("P/1/A")).toBe("P/1/");
    expect(iterationOf("M/12/A", "M")).toBe(12);
    expect(iterationOf("N/12/A", "M")).toBeNull();
  });
});
