//! Recent files and settings, in tauri-plugin-store's `settings.json`.

use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

const STORE: &str = "settings.json";
const RECENT_MAX: usize = 10;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Settings {
    /// `light`, `dark` or `system` (follow the desktop).
    #[cfg_attr(feature = "ts", ts(type = r#""light" | "dark" | "system""#))]
    pub theme: String,
}

pub fn recent_files<R: Runtime>(app: &AppHandle<R>) -> Vec<String> {
    let Ok(store) = app.store(STORE) else { return Vec::new() };
    store
        .get("recentFiles")
        .and_then(|v| serde_json::from_value::<Vec<String>>(v).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| std::path::Path::new(p).exists())
        .collect()
}

pub fn add_recent<R: Runtime>(app: &AppHandle<R>, path: &str) {
    let Ok(store) = app.store(STORE) else { return };
    let mut recent: Vec<String> =
        store.get("recentFiles").and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    recent.retain(|p| p != path);
    recent.insert(0, path.to_owned());
    recent.truncate(RECENT_MAX);
    store.set("recentFiles", json!(recent));
    let _ = store.save();
}

pub fn get<R: Runtime>(app: &AppHandle<R>) -> Settings {
    let theme = app
        .store(STORE)
        .ok()
        .and_then(|s| s.get("theme"))
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "system".to_owned());
    Settings { theme }
}

pub fn set<R: Runtime>(app: &AppHandle<R>, settings: &Settings) {
    if let Ok(store) = app.store(STORE) {
        store.set("theme", json!(settings.theme));
        let _ = store.save();
    }
}

/// The user's values for the placeholders of one IaC machine (`FILE#ID`), remembered
/// across sessions: a run of that machine fills its `${...}` in with them.
pub fn substitutions<R: Runtime>(app: &AppHandle<R>, machine: &str) -> BTreeMap<String, String> {
    let Ok(store) = app.store(STORE) else { return BTreeMap::new() };
    store
        .get("substitutions")
        .and_then(|all| all.get(machine).cloned())
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

pub fn set_substitutions<R: Runtime>(app: &AppHandle<R>, machine: &str, values: &BTreeMap<String, String>) {
    let Ok(store) = app.store(STORE) else { return };
    let mut all = store.get("substitutions").filter(|v| v.is_object()).unwrap_or_else(|| json!({}));
    if values.is_empty() {
        all.as_object_mut().map(|o| o.remove(machine));
    } else {
        all[machine] = json!(values);
    }
    store.set("substitutions", all);
    let _ = store.save();
}
