// The minimap, shaped for big machines: a 1,000-state chain is ~60,000 px tall and
// ~400 px wide, which React Flow's fixed landscape box draws as a strip of sub-pixel
// nodes. Here the box follows the layout's aspect (within bounds), every node keeps a
// minimum visible size, a click centres the view there, a drag moves it, the wheel zooms.
//
// Drawn by hand rather than with React Flow's MiniMap: that one gives every node its own
// store subscription, so each change of the canvas (every keystroke's answer moves a few
// nodes) ran one selector per state — a third of a 5,000-state machine's redraw. Here the
// nodes are one SVG path per type, rebuilt when the diagram changes, and the only
// subscription is the viewport's.
import { Panel, useReactFlow, useStore } from "@xyflow/react";
import { memo, useCallback, useEffect, useMemo, useRef } from "react";
import { shallow } from "zustand/shallow";
import type { FlowNode, PolyEdge } from "./toFlow";

/** The box's area stays about React Flow's default (168 × 120); its sides follow the
 *  layout. */
const AREA = 168 * 120;
const MIN_SIDE = { width: 64, height: 80 };
const MAX_WIDTH = 240;
/** Smallest node drawn, in minimap pixels: enough to see a type's colour. */
const MIN_NODE = { width: 28, height: 1.5 };
/** Containers draw as outlines (their states show inside). */
const OUTLINED = new Set(["parallel", "map", "branch"]);

export function miniMapSize(layoutWidth: number, layoutHeight: number, paneHeight: number): { width: number; height: number } {
  const ratio = layoutWidth > 0 && layoutHeight > 0 ? layoutWidth / layoutHeight : 1.4;
  // Leave the controls and some canvas free above the minimap.
  const maxHeight = Math.max(MIN_SIDE.height, Math.min(420, paneHeight - 160));
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  let height = clamp(Math.sqrt(AREA / ratio), MIN_SIDE.height, maxHeight);
  const width = clamp(height * ratio, MIN_SIDE.width, MAX_WIDTH);
  height = clamp(width / ratio, MIN_SIDE.height, maxHeight);
  return { width: Math.round(width), height: Math.round(height) };
}

/** The nodes as SVG path data, one per class (`asl-mm-task`, ...; the selected apart).
 *  `unit`: flow units per minimap pixel, for the minimum sizes. */
export function miniMapPaths(nodes: FlowNode[], unit: number): { className: string; d: string }[] {
  const byClass = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.hidden) continue;
    const { x, y, width } = n.data.layout;
    const height = n.height ?? n.data.layout.height;
    const kind = String(n.type).toLowerCase();
    const w = OUTLINED.has(kind) ? width : Math.max(width, MIN_NODE.width * unit);
    const h = OUTLINED.has(kind) ? height : Math.max(height, MIN_NODE.height * unit);
    const className = `asl-mm asl-mm-${kind}${n.selected ? " selected" : ""}`;
    const parts = byClass.get(className) ?? [];
    parts.push(`M${round(x + (width - w) / 2)} ${round(y + (height - h) / 2)}h${round(w)}v${round(h)}h${round(-w)}z`);
    byClass.set(className, parts);
  }
  return [...byClass].map(([className, parts]) => ({ className, d: parts.join("") }));
}

const round = (v: number) => Math.round(v * 10) / 10;

const MiniNodes = memo(function MiniNodes({ nodes, unit }: { nodes: FlowNode[]; unit: number }) {
  const paths = useMemo(() => miniMapPaths(nodes, unit), [nodes, unit]);
  return paths.map((p) => <path key={p.className} className={p.className} d={p.d} />);
});

interface Props {
  nodes: FlowNode[];
  layoutWidth: number;
  layoutHeight: number;
  paneHeight: number;
  /** The user moved the view from the minimap (ends auto-fitting). */
  onNavigate: () => void;
}

type Transform = [number, number, number];
const viewSelector = (s: { transform: Transform; width: number; height: number }) =>
  [s.transform[0], s.transform[1], s.transform[2], s.width, s.height] as const;

