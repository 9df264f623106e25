//! One open document: its text (valid or not), the undo history of its good texts, the
//! file it belongs to and what is on disk.

use crate::delta::{SnapshotDelta, Update};
use crate::dto::{FormatDto, Problem, Snapshot};
use crate::error::SessionError;
use crate::files::read_text;
use crate::view::View;
use asl_model::edit::compose;
use asl_model::{Document, DocumentEdit, Format, History, Splice};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod disk;
mod machine;
mod naming;
mod typing;

pub use disk::DiskChange;
pub use machine::{machines, MachineEntry, MachinePick};
pub use naming::with_asl_extension;

/// Typing that pauses longer than this starts a new undo step.
const TYPING_PAUSE: Duration = Duration::from_millis(1500);

pub struct Session {
    path: Option<PathBuf>,
    /// For an untitled copy (a sample opened): the file it was copied from. Never
    /// written; its folder still holds the machine's inputs, mocks and tests.
    origin: Option<PathBuf>,
    format: Format,
    /// The current text, exactly as typed: it may not parse.
    text: String,
    /// The history of good documents; `None` until the text has parsed once.
    history: Option<History>,
    parse_error: Option<Problem>,
    /// Derived from the last good document.
    view: View,
    /// The text that counts as clean: the file's when last read or written, or a new
    /// document's starting text; `None` once the file was deleted under us.
    saved: Option<String>,
    revision: u64,
    last_typing: Option<Instant>,
    /// The file's new text while the user decides about an external change.
    theirs: Option<String>,
    /// The last snapshot the UI was answered (whole or as a delta): the next delta's base.
    sent: Option<Snapshot>,
    /// The text's splices since `sent`, while every change since was an edit, undo or
    /// redo (they know theirs); `None` once one was not (typing, a reload): then diffed.
    unsent: Option<Vec<Splice>>,
    /// The IaC machine this document is, when `path` is a template (see `machine.rs`).
    machine: Option<Box<asl_iac::Machine>>,
    /// The user's own values for the machine's `${...}` placeholders and intrinsics (the
    /// app remembers them per `FILE#ID`); a run prefers them to the template's.
    user_substitutions: std::collections::BTreeMap<String, String>,
    /// For a document opened from the AWS account: the state machine's name (its title
    /// until it is saved) and ARN (its link, kept by file once it has one).
    deployed_name: Option<String>,
    deployed_arn: Option<String>,
}

impl Session {
    /// A new, unsaved document with a small starting machine.
    pub fn new_document(format: Format) -> Session {
        let text = match format {
            Format::Json => NEW_JSON,
            Format::Yaml => NEW_YAML,
        };
        let mut session = Session::from_text(None, format, text.to_owned());
        // Untouched, it is nothing to lose.
        session.saved = Some(text.to_owned());
        session
    }

    /// Opens a file. Text that does not parse still opens (the code view shows it with the
    /// error); what is not text at all is refused.
    pub fn open(path: &Path) -> Result<Session, SessionError> {
        let text = read_text(path)?;
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let mut session = Session::from_text(Some(path.clone()), Format::from_path(&path), text);
        session.saved = Some(session.text.clone());
        Ok(session)
    }

    /// A document from a text, e.g. a restored draft (`saved` says what the file holds).
    pub fn from_text(path: Option<PathBuf>, format: Format, text: String) -> Session {
        let mut session = Session {
            path,
            origin: None,
            format,
            text: String::new(),
            history: None,
            parse_error: None,
            view: View::empty(),
            saved: None,
            revision: 0,
            last_typing: None,
            theirs: None,
            sent: None,
            unsent: Some(Vec::new()),
            machine: None,
            user_substitutions: Default::default(),
            deployed_name: None,
            deployed_arn: None,
        };
        session.replace_text(text, false);
        session
    }

