//! Undo/redo over document edits: a stack of whole documents (their text is the state).
//! Canvas and code view share it; selection and viewport never enter it.

use crate::document::Document;
use crate::edit::{DocumentEdit, EditError};

#[derive(Clone, Debug)]
pub struct History {
    current: Document,
    undo: Vec<Document>,
    redo: Vec<Document>,
    limit: usize,
}

impl History {
    /// Steps kept by default; older ones are dropped first.
    pub const DEFAULT_LIMIT: usize = 500;

    pub fn new(document: Document) -> Self {
        History { current: document, undo: Vec::new(), redo: Vec::new(), limit: Self::DEFAULT_LIMIT }
    }

    pub fn current(&self) -> &Document {
        &self.current
    }

    /// Applies an edit; on error nothing changes. An edit that changes no byte is not a step.
    pub fn apply(&mut self, edit: &DocumentEdit) -> Result<&Document, EditError> {
        let next = self.current.apply(edit)?;
        Ok(self.push(next, false))
    }

    /// Makes an already parsed document current (the code view's text, parsed once by the
    /// caller), as a new step, or with `merge` as part of the current one (typing: one burst
    /// is one undo step). A document with the same text is not a step; redo is cleared.
    pub fn push(&mut self, next: Document, merge: bool) -> &Document {
        if next.text() != self.current.text() {
            // Nothing to merge into: the opened text must stay reachable by undo.
            if merge && !self.undo.is_empty() {
                self.current = next;
            } else {
                self.undo.push(std::mem::replace(&mut self.current, next));
                if self.undo.len() > self.limit {
                    self.undo.remove(0);
                }
            }
            self.redo.clear();
        }
        &self.current
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(std::mem::replace(&mut self.current, previous));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(&mut self.current, next));
                true
            }
            None => false,
        }
    }
}
