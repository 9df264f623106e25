// The Design-mode canvas: draws the snapshot's layout with React Flow, keeps the store's
// selection in sync, turns connections, drops and shortcuts into document edits. Nodes
// are not draggable: positions are Rust's layout, recomputed after every edit.
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  getViewportForBounds,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type NodeChange,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { registerDropResolver } from "../browser/drag";
import { appFirstPaint } from "../ipc";
import type { Transition } from "../ipc/types";
import { measure } from "../perf";
import { RunOverlay, useRunFlow } from "../run/canvas";
import { useStudio } from "../store/studio";
import "../states/types.css";
import "./canvas.css";
import "./nodes.css";
import { CanvasMiniMap } from "./CanvasMiniMap";
import { useCanvasUi } from "./canvasStore";
import { resolveDrop } from "./dropResolver";
import { FindBox } from "./FindBox";
import { StaleBanner } from "./StaleBanner";
import { edgeTypes, nodeTypes } from "./nodeTypes";
import { reuseUnchanged } from "./reuse";
import { toFlow, type Flow, type FlowNode, type PolyEdge } from "./toFlow";
import { useCanvasKeys } from "./useCanvasKeys";
import { useFollowNewSelection } from "./follow";

const proOptions = { hideAttribution: true };

/** Below this zoom, fitting a whole machine makes it unreadable (see the fit effect). */
const MIN_FIT_ZOOM = 0.45;
/** The zoom a state is brought into view at when the view is too far out to read it. */
const READABLE_ZOOM = 0.8;
const MIN_ZOOM = 0.1;
/** Below this zoom names at their normal size cannot be read: nodes draw as blocks with
 *  large names (nodes.css, `.asl-zoom-far`). */
const FAR_ZOOM = MIN_FIT_ZOOM;
/** True below FAR_ZOOM: a boolean, so zooming re-renders the canvas only when it crosses. */
const farSelector = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;

export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}

/** The transition a source handle id names (see NodeShell's SourceHandle ids). */
export function handleTransition(handle: string | null | undefined): Transition | null {
  if (handle === "next") return { kind: "next" };
  if (handle === "default") return { kind: "default" };
  const m = /^(rule|catch)-(\d+)$/.exec(handle ?? "");
  if (!m) return null;
  return m[1] === "rule" ? { kind: "choice_rule", index: Number(m[2]) } : { kind: "catch", index: Number(m[2]) };
}

