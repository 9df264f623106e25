//! The app's own `asl serve` (issue 15, item 7): Run mode starts the Step Functions API on
//! localhost in this process, and every execution a client starts on the machine open in
//! the app — the same definition, as JSON data — runs under the app's debugger: it shows
//! in the run list, animates on the canvas, stops at the breakpoints (a StartSyncExecution
//! caller simply waits) and is stepped, inspected and stopped like a local run. Executions
//! of other machines run as the server always runs them.

use crate::error::{IpcError, IpcResult};
use crate::run_events::Batcher;
use crate::state::AppState;
use asl_serve::attach::{Attach, Attached, Starting, Watcher};
use asl_session::run::{BreakpointSpec, Outside, RunEvent};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

/// The server, while one runs, and the breakpoints its executions start with.
#[derive(Default)]
pub struct ServeState {
    running: Mutex<Option<Running>>,
    breakpoints: Arc<Mutex<Vec<BreakpointSpec>>>,
}

struct Running {
    url: String,
    stop: tokio::sync::oneshot::Sender<()>,
}

/// Where the app's server listens (none: not running).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
pub struct ServeStatus {
    pub url: Option<String>,
}

/// One event of a run the server started and the app watches.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
pub struct WatchedEvent {
    pub run: u64,
    #[serde(flatten)]
    pub event: RunEvent,
}

fn status(state: &ServeState) -> ServeStatus {
    ServeStatus {
        url: state.running.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|r| r.url.clone()),
    }
}

#[tauri::command]
pub fn serve_status(serve: State<ServeState>) -> ServeStatus {
    status(&serve)
}

/// Starts the server on `port` (0: a free one) on 127.0.0.1; the watched runs' events come
/// over `on_event`. Already running: answers where.
#[tauri::command]
pub async fn serve_start<R: Runtime>(
    app: AppHandle<R>,
    port: u16,
    breakpoints: Vec<BreakpointSpec>,
    on_event: Channel<Vec<WatchedEvent>>,
) -> IpcResult<ServeStatus> {
    let serve = app.state::<ServeState>();
    *serve.breakpoints.lock().unwrap_or_else(|e| e.into_inner()) = breakpoints;
    if serve.running.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
        return Ok(status(&serve));
    }
    let watcher = AppWatcher { app: app.clone(), batcher: Arc::new(Batcher::new(on_event)) };
    let config = asl_serve::Config {
        host: "127.0.0.1".into(),
        port,
        attach: Some(Watcher(Arc::new(watcher))),
        ..asl_serve::Config::default()
    };
    let server = asl_serve::Server::bind(config).await.map_err(|e| IpcError::new("serve", e.to_string()))?;
    let url = format!("http://{}", server.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tauri::async_runtime::spawn(server.run(async {
        let _ = stopped.await;
    }));
    *serve.running.lock().unwrap_or_else(|e| e.into_inner()) = Some(Running { url, stop });
    Ok(status(&serve))
}

#[tauri::command]
pub fn serve_stop(serve: State<ServeState>) -> ServeStatus {
    if let Some(running) = serve.running.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let _ = running.stop.send(());
    }
    status(&serve)
}

/// The breakpoints the next executions start with (each run then takes its own changes).
#[tauri::command]
pub fn serve_breakpoints(serve: State<ServeState>, breakpoints: Vec<BreakpointSpec>) {
    *serve.breakpoints.lock().unwrap_or_else(|e| e.into_inner()) = breakpoints;
}

struct AppWatcher<R: Runtime> {
    app: AppHandle<R>,
    batcher: Arc<Batcher<WatchedEvent>>,
}

impl<R: Runtime> Attach for AppWatcher<R> {
    fn attach(&self, starting: &Starting<'_>) -> Option<Attached> {
        let state = self.app.state::<AppState>();
        let path = {
            let session = state.session.lock().unwrap_or_else(|e| e.into_inner());
            let session = session.as_ref()?;
            // The same machine as JSON data (formatting, key order and YAML aside).
            if session.document()?.to_value() != starting.doc.to_value() {
                return None;
            }
            session.setup_path().map(std::path::Path::to_path_buf)
        };
        let doc = starting.doc.clone();
        let breakpoints =
            self.app.state::<ServeState>().breakpoints.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let outside = Outside {
            doc,
            path,
            title: format!("{} · {}", starting.state_machine_name, starting.execution_name),
            input: starting.input.clone(),
            breakpoints,
            callbacks: starting.callbacks.clone(),
        };
        // The id is known once attached; the engine starts (and events come) after that.
        let id = Arc::new(AtomicU64::new(0));
        let (batcher, run) = (self.batcher.clone(), id.clone());
        let watch = state
            .runs
            .attach(outside, move |event| {
                batcher.push_item(WatchedEvent { run: run.load(Ordering::Acquire), event }, false)
            })
            .ok()?;
        id.store(watch.id, Ordering::Release);
        Some(Attached {
            hook: watch.hook,
            sink: watch.sink,
            finished: watch.finished,
            waiting: watch.waiting,
        })
    }
}
