// Drawn over the canvas in Run mode (flow coordinates, via React Flow's viewport portal):
// the breakpoint gutter left of every state, and badges — retries, Map progress,
// executions, the error a state failed or was caught with, coverage of retriers. It also
// keeps the current state in view unless the user moved the view during the run.
import { useReactFlow, useStore, ViewportPortal } from "@xyflow/react";
import { memo, useEffect, useMemo, useRef } from "react";
import type { FlowNode } from "../canvas/toFlow";
import type { Coverage } from "../ipc/run";
import type { LayoutNode } from "../ipc/types";
import type { MapProgress, StateMark } from "./fold";
import type { Breakpoint } from "./persist";
import { toggleBreakpoint } from "./runActions";
import { useRun } from "./runStore";

interface Props {
  nodes: FlowNode[];
}

export function RunOverlay({ nodes }: Props) {
  const breakpoints = useRun((s) => s.breakpoints);
  const view = useRun((s) => s.view);
  const report = useRun((s) => s.report);
  const showCoverage = useRun((s) => s.showCoverage);
  useFollow(nodes);
  // Memoised so the gutter layer re-renders only when the nodes or breakpoints change.
  const states = useMemo(() => nodes.filter((n) => n.selectable && !n.hidden), [nodes]);
  return (
    <ViewportPortal>
      <Gutters states={states} breakpoints={breakpoints} />
      {showCoverage && report ? (
        <RetrierBadges states={states} coverage={report.coverage} />
      ) : (
        view && <Badges states={states} marks={view.marks} maps={view.maps} />
      )}
    </ViewportPortal>
  );
}

const box = (n: FlowNode) => (n.data as { layout: LayoutNode }).layout;

/** One small target left of each state: click toggles its breakpoint (like a code
 *  editor's gutter). Re-rendered only when the nodes or the breakpoints change. */
const Gutters = memo(function Gutters({ states, breakpoints }: { states: FlowNode[]; breakpoints: Breakpoint[] }) {
  const byPointer = new Map(breakpoints.map((b) => [b.pointer, b]));
  return (
    <>
      {states.map((n) => {
        const l = box(n);
        const bp = byPointer.get(n.id);
        const cls = ["run-gutter", bp ? "on" : "", bp?.place === "afterExit" ? "after" : "", bp?.condition ? "conditional" : ""].join(" ");
        return (
          <button
            type="button"
            key={n.id}
            className={cls}
            data-testid="breakpoint-gutter"
            data-pointer={n.id}
            data-on={bp ? "true" : "false"}
            title={bp ? `Breakpoint ${bp.place === "afterExit" ? "after exit" : "before enter"}${bp.condition ? ` when ${bp.condition}` : ""} — click to remove` : "Click to set a breakpoint (F9)"}
            style={{ left: l.x - 17, top: l.y + Math.min(l.titleHeight || 20, 40) / 2 - 6 }}
            onClick={(e) => {
              e.stopPropagation();
              toggleBreakpoint(n.id);
            }}
          />
        );
      })}
    </>
  );
});

function Badges({ states, marks, maps }: { states: FlowNode[]; marks: ReadonlyMap<string, StateMark>; maps: ReadonlyMap<string, MapProgress> }) {
  return (
    <>
      {states.map((n) => {
        const mark = marks.get(n.id);
        const progress = maps.get(n.id);
        if (!mark && !progress) return null;
        const l = box(n);
        return (
          <div key={n.id} className="run-badges" style={{ left: l.x + l.width, top: l.y }}>
            {progress && <MapBadge progress={progress} />}
            {mark?.retry && (
              <span className="run-badge retry" data-testid="retry-badge" title={`Retry ${mark.retry.attempt} after ${mark.retry.error}`}>
                ↻ {mark.retry.attempt} · {formatDelay(mark.retry.delaySeconds)}
              </span>
            )}
            {mark && mark.entered > 1 && !progress && (
              <span className="run-badge count" title={`Entered ${mark.entered} times`}>
                ×{mark.entered}
              </span>
            )}
            {mark?.error && (mark.status === "failed" || mark.status === "caught") && (
              <span className={`run-badge ${mark.status}`} title={mark.error}>
                {mark.status === "caught" ? "caught " : ""}
                {mark.error}
              </span>
            )}
          </div>
        );
      })}
    </>
  );
}

function MapBadge({ progress: p }: { progress: MapProgress }) {
  const done = p.succeeded + p.failed;
  const total = p.total ?? p.started;
  const pct = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  return (
    <span className={`run-badge map${p.failed ? " has-failed" : ""}`} data-testid="map-progress" title={`${p.succeeded} succeeded, ${p.failed} failed, ${p.running} running`}>
      <span className="run-map-bar">
        <span style={{ width: `${pct}%` }} />
      </span>
      {done} of {p.total ?? "?"}
      {p.failed > 0 && <span className="run-map-failed"> · {p.failed} failed</span>}
    </span>
  );
}

function RetrierBadges({ states, coverage }: { states: FlowNode[]; coverage: Coverage }) {
  const byState = new Map<string, { hit: number; all: number }>();
  for (const r of coverage.retriers) {
    const c = byState.get(r.statePointer) ?? { hit: 0, all: 0 };
    byState.set(r.statePointer, { hit: c.hit + (r.hits > 0 ? 1 : 0), all: c.all + 1 });
  }
  return (
    <>
      {states.map((n) => {
        const c = byState.get(n.id);
        if (!c) return null;
        const l = box(n);
        return (
          <div key={n.id} className="run-badges" style={{ left: l.x + l.width, top: l.y }}>
            <span className={`run-badge ${c.hit === c.all ? "cov-hit" : "cov-miss"}`} title={`${c.hit} of ${c.all} retriers exercised by the tests`}>
              ↻ {c.hit}/{c.all}
            </span>
          </div>
        );
      })}
    </>
  );
}

export function formatDelay(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 120) return `${Number(seconds.toFixed(1))}s`;
  return `${Math.round(seconds / 60)}min`;
}

/** Centres the state last entered when it is off-screen, until the user pans or zooms. */
function useFollow(nodes: FlowNode[]) {
  const rf = useReactFlow();
  const current = useRun((s) => s.view?.current ?? null);
  const follow = useRun((s) => s.follow);
  const dom = useStore((s) => s.domNode);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const last = useRef(0);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;

  useEffect(() => {
    const pane = dom?.querySelector(".react-flow__pane");
    if (!pane) return;
    const stop = () => useRun.getState().follow && useRun.getState().set({ follow: false });
    pane.addEventListener("wheel", stop, { passive: true });
    pane.addEventListener("pointerdown", stop);
    return () => {
      pane.removeEventListener("wheel", stop);
      pane.removeEventListener("pointerdown", stop);
    };
  }, [dom]);

  useEffect(() => {
    if (!follow || !current) return;
    const now = performance.now();
    if (now - last.current < 250) return; // a fast run: move at most four times a second
    const n = nodesRef.current.find((x) => x.id === current);
    if (!n) return;
    const l = box(n);
    const { x, y, zoom } = rf.getViewport();
    const left = l.x * zoom + x;
    const top = l.y * zoom + y;
    const inView = left >= 0 && top >= 0 && left + l.width * zoom <= width && top + l.height * zoom <= height;
    if (inView) return;
    last.current = now;
    void rf.setCenter(l.x + l.width / 2, l.y + l.height / 2, { zoom, duration: 200 });
  }, [current, follow, rf, width, height]);
}
