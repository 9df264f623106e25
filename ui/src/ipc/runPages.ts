// A big run read a page at a time (issue #7): one wrapper per command of
// src-tauri/src/run_pages.rs. `runGet` leaves out the states and history of a run with
// more than 5,000 of either (`record.paged`); these read the part a view shows. Errors
// reject with an `IpcError` ({code, message}): no-such-run, or a file error on export.
import { invoke } from "@tauri-apps/api/core";
import type { HistoryEvent, RunState } from "./run";

export interface HistoryQuery {
  offset: number;
  /** at most 2,000 rows come back, whatever is asked */
  limit: number;
  /** words that must all occur (case-insensitive) in the event's type or state name */
  filter?: string | null;
}

export interface HistoryPageRow {
  /** the state the event belongs to; "" for execution-level events */
  state: string;
  event: HistoryEvent;
}

export interface HistoryPage {
  total: number;
  /** events matching the filter (`total` without one) */
  matched: number;
  offset: number;
  /** the first event's timestamp: the zero of the execution clock */
  startedAt: string | null;
  rows: HistoryPageRow[];
}

/** One state's executions by pointer and/or path; `offset` null: the newest `limit`. */
export interface ExecutionsQuery {
  pointer?: string | null;
  path?: string | null;
  offset?: number | null;
  limit: number;
}

export interface StateExecutions {
  total: number;
  /** index (from 0, in the order entered) of the first execution answered */
  offset: number;
  executions: RunState[];
}

export const runHistoryPage = (runId: number, query: HistoryQuery) =>
  invoke<HistoryPage>("run_history_page", { runId, query });
export const runStateExecutions = (runId: number, query: ExecutionsQuery) =>
  invoke<StateExecutions>("run_state_executions", { runId, query });
/** Writes the whole history as GetExecutionHistory's JSON; `path` null asks with the native
 *  save dialog. Resolves the path written, null when cancelled. */
export const runHistoryExport = (runId: number, path: string | null = null) =>
  invoke<string | null>("run_history_export", { runId, path });
