// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Problem, Snapshot } from "../ipc/types";
import parallel from "../fixtures/parallel-risk-analysis.snapshot.json";
import orders from "../fixtures/order-processing.snapshot.json";
import dmap from "../fixtures/distributed-map-s3.snapshot.json";
import { COLLAPSED_BODY, toFlow } from "./toFlow";

const P = parallel as unknown as Snapshot;
const O = orders as unknown as Snapshot;
const M = dmap as unknown as Snapshot;

describe("toFlow", () => {
  it("is empty without a snapshot", () => {
    expect(toFlow(null)).toEqual({ nodes: [], edges: [], stale: false });
  });

  it("makes one node per layout node, parents before children", () => {
    const { nodes } = toFlow(P);
    expect(nodes).toHaveLength(P.layout.nodes.length);
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) if (n.parentId) expect(index.get(n.parentId)!).toBeLessThan(index.get(n.id)!);
  });

  it("positions children relative to their parent", () => {
    const { nodes } = toFlow(P);
    const abs = new Map(P.layout.nodes.map((n) => [n.id, n]));
    for (const n of nodes) {
      const l = abs.get(n.id)!;
      const parent = l.parent ? abs.get(l.parent)! : { x: 0, y: 0 };
      expect(n.position).toEqual({ x: l.x - parent.x, y: l.y - parent.y });
      expect(n.width).toBe(l.width);
    }
    const credit = nodes.find((n) => n.id === "/States/RunRiskChecks/Branches/0/States/CreditCheck")!;
    expect(credit.parentId).toBe("/States/RunRiskChecks/Branches/0");
    expect(credit.position.x).toBeGreaterThan(0);
    expect(credit.position.y).toBeGreaterThan(0);
  });

  it("gives types per state and frame node kinds", () => {
    const { nodes } = toFlow(P);
    const type = (id: string) => nodes.find((n) => n.id === id)!.type;
    expect(type("#start")).toBe("Pill");
    expect(type("#end")).toBe("Pill");
    expect(type("/States/RunRiskChecks")).toBe("Parallel");
    expect(type("/States/RunRiskChecks/Branches/0")).toBe("Branch");
    expect(type("/States/EvaluateRisk")).toBe("Choice");
    expect(nodes.find((n) => n.id === "#start")!.selectable).toBe(false);
  });

  it("orders z so children sit above containers and scope edges between", () => {
    const { nodes, edges } = toFlow(P);
    const z = (id: string) => nodes.find((n) => n.id === id)!.zIndex!;
    expect(z("/States/RunRiskChecks/Branches/0/States/CreditCheck")).toBeGreaterThan(z("/States/RunRiskChecks/Branches/0"));
    const inner = edges.find((e) => e.target === "/States/RunRiskChecks/Branches/0/States/CreditCheck")!;
    expect(inner.zIndex!).toBeGreaterThan(z("/States/RunRiskChecks/Branches/0"));
    expect(inner.zIndex!).toBeLessThan(z("/States/RunRiskChecks/Branches/0/States/CreditCheck"));
  });

  it("gives every edge a unique id, even for parallel transitions to one target", () => {
    for (const s of [P, O, M]) {
      const { edges } = toFlow(s);
      expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
      expect(edges).toHaveLength(s.layout.edges.length);
    }
    const dup: Snapshot = { ...O, layout: { ...O.layout, edges: [...O.layout.edges, O.layout.edges[1]] } };
    const ids = toFlow(dup).edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("flags a stale snapshot", () => {
    const err: Problem = { code: "parse-error", severity: "error", message: "bad", pointer: "", statePointer: null, range: { from: 0, to: 1, line: 1, column: 1 } };
    expect(toFlow(O).stale).toBe(false);
    const flow = toFlow({ ...O, parseError: err, problems: [err] });
    expect(flow.stale).toBe(true);
    expect(flow.nodes.length).toBe(O.layout.nodes.length);
  });

  it("pins problems on their state nodes", () => {
    const mk = (statePointer: string | null, severity: "error" | "warning"): Problem => ({
      code: "x", severity, message: "m", pointer: `${statePointer ?? ""}/Next`, statePointer, range: { from: 0, to: 1, line: 1, column: 1 },
    });
    const flow = toFlow({ ...O, problems: [mk("/States/IsInStock", "error"), mk("/States/IsInStock", "warning"), mk(null, "error")] });
    const data = (id: string) => (flow.nodes.find((n) => n.id === id)!.data as { problems?: Problem[] }).problems;
    expect(data("/States/IsInStock")).toHaveLength(2);
    expect(data("/States/ValidateOrder")).toHaveLength(0);
    expect(data("#start")).toBeUndefined();
  });

  it("marks selected nodes", () => {
    const flow = toFlow(O, new Set(), ["/States/IsInStock"]);
    expect(flow.nodes.find((n) => n.id === "/States/IsInStock")!.selected).toBe(true);
    expect(flow.nodes.find((n) => n.id === "/States/ValidateOrder")!.selected).toBe(false);
  });

  it("folds a container: hides its insides, shortens it, lifts its outgoing routes", () => {
    const id = "/States/RunRiskChecks";
    const flow = toFlow(P, new Set([id]));
    const container = flow.nodes.find((n) => n.id === id)!;
    const layout = P.layout.nodes.find((n) => n.id === id)!;
    expect(container.height).toBe(layout.titleHeight + COLLAPSED_BODY);
    expect(flow.nodes.filter((n) => n.id.startsWith(id + "/")).every((n) => n.hidden)).toBe(true);
    expect(flow.edges.filter((e) => e.target.startsWith(id + "/")).every((e) => e.hidden)).toBe(true);
    const out = flow.edges.find((e) => e.source === id && e.data!.layout.kind === "Next")!;
    expect(out.hidden).toBe(false);
    expect(out.data!.points[0][1]).toBe(layout.y + layout.titleHeight + COLLAPSED_BODY);
    expect((container.data as { hiddenCount: number }).hiddenCount).toBe(3);
  });
});
