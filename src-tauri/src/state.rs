//! What the shell holds between commands: the open session, its file watcher, drafts.

use crate::drafts_writer::DraftsWriter;
use crate::error::{IpcError, IpcResult};
use crate::watch::Watcher;
use asl_session::drafts::{now_seconds, Draft, Drafts};
use asl_session::{Session, Snapshot, Update};
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, OnceLock};

pub struct AppState {
    pub session: Mutex<Option<Session>>,
    pub watcher: Mutex<Option<Watcher>>,
    /// Set once the app knows its data folder (in `setup`).
    drafts: OnceLock<(Drafts, DraftsWriter)>,
    pub samples_dir: Option<PathBuf>,
    /// Why the file named on the command line did not open; reported once.
    pub startup_error: Mutex<Option<IpcError>>,
    /// A template named on the command line that declares several state machines: the
    /// page asks which one to open (`document_startup_pick`).
    pub startup_pick: Mutex<Option<PathBuf>>,
    /// The runs of this app session (Run mode).
    pub runs: asl_session::run::Runs,
    /// The generation of typed text the UI said is outdated (`document_supersede`).
    pub superseded_typing: AtomicU64,
    /// The AWS connection and links (Cloud mode).
    pub cloud: crate::aws_commands::Cloud,
}

impl AppState {
    /// The state; `drafts_dir` may come later through [`AppState::set_drafts_dir`].
    pub fn new(drafts_dir: Option<PathBuf>, samples_dir: Option<PathBuf>) -> AppState {
        let drafts = OnceLock::new();
        if let Some(dir) = drafts_dir {
            let _ = drafts.set(drafts_in(dir));
        }
        AppState {
            session: Mutex::new(None),
            watcher: Mutex::new(None),
            drafts,
            samples_dir,
            startup_error: Mutex::new(None),
            startup_pick: Mutex::new(None),
            // The page reads state values from the record, never from the events.
            runs: asl_session::run::Runs::default().without_event_values(),
            superseded_typing: AtomicU64::new(0),
            cloud: Default::default(),
        }
    }

    pub fn set_drafts_dir(&self, dir: PathBuf) {
        let _ = self.drafts.set(drafts_in(dir));
    }

    fn drafts_pair(&self) -> &(Drafts, DraftsWriter) {
        // Only reached before `setup` ran if a command raced it; the temp folder then
        // still keeps the work somewhere.
        self.drafts.get_or_init(|| drafts_in(std::env::temp_dir().join("asl-studio-drafts")))
    }

    /// The drafts on disk, with every queued write done.
    pub fn drafts(&self) -> &Drafts {
        let (drafts, writer) = self.drafts_pair();
        writer.flush();
        drafts
    }

    /// Runs `f` on the open session, then keeps its draft in step and answers the
    /// snapshot.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> IpcResult<T>) -> IpcResult<T> {
        let mut guard = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let session = guard.as_mut().ok_or_else(|| IpcError::new("not-open", "no document is open"))?;
        let out = f(session)?;
        self.keep_draft(session);
        Ok(out)
    }

    /// Runs a command on the session and answers what changed since the UI's last answer
    /// (a delta: on big machines the whole snapshot is most of the cost of an edit).
    pub fn update_of(&self, f: impl FnOnce(&mut Session) -> IpcResult<()>) -> IpcResult<Update> {
        self.with_session(|s| {
            f(s)?;
            Ok(s.update())
        })
    }

    /// Unsaved work is written to the drafts folder; a clean document has no draft.
    pub fn keep_draft(&self, session: &Session) {
        let id = Drafts::id_for(session.path());
        if session.is_dirty() {
            let draft = Draft {
                id,
                path: session.draft_path(),
                title: session.title(),
                saved_at: now_seconds(),
                format: session.format().into(),
                text: session.text().to_owned(),
            };
            self.drafts_pair().1.write(draft);
        } else {
            self.drafts_pair().1.discard(id);
        }
    }

    /// Replaces the open session (the caller has asked about unsaved edits).
    pub fn replace(&self, mut session: Session) -> Snapshot {
        let snapshot = session.sent_snapshot();
        self.keep_draft(&session);
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(session);
        snapshot
    }
}

fn drafts_in(dir: PathBuf) -> (Drafts, DraftsWriter) {
    (Drafts::new(dir.clone()), DraftsWriter::start(Drafts::new(dir)))
}
