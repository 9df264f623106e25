// The Inspector (Design mode, right): the selected state's name and four tabs —
// Configuration (per type, ui/src/states/<Type>/inspector.tsx), Input/Output, Error
// handling, Documentation. With nothing selected it shows the machine's own settings.
import { useEffect, useLayoutEffect, useRef, useState, type ComponentType } from "react";
import { TypeIcon } from "../canvas/icons";
import type { StateInfo } from "../ipc/types";
import { ChoiceConfig } from "../states/Choice/inspector";
import { FailConfig } from "../states/Fail/inspector";
import { MapConfig } from "../states/Map/inspector";
import { ParallelConfig } from "../states/Parallel/inspector";
import { PassConfig } from "../states/Pass/inspector";
import { SucceedConfig } from "../states/Succeed/inspector";
import { TaskConfig } from "../states/Task/inspector";
import { WaitConfig } from "../states/Wait/inspector";
import "../states/types.css";
import { useStudio } from "../store/studio";
import { renameState } from "../canvas/actions";
import { deleteSelection } from "../canvas/useCanvasKeys";
import { DocsTab } from "./DocsTab";
import { ErrorsTab } from "./ErrorsTab";
import { Note } from "./fields";
import "./inspector.css";
import { IoTab } from "./IoTab";
import { MachineSettings } from "./MachineSettings";

const CONFIG: Record<string, ComponentType<{ state: StateInfo }>> = {
  Task: TaskConfig,
  Pass: PassConfig,
  Choice: ChoiceConfig,
  Wait: WaitConfig,
  Succeed: SucceedConfig,
  Fail: FailConfig,
  Parallel: ParallelConfig,
  Map: MapConfig,
};

export type Tab = "config" | "io" | "errors" | "docs";
const TABS: { id: Tab; label: string }[] = [
  { id: "config", label: "Configuration" },
  { id: "io", label: "Input/Output" },
  { id: "errors", label: "Error handling" },
  { id: "docs", label: "Docs" },
];

const IO_FIELDS = ["InputPath", "Parameters", "Arguments", "ResultSelector", "ResultPath", "OutputPath", "Output", "Assign"];

/** The tab holding the field at `pointer` inside the state at `statePointer`. */
export function tabFor(statePointer: string, pointer: string, type: string): Tab | null {
  if (!pointer.startsWith(statePointer + "/")) return null;
  const field = pointer.slice(statePointer.length + 1).split("/")[0];
  if (field === "Retry" || field === "Catch") return "errors";
  if (field === "Comment") return "docs";
  // A Task's arguments are on its Configuration tab too; keep them there.
  if ((field === "Parameters" || field === "Arguments") && type === "Task") return "config";
  if (IO_FIELDS.includes(field)) return "io";
  return "config";
}

export function Inspector() {
  const selection = useStudio((s) => s.selection);
  const state = useStudio((s) => (s.selection.length === 1 ? s.snapshot?.states.find((st) => st.pointer === s.selection[0]) : undefined));
  const hasDoc = useStudio((s) => s.snapshot !== null);
  const stale = useStudio((s) => s.snapshot?.parseError != null);
  return (
    <aside className={`insp${stale ? " insp-stale" : ""}`} data-testid="inspector" aria-label="Inspector">
      {!hasDoc ? (
        <Note>No document open.</Note>
      ) : selection.length > 1 ? (
        <MultiSelection count={selection.length} />
      ) : state ? (
        <StatePanel key={state.pointer} state={state} />
      ) : (
        <MachineSettings />
      )}
    </aside>
  );
}

function MultiSelection({ count }: { count: number }) {
  return (
    <div className="insp-body">
      <h3 className="insp-title">{count} states selected</h3>
      <Note>Ctrl+C copies them, Ctrl+D duplicates them, Delete removes them.</Note>
      <button type="button" className="insp-btn insp-danger" onClick={() => void deleteSelection()}>
        Delete {count} states
      </button>
    </div>
  );
}

function StatePanel({ state }: { state: StateInfo }) {
  const [tab, setTab] = useState<Tab>("config");
  const focusPointer = useStudio((s) => s.focusPointer);
  const body = useRef<HTMLDivElement>(null);
  const Config = CONFIG[state.type];

  // A focus request (Problems panel, badge) opens the field's tab, then focuses it.
  useEffect(() => {
    if (!focusPointer) return;
    const t = tabFor(state.pointer, focusPointer, state.type);
    if (t) setTab(t);
  }, [focusPointer, state.pointer, state.type]);
  useLayoutEffect(() => {
    if (!focusPointer || !body.current) return;
    const fields = [...body.current.querySelectorAll<HTMLElement>("[data-pointer]")];
    const best = fields
      .filter((f) => focusPointer === f.dataset.pointer || focusPointer.startsWith(f.dataset.pointer + "/"))
      .sort((a, b) => b.dataset.pointer!.length - a.dataset.pointer!.length)[0];
    if (best) {
      best.focus();
      best.scrollIntoView({ block: "nearest" });
    }
  }, [focusPointer, tab]);

  return (
    <>
      <header className={`insp-head asl-type-${state.type.toLowerCase()}`}>
        <span className="insp-type-icon">
          <TypeIcon type={state.type} />
        </span>
        <div className="insp-head-text">
          <NameField state={state} />
          <div className="insp-type">
            {state.type}
            {state.scope ? " · nested" : ""} · {state.queryLanguage}
          </div>
        </div>
      </header>
      <nav className="insp-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`insp-tab${tab === t.id ? " insp-tab-active" : ""}`}
            data-testid={`inspector-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <div className="insp-body" ref={body} role="tabpanel">
        {tab === "config" && (Config ? <Config state={state} /> : <Note>“{state.type}” is not a state type this editor knows; edit it in Code mode.</Note>)}
        {tab === "io" && <IoTab state={state} />}
        {tab === "errors" && <ErrorsTab state={state} />}
        {tab === "docs" && <DocsTab state={state} />}
      </div>
    </>
  );
}

/** The state's name; Enter or leaving the field renames it (every reference follows). */
function NameField({ state }: { state: StateInfo }) {
  const [draft, setDraft] = useState(state.name);
  // Enter then blur would send the same rename twice while the first is in flight.
  const inflight = useRef<string | null>(null);
  useEffect(() => setDraft(state.name), [state.name]);
  const commit = () => {
    const name = draft.trim();
    if (!name) return setDraft(state.name);
    if (name === state.name || inflight.current === name) return;
    inflight.current = name;
    void renameState(state.pointer, name).finally(() => (inflight.current = null));
  };
  return (
    <input
      className="insp-name"
      data-testid="state-name"
      data-pointer={state.pointer}
      aria-label="State name"
      value={draft}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(state.name);
      }}
    />
  );
}
