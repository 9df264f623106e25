// The States browser (Design mode, left): flow states, the Actions catalogue (every
// optimised and AWS SDK integration, searched in Rust) and patterns. Drag an item onto an
// edge, a container's drop zone or the blank canvas; a click (or Enter) puts it after the
// selected state, else at the end of the machine.
import { useMemo, useState } from "react";
import { TypeIcon } from "../canvas/icons";
import type { ActionSummary, Pattern } from "../ipc";
import { useStudio } from "../store/studio";
import "../states/types.css";
import "./browser.css";
import { actionId, actionStateName, defaultPattern, groupByService, PATTERN_LABEL, PATTERN_SHORT, resourceWith } from "./catalogue";
import { loadSkeletons } from "./catalogueData";
import { useCatalogueSearch } from "./catalogueSearch";
import { beginItemDrag, dropItem, type DragItem } from "./drag";
import { ITEMS, type BrowserItem, type ItemRef } from "./templates";

/** Click/Enter: after the single selected state (on its Next or End), else in its scope
 *  (or the machine's) at the end. */
export function quickInsert(ref: ItemRef | Promise<ItemRef | null>): void {
  const { snapshot, selection } = useStudio.getState();
  if (!snapshot) return;
  const selected = selection.length === 1 ? snapshot.states.find((s) => s.pointer === selection[0]) : undefined;
  const edge = selected && snapshot.layout.edges.find((e) => e.transition?.from === selected.pointer && e.transition.transition.kind === "next");
  void dropItem(ref, edge ? { kind: "edge", edge } : { kind: "scope", scope: selected?.scope ?? "" });
}

export function matches(item: BrowserItem, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [item.label, item.description, item.id, item.type].some((s) => s.toLowerCase().includes(q));
}

// Tasks come from the catalogue; the hand-made templates stay behind the patterns.
const FLOW = ITEMS.filter((i) => i.group === "flow");
const PATTERNS = ITEMS.filter((i) => i.group === "pattern");

export function StatesBrowser() {
  const [query, setQuery] = useState("");
  const disabled = useStudio((s) => !s.snapshot || s.snapshot.parseError !== null);
  const flow = useMemo(() => FLOW.filter((i) => matches(i, query)), [query]);
  const patterns = useMemo(() => PATTERNS.filter((i) => matches(i, query)), [query]);
  const search = useCatalogueSearch(query);
  const nothing = flow.length === 0 && patterns.length === 0 && search.ready && search.actions.length === 0;
  return (
    <aside className="asl-browser" data-testid="states-browser" aria-label="States">
      <div className="asl-browser-search">
        <input
          type="search"
          placeholder="Search states and actions"
          aria-label="Search states and actions"
          data-testid="browser-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className={`asl-browser-list${disabled ? " asl-browser-disabled" : ""}`}>
        <Templates title="Flow" items={flow} disabled={disabled} />
        {/* Before the actions: a few items that a long list of matches must not push away. */}
        <Templates title="Patterns" items={patterns} disabled={disabled} />
        {search.actions.length > 0 && (
          <section className="asl-browser-group" data-testid="browser-actions">
            <h3>{query.trim() ? "Actions" : "Popular actions"}</h3>
            {groupByService(search.actions).map((g) => (
              <div key={g.key} className="asl-browser-service">
                <h4 title={g.title}>{g.title}</h4>
                {g.actions.map((a) => (
                  <ActionItem key={a.resource} action={a} disabled={disabled} />
                ))}
              </div>
            ))}
            {search.more && (
              <button type="button" className="asl-browser-more" data-testid="browser-more" onClick={search.showMore}>
                Show more actions
              </button>
            )}
          </section>
        )}
        {search.failed && <div className="asl-browser-empty">The actions catalogue is not available.</div>}
        {nothing && <div className="asl-browser-empty">Nothing matches “{query}”</div>}
      </div>
      <div className="asl-browser-hint">Drag onto an arrow or an empty area</div>
    </aside>
  );
}

function Templates({ title, items, disabled }: { title: string; items: BrowserItem[]; disabled: boolean }) {
  if (items.length === 0) return null;
  return (
    <section className="asl-browser-group">
      <h3>{title}</h3>
      {items.map((item) => (
        <Item
          key={item.id}
          testId={item.id}
          className={`asl-type-${item.type.toLowerCase()}`}
          icon={item.group === "pattern" ? "Task" : item.type}
          label={item.label}
          description={item.description}
          disabled={disabled}
          drag={() => ({ label: item.label, type: item.type, ref: item.id })}
        />
      ))}
    </section>
  );
}

function ActionItem({ action, disabled }: { action: ActionSummary; disabled: boolean }) {
  const [pattern, setPattern] = useState<Pattern>(() => defaultPattern(action));
  const resource = resourceWith(action, pattern);
  const label = `${action.serviceId}: ${action.action}`;
  return (
    <Item
      testId={actionId(action)}
      className="asl-type-task"
      icon="Task"
      label={action.action}
      badge={action.kind === "sdk" ? "SDK" : undefined}
      description={action.doc}
      title={`${label}\n${resource}\n${action.doc}`}
      disabled={disabled}
      drag={() => ({
        label,
        type: "Task",
        // Asked for on press, so the state is usually here by the time it is dropped.
        ref: loadSkeletons(resource).then((states) => (states ? { baseName: actionStateName(action), states } : null)),
      })}
    >
      {/* The pattern shows when it is not the plain request; the picker on hover or focus. */}
      {pattern !== "requestResponse" && <span className="asl-browser-ptag">{PATTERN_SHORT[pattern]}</span>}
      {action.patterns.length > 1 && (
        <select
          className="asl-browser-pattern"
          data-testid={`browser-pattern-${actionId(action)}`}
          aria-label={`${label}: integration pattern`}
          title={PATTERN_LABEL[pattern]}
          value={pattern}
          disabled={disabled}
          // The row drags on press; the picker must not.
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          onChange={(e) => setPattern(e.target.value as Pattern)}
        >
          {action.patterns.map((p) => (
            <option key={p} value={p} title={PATTERN_LABEL[p]}>
              {PATTERN_SHORT[p]}
            </option>
          ))}
        </select>
      )}
    </Item>
  );
}

interface ItemProps {
  testId: string;
  className: string;
  icon: string;
  label: string;
  badge?: string;
  description: string;
  title?: string;
  disabled: boolean;
  drag: () => DragItem;
  children?: React.ReactNode;
}

function Item({ testId, className, icon, label, badge, description, title, disabled, drag, children }: ItemProps) {
  return (
    <div
      role="button"
      tabIndex={0}
      aria-disabled={disabled}
      data-testid={`browser-item-${testId}`}
      className={`asl-browser-item ${className}`}
      title={`${title ?? description}\nDrag onto the canvas, or click to add after the selected state`}
      onPointerDown={(e) => {
        if (disabled) return;
        e.preventDefault(); // no text selection or focus steal while dragging
        const item = drag();
        beginItemDrag(item, e, () => quickInsert(item.ref));
      }}
      onKeyDown={(e) => {
        if (!disabled && (e.key === "Enter" || e.key === " ")) {
          e.preventDefault();
          quickInsert(drag().ref);
        }
      }}
    >
      <span className="asl-browser-icon">
        <TypeIcon type={icon} size={14} />
      </span>
      <span className="asl-browser-text">
        <span className="asl-browser-label">
          {label}
          {badge && <span className="asl-browser-badge">{badge}</span>}
        </span>
        <span className="asl-browser-desc">{description}</span>
      </span>
      {children}
    </div>
  );
}
