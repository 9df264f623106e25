// The only module that imports @tauri-apps/api (design §3.4). Every function is one
// command of src-tauri/src/commands.rs; errors reject with an `IpcError`.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { DiskChange, DiskDiff, DocumentEdit, Draft, Format, MachinePick, SampleInfo, Settings, Snapshot, Substitution, Theme, Update } from "./types";

export * from "./types";

/** The whole snapshot (also what the store asks for when a delta does not apply). */
export const documentCurrent = () => invoke<Snapshot | null>("document_current");
export const documentNew = (format: Format) => invoke<Snapshot>("document_new", { format });
/** `path` null opens the native dialog; resolves null when the user cancels. */
export const documentOpen = (path: string | null) => invoke<Snapshot | null>("document_open", { path });
/** A template given on the command line with several machines: ask which (once). */
export const documentStartupPick = () => invoke<string | null>("document_startup_pick");
/** The file to open (`path` null: the native dialog; null when cancelled) and, for a SAM,
 *  CloudFormation, CDK, Terraform or Serverless file, its state machines. */
export const documentMachines = (path: string | null) => invoke<MachinePick | null>("document_machines", { path });
/** The open IaC machine's `${...}` placeholders and CloudFormation intrinsics, each with
 *  the value a run fills in and where it comes from (empty for an ASL file). */
export const documentSubstitutions = () => invoke<Substitution[]>("document_substitutions");
/** The user's own value for one (null: back to the template's); remembered per file. */
export const documentSetSubstitution = (name: string, value: string | null) =>
  invoke<Substitution[]>("document_set_substitution", { name, value });
// Commands that change the open document answer an `Update`: usually a delta against the
// last snapshot sent, which the store merges (ui/src/store/delta.ts). They run off Rust's
// main thread, so nothing orders them there: they are sent one at a time, each after the
// answer to the one before.
let lastInLine: Promise<unknown> = Promise.resolve();
function serial<T>(send: () => Promise<T>): Promise<T> {
  const sent = lastInLine.then(send, send);
  lastInLine = sent.catch(() => undefined);
  return sent;
}
export const documentEdit = (edit: DocumentEdit) => serial(() => invoke<Update>("document_edit", { edit }));
/** The code view's text. Invalid text is kept (the snapshot then has `parseError`);
 *  `typing` true merges it into the previous typing step of the undo stack. With a
 *  `generation`, resolves null when `documentSupersede(generation)` came first (nothing
 *  changed). */
export const documentSetText = (text: string, typing: boolean, generation?: number) =>
  serial(() => invoke<Update | null>("document_set_text", { text, typing, generation: generation ?? null }));
/** The typed text of `generation` is outdated: Rust drops its work at the next phase.
 *  Not in line: it is the way to stop the command in flight. */
export const documentSupersede = (generation: number) => invoke<void>("document_supersede", { generation });
export const documentUndo = () => serial(() => invoke<Update>("document_undo"));
export const documentRedo = () => serial(() => invoke<Update>("document_redo"));
/** Saves to the document's path (asks for one when it has none); null when cancelled. */
export const documentSave = () => invoke<Update | null>("document_save");
/** `path` null opens the native save dialog; null when cancelled. */
export const documentSaveAs = (path: string | null) => invoke<Update | null>("document_save_as", { path });
/** Writes the ASL as JSON or YAML to a new file; returns the path written, null when cancelled. */
export const documentExport = (format: Format, path: string | null) =>
  invoke<string | null>("document_export", { format, path });
/** The diagram as text ("svg" | "mermaid"), drawn by the Rust renderer. */
export const diagramRender = (format: "svg" | "mermaid", theme: Theme) =>
  invoke<string>("diagram_render", { format, theme });
/** Writes an exported diagram: `svg`/`mermaid` are rendered in Rust; for `png` the UI
 *  passes the PNG bytes (base64, rasterised from the SVG). Returns the path or null. */
export const diagramExport = (format: "svg" | "mermaid" | "png", theme: Theme, path: string | null, pngBase64: string | null) =>
  invoke<string | null>("diagram_export", { format, theme, path, pngBase64 });
export const documentReload = () => invoke<Update>("document_reload"); // "load theirs"
export const documentKeepMine = () => invoke<Update>("document_keep_mine");
export const documentDiskDiff = () => invoke<DiskDiff>("document_disk_diff");
export const documentClose = () => invoke<void>("document_close");

export const recentFiles = () => invoke<string[]>("recent_files");
export const samplesList = () => invoke<SampleInfo[]>("samples_list");
export const draftsList = () => invoke<Draft[]>("drafts_list");
export const draftRestore = (id: string) => invoke<Snapshot>("draft_restore", { id });
export const draftDiscard = (id: string) => invoke<void>("draft_discard", { id });
export const settingsGet = () => invoke<Settings>("settings_get");
export const settingsSet = (settings: Settings) => invoke<void>("settings_set", { settings });

export const onDiskChange = (handler: (change: DiskChange) => void): Promise<UnlistenFn> =>
  listen<DiskChange>("disk-change", (e) => handler(e.payload));

/** Runs `handler` when the user closes the window; it returns true to let it close. */
export const onCloseRequested = (handler: () => Promise<boolean>) =>
  getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await handler())) event.preventDefault();
  });
export const setWindowTitle = (title: string) => getCurrentWindow().setTitle(title);
/** Tells Rust the first diagram is on screen; answers ms since the app started. */
export const appFirstPaint = () => invoke<number>("app_first_paint");

// The Actions catalogue (issue #12): every optimised and AWS SDK integration, from
// botocore's service models, with its request shapes and error names.
import type { Action, ActionSummary, JsonValue, QueryLanguage } from "./generated";
export type { Action, ActionSummary, IntegrationKind, Member, Pattern, QueryLanguage, Shape, ShapeKind } from "./generated";
/** Actions whose service, name or doc match the words of `query`, best first; the
 *  popular ones for an empty query. */
export const catalogueSearch = (query: string, limit: number) =>
  invoke<ActionSummary[]>("catalogue_search", { query, limit });
/** The action a Task `Resource` names (a pattern suffix allowed), or null. */
export const catalogueAction = (resource: string) => invoke<Action | null>("catalogue_action", { resource });
/** The Task state a drop of `resource` inserts, or null for an unknown resource. */
export const catalogueSkeleton = (resource: string, queryLanguage: QueryLanguage) =>
  invoke<JsonValue | null>("catalogue_skeleton", { resource, queryLanguage });
/** The error names of `resource` for `ErrorEquals`. */
export const catalogueErrors = (resource: string) => invoke<string[]>("catalogue_errors", { resource });
