// Pieces of the Parallel and Map containers: the fold toggle, the folded summary, and
// the body that accepts dropped browser items (a Map's item processor).
import { useCanvasUi } from "./canvasStore";
import type { StateNodeData } from "./toFlow";

export function FoldToggle({ id, collapsed }: { id: string; collapsed: boolean }) {
  const toggle = useCanvasUi((s) => s.toggleCollapsed);
  return (
    <button
      type="button"
      className="asl-fold nodrag nopan"
      title={collapsed ? "Expand" : "Collapse"}
      aria-label={collapsed ? "Expand container" : "Collapse container"}
      aria-expanded={!collapsed}
      onClick={(e) => {
        e.stopPropagation();
        toggle(id);
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
        <path d={collapsed ? "M3 1.5 7 5 3 8.5" : "M1.5 3 5 7 8.5 3"} fill="none" stroke="currentColor" strokeWidth="1.6" />
      </svg>
    </button>
  );
}

export function FoldedSummary({ data }: { data: StateNodeData }) {
  if (!data.collapsed) return null;
  const n = data.hiddenCount;
  return <div className="asl-folded">{n === 1 ? "1 state inside" : `${n} states inside`}</div>;
}

/** A scope's empty area: browser items dropped here are added to `scope`. */
export function DropZone({ scope }: { scope: string }) {
  const hover = useCanvasUi((s) => s.dropHover?.kind === "scope" && s.dropHover.scope === scope);
  return <div className={`asl-dropzone${hover ? " asl-drop-hover" : ""}`} data-drop-scope={scope} />;
}
