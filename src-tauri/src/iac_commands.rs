//! Opening a state machine of an IaC file (issue 16): which machines a chosen file holds,
//! so the app can ask which one to open as `FILE#ID` (`document_open` then opens it).

use crate::commands::given_or_picked;
use crate::dialogs;
use crate::error::IpcResult;
use asl_session::{machines, MachinePick};

/// The file to open (the open dialog when `path` is none) and its machines, if it is an
/// IaC file; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn document_machines(path: Option<String>) -> IpcResult<Option<MachinePick>> {
    let Some(path) = given_or_picked(path, dialogs::pick_open).await else { return Ok(None) };
    let machines = machines(&path)?;
    Ok(Some(MachinePick { path: path.display().to_string(), machines }))
}
