import { describe, expect, it } from "vitest";
import type { RunState } from "../ipc/run";
import { canRerun, rerunStart, rerunTitle } from "./rerun";

const execution = (name: string, path: string): RunState => ({ name, type: "Task", path, pointer: null, input: {}, inspection: {} });

describe("re-run from here", () => {
  it("begins at the state itself at the top and at the outermost container inside one", () => {
    expect(rerunStart("Charge")).toBe("Charge");
    expect(rerunStart("Checks/1/Fraud")).toBe("Checks");
    expect(rerunStart("Outer/0/Inner/iteration 3/Leaf")).toBe("Outer");
  });

  it("says where a nested state's re-run begins", () => {
    expect(rerunTitle(execution("Charge", "Charge"))).toMatch(/^Start a new run at Charge with the input it received/);
    const nested = rerunTitle(execution("Fraud", "Checks/1/Fraud"));
    expect(nested).toMatch(/^Fraud runs inside Checks: the new run starts at Checks with the input Checks received/);
  });

  it("is offered when the run shown is paused or finished, not while it runs", () => {
    expect(canRerun("PAUSED")).toBe(true);
    expect(canRerun("SUCCEEDED")).toBe(true);
    expect(canRerun("ABORTED")).toBe(true);
    expect(canRerun("RUNNING")).toBe(false);
    expect(canRerun(undefined)).toBe(false);
  });
});
