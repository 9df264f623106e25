//! ASL Studio's desktop shell: a Tauri window over the engine crates. Every command is
//! a delegation into `asl-session` (see `commands`); this crate adds only what a desktop
//! app must: native dialogs, the file watcher, recent files and settings, drafts on disk.
//!
//! The builder is generic over the Tauri runtime so tests drive the real commands through
//! the IPC path with `tauri::test`'s mock runtime, without a display.

#[cfg(feature = "ts")]
pub mod bindings;
mod aws_commands;
mod aws_follow;
mod aws_history;
mod catalogue_commands;
mod commands;
mod dialogs;
mod drafts_writer;
mod error;
mod iac_commands;
mod run_commands;
mod run_events;
mod run_pages;
mod serve_commands;
mod settings;
mod state;
mod watch;

pub use error::IpcError;
pub use state::AppState;

use std::path::PathBuf;
use tauri::{Manager, Runtime};

/// The app: plugins and every command added to a runtime's builder (`tauri::Builder::
/// default()`, or `tauri::test::mock_builder()` in tests); the caller manages an
/// [`AppState`].
pub fn builder<R: Runtime>(base: tauri::Builder<R>) -> tauri::Builder<R> {
    base.plugin(tauri_plugin_store::Builder::new().build()).invoke_handler(tauri::generate_handler![
        commands::document_current,
        commands::document_startup_pick,
        commands::document_new,
        commands::document_open,
        iac_commands::document_machines,
        iac_commands::document_substitutions,
        iac_commands::document_set_substitution,
        aws_commands::aws_profiles,
        aws_commands::aws_connect,
        aws_commands::aws_list,
        aws_commands::aws_open,
        aws_commands::aws_link_get,
        aws_commands::aws_link_set,
        aws_commands::aws_diff,
        aws_commands::aws_deploy,
        aws_commands::aws_start,
        aws_history::history_import,
        aws_history::aws_import_execution,
        aws_history::run_diff_local,
        commands::document_edit,
        commands::document_set_text,
        commands::document_supersede,
        commands::document_undo,
        commands::document_redo,
        commands::document_save,
        commands::document_save_as,
        commands::document_export,
        commands::diagram_render,
        commands::diagram_export,
        commands::document_reload,
        commands::document_keep_mine,
        commands::document_disk_diff,
        commands::document_close,
        commands::recent_files,
        commands::samples_list,
        commands::drafts_list,
        commands::draft_restore,
        commands::draft_discard,
        commands::settings_get,
        commands::settings_set,
        commands::app_first_paint,
        run_commands::run_sources,
        run_commands::run_start,
        serve_commands::serve_status,
        serve_commands::serve_start,
        serve_commands::serve_stop,
        serve_commands::serve_breakpoints,
        run_commands::debug_command,
        run_commands::debug_set_breakpoints,
        run_commands::debug_edit,
        run_commands::callback_send,
        run_commands::run_stop,
        run_commands::run_list,
        run_commands::run_get,
        run_pages::run_history_page,
        run_pages::run_state_executions,
        run_pages::run_map_iterations,
        run_pages::run_history_export,
        run_commands::tests_run,
        catalogue_commands::catalogue_search,
        catalogue_commands::catalogue_action,
        catalogue_commands::catalogue_skeleton,
        catalogue_commands::catalogue_errors,
        run_commands::choice_preview,
    ])
}

/// Opens the file named on the command line, if any, once the app is up.
pub fn open_from_args<R: Runtime>(app: &tauri::AppHandle<R>, file: Option<PathBuf>) {
    let Some(file) = file else { return };
    let state = app.state::<AppState>();
    // Several machines in one template: the page shows the picker, as Open does.
    if matches!(asl_session::machines(&file), Ok(Some(list)) if list.len() > 1) {
        *state.startup_pick.lock().unwrap_or_else(|p| p.into_inner()) = Some(file);
        return;
    }
    if let Err(e) = commands::open_path(app, &state, &file) {
        *state.startup_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
    }
}

/// Where the start page's samples live: `ASL_STUDIO_SAMPLES`, else a `samples` folder
/// beside the executable or above it (a build inside the repository), else none.
fn samples_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ASL_STUDIO_SAMPLES") {
        return Some(PathBuf::from(dir));
    }
    let exe = std::env::current_exe().ok()?;
    exe.ancestors().skip(1).map(|d| d.join("samples")).find(|d| d.join("order-processing").is_dir()).or_else(
        || {
            let cwd = std::env::current_dir().ok()?;
            cwd.ancestors().map(|d| d.join("samples")).find(|d| d.join("order-processing").is_dir())
        },
    )
}

/// When the process started running Rust code (set first thing in [`run`]).
fn started() -> std::time::Instant {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *STARTED.get_or_init(std::time::Instant::now)
}

/// On Linux without a GPU device (virtual machines, remote desktops, Xvfb) WebKitGTK's
/// accelerated compositing runs on software GL and can hold back frames for seconds:
/// a 1,000-state machine was in the page after 1.0 s but painted after 2–3 s. Plain
/// software painting has no such stall, so it is chosen there; a user's own setting wins.
fn software_rendering_without_gpu() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && !std::path::Path::new("/dev/dri").exists()
    {
        // Before any thread starts (the window, the runtime): nothing reads the
        // environment concurrently yet.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

pub fn run() {
    started();
    software_rendering_without_gpu();
    let file = std::env::args_os().nth(1).map(PathBuf::from);
    builder(tauri::Builder::<tauri::Wry>::default())
        .manage(AppState::new(None, samples_dir()))
        .manage(serve_commands::ServeState::default())
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .setup(move |app| {
            // Drafts live in the app's data folder, known only once the app exists.
            let data = app.path().app_data_dir().unwrap_or_else(|_| std::env::temp_dir().join("asl-studio"));
            app.state::<AppState>().set_drafts_dir(data.join("drafts"));
            // A big run's record spills there too (removed with the run, or at the next start).
            app.state::<AppState>().runs.set_spill_dir(data.join("runs"));
            open_from_args(app.handle(), file.clone());
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the ASL Studio window could not start");
}
