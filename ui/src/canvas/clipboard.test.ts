// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../ipc/types";
import parallel from "../fixtures/parallel-risk-analysis.snapshot.json";
import orders from "../fixtures/order-processing.snapshot.json";
import { copyStates, deleteEdits, pasteEdits, topSelected } from "./clipboard";

const P = parallel as unknown as Snapshot;
const O = orders as unknown as Snapshot;

describe("clipboard", () => {
  it("copies only the outermost selected states", () => {
    const sel = ["/States/RunRiskChecks/Branches/0/States/CreditCheck", "/States/RunRiskChecks"];
    expect(topSelected(P, sel).map((s) => s.name)).toEqual(["RunRiskChecks"]);
    expect(deleteEdits(P, sel)).toEqual([{ kind: "delete_state", pointer: "/States/RunRiskChecks" }]);
  });

  it("pastes under a unique name, keeping a Next the scope has", () => {
    const clip = copyStates(O, ["/States/CheckInventory"]);
    const { edits, names } = pasteEdits(clip, "", O);
    expect(names).toEqual(["CheckInventory 2"]);
    const edit = edits[0] as { kind: string; name: string; state: Record<string, unknown> };
    expect(edit.kind).toBe("add_state");
    expect(edit.state.Next).toBe("IsInStock");
  });

  it("retargets transitions among pasted states and ends ones that leave the scope", () => {
    const clip = copyStates(O, ["/States/ProcessPayment", "/States/UpdateInventory"]);
    const { edits, names } = pasteEdits(clip, "/States/RunRiskChecks/Branches/0", P);
    expect(names).toEqual(["ProcessPayment", "UpdateInventory"]);
    const [a, b] = edits as { state: Record<string, unknown> }[];
    expect(a.state.Next).toBe("UpdateInventory");
    expect(b.state.Next).toBeUndefined();
    expect(b.state.End).toBe(true);
  });

  it("renames the states nested in a pasted Parallel", () => {
    const clip = copyStates(P, ["/States/RunRiskChecks"]);
    const { edits } = pasteEdits(clip, "", P);
    const state = (edits[0] as { state: { Branches: { StartAt: string; States: Record<string, unknown> }[] } }).state;
    expect(state.Branches[0].StartAt).toBe("CreditCheck 2");
    expect(Object.keys(state.Branches[0].States)).toEqual(["CreditCheck 2"]);
  });
});