    /// A document restored from its draft after a crash: dirty against what its file
    /// holds now (or against nothing, when it has no file or the file is gone).
    pub fn from_draft(draft: crate::drafts::Draft) -> Session {
        if let Some(session) = Session::machine_from_draft(&draft) {
            return session;
        }
        let path = draft.path.map(PathBuf::from);
        let saved = path.as_deref().and_then(|p| read_text(p).ok());
        let mut session = Session::from_text(path, draft.format.into(), draft.text);
        session.saved = saved;
        session
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// A state of the last good document, as the snapshot describes it.
    pub fn state_info(&self, pointer: &str) -> Option<&crate::dto::StateInfo> {
        self.view.states.iter().find(|s| s.pointer == pointer)
    }

    pub fn document(&self) -> Option<&Document> {
        self.history.as_ref().map(History::current)
    }

    pub fn is_dirty(&self) -> bool {
        self.saved.as_deref() != Some(self.text.as_str())
    }

    fn can_undo(&self) -> bool {
        self.parse_error.is_some() && self.history.is_some()
            || self.history.as_ref().is_some_and(History::can_undo)
    }

    fn can_redo(&self) -> bool {
        self.parse_error.is_none() && self.history.as_ref().is_some_and(History::can_redo)
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            revision: self.revision,
            path: self.path.as_ref().map(|p| p.display().to_string()),
            title: self.title(),
            format: FormatDto::from(self.format),
            text: self.text.clone(),
            dirty: self.is_dirty(),
            can_undo: self.can_undo(),
            can_redo: self.can_redo(),
            parse_error: self.parse_error.clone(),
            states: self.view.states.clone(),
            scopes: self.view.scopes.clone(),
            problems: match &self.parse_error {
                Some(e) => vec![e.clone()],
                None => self.view.problems.clone(),
            },
            layout: self.view.layout.clone(),
        }
    }

    /// The whole snapshot, remembered as what the UI holds (open, new, a fresh start).
    pub fn sent_snapshot(&mut self) -> Snapshot {
        let snapshot = self.snapshot();
        self.sent = Some(snapshot.clone());
        self.unsent = Some(Vec::new());
        snapshot
    }

    /// What the UI is answered after a command: the change since the last snapshot it was
    /// sent (whole when it was sent none). The UI merges it, or asks for the whole
    /// snapshot when it holds another revision than the delta's base.
    pub fn update(&mut self) -> Update {
        let snapshot = self.snapshot();
        let splices = self.unsent.replace(Vec::new());
        let update = match &self.sent {
            Some(sent) => {
                Update::Delta(Box::new(SnapshotDelta::between_spliced(sent, &snapshot, splices.as_deref())))
            }
            None => Update::Full(Box::new(snapshot.clone())),
        };
        self.sent = Some(snapshot);
        update
    }

    /// Adds a change of the text (`None`: its splices are not known) to those not sent.
    fn note_change(&mut self, splices: Option<&[Splice]>) {
        self.unsent = match (self.unsent.take(), splices, &self.sent) {
            (Some(before), Some(now), _) if before.is_empty() => Some(now.to_vec()),
            (Some(before), Some(now), Some(sent)) => Some(compose(&sent.text, &before, now)),
            _ => None,
        };
    }

