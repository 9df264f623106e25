//! The open file changed on disk: reload a clean document, or keep both texts for the
//! user to choose (keep mine, load theirs, see the diff).

use super::Session;
use crate::dto::DiskDiff;
use crate::error::SessionError;
use crate::files::{io_error, read_text, text_of};

/// What an external change to the open file did.
#[derive(Debug)]
pub enum DiskChange {
    /// The document had no unsaved edits: it now shows the file's new text.
    Reloaded,
    /// The document has unsaved edits: the user must choose.
    Conflict,
    /// The file is gone; the document stays open with its text, unsaved.
    Deleted,
}

impl Session {
    /// Called when the watcher saw the file change. Our own saves (same text) are ignored.
    pub fn disk_changed(&mut self) -> Result<Option<DiskChange>, SessionError> {
        let Some(path) = self.path.clone() else { return Ok(None) };
        // A file grown past what can be edited is refused before it is read whole.
        if let Ok(meta) = std::fs::metadata(&path) {
            crate::files::editable_size(&path, meta.len())?;
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.saved.is_none() {
                    return Ok(None);
                }
                self.saved = None;
                self.revision += 1;
                return Ok(Some(DiskChange::Deleted));
            }
            Err(e) => return Err(io_error(&path, &e)),
        };
        let file_text = text_of(&path, bytes)?;
        let theirs = self.own_text(&path, file_text.clone())?;
        // The template around the definition may have changed (its substitutions, its
        // resources): the problems and a run's values follow it.
        if let Some(id) = self.machine().map(str::to_owned) {
            let found = asl_iac::discover_text(&path, &file_text).ok().and_then(|ms| ms.into_iter().find(|m| m.id == id));
            if found.is_some() {
                self.set_machine(found);
                self.revision += 1;
            }
        }
        if self.saved.as_deref() == Some(theirs.as_str()) || self.theirs.as_deref() == Some(theirs.as_str()) {
            return Ok(None);
        }
        if !self.is_dirty() {
            self.load_text(theirs);
            return Ok(Some(DiskChange::Reloaded));
        }
        self.theirs = Some(theirs);
        Ok(Some(DiskChange::Conflict))
    }

    /// "Load theirs": the file's text replaces the document's, as one undoable step.
    pub fn reload(&mut self) -> Result<(), SessionError> {
        let theirs = match self.theirs.take() {
            Some(t) => t,
            None => {
                let path = self.path.as_deref().ok_or_else(|| SessionError::new("no-path", "no file"))?;
                self.own_text(path, read_text(path)?)?
            }
        };
        self.load_text(theirs);
        Ok(())
    }

    fn load_text(&mut self, theirs: String) {
        self.last_typing = None;
        self.replace_text(theirs.clone(), false);
        self.saved = Some(theirs);
    }

    /// "Keep mine": the document keeps its text; it stays unsaved, and saving overwrites
    /// the file deliberately.
    pub fn keep_mine(&mut self) {
        if let Some(theirs) = self.theirs.take() {
            self.saved = Some(theirs);
        }
        self.revision += 1;
    }

    pub fn disk_diff(&self) -> Result<DiskDiff, SessionError> {
        let theirs = match &self.theirs {
            Some(t) => t.clone(),
            None => {
                let path = self.path.as_deref().ok_or_else(|| SessionError::new("no-path", "no file"))?;
                self.own_text(path, read_text(path)?)?
            }
        };
        Ok(DiskDiff { mine: self.text.clone(), theirs })
    }
}
