//! The IPC commands (design §3.4): each delegates to the session in one step; the rest is
//! only what a desktop shell must add (dialogs, the watcher, recent files).

use crate::dialogs;
use crate::error::{IpcError, IpcResult};
use crate::settings::{self, Settings};
use crate::state::AppState;
use crate::watch;
use asl_model::Format;
use asl_session::drafts::DraftInfo;
use asl_session::samples::SampleInfo;
use asl_session::{DiskDiff, FormatDto, Session, Snapshot, Update};
use base64::Engine as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;
use tauri::{AppHandle, Runtime, State};

type Ipc<'a> = State<'a, AppState>;

#[tauri::command]
pub fn document_current(state: Ipc) -> IpcResult<Option<Snapshot>> {
    if let Some(e) = state.startup_error.lock().unwrap_or_else(|p| p.into_inner()).take() {
        return Err(e);
    }
    // Also what the UI asks for when a delta does not apply to the snapshot it holds.
    Ok(state.session.lock().unwrap_or_else(|p| p.into_inner()).as_mut().map(Session::sent_snapshot))
}

/// The template named on the command line whose machines the page should offer (once).
#[tauri::command]
pub fn document_startup_pick(state: Ipc) -> Option<String> {
    state.startup_pick.lock().unwrap_or_else(|p| p.into_inner()).take().map(|p| p.display().to_string())
}

#[tauri::command]
pub fn document_new<R: Runtime>(app: AppHandle<R>, state: Ipc, format: FormatDto) -> Snapshot {
    watch::unwatch(&app);
    state.replace(Session::new_document(format.into()))
}

#[tauri::command]
pub async fn document_open<R: Runtime>(
    app: AppHandle<R>,
    state: Ipc<'_>,
    path: Option<String>,
) -> IpcResult<Option<Snapshot>> {
    let Some(path) = given_or_picked(path, dialogs::pick_open).await else { return Ok(None) };
    open_path(&app, &state, &path).map(Some)
}

/// Opens a file into the app: session, watcher, recent files.
/// A file of the installed samples opens as an untitled copy: the samples stay as
/// installed, whatever the user edits, and Save asks where.
pub fn open_path<R: Runtime>(app: &AppHandle<R>, state: &AppState, path: &Path) -> IpcResult<Snapshot> {
    if is_sample(state, path) {
        watch::unwatch(app);
        return Ok(state.replace(Session::open_copy(path)?));
    }
    // An IaC file's machine (`FILE#ID`, or its only one) opens as its definition.
    let mut session = Session::open_any(path)?;
    if let (Some(key), Some(_)) = (session.draft_path(), session.machine()) {
        session.set_user_substitutions(settings::substitutions(app, &key));
    }
    let opened = session.path().map(Path::to_owned).unwrap_or_else(|| path.to_owned());
    watch::watch(app, &opened);
    settings::add_recent(app, &session.draft_path().unwrap_or_else(|| opened.display().to_string()));
    Ok(state.replace(session))
}

/// True when `path` lies in the folder of the installed samples.
fn is_sample(state: &AppState, path: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    state.samples_dir.as_deref().is_some_and(|dir| real(path).starts_with(real(dir)))
}

// The commands that re-check and re-lay-out the document run off the main thread, which
// delivers input and paints: a keystroke is drawn while Rust works. The UI sends them one
// at a time (ui/src/ipc `serial`), so running them on the async runtime cannot reorder them.

#[tauri::command(async)]
pub fn document_edit(state: Ipc, edit: asl_model::DocumentEdit) -> IpcResult<Update> {
    state.update_of(|s| Ok(s.edit(&edit)?))
}

/// Typed text. `generation` names it for [`document_supersede`]; the answer is `None`
/// when a newer text superseded it first (nothing changed: the UI sends the newer one).
#[tauri::command(async)]
pub fn document_set_text(
    state: Ipc,
    text: String,
    typing: bool,
    generation: Option<u64>,
) -> IpcResult<Option<Update>> {
    let superseded = || generation.is_some_and(|g| state.superseded_typing.load(Ordering::Relaxed) == g);
    state.with_session(|s| {
        if superseded() || !s.set_text_unless(text, typing, Instant::now(), &superseded) {
            return Ok(None);
        }
        Ok(Some(s.update()))
    })
}

