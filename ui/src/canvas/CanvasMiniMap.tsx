// The minimap, shaped for big machines: a 1,000-state chain is ~60,000 px tall and
// ~400 px wide, which React Flow's fixed landscape box draws as a strip of sub-pixel
// nodes. Here the box follows the layout's aspect (within bounds), every node keeps a
// minimum visible size, and a click centres the view there.
import { MiniMap, useReactFlow, type GetMiniMapNodeAttribute, type MiniMapNodeProps, type XYPosition } from "@xyflow/react";
import { createContext, memo, useCallback, useContext, useMemo } from "react";
import type { FlowNode, PolyEdge } from "./toFlow";

// Module constants: a function prop that changes on every render (or an unset colour,
// which React Flow wraps in a new function each time) re-renders every minimap node, a
// thousand on a big machine, after each edit.
const miniMapClass: GetMiniMapNodeAttribute<FlowNode> = (n) => `asl-mm asl-mm-${String(n.type).toLowerCase()}`;
const miniMapUnset = (() => undefined) as unknown as GetMiniMapNodeAttribute<FlowNode>;

/** The box's area stays about React Flow's default (168 × 120); its sides follow the
 *  layout. */
const AREA = 168 * 120;
const MIN_SIDE = { width: 64, height: 80 };
const MAX_WIDTH = 240;
/** Smallest node drawn, in minimap pixels: enough to see a type's colour. */
const MIN_NODE = { width: 28, height: 1.5 };

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

/** Flow units per minimap pixel, for the nodes' minimum size. */
const Scale = createContext(1);

const MiniNode = memo(function MiniNode({ x, y, width, height, className, selected }: MiniMapNodeProps) {
  const u = useContext(Scale);
  const w = Math.max(width, MIN_NODE.width * u);
  const h = Math.max(height, MIN_NODE.height * u);
  return (
    <rect
      className={`react-flow__minimap-node ${className}${selected ? " selected" : ""}`}
      x={x + (width - w) / 2}
      y={y + (height - h) / 2}
      width={w}
      height={h}
      rx={Math.min(4 * u, w / 4)}
    />
  );
});

interface Props {
  layoutWidth: number;
  layoutHeight: number;
  paneHeight: number;
  /** The user moved the view from the minimap (ends auto-fitting). */
  onNavigate: () => void;
}

export function CanvasMiniMap({ layoutWidth, layoutHeight, paneHeight, onNavigate }: Props) {
  const rf = useReactFlow<FlowNode, PolyEdge>();
  const size = useMemo(() => miniMapSize(layoutWidth, layoutHeight, paneHeight), [layoutWidth, layoutHeight, paneHeight]);
  const style = useMemo(() => ({ width: size.width, height: size.height }), [size]);
  // The map's scale from the layout alone: the viewport's box widens it when zoomed in,
  // which only makes the minimum sizes a little larger than asked.
  const scale = Math.max(layoutWidth / size.width, layoutHeight / size.height, 0.01);
  // A click (not a drag, which pans through `pannable`) centres the view on that point.
  const onClick = useCallback(
    (_: unknown, p: XYPosition) => {
      onNavigate();
      void rf.setCenter(p.x, p.y, { zoom: rf.getZoom(), duration: 200 });
    },
    [rf, onNavigate],
  );
  return (
    <Scale.Provider value={scale}>
      <MiniMap<FlowNode>
        pannable
        zoomable
        style={style}
        nodeComponent={MiniNode}
        nodeClassName={miniMapClass}
        nodeColor={miniMapUnset}
        nodeStrokeColor={miniMapUnset}
        onClick={onClick}
        // React Flow pads the map by 5 units of its scale each side, which on a narrow
        // map letterboxes it (bands of 20 px above and below): no padding.
        offsetScale={0}
        // In screen pixels (React Flow scales it): on a tall map the view's box is a
        // dozen pixels, lost among the nodes without an outline.
        maskStrokeWidth={2}
        ariaLabel="Minimap: click or drag to move the view"
      />
    </Scale.Provider>
  );
}
