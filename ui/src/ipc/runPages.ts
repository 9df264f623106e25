// A big run read a page at a time (issue #7): one wrapper per command of
// src-tauri/src/run_pages.rs. `runGet` leaves out the states and history of a run with
// more than 5,000 of either (`record.paged`); these read the part a view shows. Errors
// reject with an `IpcError` ({code, message}): no-such-run, or a file error on export.
import { invoke } from "@tauri-apps/api/core";
import type { ExecutionsQuery, HistoryPage, HistoryQuery, IterationsQuery, MapIterations, StateExecutions } from "./generated";

export type { ExecutionsQuery, HistoryPage, HistoryQuery, HistoryRow as HistoryPageRow, IterationsQuery, MapIteration, MapIterations, StateExecutions } from "./generated";

export const runHistoryPage = (runId: number, query: HistoryQuery) =>
  invoke<HistoryPage>("run_history_page", { runId, query });
export const runStateExecutions = (runId: number, query: ExecutionsQuery) =>
  invoke<StateExecutions>("run_state_executions", { runId, query });
/** Writes the whole history as GetExecutionHistory's JSON; `path` null asks with the native
 *  save dialog. Resolves the path written, null when cancelled. */
export const runHistoryExport = (runId: number, path: string | null = null) =>
  invoke<string | null>("run_history_export", { runId, path });
/** A page of a Map state's iterations (the Map run viewer), grouped in Rust. */
export const runMapIterations = (runId: number, query: IterationsQuery) =>
  invoke<MapIterations>("run_map_iterations", { runId, query });
