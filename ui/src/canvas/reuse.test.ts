// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../ipc/types";
import fixture from "../fixtures/order-processing.snapshot.json";
import { reuseUnchanged, same } from "./reuse";
import { toFlow } from "./toFlow";

const snapshot = fixture as unknown as Snapshot;

describe("reuseUnchanged", () => {
  it("keeps every object when nothing changed", () => {
    const a = toFlow(snapshot);
    const b = reuseUnchanged(a, toFlow(structuredClone(snapshot)));
    expect(b).toBe(a);
  });

  it("replaces only the node an edit touched", () => {
    const a = toFlow(snapshot);
    const edited = structuredClone(snapshot);
    const state = edited.states.find((s) => s.pointer === "/States/OrderCompleted")!;
    state.json = { ...state.json, Comment: "changed" };
    // Every later state's text range moved: not a reason to redraw.
    for (const s of edited.states) s.range = { ...s.range, from: s.range.from + 10, to: s.range.to + 10 };
    const b = reuseUnchanged(a, toFlow(edited));
    expect(b).not.toBe(a);
    const changed = b.nodes.filter((n, i) => n !== a.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(["/States/OrderCompleted"]);
    expect(b.edges.every((e, i) => e === a.edges[i])).toBe(true);
  });

  it("compares structurally", () => {
    expect(same({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(same({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(same({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(same([1], { 0: 1 })).toBe(false);
  });
});
