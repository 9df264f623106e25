//! Run mode's IPC commands (design §3.4, §4): each delegates to `asl_session::run` in one
//! step. Run events stream over the `on_event` channel; the runs of this app session live
//! in [`AppState::runs`].

use crate::error::{IpcError, IpcResult};
use crate::run_events::EventBatcher;
use crate::state::AppState;
use asl_session::run::{
    BreakpointSpec, CallbackOutcome, ChoicePreview, DebugCommand, Paused, RunConfig, RunError, RunEvent,
    RunRecord, RunSources, RunSummary, TestReport, TestTarget,
};
use asl_session::{Session, SessionError};
use serde_json::{Map, Value};
use tauri::ipc::Channel;
use tauri::State;

type Ipc<'a> = State<'a, AppState>;

fn ipc(e: RunError) -> IpcError {
    SessionError::from(e).into()
}

/// Runs `f` on the open session without touching it (a run only reads).
fn with_open<T>(state: &AppState, f: impl FnOnce(&Session) -> IpcResult<T>) -> IpcResult<T> {
    let guard = state.session.lock().unwrap_or_else(|p| p.into_inner());
    f(guard.as_ref().ok_or_else(|| IpcError::new("not-open", "no document is open"))?)
}

#[tauri::command]
pub fn run_sources(state: Ipc) -> IpcResult<RunSources> {
    with_open(&state, |s| Ok(s.setup_path().map(asl_session::run::sources).unwrap_or_default()))
}

#[tauri::command]
pub fn run_start(state: Ipc, config: RunConfig, on_event: Channel<Vec<RunEvent>>) -> IpcResult<RunSummary> {
    let batcher = EventBatcher::new(on_event);
    with_open(&state, |s| state.runs.start(s, config, move |e| batcher.push(e)).map_err(ipc))
}

#[tauri::command]
pub fn debug_command(state: Ipc, run_id: u64, command: DebugCommand) -> IpcResult<()> {
    state.runs.command(run_id, command).map_err(ipc)
}

#[tauri::command]
pub fn debug_set_breakpoints(state: Ipc, run_id: u64, breakpoints: Vec<BreakpointSpec>) -> IpcResult<()> {
    state.runs.set_breakpoints(run_id, &breakpoints).map_err(ipc)
}

#[tauri::command]
pub fn debug_edit(
    state: Ipc,
    run_id: u64,
    input: Option<Value>,
    variables: Option<Map<String, Value>>,
) -> IpcResult<Paused> {
    state.runs.edit(run_id, input, variables).map_err(ipc)
}

#[tauri::command]
pub fn callback_send(state: Ipc, run_id: u64, token: String, outcome: CallbackOutcome) -> IpcResult<()> {
    state.runs.send_callback(run_id, &token, outcome).map_err(ipc)
}

#[tauri::command]
pub fn run_stop(state: Ipc, run_id: u64) -> IpcResult<()> {
    state.runs.stop(run_id).map_err(ipc)
}

#[tauri::command]
pub fn run_list(state: Ipc) -> Vec<RunSummary> {
    state.runs.list()
}

#[tauri::command]
pub fn run_get(state: Ipc, run_id: u64) -> IpcResult<RunRecord> {
    state.runs.get(run_id).map_err(ipc)
}

/// Runs the tests next to the open machine off the main thread (they may take a while).
#[tauri::command]
pub async fn tests_run(state: Ipc<'_>, allow_commands: Option<bool>) -> IpcResult<TestReport> {
    let target = with_open(&state, |s| TestTarget::of(s).map_err(ipc))?;
    let allow = allow_commands.unwrap_or(false);
    tauri::async_runtime::spawn_blocking(move || target.run(allow))
        .await
        .map_err(|e| IpcError::new("tests-run", format!("the tests stopped unexpectedly: {e}")))
}

/// What the Choice at `pointer` does with the input the last run of this document gave
/// it (the condition builder's live answer); nothing to say before a run.
#[tauri::command(async)]
pub fn choice_preview(state: Ipc, pointer: String) -> IpcResult<ChoicePreview> {
    let (json, ql, path, title) = with_open(&state, |s| {
        let info = s
            .state_info(&pointer)
            .ok_or_else(|| IpcError::new("not-found", format!("no state at {pointer}")))?;
        let path = s.path().map(|p| p.display().to_string());
        Ok((info.json.clone(), info.query_language, path, s.title()))
    })?;
    // Runs of this document: its file, or, never saved, its title.
    let same = |r: &RunSummary| r.machine_path == path && (path.is_some() || r.title == title);
    Ok(state.runs.choice_preview(&pointer, &json, ql, same))
}
