// The IPC contract between the Rust shell (src-tauri, crate asl-studio) and the UI.
// Rust owns the document: after every command that changes it, the UI receives one
// `Snapshot` and renders it. The UI never keeps its own copy of the ASL.
// Mirrors crates/asl-session/src/dto.rs (serde, camelCase) — change both together.

export type Format = "json" | "yaml";
export type Severity = "error" | "warning";
export type Theme = "light" | "dark";

/** A range in the document text. `from`/`to` are UTF-16 offsets (CodeMirror positions);
 *  line and column are 1-based (column counts characters). */
export interface TextRange {
  from: number;
  to: number;
  line: number;
  column: number;
}

export interface Problem {
  code: string; // kebab-case, e.g. "dangling-next"; "parse-error" for unreadable text
  severity: Severity;
  message: string;
  pointer: string; // JSON pointer of the value the problem is about
  /** Pointer of the innermost state the problem sits in (null: machine level). */
  statePointer: string | null;
  range: TextRange;
}

/** One state anywhere in the machine (nested scopes included), in document order. */
export interface StateInfo {
  pointer: string; // "/States/Check", "/States/P/Branches/0/States/A"
  name: string;
  type: string; // "Task" | "Pass" | "Choice" | "Wait" | "Succeed" | "Fail" | "Parallel" | "Map" | other as written
  /** Pointer of the scope holding the state ("" = top level, "/States/P/Branches/0",
   *  "/States/M/ItemProcessor"). */
  scope: string;
  /** The state's JSON value, as written. */
  json: Record<string, unknown>;
  /** The state's object in the text (key included), for "reveal in code". */
  range: TextRange;
  /** Effective query language of the state (its own, else the machine's, else JSONPath). */
  queryLanguage: "JSONPath" | "JSONata";
}

/** A scope (the machine, a Parallel branch, a Map item processor). */
export interface ScopeInfo {
  pointer: string;
  startAt: string | null;
  /** Pointer of the Parallel/Map state owning it; null for the machine. */
  owner: string | null;
  /** The query language a state added here without its own has (new states' templates). */
  queryLanguage: "JSONPath" | "JSONata";
}

export interface LayoutNode {
  id: string; // the state pointer; "#start"/"#end" style ids for virtual nodes
  state: string | null;
  type: string; // state type, or "Start" | "End" | "Branch" | "Missing"
  x: number;
  y: number;
  width: number;
  height: number;
  parent: string | null; // id of the enclosing container node
  pointer: string;
  lines: string[]; // wrapped title lines
  caption: string; // e.g. "Lambda: Invoke", "Choice"
  container: boolean;
  titleHeight: number;
  unreachable: boolean;
  depth: number;
}

export type EdgeKind = "Start" | "Next" | "Default" | "ChoiceRule" | "Catch" | "End" | "BranchStart" | "IterationStart" | string;

export interface LayoutEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  index: number | null; // rule / catcher index
  label: string | null;
  points: [number, number][]; // orthogonal route, absolute coordinates
  labelBox: { x: number; y: number; width: number; height: number } | null;
  labelLines: string[];
  back: boolean; // a loop edge
  pointer: string; // the field holding the transition, e.g. "/States/A/Next"
  /** The transition as edits address it; null for edges no edit inserts on or reconnects
   *  (a Succeed/Fail's end, branch and iteration starts). */
  transition: EdgeTransition | null;
}

/** asl_graph::EdgeTransition: transition `transition` of the state `from` (for "start",
 *  `from` is the scope), living in `scope`. */
export interface EdgeTransition {
  from: string;
  scope: string;
  transition: Transition;
}

