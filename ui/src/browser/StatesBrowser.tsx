// The States browser (Design mode, left): flow states, Task templates and patterns.
// Drag an item onto an edge, a container's drop zone or the blank canvas; a click (or
// Enter) puts it after the selected state, else at the end of the machine.
import { useMemo, useState } from "react";
import { TypeIcon } from "../canvas/icons";
import { useStudio } from "../store/studio";
import "../states/types.css";
import "./browser.css";
import { beginItemDrag, dropItem } from "./drag";
import { ITEMS, type BrowserItem } from "./templates";

const GROUPS: { id: BrowserItem["group"]; title: string }[] = [
  { id: "flow", title: "Flow" },
  { id: "task", title: "Actions" },
  { id: "pattern", title: "Patterns" },
];

/** Click/Enter: after the single selected state (on its Next or End), else in its scope
 *  (or the machine's) at the end. */
export function quickInsert(itemId: string): void {
  const { snapshot, selection } = useStudio.getState();
  if (!snapshot) return;
  const selected = selection.length === 1 ? snapshot.states.find((s) => s.pointer === selection[0]) : undefined;
  const edge = selected && snapshot.layout.edges.find((e) => e.transition?.from === selected.pointer && e.transition.transition.kind === "next");
  void dropItem(itemId, edge ? { kind: "edge", edge } : { kind: "scope", scope: selected?.scope ?? "" });
}

export function matches(item: BrowserItem, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [item.label, item.description, item.id, item.type].some((s) => s.toLowerCase().includes(q));
}

export function StatesBrowser() {
  const [query, setQuery] = useState("");
  const disabled = useStudio((s) => !s.snapshot || s.snapshot.parseError !== null);
  const visible = useMemo(() => ITEMS.filter((i) => matches(i, query)), [query]);
  return (
    <aside className="asl-browser" data-testid="states-browser" aria-label="States">
      <div className="asl-browser-search">
        <input
          type="search"
          placeholder="Search states"
          aria-label="Search states"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className={`asl-browser-list${disabled ? " asl-browser-disabled" : ""}`}>
        {GROUPS.map((g) => {
          const items = visible.filter((i) => i.group === g.id);
          if (items.length === 0) return null;
          return (
            <section key={g.id} className="asl-browser-group">
              <h3>{g.title}</h3>
              {items.map((item) => (
                <Item key={item.id} item={item} disabled={disabled} />
              ))}
            </section>
          );
        })}
        {visible.length === 0 && <div className="asl-browser-empty">No state matches “{query}”</div>}
      </div>
      <div className="asl-browser-hint">Drag onto an arrow or an empty area</div>
    </aside>
  );
}

function Item({ item, disabled }: { item: BrowserItem; disabled: boolean }) {
  return (
    <div
      role="button"
      tabIndex={0}
      aria-disabled={disabled}
      data-testid={`browser-item-${item.id}`}
      className={`asl-browser-item asl-type-${item.type.toLowerCase()}`}
      title={`${item.description}\nDrag onto the canvas, or click to add after the selected state`}
      onPointerDown={(e) => {
        if (disabled) return;
        e.preventDefault(); // no text selection or focus steal while dragging
        beginItemDrag(item, e, () => quickInsert(item.id));
      }}
      onKeyDown={(e) => {
        if (!disabled && (e.key === "Enter" || e.key === " ")) {
          e.preventDefault();
          quickInsert(item.id);
        }
      }}
    >
      <span className="asl-browser-icon">
        <TypeIcon type={item.group === "pattern" ? "Task" : item.type} size={14} />
      </span>
      <span className="asl-browser-text">
        <span className="asl-browser-label">{item.label}</span>
        <span className="asl-browser-desc">{item.description}</span>
      </span>
    </div>
  );
}
