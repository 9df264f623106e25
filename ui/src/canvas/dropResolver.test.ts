// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../ipc/types";
import orders from "../fixtures/order-processing.snapshot.json";
import { nearestEdge } from "./dropResolver";
import { toFlow } from "./toFlow";

const O = orders as unknown as Snapshot;

describe("nearestEdge", () => {
  const edges = toFlow(O).edges;
  it("finds the edge a point lies near", () => {
    const e = edges.find((x) => x.data!.layout.kind === "Next")!;
    const [[x0, y0], [x1, y1]] = e.data!.points;
    const hit = nearestEdge(edges, { x: (x0 + x1) / 2 + 3, y: (y0 + y1) / 2 }, 10, 6);
    expect(hit?.id).toBe(e.id);
  });
  it("finds nothing far from every edge", () => {
    expect(nearestEdge(edges, { x: -500, y: -500 }, 10, 6)).toBeNull();
  });
});