export function CanvasMiniMap({ nodes, layoutWidth, layoutHeight, paneHeight, onNavigate }: Props) {
  const rf = useReactFlow<FlowNode, PolyEdge>();
  const size = useMemo(() => miniMapSize(layoutWidth, layoutHeight, paneHeight), [layoutWidth, layoutHeight, paneHeight]);
  // Flow units per minimap pixel: the layout fits the box (the SVG's "meet").
  const unit = Math.max(layoutWidth / size.width, layoutHeight / size.height, 0.01);
  // Compared field by field, so panning re-renders this box only, never the nodes.
  const [tx, ty, zoom, paneWidth, paneH] = useStore(viewSelector, shallow);
  // The view's box, never under 6 minimap pixels a side: on a 2,500-state chain the view
  // is a pixel of the map, which no one can find.
  const seen = { x: -tx / zoom, y: -ty / zoom, width: paneWidth / zoom, height: paneH / zoom };
  const grow = (side: number) => Math.max(0, 6 * unit - side) / 2;
  const view = {
    x: seen.x - grow(seen.width),
    y: seen.y - grow(seen.height),
    width: seen.width + 2 * grow(seen.width),
    height: seen.height + 2 * grow(seen.height),
  };

  const svg = useRef<SVGSVGElement>(null);
  /** A pointer position in flow coordinates. */
  const toFlow = useCallback((clientX: number, clientY: number) => {
    const m = svg.current?.getScreenCTM()?.inverse();
    if (!m) return null;
    const p = new DOMPoint(clientX, clientY).matrixTransform(m);
    return { x: p.x, y: p.y };
  }, []);

  // A press that does not move centres the view there; a drag moves it along.
  const drag = useRef<{ start: { x: number; y: number }; viewport: { x: number; y: number; zoom: number }; moved: boolean } | null>(null);
  const onPointerDown = (e: React.PointerEvent) => {
    const start = toFlow(e.clientX, e.clientY);
    if (!start || e.button !== 0) return;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    drag.current = { start, viewport: rf.getViewport(), moved: false };
    onNavigate();
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    const p = d && toFlow(e.clientX, e.clientY);
    if (!d || !p) return;
    const dx = p.x - d.start.x;
    const dy = p.y - d.start.y;
    if (!d.moved && Math.hypot(dx / unit, dy / unit) < 3) return;
    d.moved = true;
    void rf.setViewport({ x: d.viewport.x - dx * d.viewport.zoom, y: d.viewport.y - dy * d.viewport.zoom, zoom: d.viewport.zoom });
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    const p = toFlow(e.clientX, e.clientY);
    if (d && !d.moved && p) void rf.setCenter(p.x, p.y, { zoom: rf.getZoom(), duration: 200 });
  };

  // The wheel zooms the canvas about the view's centre (not a passive listener: the
  // page must not scroll).
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      onNavigate();
      void rf.zoomTo(rf.getZoom() * Math.exp(-e.deltaY * 0.002));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [rf, onNavigate]);

  // The box in flow units, the layout centred in it; outside the view it is dimmed.
  const box = { width: size.width * unit, height: size.height * unit };
  const origin = { x: (layoutWidth - box.width) / 2, y: (layoutHeight - box.height) / 2 };
  const mask =
    `M${origin.x} ${origin.y}h${box.width}v${box.height}h${-box.width}z` +
    `M${view.x} ${view.y}h${view.width}v${view.height}h${-view.width}z`;
  return (
    <Panel position="bottom-right" className="react-flow__minimap asl-minimap nopan nowheel nodrag">
      <svg
        ref={svg}
        width={size.width}
        height={size.height}
        viewBox={`${origin.x} ${origin.y} ${box.width} ${box.height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label="Minimap: click or drag to move the view"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
      >
        <title>Minimap: click or drag to move the view</title>
        <MiniNodes nodes={nodes} unit={unit} />
        <path className="react-flow__minimap-mask asl-minimap-mask" d={mask} fillRule="evenodd" pointerEvents="none" />
        <rect className="asl-minimap-view" x={view.x} y={view.y} width={view.width} height={view.height} pointerEvents="none" />
      </svg>
    </Panel>
  );
}