/// The typed text of `generation` is outdated (a key was pressed since): its work stops
/// at the next phase. Takes no lock and runs at once, on the main thread.
#[tauri::command]
pub fn document_supersede(state: Ipc, generation: u64) {
    state.superseded_typing.store(generation, Ordering::Relaxed);
}

#[tauri::command(async)]
pub fn document_undo(state: Ipc) -> IpcResult<Update> {
    state.update_of(|s| {
        s.undo();
        Ok(())
    })
}

#[tauri::command(async)]
pub fn document_redo(state: Ipc) -> IpcResult<Update> {
    state.update_of(|s| {
        s.redo();
        Ok(())
    })
}

#[tauri::command]
pub async fn document_save<R: Runtime>(app: AppHandle<R>, state: Ipc<'_>) -> IpcResult<Option<Update>> {
    let path = state.with_session(|s| Ok(s.path().map(Path::to_owned)))?;
    match path {
        Some(path) => save_to(&app, &state, &path).map(Some),
        None => document_save_as(app, state, None).await,
    }
}

#[tauri::command]
pub async fn document_save_as<R: Runtime>(
    app: AppHandle<R>,
    state: Ipc<'_>,
    path: Option<String>,
) -> IpcResult<Option<Update>> {
    let (name, format) = state.with_session(|s| Ok((s.suggested_name(), s.format())))?;
    let filter = match format {
        Format::Json => ("ASL JSON", &["asl.json", "json"][..]),
        Format::Yaml => ("ASL YAML", &["asl.yaml", "yaml", "yml"][..]),
    };
    let Some(picked) =
        given_or_picked(path, || dialogs::pick_save("Save state machine as", &name, filter)).await
    else {
        return Ok(None);
    };
    // "order" is saved as "order.asl.json": the file opens again as ASL. The dialog only
    // asked about replacing the name typed, so replacing the longer one is asked here.
    let path = asl_session::with_asl_extension(&picked, format);
    if path != picked && path.exists() && !dialogs::confirm_replace(&path).await {
        return Ok(None);
    }
    save_to(&app, &state, &path).map(Some)
}

fn save_to<R: Runtime>(app: &AppHandle<R>, state: &AppState, path: &Path) -> IpcResult<Update> {
    // The draft of the old identity (e.g. "untitled") goes once the work is on disk.
    let old_draft = state.with_session(|s| Ok(asl_session::drafts::Drafts::id_for(s.path())))?;
    let (update, saved) = state.with_session(|s| {
        s.save_as(path)?;
        Ok((s.update(), s.path().map(Path::to_owned)))
    })?;
    let _ = state.drafts().discard(&old_draft);
    if let Some(saved) = saved {
        watch::watch(app, &saved);
        settings::add_recent(app, &saved.display().to_string());
    }
    Ok(update)
}

#[tauri::command]
pub async fn document_export(
    state: Ipc<'_>,
    format: FormatDto,
    path: Option<String>,
) -> IpcResult<Option<String>> {
    let (text, stem) = state.with_session(|s| Ok((s.export(format.into())?, stem(&s.suggested_name()))))?;
    let (ext, filter) = match format {
        FormatDto::Json => ("asl.json", ("ASL JSON", &["json"][..])),
        FormatDto::Yaml => ("asl.yaml", ("ASL YAML", &["yaml", "yml"][..])),
    };
    let suggested = format!("{stem}.{ext}");
    let picked = || dialogs::pick_save("Export state machine", &suggested, filter);
    write_export(path, picked, text.as_bytes()).await
}

#[tauri::command]
pub fn diagram_render(state: Ipc, format: String, theme: String) -> IpcResult<String> {
    state.with_session(|s| Ok(s.diagram(&format, theme == "dark")?))
}

