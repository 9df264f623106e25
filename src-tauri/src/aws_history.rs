//! Bringing cloud executions home (issue 17, item 5): a history imported from a file (the
//! console's Export, or `aws stepfunctions get-execution-history` output) or read by
//! execution ARN becomes a run of this session, shown as a local run is; and a run diff:
//! the open document run locally on the recorded input (the recorded task results as its
//! mocks) beside the recorded run, state by state, the first difference named.

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;
use asl_aws::{HistoryMocks, RunDiff};
use asl_eval::history::HistoryEvent;
use asl_model::Document;
use asl_session::run::RunSummary;
use serde_json::Value;
use std::path::PathBuf;
use tauri::State;

type Ipc<'a> = State<'a, AppState>;

fn open_doc(state: &AppState) -> IpcResult<(Document, Option<PathBuf>)> {
    let guard = state.session.lock().unwrap_or_else(|p| p.into_inner());
    let session = guard.as_ref().ok_or_else(|| IpcError::new("not-open", "no document is open"))?;
    let doc = Document::parse(session.run_text(), session.format())
        .map_err(|e| IpcError::new("history", format!("the open definition does not parse: {}", e.message)))?;
    Ok((doc, session.path().map(PathBuf::from)))
}

/// Feeds `events` into a finished run of this session, drawn on the open document.
fn import(state: &AppState, title: String, events: &[HistoryEvent]) -> IpcResult<RunSummary> {
    let (doc, path) = open_doc(state)?;
    let recorded = asl_aws::run_of(events);
    let input = recorded.input.clone().unwrap_or(Value::Null);
    let mut feed = state
        .runs
        .follow_history(doc, path, title, input, |_| {})
        .map_err(|e| IpcError::from(asl_session::SessionError::from(e)))?;
    let id = feed.id();
    for event in events {
        feed.event(event);
    }
    // A history that does not end (exported mid-run) ends here, with what it holds.
    feed.abandon();
    state.runs.list().into_iter().find(|r| r.id == id).ok_or_else(|| IpcError::new("history", "the run is gone"))
}

/// Imports a history file (`path`, or the open dialog's pick; none when cancelled).
#[tauri::command]
pub async fn history_import(state: Ipc<'_>, path: Option<String>) -> IpcResult<Option<RunSummary>> {
    let Some(path) = crate::commands::given_or_picked(path, crate::dialogs::pick_open).await else { return Ok(None) };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| IpcError::new("history", format!("{}: cannot read: {e}", path.display())))?;
    let name = path.display().to_string();
    let events = asl_aws::parse_history(&name, &text).map_err(|e| IpcError::new("history", e.to_string()))?;
    let title = format!("{} (imported)", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
    import(&state, title, &events).map(Some)
}

/// Imports a cloud execution's history by its ARN.
#[tauri::command]
pub async fn aws_import_execution(state: Ipc<'_>, execution_arn: String) -> IpcResult<RunSummary> {
    let sfn = crate::aws_commands::client(&state).await?;
    let events = asl_aws::executions::history(&sfn, &execution_arn)
        .await
        .map_err(|e| IpcError::new("aws", e.to_string()))?;
    let name = execution_arn.rsplit(':').next().unwrap_or_default();
    import(&state, format!("{name} (AWS history)"), &events)
}

/// The run `run_id` (a cloud or imported one) against the open document run locally on
/// its input, with its recorded task results as mocks.
#[tauri::command]
pub async fn run_diff_local(state: Ipc<'_>, run_id: u64) -> IpcResult<RunDiff> {
    let record = state.runs.get(run_id).map_err(|e| IpcError::from(asl_session::SessionError::from(e)))?;
    let (doc, _) = open_doc(&state)?;
    let events = record.history.events;
    tauri::async_runtime::spawn_blocking(move || {
        let recorded = asl_aws::run_of(&events);
        let mocks = HistoryMocks::of(&recorded);
        let local = asl_aws::run_locally(&doc, &recorded, &mocks, asl_eval::Options::default());
        asl_aws::run_diff(&recorded, &local)
    })
    .await
    .map_err(|e| IpcError::new("history", format!("the local run stopped unexpectedly: {e}")))
}
