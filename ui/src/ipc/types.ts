// The IPC contract between the Rust shell (src-tauri, crate asl-studio) and the UI.
// Rust owns the document: after every command that changes it, the UI receives a
// `Snapshot` or a delta against the last one, and renders it; the UI never keeps its own
// copy of the ASL. The types are generated from the Rust ones (./generated.ts, written by
// src-tauri/src/bindings.rs and checked in CI): this file only names them for the UI.
import type { DiskChangeEvent, DraftInfo, FormatDto, LayoutEdge, SnapshotDelta, Update } from "./generated";

export type {
  CloudDiff,
  CloudStatus,
  DiskDiff,
  DocumentEdit,
  EdgeTransition,
  IpcError,
  ItemList,
  JsonValue,
  Layout,
  LayoutEdge,
  LayoutNode,
  MachineEntry,
  MachinePick,
  Origin,
  Part,
  Problem,
  SampleInfo,
  ScopeInfo,
  Settings,
  Severity,
  Shift,
  Snapshot,
  SnapshotDelta,
  StateDiff,
  StateInfo,
  Substitution,
  TextRange,
  TextSplice,
  Transition,
  Update,
} from "./generated";

export type Format = FormatDto;
export type Theme = "light" | "dark";
export type EdgeKind = LayoutEdge["kind"];
/** A draft of unsaved work found at start (its time in seconds since the epoch). */
export type Draft = DraftInfo;
/** Pushed by Rust on the "disk-change" event when the open file changes on disk. */
export type DiskChange = DiskChangeEvent;

export function isDelta(u: Update): u is SnapshotDelta {
  return "base" in u;
}
