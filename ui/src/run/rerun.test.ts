import { describe, expect, it } from "vitest";
import type { RunState } from "../ipc/run";
import type { Snapshot } from "../ipc/types";
import parallel from "../fixtures/parallel-risk-analysis.snapshot.json";
import { canRerun, rerunTitle, topLevelState } from "./rerun";

const P = parallel as unknown as Snapshot;
const FRAUD = "/States/RunRiskChecks/Branches/1/States/FraudCheck";
const execution = (name: string, path: string, pointer: string): RunState => ({
  name, type: "Task", path, pointer, input: {}, inspection: {}, from: null, ends: false, error: null, cause: null,
});

describe("re-run from here", () => {
  it("begins at the state itself at the top and at the outermost container inside one", () => {
    expect(topLevelState("/States/EvaluateRisk", P)).toBe("EvaluateRisk");
    expect(topLevelState(FRAUD, P)).toBe("RunRiskChecks");
    expect(topLevelState("/States/Gone", P)).toBeNull();
  });

  it("says where a nested state's re-run begins", () => {
    expect(rerunTitle(execution("EvaluateRisk", "EvaluateRisk", "/States/EvaluateRisk"), P)).toMatch(/^Start a new run at EvaluateRisk with the input it received/);
    const nested = rerunTitle(execution("FraudCheck", "RunRiskChecks/1/FraudCheck", FRAUD), P);
    expect(nested).toMatch(/^FraudCheck runs inside RunRiskChecks: the new run starts at RunRiskChecks with the input RunRiskChecks received/);
  });

  it("is offered when the run shown is paused or finished, not while it runs", () => {
    expect(canRerun("PAUSED")).toBe(true);
    expect(canRerun("SUCCEEDED")).toBe(true);
    expect(canRerun("ABORTED")).toBe(true);
    expect(canRerun("RUNNING")).toBe(false);
    expect(canRerun(undefined)).toBe(false);
  });
});