    pub fn title(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| self.copy_title())
            .or_else(|| self.deployed_name.as_ref().map(|n| format!("{n} (deployed)")))
            .unwrap_or_else(|| "Untitled".to_owned())
    }

    /// Applies an edit from the canvas or inspector. Refused while the text does not
    /// parse: the canvas shows an old diagram then, and an edit to it would drop the typing.
    pub fn edit(&mut self, edit: &DocumentEdit) -> Result<(), SessionError> {
        if let DocumentEdit::ReplaceText { text } = edit {
            self.set_text(text.clone(), false);
            return Ok(());
        }
        if let Some(e) = &self.parse_error {
            return Err(SessionError::new(
                "text-invalid",
                format!("fix the text first ({}:{}: {})", e.range.line, e.range.column, e.message),
            ));
        }
        let Some(history) = self.history.as_mut() else {
            return Err(SessionError::new("text-invalid", "the document has no valid text yet"));
        };
        history.apply(edit).map_err(|e| SessionError::new("edit", e.to_string()))?;
        self.last_typing = None;
        self.sync_from_history(true);
        Ok(())
    }

    /// Shows the history's current document; `spliced`: the text shown was the one
    /// before the history's last change, so that change's splices describe this one.
    fn sync_from_history(&mut self, spliced: bool) {
        let history = self.history.as_ref().expect("a history");
        let splices = history.last_change().filter(|_| spliced).map(<[Splice]>::to_vec);
        self.note_change(splices.as_deref());
        let doc = self.history.as_ref().map(History::current).expect("a history");
        self.text = doc.text().to_owned();
        self.parse_error = None;
        self.view = View::of_in(doc, Some(&self.view), self.machine.as_deref());
        self.revision += 1;
    }

    /// Undoes the last step. While the text does not parse, undo first goes back to the
    /// last good text.
    pub fn undo(&mut self) -> bool {
        self.last_typing = None;
        let Some(history) = self.history.as_mut() else { return false };
        // From invalid text, undo shows the last good one: no step of history was undone.
        let stepped = self.parse_error.is_none();
        if stepped && !history.undo() {
            return false;
        }
        self.sync_from_history(stepped);
        true
    }

    pub fn redo(&mut self) -> bool {
        self.last_typing = None;
        let Some(history) = self.history.as_mut() else { return false };
        if self.parse_error.is_some() || !history.redo() {
            return false;
        }
        self.sync_from_history(true);
        true
    }

    /// Saves to the document's file (invalid text too: it is the user's work).
    pub fn save(&mut self) -> Result<(), SessionError> {
        let path =
            self.path.clone().ok_or_else(|| SessionError::new("no-path", "the document has no file yet"))?;
        self.save_as(&path)
    }

    pub fn save_as(&mut self, path: &Path) -> Result<(), SessionError> {
        if self.path.as_deref() != Some(path) {
            // Saved elsewhere, the definition becomes an ASL file of its own.
            self.set_machine(None);
        }
        self.write(path)?;
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.path = Some(path);
        self.origin = None;
        self.saved = Some(self.text.clone());
        self.theirs = None;
        self.last_typing = None;
        self.revision += 1;
        Ok(())
    }

    /// The ASL in a format, for Export: the text itself in its own format (byte-exact),
    /// otherwise the data re-emitted.
    pub fn export(&self, to: Format) -> Result<String, SessionError> {
        Ok(self.current_document()?.to_format(to))
    }

    /// The diagram of the current document as SVG (light or dark) or Mermaid.
    pub fn diagram(&self, format: &str, dark: bool) -> Result<String, SessionError> {
        use asl_graph::render::{self, Theme, ThemeName};
        let doc = self.current_document()?;
        let graph = asl_graph::Graph::from(doc);
        match format {
            "svg" => {
                let theme = Theme::by_name(if dark { ThemeName::Dark } else { ThemeName::Light });
                Ok(render::svg(&self.view.layout, &render::layout_options(), &theme))
            }
            "mermaid" => Ok(render::mermaid(&graph)),
            other => Err(SessionError::new("usage", format!("unknown diagram format {other:?}"))),
        }
    }

    fn current_document(&self) -> Result<&Document, SessionError> {
        match (&self.parse_error, self.document()) {
            (None, Some(doc)) => Ok(doc),
            (Some(e), _) => Err(SessionError::new(
                "text-invalid",
                format!("{}:{}:{}: {}", self.title(), e.range.line, e.range.column, e.message),
            )),
            (None, None) => Err(SessionError::new("text-invalid", "the document has no valid text")),
        }
    }
}

const NEW_JSON: &str = r#"{
  "Comment": "A new state machine",
  "StartAt": "Hello",
  "States": {
    "Hello": {
      "Type": "Pass",
      "Result": "Hello, world",
      "End": true
    }
  }
}
"#;

const NEW_YAML: &str = "Comment: A new state machine
StartAt: Hello
States:
  Hello:
    Type: Pass
    Result: Hello, world
    End: true
";
