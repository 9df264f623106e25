//! Watching the open file. The folder is watched, not the file: editors and our own
//! atomic saves replace the file by renaming, which ends a watch on the file itself.

use crate::state::AppState;
use asl_session::DiskChange;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    pub path: PathBuf,
}

/// The "disk-change" event's payload (ui/src/ipc/types.ts `DiskChange`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DiskChangeEvent {
    Reloaded { snapshot: Box<asl_session::Snapshot> },
    Conflict { path: String },
    Deleted { path: String },
    /// The file changed into something that cannot be the document (not text, too big,
    /// not readable): the document stays as it was; the message says why.
    Unreadable { path: String, message: String },
}

/// Watches `path` for the app (replacing any previous watch).
pub fn watch<R: Runtime>(app: &AppHandle<R>, path: &Path) {
    let state = app.state::<AppState>();
    let mut slot = state.watcher.lock().unwrap_or_else(|p| p.into_inner());
    if slot.as_ref().is_some_and(|w| w.path == path) {
        return;
    }
    *slot = None;
    let Some(folder) = path.parent() else { return };
    let handle = app.clone();
    let file = path.to_owned();
    let debouncer = new_debouncer(Duration::from_millis(300), None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        if events.iter().any(|e| e.paths.iter().any(|p| p == &file)) {
            on_change(&handle, &file);
        }
    });
    let Ok(mut debouncer) = debouncer else { return };
    // A folder that cannot be watched (gone, no inotify slots left) only loses the
    // reload-on-change convenience; saving still checks nothing is overwritten blindly.
    if debouncer.watch(folder, RecursiveMode::NonRecursive).is_ok() {
        *slot = Some(Watcher { _debouncer: debouncer, path: path.to_owned() });
    }
}

pub fn unwatch<R: Runtime>(app: &AppHandle<R>) {
    *app.state::<AppState>().watcher.lock().unwrap_or_else(|p| p.into_inner()) = None;
}

fn on_change<R: Runtime>(app: &AppHandle<R>, file: &Path) {
    let state = app.state::<AppState>();
    let event = state.with_session(|session| {
        if session.path() != Some(file) {
            return Ok(None);
        }
        let path = file.display().to_string();
        Ok(match session.disk_changed()? {
            None => None,
            // Recorded as sent, so the next edit's answer is a delta against it.
            Some(DiskChange::Reloaded) => {
                Some(DiskChangeEvent::Reloaded { snapshot: Box::new(session.sent_snapshot()) })
            }
            Some(DiskChange::Conflict) => Some(DiskChangeEvent::Conflict { path }),
            Some(DiskChange::Deleted) => Some(DiskChangeEvent::Deleted { path }),
        })
    });
    let event = match event {
        Ok(event) => event,
        Err(e) if e.code == "not-open" => None,
        Err(e) => Some(DiskChangeEvent::Unreadable { path: file.display().to_string(), message: e.message }),
    };
    if let Some(event) = event {
        let _ = app.emit("disk-change", event);
    }
}
