// Run mode's bottom panel: History, Timeline, Iterations (of the Map last selected) and
// Tests tabs, resizable like Problems.
import { useRef } from "react";
import { clamp, DragHandle } from "../frame/Split";
import { useFrame } from "../frame/frameStore";
import { IconChevronDown, IconChevronUp } from "../frame/icons";
import { HistoryView } from "./HistoryView";
import { MapRunViewer } from "./MapRunViewer";
import { useRun, type BottomTab } from "./runStore";
import { TestsPanel } from "./TestsPanel";
import { TimelineView } from "./TimelineView";

const TABS: { id: BottomTab; label: string }[] = [
  { id: "history", label: "History" },
  { id: "timeline", label: "Timeline" },
  { id: "iterations", label: "Iterations" },
  { id: "tests", label: "Tests" },
];

export function RunBottomPanel() {
  const tab = useRun((s) => s.bottomTab);
  const set = useRun((s) => s.set);
  // Counted by the backend: a big run's record leaves its events out.
  const events = useRun((s) => s.record?.eventCount ?? null);
  const open = useFrame((s) => s.problemsOpen);
  const toggle = useFrame((s) => s.togglePanel);
  const height = useFrame((s) => s.problemsHeight);
  const setHeight = useFrame((s) => s.setProblemsHeight);
  const startHeight = useRef(height);
  return (
    <section className={`problems run-bottom${open ? " open" : ""}`} data-testid="run-bottom" aria-label="Run details">
      {open && (
        <DragHandle
          vertical
          label="Resize the run panel"
          onStart={() => (startHeight.current = height)}
          onDrag={(d) => setHeight(clamp(startHeight.current - d, 80, window.innerHeight * 0.7))}
        />
      )}
      <div className="run-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`run-tab${tab === t.id ? " active" : ""}`}
            data-testid={`run-tab-${t.id}`}
            onClick={() => (set({ bottomTab: t.id }), !open && toggle("problemsOpen", true))}
          >
            {t.label}
            {t.id === "history" && events !== null && <span className="run-tab-count">{events.toLocaleString("en-US")}</span>}
          </button>
        ))}
        <span className="run-spacer" />
        <button type="button" className="icon-btn" aria-label={open ? "Hide" : "Show"} aria-expanded={open} onClick={() => toggle("problemsOpen")}>
          {open ? <IconChevronDown /> : <IconChevronUp />}
        </button>
      </div>
      {open && (
        <div className="run-bottom-body" style={{ height: Math.max(height, 160) }}>
          {tab === "history" ? <HistoryView /> : tab === "timeline" ? <TimelineView /> : tab === "iterations" ? <MapRunViewer /> : <TestsPanel />}
        </div>
      )}
    </section>
  );
}
