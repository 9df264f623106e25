// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../../ipc/types";
import parallel from "../../fixtures/parallel-risk-analysis.snapshot.json";
import { addBranch, branchesOf, branchOf, moveBranch, removeBranch } from "./branches";

const P = parallel as unknown as Snapshot;
const R = "/States/RunRiskChecks";

describe("Parallel branch edits", () => {
  it("lists a Parallel's branches in order", () => {
    expect(branchesOf(P, R)).toEqual([`${R}/Branches/0`, `${R}/Branches/1`, `${R}/Branches/2`]);
    expect(branchOf(`${R}/Branches/12`)).toEqual({ parallel: R, index: 12 });
    expect(branchOf(R)).toBeNull();
  });

  it("adds a last branch with one Pass state named after its number", () => {
    expect(addBranch(P, R)).toEqual({
      kind: "insert_item",
      state: R,
      list: "Branches",
      index: null,
      value: { StartAt: "Branch 4 Pass", States: { "Branch 4 Pass": { Type: "Pass", End: true } } },
    });
  });

  it("removes and moves a branch by its position", () => {
    expect(removeBranch(`${R}/Branches/1`)).toEqual({ kind: "remove_item", state: R, list: "Branches", index: 1 });
    expect(moveBranch(`${R}/Branches/2`, 1)).toEqual({ kind: "move_item", state: R, list: "Branches", from: 2, to: 1 });
  });
});
