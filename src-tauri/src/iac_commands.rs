//! Opening a state machine of an IaC file (issue 16): which machines a chosen file holds,
//! so the app can ask which one to open as `FILE#ID` (`document_open` then opens it).

use crate::commands::given_or_picked;
use crate::error::IpcResult;
use crate::state::AppState;
use crate::{dialogs, settings};
use asl_iac::Substitution;
use asl_session::{machines, MachinePick};
use tauri::{AppHandle, Runtime, State};

type Ipc<'a> = State<'a, AppState>;

/// The file to open (the open dialog when `path` is none) and its machines, if it is an
/// IaC file; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn document_machines(path: Option<String>) -> IpcResult<Option<MachinePick>> {
    let Some(path) = given_or_picked(path, dialogs::pick_open).await else { return Ok(None) };
    let machines = machines(&path)?;
    Ok(Some(MachinePick { path: path.display().to_string(), machines }))
}

/// The `${...}` placeholders and CloudFormation intrinsics of the open IaC machine's
/// definition, each with the value a run gives it and where that value comes from.
#[tauri::command]
pub fn document_substitutions(state: Ipc) -> IpcResult<Vec<Substitution>> {
    state.with_session(|s| Ok(s.substitutions()))
}

/// Sets (or, with `value` none, forgets) the user's own value for a placeholder of the
/// open machine; remembered per `FILE#ID`. The template is not touched.
#[tauri::command]
pub fn document_set_substitution<R: Runtime>(
    app: AppHandle<R>,
    state: Ipc,
    name: String,
    value: Option<String>,
) -> IpcResult<Vec<Substitution>> {
    state.with_session(|s| {
        let mut values = s.user_substitutions().clone();
        match value {
            Some(v) => values.insert(name, v),
            None => values.remove(&name),
        };
        if let (Some(key), Some(_)) = (s.draft_path(), s.machine()) {
            settings::set_substitutions(&app, &key, &values);
        }
        s.set_user_substitutions(values);
        Ok(s.substitutions())
    })
}