export interface Layout {
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export interface Snapshot {
  revision: number; // increases with every change
  path: string | null; // absolute path; null for a new, never saved document
  title: string; // file name, or "Untitled"
  format: Format;
  text: string; // the current text, exactly (may be invalid while typing)
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Set while the text does not parse: `states`, `scopes` and `layout` are then those of
   *  the last good text (draw them greyed) and `problems` holds just this error. */
  parseError: Problem | null;
  states: StateInfo[];
  scopes: ScopeInfo[];
  problems: Problem[];
  layout: Layout;
}

/** What a command that changes the document answers (crates/asl-session/src/delta.rs):
 *  the change since the last snapshot Rust sent, or a whole snapshot when it sent none.
 *  `applyDelta` (ui/src/store/delta.ts) merges a delta into the snapshot of its `base`. */
export type Update = Snapshot | SnapshotDelta;

/** A run of a list: previous items `[from, from + count)` (their text ranges shifted), or
 *  items sent whole. */
export type Part<T> = { old: [number, number] } | { new: T[] };

export interface SnapshotDelta {
  base: number; // the revision this delta applies to
  revision: number;
  path: string | null;
  title: string;
  format: Format;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  parseError: Problem | null;
  /** The new text: the previous one with these splices made (UTF-16 units `from..to` of
   *  the previous text replaced by `insert`; in order, all on the previous text). An
   *  edit's own splices; the code view applies them as they are. */
  splices: TextSplice[];
  /** One per splice, in order: offsets at or past `at` move by `by` (counting the
   *  splices before); a range starting there moves `lines` lines. */
  shifts: Shift[];
  states: Part<StateInfo>[];
  scopes: ScopeInfo[];
  problems: Part<Problem>[];
  layoutWidth: number;
  layoutHeight: number;
  nodes: Part<LayoutNode>[];
  edges: Part<LayoutEdge>[];
}

export interface TextSplice {
  from: number;
  to: number;
  insert: string;
}

export interface Shift {
  at: number;
  by: number;
  lines: number;
}

export function isDelta(u: Update): u is SnapshotDelta {
  return "base" in u;
}

// ---- Edits (serde shape of asl_model::DocumentEdit) --------------------------------

export type Transition =
  | { kind: "start" } // a scope's StartAt: the edit's `from` is the scope
  | { kind: "next" }
  | { kind: "default" }
  | { kind: "choice_rule"; index: number }
  | { kind: "catch"; index: number };

export type ItemList = "Choices" | "Retry" | "Catch";

export type DocumentEdit =
  | { kind: "add_state"; scope: string; name: string; state: unknown }
  | { kind: "insert_between"; from: string; transition: Transition; name: string; state: unknown }
  | { kind: "connect"; from: string; transition: Transition; target: string }
  | { kind: "disconnect"; from: string; transition: Transition }
  | { kind: "set_field"; pointer: string; value: unknown }
  | { kind: "remove_field"; pointer: string }
  | { kind: "rename_state"; pointer: string; new_name: string }
  | { kind: "delete_state"; pointer: string }
  | { kind: "move_state"; pointer: string; scope: string }
  | { kind: "insert_item"; state: string; list: ItemList; index: number | null; value: unknown }
  | { kind: "remove_item"; state: string; list: ItemList; index: number }
  | { kind: "move_item"; state: string; list: ItemList; from: number; to: number }
  | { kind: "replace_text"; text: string }
  /** Several edits as one step, each on the text the ones before made; all or none. */
  | { kind: "batch"; edits: DocumentEdit[] };

// ---- Everything else ---------------------------------------------------------------

/** Errors cross the IPC boundary as this shape (the promise rejects with it). */
export interface IpcError {
  code: string; // "io", "parse", "edit", "not-open", "cancelled", "too-large", "binary", ...
  message: string; // names the file and position where there is one
}

export interface SampleInfo {
  name: string; // folder name, e.g. "order-processing"
  path: string; // absolute path of the machine file
  description: string; // first paragraph of the sample's README
}

export interface Draft {
  id: string;
  path: string | null; // the file it belongs to (null: never saved)
  title: string;
  savedAt: string; // RFC 3339
}

/** Pushed by Rust on the "disk-change" event when the open file changes on disk. */
export type DiskChange =
  | { kind: "reloaded"; snapshot: Snapshot } // the document was clean: reloaded
  | { kind: "conflict"; path: string } // unsaved edits: ask keep mine / load theirs / show diff
  | { kind: "deleted"; path: string }; // the file is gone; the document stays open, dirty

export interface DiskDiff {
  mine: string;
  theirs: string;
}

export interface Settings {
  theme: Theme | "system";
}
