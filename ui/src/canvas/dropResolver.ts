// Finds what a dragged browser item is over. An edge wins when the pointer is on it, or
// near it (edges are thin), or at the centre of its bounding box (where WebDriver's
// pointer lands when a test moves to an edge element); then the innermost drop zone; the
// blank canvas adds to the machine.
import type { LayoutEdge } from "../ipc/types";
import type { ResolvedDrop } from "../browser/drag";
import { edgeAcceptsDrop } from "../browser/dropEdits";
import type { PolyEdge } from "./toFlow";

const NEAR_PX = 14; // screen pixels from a segment that still count as "on" the edge
const CENTRE_PX = 8;

export interface ResolverInput {
  root: HTMLElement;
  edges: PolyEdge[];
  toFlow(p: { x: number; y: number }): { x: number; y: number };
  zoom(): number;
}

export function resolveDrop(input: ResolverInput, clientX: number, clientY: number): ResolvedDrop | null {
  const rect = input.root.getBoundingClientRect();
  if (clientX < rect.left || clientX > rect.right || clientY < rect.top || clientY > rect.bottom) return null;
  const byId = new Map(input.edges.map((e) => [e.id, e]));
  const asEdge = (e: PolyEdge | undefined): ResolvedDrop | null =>
    e && !e.hidden && e.data && edgeAcceptsDrop(e.data.layout)
      ? { target: { kind: "edge", edge: e.data.layout }, hover: { kind: "edge", id: e.id } }
      : null;

  const stack = typeof document.elementsFromPoint === "function" ? document.elementsFromPoint(clientX, clientY) : [];
  for (const el of stack) {
    const edgeEl = el.closest<SVGElement>("[data-edge-id]");
    if (edgeEl) {
      const hit = asEdge(byId.get(edgeEl.dataset.edgeId ?? ""));
      if (hit) return hit;
    }
  }

  const p = input.toFlow({ x: clientX, y: clientY });
  const near = nearestEdge(input.edges.filter((e) => !e.hidden && e.data && edgeAcceptsDrop(e.data.layout)), p, NEAR_PX / input.zoom(), CENTRE_PX / input.zoom());
  if (near) return asEdge(near);

  for (const el of stack) {
    if (!input.root.contains(el)) continue;
    const zone = el.closest<HTMLElement>("[data-drop-scope]");
    if (zone) return { target: { kind: "scope", scope: zone.dataset.dropScope ?? "" }, hover: { kind: "scope", scope: zone.dataset.dropScope ?? "" } };
    // Over a state node: not a place to drop (its edges are).
    if (el.closest(".react-flow__node")) return null;
    if (el.classList.contains("react-flow__pane")) return { target: { kind: "scope", scope: "" }, hover: { kind: "scope", scope: "" } };
  }
  return null;
}

/** The edge whose route passes within `tolerance` of `p` (the closest), else the one
 *  whose bounding box centre is within `centreTolerance`. Flow coordinates. Pure. */
export function nearestEdge<E extends { data?: { points: [number, number][]; layout: LayoutEdge } }>(
  edges: E[],
  p: { x: number; y: number },
  tolerance: number,
  centreTolerance: number,
): E | null {
  let best: E | null = null;
  let bestD = tolerance;
  for (const e of edges) {
    const pts = e.data?.points ?? [];
    for (let i = 1; i < pts.length; i++) {
      const d = segmentDistance(p, pts[i - 1], pts[i]);
      if (d <= bestD) {
        bestD = d;
        best = e;
      }
    }
  }
  if (best) return best;
  for (const e of edges) {
    const box = edgeBox(e.data!.points, e.data!.layout.labelBox);
    const cx = (box.minX + box.maxX) / 2;
    const cy = (box.minY + box.maxY) / 2;
    if (Math.hypot(p.x - cx, p.y - cy) <= centreTolerance) return e;
  }
  return null;
}

function edgeBox(points: [number, number][], label: LayoutEdge["labelBox"]) {
  const xs = points.map((q) => q[0]);
  const ys = points.map((q) => q[1]);
  if (label) {
    xs.push(label.x, label.x + label.width);
    ys.push(label.y, label.y + label.height);
  }
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

function segmentDistance(p: { x: number; y: number }, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a[0]) * dx + (p.y - a[1]) * dy) / len2));
  return Math.hypot(p.x - (a[0] + t * dx), p.y - (a[1] + t * dy));
}
