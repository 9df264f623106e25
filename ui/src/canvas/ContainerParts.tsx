// Pieces of the Parallel and Map containers: the fold toggle, the folded summary, and
// the body that accepts dropped browser items (a Map's item processor).
import { useStudio } from "../store/studio";
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

/** What a folded container holds, from the snapshot: its states (every one under its
 *  pointer, nested ones included) and, for a Parallel, its branches (the scopes it owns;
 *  a Map owns one, its item processor, which is not worth saying). */
export function FoldedSummary({ data }: { data: StateNodeData }) {
  const id = data.layout.id;
  const parallel = data.layout.type === "Parallel";
  // A number: the summary re-renders only when the count changes.
  const branches = useStudio((s) => (data.collapsed && parallel ? (s.snapshot?.scopes.filter((sc) => sc.owner === id).length ?? 0) : 0));
  if (!data.collapsed) return null;
  const parts = [plural(data.hiddenCount, "state")];
  if (parallel) parts.push(plural(branches, "branch"));
  return <div className="asl-folded">{parts.join(" · ")}</div>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : word.endsWith("h") ? "es" : "s"}`;
}

/** A scope's empty area: browser items dropped here are added to `scope`. */
export function DropZone({ scope }: { scope: string }) {
  const hover = useCanvasUi((s) => s.dropHover?.kind === "scope" && s.dropHover.scope === scope);
  return <div className={`asl-dropzone${hover ? " asl-drop-hover" : ""}`} data-drop-scope={scope} />;
}
