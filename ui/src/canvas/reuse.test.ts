// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../ipc/types";
import fixture from "../fixtures/order-processing.snapshot.json";
import { reuseUnchanged, same } from "./reuse";
import { toFlow, type Flow } from "./toFlow";

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

describe("toFlow with the previous flow", () => {
  it("declares the edge handles of nodes new to the canvas", () => {
    const node = toFlow(snapshot).nodes.find((n) => n.id === "/States/OrderCompleted")!;
    expect(node.handles?.map((h) => `${h.type}:${h.id}:${h.x},${h.y}`)).toEqual([
      `target:in:${node.width! / 2},0`,
      `source:out:${node.width! / 2},${node.height! - 1}`,
    ]);
  });

  it("lends the previous objects when the inputs are the same objects", () => {
    const a = toFlow(snapshot);
    const b = toFlow({ ...snapshot, states: snapshot.states.map((s) => ({ ...s, range: { ...s.range, from: s.range.from + 3 } })) }, new Set(), [], a);
    expect(b.nodes.every((n, i) => n === a.nodes[i])).toBe(true);
    expect(b.edges.every((e, i) => e === a.edges[i])).toBe(true);
  });

  it("draws anew what changed: a state's json, the selection, a folded container", () => {
    const a = toFlow(snapshot);
    const states = snapshot.states.map((s) => (s.pointer === "/States/OrderCompleted" ? { ...s, json: { ...s.json, Comment: "x" } } : s));
    const b = toFlow({ ...snapshot, states }, new Set(), ["/States/ValidateOrder"], a);
    const changed = b.nodes.filter((n, i) => n !== a.nodes[i]).map((n) => n.id);
    expect(changed.sort()).toEqual(["/States/OrderCompleted", "/States/ValidateOrder"]);
    // As drawn from scratch, but for the handles only nodes new to the canvas declare.
    const bare = (f: Flow) => f.nodes.map(({ handles: _, ...n }) => n);
    expect(bare(b)).toEqual(bare(toFlow({ ...snapshot, states }, new Set(), ["/States/ValidateOrder"])));
    // Redrawn nodes keep the handles React Flow knows (measured ones, once rendered).
    expect(b.nodes.filter((n, i) => n !== a.nodes[i] && n.handles).map((n) => n.id)).toEqual([]);
    const parallel = snapshot.layout.nodes.find((n) => n.container);
    if (parallel) {
      const folded = new Set([parallel.id]);
      expect(bare(toFlow(snapshot, folded, [], a))).toEqual(bare(toFlow(snapshot, folded)));
    }
  });
});
