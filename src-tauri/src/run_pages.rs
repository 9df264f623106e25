//! A big run read a page at a time (issue #7): `run_get` leaves out the states and history
//! of a run past `asl_session::run::INLINE_LIMIT`, and the UI asks for the rows it shows.
//! Each command delegates to `asl_session::run` in one step. They are async so a filtered
//! scan of 200,000 events runs off the main thread, which paints the window.

use crate::dialogs;
use crate::error::{IpcError, IpcResult};
use crate::state::AppState;
use asl_session::run::{
    ExecutionsQuery, HistoryPage, HistoryQuery, IterationsQuery, MapIterations, RunError, StateExecutions,
};
use asl_session::SessionError;
use std::path::PathBuf;
use tauri::State;

type Ipc<'a> = State<'a, AppState>;

fn ipc(e: RunError) -> IpcError {
    SessionError::from(e).into()
}

#[tauri::command]
pub async fn run_history_page(state: Ipc<'_>, run_id: u64, query: HistoryQuery) -> IpcResult<HistoryPage> {
    state.runs.history_page(run_id, &query).map_err(ipc)
}

#[tauri::command]
pub async fn run_state_executions(
    state: Ipc<'_>,
    run_id: u64,
    query: ExecutionsQuery,
) -> IpcResult<StateExecutions> {
    state.runs.state_executions(run_id, &query).map_err(ipc)
}

/// A page of a Map state's iterations (the Map run viewer).
#[tauri::command]
pub async fn run_map_iterations(
    state: Ipc<'_>,
    run_id: u64,
    query: IterationsQuery,
) -> IpcResult<MapIterations> {
    state.runs.map_iterations(run_id, &query).map_err(ipc)
}

/// Writes the run's whole history as GetExecutionHistory's JSON to `path` (tests) or to
/// the file the user picks; answers where, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn run_history_export(
    state: Ipc<'_>,
    run_id: u64,
    path: Option<String>,
) -> IpcResult<Option<String>> {
    let path = match path {
        Some(p) => PathBuf::from(p),
        None => {
            let suggested = format!("execution-history-run-{run_id}.json");
            let picked =
                dialogs::pick_save("Export execution history", &suggested, ("JSON", &["json"])).await;
            let Some(p) = picked else { return Ok(None) };
            p
        }
    };
    state.runs.write_history(run_id, &path)?;
    Ok(Some(path.display().to_string()))
}