#[tauri::command]
pub async fn diagram_export(
    state: Ipc<'_>,
    format: String,
    theme: String,
    path: Option<String>,
    png_base64: Option<String>,
) -> IpcResult<Option<String>> {
    let (bytes, stem) = match (format.as_str(), png_base64) {
        ("png", Some(b64)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|e| IpcError::new("usage", format!("not base64 PNG data: {e}")))?;
            (bytes, state.with_session(|s| Ok(stem(&s.suggested_name())))?)
        }
        ("png", None) => return Err(IpcError::new("usage", "PNG export needs the picture's bytes")),
        _ => state.with_session(|s| {
            Ok((s.diagram(&format, theme == "dark")?.into_bytes(), stem(&s.suggested_name())))
        })?,
    };
    let ext = if format == "mermaid" { "mmd" } else { format.as_str() };
    let suggested = format!("{stem}.{ext}");
    let exts = [ext];
    let picked = || dialogs::pick_save("Export diagram", &suggested, ("Diagram", &exts[..]));
    write_export(path, picked, &bytes).await
}

#[tauri::command]
pub fn document_reload(state: Ipc) -> IpcResult<Update> {
    state.update_of(|s| Ok(s.reload()?))
}

#[tauri::command]
pub fn document_keep_mine(state: Ipc) -> IpcResult<Update> {
    state.update_of(|s| {
        s.keep_mine();
        Ok(())
    })
}

#[tauri::command]
pub fn document_disk_diff(state: Ipc) -> IpcResult<DiskDiff> {
    state.with_session(|s| Ok(s.disk_diff()?))
}

/// Closes the document (the UI has asked about unsaved edits): its draft goes too.
#[tauri::command]
pub fn document_close<R: Runtime>(app: AppHandle<R>, state: Ipc) {
    watch::unwatch(&app);
    if let Some(session) = state.session.lock().unwrap_or_else(|p| p.into_inner()).take() {
        let _ = state.drafts().discard(&asl_session::drafts::Drafts::id_for(session.path()));
    }
}

#[tauri::command]
pub fn recent_files<R: Runtime>(app: AppHandle<R>) -> Vec<String> {
    settings::recent_files(&app)
}

#[tauri::command]
pub fn samples_list(state: Ipc) -> Vec<SampleInfo> {
    state.samples_dir.as_deref().map(asl_session::samples::list).unwrap_or_default()
}

#[tauri::command]
pub fn drafts_list(state: Ipc) -> Vec<DraftInfo> {
    state.drafts().list()
}

#[tauri::command]
pub fn draft_restore<R: Runtime>(app: AppHandle<R>, state: Ipc, id: String) -> IpcResult<Snapshot> {
    let session = Session::from_draft(state.drafts().read(&id)?);
    if let Some(path) = session.path() {
        watch::watch(&app, path);
    }
    Ok(state.replace(session))
}

#[tauri::command]
pub fn draft_discard(state: Ipc, id: String) -> IpcResult<()> {
    Ok(state.drafts().discard(&id)?)
}

#[tauri::command]
pub fn settings_get<R: Runtime>(app: AppHandle<R>) -> Settings {
    settings::get(&app)
}

#[tauri::command]
pub fn settings_set<R: Runtime>(app: AppHandle<R>, settings: Settings) {
    settings::set(&app, &settings)
}

/// The path the caller gave (tests, drag-and-drop, recent files), or the user's pick.
/// The dialog is only created when needed.
pub(crate) async fn given_or_picked<F: std::future::Future<Output = Option<PathBuf>>>(
    given: Option<String>,
    pick: impl FnOnce() -> F,
) -> Option<PathBuf> {
    match given {
        Some(p) => Some(PathBuf::from(p)),
        None => pick().await,
    }
}

async fn write_export<F: std::future::Future<Output = Option<PathBuf>>>(
    given: Option<String>,
    pick: impl FnOnce() -> F,
    bytes: &[u8],
) -> IpcResult<Option<String>> {
    let Some(path) = given_or_picked(given, pick).await else { return Ok(None) };
    asl_session::files::save(&path, bytes)?;
    Ok(Some(path.display().to_string()))
}

/// "order.asl.json" -> "order".
fn stem(title: &str) -> String {
    let t = title.trim_end_matches(".json").trim_end_matches(".yaml").trim_end_matches(".yml");
    t.trim_end_matches(".asl").to_owned()
}

/// Milliseconds from the app's start to the UI's first painted diagram (the first call
/// records it; later calls answer the same figure). Reported by the end-to-end tests.
#[tauri::command]
pub fn app_first_paint() -> u64 {
    static FIRST: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *FIRST.get_or_init(|| crate::started().elapsed().as_millis() as u64)
}
