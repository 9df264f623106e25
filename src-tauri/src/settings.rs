//! Recent files and settings, in tauri-plugin-store's `settings.json`.

use serde::{Deserialize, Serialize};
use serde_json::json;
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
