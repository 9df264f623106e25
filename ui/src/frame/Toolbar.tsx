// The top bar: document name and dirty marker, mode switch, history, file actions, theme.
import type { ReactNode } from "react";
import { flushCodeText } from "../code/pending";
import { useStudio, type Mode } from "../store/studio";
import { ExportMenu } from "./ExportMenu";
import { closeDocument, openDocument, redo, saveDocument, saveDocumentAs, undo } from "./fileActions";
import {
  AppMark,
  IconCloud,
  IconCode,
  IconDesign,
  IconHome,
  IconOpen,
  IconPanelLeft,
  IconPanelRight,
  IconRedo,
  IconRun,
  IconSave,
  IconSaveAs,
  IconUndo,
} from "./icons";
import { useFrame } from "./frameStore";
import { ThemeToggle } from "./ThemeToggle";

async function switchMode(mode: Mode) {
  await flushCodeText();
  useStudio.getState().setMode(mode);
}

export function Toolbar() {
  const mode = useStudio((s) => s.mode);
  const title = useStudio((s) => s.snapshot?.title ?? "");
  const path = useStudio((s) => s.snapshot?.path ?? null);
  const dirty = useStudio((s) => s.snapshot?.dirty ?? false);
  const canUndo = useStudio((s) => s.snapshot?.canUndo ?? false);
  const canRedo = useStudio((s) => s.snapshot?.canRedo ?? false);

  const tab = (m: Mode, label: string, icon: ReactNode) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === m}
      className={`mode-tab${mode === m ? " active" : ""}`}
      data-testid={`mode-${m}`}
      onClick={() => void switchMode(m)}
    >
      {icon}
      {label}
    </button>
  );

  return (
    <header className="toolbar">
      <div className="toolbar-left">
        <span className="brand" title="ASL Studio">
          <AppMark />
        </span>
        <button type="button" className="icon-btn" title="Close and go to the start page" onClick={() => void closeDocument()}>
          <IconHome />
        </button>
        <div className="doc-title" title={path ?? "Not saved yet"}>
          <span className="doc-name">{title}</span>
          {dirty && (
            <span className="dirty" data-testid="dirty" title="Unsaved changes" aria-label="Unsaved changes">
              ●
            </span>
          )}
        </div>
      </div>

      <div className="mode-switch" role="tablist" aria-label="Mode">
        {tab("design", "Design", <IconDesign />)}
        {tab("code", "Code", <IconCode />)}
        {tab("run", "Run", <IconRun />)}
        {tab("cloud", "AWS", <IconCloud />)}
      </div>

      <div className="toolbar-right">
        <button type="button" className="icon-btn" data-testid="undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => void undo()}>
          <IconUndo />
        </button>
        <button type="button" className="icon-btn" data-testid="redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => void redo()}>
          <IconRedo />
        </button>
        <span className="toolbar-sep" />
        <button type="button" className="icon-btn" data-testid="open" title="Open… (Ctrl+O)" onClick={() => void openDocument(null)}>
          <IconOpen />
        </button>
        <button type="button" className="icon-btn" data-testid="save-as" title="Save as… (Ctrl+Shift+S)" onClick={() => void saveDocumentAs()}>
          <IconSaveAs />
        </button>
        <ExportMenu />
        <button
          type="button"
          // Prominent only when there is something to save; still a click away otherwise.
          className={dirty || !path ? "btn primary" : "btn"}
          data-testid="save"
          title={dirty ? "Save (Ctrl+S)" : "Saved — nothing to save (Ctrl+S)"}
          onClick={() => void saveDocument()}
        >
          <IconSave />
          Save
        </button>
        <span className="toolbar-sep" />
        {mode === "design" && <PanelToggles />}
        <ThemeToggle />
      </div>
    </header>
  );
}

function PanelToggles() {
  const browserOpen = useFrame((s) => s.browserOpen);
  const inspectorOpen = useFrame((s) => s.inspectorOpen);
  const toggle = useFrame((s) => s.togglePanel);
  return (
    <>
      <button
        type="button"
        className={`icon-btn${browserOpen ? " on" : ""}`}
        data-testid="toggle-browser"
        aria-pressed={browserOpen}
        title={browserOpen ? "Hide the States browser" : "Show the States browser"}
        onClick={() => toggle("browserOpen")}
      >
        <IconPanelLeft />
      </button>
      <button
        type="button"
        className={`icon-btn${inspectorOpen ? " on" : ""}`}
        data-testid="toggle-inspector"
        aria-pressed={inspectorOpen}
        title={inspectorOpen ? "Hide the Inspector" : "Show the Inspector"}
        onClick={() => toggle("inspectorOpen")}
      >
        <IconPanelRight />
      </button>
    </>
  );
}
