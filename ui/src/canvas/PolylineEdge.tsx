// Draws an edge along the orthogonal route Rust computed (React Flow's own routing is not
// used; the handle positions it passes are ignored). Corners are slightly rounded, the
// arrowhead follows the last segment, the label sits in Rust's label box.
import type { EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useCanvasUi } from "./canvasStore";
import type { PolyEdge } from "./toFlow";

const RADIUS = 6;
const ARROW = 7;

/** SVG path of a polyline with rounded corners; the last point is pulled back by the
 *  arrow length so the line does not poke through the arrowhead. */
export function polylinePath(points: [number, number][], endInset = ARROW): string {
  if (points.length < 2) return "";
  const pts = insetEnd(points, endInset);
  let d = `M${pts[0][0]},${pts[0][1]}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [ax, ay] = pts[i - 1];
    const [bx, by] = pts[i];
    const [cx, cy] = pts[i + 1];
    const r = Math.min(RADIUS, Math.hypot(bx - ax, by - ay) / 2, Math.hypot(cx - bx, cy - by) / 2);
    const inX = bx - Math.sign(bx - ax) * r;
    const inY = by - Math.sign(by - ay) * r;
    const outX = bx + Math.sign(cx - bx) * r;
    const outY = by + Math.sign(cy - by) * r;
    d += ` L${inX},${inY} Q${bx},${by} ${outX},${outY}`;
  }
  const [ex, ey] = pts[pts.length - 1];
  return d + ` L${ex},${ey}`;
}

/** The points with the last one pulled back by `inset` along the last segment. */
function insetEnd(points: [number, number][], inset: number): [number, number][] {
  const pts = points.map(([x, y]) => [x, y] as [number, number]);
  const [lx, ly] = pts[pts.length - 1];
  const [px, py] = pts[pts.length - 2];
  const len = Math.hypot(lx - px, ly - py) || 1;
  const d = Math.min(inset, len);
  pts[pts.length - 1] = [lx - ((lx - px) / len) * d, ly - ((ly - py) / len) * d];
  return pts;
}

/** The same line drawn from the arrow back to the source. Catch edges into one handler
 *  share a trunk (Rust bundles them); drawn from the shared end, their dash patterns start
 *  at the same point and overlap exactly instead of looking solid. */
export function polylinePathFromTip(points: [number, number][]): string {
  if (points.length < 2) return "";
  return polylinePath(insetEnd(points, ARROW).reverse(), 0);
}

function arrowHead(points: [number, number][]): string {
  const [x, y] = points[points.length - 1];
  const [px, py] = points[points.length - 2];
  const len = Math.hypot(x - px, y - py) || 1;
  const ux = (x - px) / len;
  const uy = (y - py) / len;
  const bx = x - ux * ARROW;
  const by = y - uy * ARROW;
  const w = ARROW * 0.55;
  return `${x},${y} ${bx - uy * w},${by + ux * w} ${bx + uy * w},${by - ux * w}`;
}

function PolylineEdgeImpl({ id, data }: EdgeProps<PolyEdge>) {
  const hover = useCanvasUi((s) => s.dropHover?.kind === "edge" && s.dropHover.id === id);
  if (!data || data.points.length < 2) return null;
  const e = data.layout;
  const kind = e.kind.toLowerCase();
  const d = e.kind === "Catch" ? polylinePathFromTip(data.points) : polylinePath(data.points);
  const cls = ["asl-edge", `asl-edge-${kind}`, e.back ? "asl-edge-back" : "", hover ? "asl-drop-hover" : ""].join(" ");
  return (
    <g
      className={cls}
      data-testid="edge"
      data-edge-id={id}
      data-from={e.from}
      data-to={e.to}
      data-kind={e.kind}
      data-index={e.index ?? ""}
    >
      <path className="asl-edge-hit" d={polylinePath(data.points, 0)} />
      <path className="asl-edge-line" d={d} />
      <polygon className="asl-edge-arrow" points={arrowHead(data.points)} />
      {e.labelBox && e.labelLines.length > 0 && (
        // The whole label (a long condition is cut on its second line) is the tooltip: the
        // chip takes the pointer, not only its 1 px border as React Flow's edges would.
        <g className="asl-edge-label" data-testid="edge-label" pointerEvents="all">
          <title>{e.label ?? ""}</title>
          <rect x={e.labelBox.x} y={e.labelBox.y} width={e.labelBox.width} height={e.labelBox.height} rx={4} />
          {e.labelLines.map((line, i) => (
            <text key={i} x={e.labelBox!.x + e.labelBox!.width / 2} y={e.labelBox!.y + 13 + i * 15} textAnchor="middle">
              {line}
            </text>
          ))}
        </g>
      )}
    </g>
  );
}

export const PolylineEdge = memo(PolylineEdgeImpl);
