//! The Actions catalogue's IPC commands (issue #12): one-line delegations into
//! `asl_catalogue`. Async, so the first call (which inflates the catalogue, some tens of
//! milliseconds) runs off the main thread.

use crate::error::{IpcError, IpcResult};
use asl_catalogue::{Action, ActionSummary, QueryLanguage};
use serde_json::Value;

#[tauri::command]
pub async fn catalogue_search(query: String, limit: usize) -> Vec<ActionSummary> {
    asl_catalogue::search(&query, limit)
}

/// The action a Task `Resource` names (with or without a pattern suffix), or null.
#[tauri::command]
pub async fn catalogue_action(resource: String) -> Option<Action> {
    asl_catalogue::action(&resource)
}

/// The Task state a drop of `resource` inserts, or null for an unknown resource.
#[tauri::command]
pub async fn catalogue_skeleton(resource: String, query_language: String) -> IpcResult<Option<Value>> {
    let language = match query_language.as_str() {
        "JSONPath" => QueryLanguage::JSONPath,
        "JSONata" => QueryLanguage::JSONata,
        other => {
            return Err(IpcError::new(
                "bad-query-language",
                format!("query language {other:?}: JSONPath or JSONata"),
            ))
        }
    };
    Ok(asl_catalogue::skeleton(&resource, language))
}

#[tauri::command]
pub async fn catalogue_errors(resource: String) -> Vec<String> {
    asl_catalogue::errors(&resource)
}
