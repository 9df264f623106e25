// Edits on a Parallel's branches, shared by the container on the canvas (its "+ branch"
// button and each branch's header) and the Parallel inspector. Each is one edit, so one
// undo step; Rust moves a branch's text verbatim (move_item on `Branches`).
import { nameReserver } from "../../browser/templates";
import type { DocumentEdit, Snapshot } from "../../ipc/types";

/** The Parallel and position of a branch, from its scope pointer (`…/Branches/2`). */
export function branchOf(scope: string): { parallel: string; index: number } | null {
  const m = /^(.*)\/Branches\/(\d+)$/.exec(scope);
  return m ? { parallel: m[1], index: Number(m[2]) } : null;
}

/** The branch pointers of a Parallel, in order. */
export function branchesOf(snapshot: Snapshot, parallel: string): string[] {
  return snapshot.scopes
    .filter((sc) => sc.owner === parallel && branchOf(sc.pointer)?.parallel === parallel)
    .map((sc) => sc.pointer)
    .sort((a, b) => branchOf(a)!.index - branchOf(b)!.index);
}

/** A new last branch holding one Pass state (a branch cannot be empty), named after the
 *  branch's number and unique in the machine. */
export function addBranch(snapshot: Snapshot, parallel: string): DocumentEdit {
  const unique = nameReserver(snapshot.states.map((s) => s.name));
  const name = unique(`Branch ${branchesOf(snapshot, parallel).length + 1} Pass`);
  return { kind: "insert_item", state: parallel, list: "Branches", index: null, value: { StartAt: name, States: { [name]: { Type: "Pass", End: true } } } };
}

export function removeBranch(scope: string): DocumentEdit | null {
  const b = branchOf(scope);
  return b && { kind: "remove_item", state: b.parallel, list: "Branches", index: b.index };
}

export function moveBranch(scope: string, to: number): DocumentEdit | null {
  const b = branchOf(scope);
  return b && { kind: "move_item", state: b.parallel, list: "Branches", from: b.index, to };
}