function CanvasInner() {
  const snapshot = useStudio((s) => s.snapshot);
  const selection = useStudio((s) => s.selection);
  const theme = useStudio((s) => s.theme);
  const reveal = useStudio((s) => s.reveal);
  const collapsed = useCanvasUi((s) => s.collapsed);
  const rf = useReactFlow<FlowNode, PolyEdge>();
  const root = useRef<HTMLDivElement>(null);
  const far = useStore(farSelector);
  const [paneHeight, setPaneHeight] = useState(600);
  const [finding, setFinding] = useState(false);

  const previous = useRef<Flow | null>(null);
  const flow = useMemo(() => {
    const t0 = performance.now();
    const next = reuseUnchanged(previous.current, toFlow(snapshot, collapsed, selection, previous.current));
    measure("asl:to-flow", t0);
    previous.current = next;
    return next;
  }, [snapshot, collapsed, selection]);
  const stale = flow.stale;
  // Run mode adds the run's marks as classes (Design and Code mode get `flow` itself).
  const mode = useStudio((s) => s.mode);
  const shown = useRunFlow(flow);
  const [miniMapChoice, setMiniMap] = useState<boolean | null>(null);
  const showMiniMap = miniMapChoice ?? flow.nodes.length > 40;

  // The first frame with the diagram: the first-paint figure of issue #6 (since the page
  // started loading, and, from Rust, since the app started).
  // The minimap draws every node (it has no "visible only"), so it comes one frame after
  // the diagram.
  const [mapReady, setMapReady] = useState(false);
  useEffect(() => {
    if (flow.nodes.length === 0) return;
    const id = requestAnimationFrame(() => {
      setMapReady(true);
      if (performance.getEntriesByName("asl:first-paint", "mark").length > 0) return;
      performance.mark("asl:first-paint");
      void appFirstPaint().catch(() => undefined);
    });
    return () => cancelAnimationFrame(id);
  }, [flow]);

  // After the canvas painted a new snapshot: how long since the command was sent. Also at
  // the commit (the DOM updated), since under Xvfb WebKit's frames can lag by hundreds of
  // milliseconds, which says nothing about the app.
  useEffect(() => {
    if (performance.getEntriesByName("asl:command", "mark").length > 0) measure("asl:edit-to-commit", "asl:command");
    const id = requestAnimationFrame(() => {
      if (performance.getEntriesByName("asl:command", "mark").length === 0) return;
      measure("asl:edit-to-paint", "asl:command");
      // Split: the command's round trip through Rust, then the UI's render and paint.
      if (performance.getEntriesByName("asl:answer", "mark").length > 0) {
        measure("asl:ipc", "asl:command", "asl:answer");
        measure("asl:render", "asl:answer");
      }
      performance.clearMarks("asl:command");
    });
    return () => cancelAnimationFrame(id);
  }, [flow]);

  /** True until the user pans, zooms or asks to centre something: the view then stays. */
  const autoFit = useRef(true);

  // Centre a node (find, reveal, "centre on selection"), keeping the zoom unless names
  // cannot be read at it: then zoom in to a readable scale too.
  const centre = useCallback(
    (pointers: string[]) => {
      const boxes = pointers.map((p) => rf.getInternalNode(p)).filter((n) => n !== undefined);
      if (boxes.length === 0) return;
      const xs = boxes.flatMap((n) => [n.internals.positionAbsolute.x, n.internals.positionAbsolute.x + (n.width ?? 0)]);
      const ys = boxes.flatMap((n) => [n.internals.positionAbsolute.y, n.internals.positionAbsolute.y + (n.height ?? 0)]);
      const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
      const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
      autoFit.current = false;
      const zoom = rf.getZoom() < MIN_FIT_ZOOM ? READABLE_ZOOM : rf.getZoom();
      void rf.setCenter(cx, cy, { zoom, duration: 250 });
    },
    [rf],
  );

  // Fit on first open of each document, once React Flow has measured the nodes, and again
  // when the canvas changes size (panels settling, the window resized) until the user pans
  // or zooms; later snapshots keep the user's viewport.
  const docKey = snapshot ? `${snapshot.path ?? ""}|${snapshot.title}` : "";
  // Nodes carry Rust's sizes as measured, so the view can be fitted as soon as they are in
  // React Flow's store; waiting for `useNodesInitialized` (handle bounds from the DOM)
  // cost seconds on big machines, where off-screen nodes are never rendered.
  const initialized = flow.nodes.length > 0;
  const fitted = useRef<string | null>(null);
  const fittedRevision = useRef<number | null>(null);
  // The view is computed from Rust's layout, not from React Flow's measured nodes, and
  // set at once: waiting for a frame (or for measurements) showed the unfitted machine
  // for a moment, seconds where frames are slow, and then jumped.
  const fitNow = useCallback((): boolean => {
    const layout = useStudio.getState().snapshot?.layout;
    const box = root.current?.getBoundingClientRect();
    if (!layout || !box || box.width === 0 || box.height === 0 || !rf.viewportInitialized) return false;
    const fit = Math.min(box.width / layout.width, box.height / layout.height);
    if (fit >= MIN_FIT_ZOOM) {
      const bounds = { x: 0, y: 0, width: layout.width, height: layout.height };
      void rf.setViewport(getViewportForBounds(bounds, box.width, box.height, MIN_ZOOM, 1, 0.08));
      return true;
    }
    // A machine too big to read when fitted whole: show its start at a readable zoom,
    // centred, and let the minimap give the overview.
    const start = layout.nodes.find((n) => n.type === "Start" && n.parent === null) ?? layout.nodes[0];
    const zoom = 0.8;
    void rf.setViewport({ x: box.width / 2 - (start.x + start.width / 2) * zoom, y: 24 - start.y * zoom, zoom });
    return true;
  }, [rf]);
  useEffect(() => {
    if (docKey && performance.getEntriesByName("asl:canvas", "mark").length === 0) performance.mark("asl:canvas");
    if (!docKey || !initialized || fitted.current === docKey) return;
    const fitFirst = () => {
      if (!fitNow()) return false;
      fitted.current = docKey;
      fittedRevision.current = useStudio.getState().snapshot?.revision ?? null;
      autoFit.current = true;
      return true;
    };
    if (fitFirst()) return;
    // React Flow's pan-zoom is not set up yet: try again on the next frame.
    const id = requestAnimationFrame(fitFirst);
    return () => cancelAnimationFrame(id);
  }, [docKey, initialized, fitNow]);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      // The minimap's height follows the canvas (rounded: a few px change nothing).
      setPaneHeight(Math.round(el.getBoundingClientRect().height / 20) * 20);
      // Only while the document is as first shown: after an edit the view stays put even
      // if a panel (Problems) grows.
      const unchanged = useStudio.getState().snapshot?.revision === fittedRevision.current;
      if (!autoFit.current || fitted.current === null || !unchanged) return;
      fitNow();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fitNow]);

  // A state that appears selected (dropped, pasted, inserted from the browser) is brought
  // into view: the layout after an edit moves things, and a state appended at the end of
  // a tall machine lands below the view.
  useFollowNewSelection(flow, root, autoFit);

  // A reveal request naming a state (problems panel, code view) centres the innermost
  // node whose pointer prefixes the revealed one. Only a new request (nonce) moves.
  const nodesRef = useRef(flow.nodes);
  nodesRef.current = flow.nodes;
  useEffect(() => {
    if (!reveal) return;
    const p = reveal.pointer;
    const hit = nodesRef.current
      .filter((n) => n.selectable && (p === n.id || p.startsWith(n.id + "/")))
      .sort((a, b) => b.id.length - a.id.length)[0];
    if (hit) centre([hit.id]);
  }, [reveal, centre]);

  // The browser asks the canvas what is under the pointer while dragging an item.
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const edgesRef = useRef(flow.edges);
  edgesRef.current = flow.edges;
  useEffect(
    () =>
      registerDropResolver((x, y) => {
        if (!root.current || useStudio.getState().snapshot?.parseError) return null;
        const found = resolveDrop(
          { root: root.current, edges: edgesRef.current, toFlow: (p) => rf.screenToFlowPosition(p), zoom: () => rf.getZoom() },
          x,
          y,
        );
        // Empty space appends after the selected state (planDrop keeps it if it is in
        // that scope), as a click on a browser item does.
        const selection = useStudio.getState().selection;
        if (found?.target.kind === "scope" && selection.length === 1) return { ...found, target: { ...found.target, after: selection[0] } };
        return found;
      }),
    [rf],
  );

  const openFind = useCallback(() => setFinding(true), []);
  useCanvasKeys(openFind);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const picks = changes.filter((c) => c.type === "select");
    if (picks.length === 0) return;
    // Only nodes on the canvas take part (a pointer selected elsewhere that names no
    // node could never be unselected here).
    const known = new Set(flowRef.current.nodes.map((n) => n.id));
    const current = useStudio.getState().selection.filter((p) => known.has(p));
    const next = new Set(current);
    for (const c of picks) {
      if (c.type !== "select") continue;
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    const ordered = [...current.filter((p) => next.has(p)), ...[...next].filter((p) => !current.includes(p))];
    const stored = useStudio.getState().selection;
    if (ordered.length !== stored.length || ordered.some((p, i) => p !== stored[i])) useStudio.getState().select(ordered);
  }, []);

  const scopeOf = useCallback((pointer: string) => useStudio.getState().snapshot?.states.find((s) => s.pointer === pointer), []);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const from = scopeOf(c.source);
      const to = scopeOf(c.target);
      // A transition never leaves its scope (edits refuse it anyway).
      return !!from && !!to && from.scope === to.scope && handleTransition(c.sourceHandle) !== null;
    },
    [scopeOf],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const transition = handleTransition(c.sourceHandle);
      const target = scopeOf(c.target);
      if (!transition || !target) return;
      void useStudio.getState().apply({ kind: "connect", from: c.source, transition, target: target.name });
    },
    [scopeOf],
  );

  // A quick flick can end before the node-wide drop handle has rendered or been
  // measured; the node under the pointer is what the user aimed at, so connect to it.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.fromHandle || state.fromHandle.type !== "source") return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      if (!point) return;
      const nodeEl = document
        .elementsFromPoint(point.clientX, point.clientY)
        .map((el) => el.closest(".react-flow__node"))
        .find((el): el is HTMLElement => el instanceof HTMLElement);
      const target = nodeEl?.dataset.id;
      if (!target || target === state.fromNode.id) return;
      const c: Connection = { source: state.fromNode.id, sourceHandle: state.fromHandle.id ?? null, target, targetHandle: "drop" };
      if (isValidConnection(c)) onConnect(c);
    },
    [isValidConnection, onConnect],
  );

  // Stable handlers: React Flow copies changed props into its store, waking every
  // subscriber, so inline functions would cost a store update per render.
  // A pan or zoom by the user (programmatic moves have no event) ends auto-fitting.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) autoFit.current = false;
  }, []);
  const endAutoFit = useCallback(() => {
    autoFit.current = false;
  }, []);
  const onPaneClick = useCallback(() => {
    if (useStudio.getState().selection.length) useStudio.getState().select([]);
  }, []);

  const dropHover = useCanvasUi((s) => s.dropHover?.kind === "scope" && s.dropHover.scope === "");
  const className = ["asl-canvas", far ? "asl-zoom-far" : "", stale ? "canvas-stale" : "", dropHover ? "asl-drop-hover-root" : ""].join(" ");

  return (
    <div className={className} ref={root} data-testid="canvas">
      <ReactFlow<FlowNode, PolyEdge>
        nodes={shown.nodes}
        edges={shown.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onMoveStart={onMoveStart}
        onPaneClick={onPaneClick}
        zIndexMode="manual"
        elevateNodesOnSelect={false}
        nodesDraggable={false}
        nodesConnectable={!stale && mode !== "run"}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Shift", "Control", "Meta"]}
        zoomOnDoubleClick={false}
        connectionRadius={24}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        colorMode={theme}
        // Big machines: draw only what is in view so panning stays smooth.
        onlyRenderVisibleElements={flow.nodes.length > 300}
        proOptions={proOptions}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} />
        <Controls showInteractive={false} showFitView={false} position="bottom-left">
          {/* Not React Flow's fitView: a big machine fitted whole is unreadable (10 %);
              fitNow shows it whole only when names stay readable, else its start. */}
          <ControlButton title="Fit view" aria-label="Fit view" className="react-flow__controls-fitview" onClick={() => (autoFit.current = fitNow())}>
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" fill="none" stroke="currentColor" strokeWidth="1.6" />
            </svg>
          </ControlButton>
          <ControlButton title="Centre on selection" aria-label="Centre on selection" onClick={() => centre(useStudio.getState().selection)}>
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <circle cx="8" cy="8" r="3" fill="currentColor" />
              <path d="M8 1v3M8 12v3M1 8h3M12 8h3" stroke="currentColor" strokeWidth="1.6" />
            </svg>
          </ControlButton>
          <ControlButton title={showMiniMap ? "Hide the minimap" : "Show the minimap"} aria-label="Toggle the minimap" onClick={() => setMiniMap(!showMiniMap)}>
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <rect x="1.5" y="3" width="13" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
              <rect x="8" y="7.5" width="5" height="4" fill="currentColor" />
            </svg>
          </ControlButton>
          <ControlButton title="Find a state (Ctrl+F)" aria-label="Find a state" onClick={openFind}>
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
              <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.8" />
            </svg>
          </ControlButton>
        </Controls>
        {mode === "run" && <RunOverlay nodes={shown.nodes} />}
        {/* Small machines fit the view: a minimap would only cover part of them. */}
        {showMiniMap && mapReady && (
          <CanvasMiniMap
            nodes={flow.nodes}
            layoutWidth={snapshot?.layout.width ?? 0}
            layoutHeight={snapshot?.layout.height ?? 0}
            paneHeight={paneHeight}
            onNavigate={endAutoFit}
          />
        )}
      </ReactFlow>
      <StaleBanner />
      {finding && <FindBox onClose={() => setFinding(false)} centre={(p) => centre([p])} />}
    </div>
  );
}
