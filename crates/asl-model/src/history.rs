//! Undo/redo over document edits: a stack of whole documents (their text is the state).
//! Canvas and code view share it; selection and viewport never enter it.

use crate::document::Document;
use crate::edit::{invert, DocumentEdit, EditError, Splice};

/// Undo/redo history of a [`Document`]: the current document, the earlier ones (at most
/// [`History::DEFAULT_LIMIT`]) and the undone ones.
#[derive(Clone, Debug)]
pub struct History {
    current: Document,
    undo: Vec<Step>,
    redo: Vec<Step>,
    limit: usize,
    /// The splices of the last change (apply, push, undo, redo); `None` when no edit told
    /// them (text pushed whole).
    change: Option<Vec<Splice>>,
}

/// A document of the stack and the splices between it and its neighbour towards the
/// current one: on the undo stack they make the newer document of it, on the redo stack
/// they made it of the older one.
#[derive(Clone, Debug)]
struct Step {
    document: Document,
    splices: Option<Vec<Splice>>,
}

impl History {
    /// Steps kept by default; older ones are dropped first.
    pub const DEFAULT_LIMIT: usize = 500;

    /// A history whose current document is `document`, with nothing to undo.
    pub fn new(document: Document) -> Self {
        History {
            current: document,
            undo: Vec::new(),
            redo: Vec::new(),
            limit: Self::DEFAULT_LIMIT,
            change: Some(Vec::new()),
        }
    }

    /// The exact text changes of the last apply, push, undo or redo, on the text before
    /// it; `None` when they are not known (a pushed text: the caller diffs if it must).
    pub fn last_change(&self) -> Option<&[Splice]> {
        self.change.as_deref()
    }

    /// The current document.
    pub fn current(&self) -> &Document {
        &self.current
    }

    /// Applies an edit; on error nothing changes. An edit that changes no byte is not a step.
    pub fn apply(&mut self, edit: &DocumentEdit) -> Result<&Document, EditError> {
        let applied = self.current.apply_spliced(edit)?;
        Ok(self.record(applied.document, false, Some(applied.splices)))
    }

    /// Makes an already parsed document current (the code view's text, parsed once by the
    /// caller), as a new step, or with `merge` as part of the current one (typing: one burst
    /// is one undo step). A document with the same text is not a step; redo is cleared.
    pub fn push(&mut self, next: Document, merge: bool) -> &Document {
        self.record(next, merge, None)
    }

    fn record(&mut self, next: Document, merge: bool, splices: Option<Vec<Splice>>) -> &Document {
        if next.text() == self.current.text() {
            self.change = Some(Vec::new());
            return &self.current;
        }
        // Nothing to merge into: the opened text must stay reachable by undo.
        if merge && !self.undo.is_empty() {
            self.current = next;
            // The merged step's splices are no longer those of one change.
            if let Some(step) = self.undo.last_mut() {
                step.splices = None;
            }
        } else {
            let document = std::mem::replace(&mut self.current, next);
            self.undo.push(Step { document, splices: splices.clone() });
            if self.undo.len() > self.limit {
                self.undo.remove(0);
            }
        }
        self.change = splices;
        self.redo.clear();
        &self.current
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Goes back one step; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(Step { document, splices }) = self.undo.pop() else { return false };
        self.change = splices.as_deref().map(|s| invert(document.text(), s));
        let newer = std::mem::replace(&mut self.current, document);
        self.redo.push(Step { document: newer, splices });
        true
    }

    /// Redoes the last undone step; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(Step { document, splices }) = self.redo.pop() else { return false };
        self.change = splices.clone();
        let older = std::mem::replace(&mut self.current, document);
        self.undo.push(Step { document: older, splices });
        true
    }
}
