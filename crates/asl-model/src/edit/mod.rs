//! Document edits. Every change, from the canvas, the inspector or the code view, is a
//! [`DocumentEdit`]; applying it rewrites only the bytes it must, in JSON and in YAML
//! (where a few awkward cases re-emit the document, see `yaml_text`), and yields a new
//! [`Document`].

mod json_text;
mod lines;
mod ops;
mod render;
mod scope;
mod splice;
mod value_tree;
mod yaml_apply;
mod yaml_lines;
mod yaml_render;
mod yaml_text;

use crate::document::{Document, Format};
use crate::error::ParseError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use render::Style;
pub use splice::{apply_splices, compose, diff, invert, Splice};
#[doc(hidden)]
pub use yaml_apply::{yaml_edit_path, YamlPath};

/// One edit, addressed by JSON pointers into the current document. A state is named by
/// the pointer of its object (`/States/Check`, `/States/P/Branches/0/States/A`); a scope
/// by the pointer of the object holding its `StartAt`/`States` (`""` is the machine).
///
/// Every edit checks everything before it writes: a refused edit is an [`EditError`] and
/// the document is unchanged. In JSON, an item on lines of its own (a state, a member, a
/// rule) is added, removed and moved as those lines, with the `//` comment lines just
/// above it and the comment after it; new text takes the document's indent unit, line
/// ending, trailing-comma style, and one-line form where its neighbours are one-line.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// The JSON values an edit carries are typed `unknown` for TypeScript: the UI builds them
// from objects of its own, and serde checks them when they arrive.
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentEdit {
    /// Adds a state (a JSON object) at the end of a scope; it becomes `StartAt` if the
    /// scope has none (written before `States`). A state with neither `Next` nor `End`
    /// ends there (a Choice, Succeed or Fail needs neither).
    AddState {
        /// Pointer of the scope.
        scope: String,
        /// The new state's name, unique in the whole machine.
        name: String,
        /// The state object.
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        state: Value,
    },
    /// Puts a new state on a transition of `from`, right after `from` in the text: `from`
    /// now goes to the new state, which goes where `from` went (`Next`, or `Default` for a
    /// new Choice), or ends if `from` ended. A new Succeed or Fail has no exit: what
    /// followed is no longer reached from there. Any `Next`/`End` in `state` is replaced.
    /// On [`Transition::Start`] `from` is the scope: the new state is written first in its
    /// `States`, becomes its `StartAt` and goes to the old first state.
    InsertBetween {
        /// Pointer of the state whose transition gets the new state (the scope for `Start`).
        from: String,
        /// Which of its transitions.
        transition: Transition,
        /// The new state's name, unique in the whole machine.
        name: String,
        /// The state object.
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        state: Value,
    },
    /// Points a transition of a state at `target`, a state of the same scope (`Next`
    /// takes the place of `End`, so one line changes).
    Connect {
        /// Pointer of the state (the scope for [`Transition::Start`]).
        from: String,
        /// Which of its transitions.
        transition: Transition,
        /// The target state's name.
        target: String,
    },
    /// Removes a transition: `Next` becomes `"End": true` in place; a Default, Choice rule
    /// or Catch target is removed (the checker then reports the missing target).
    Disconnect {
        /// Pointer of the state.
        from: String,
        /// Which of its transitions.
        transition: Transition,
    },
    /// Sets any field (creating it, appended to its object) to a JSON value; the document
    /// itself (`""`) may only be set to an object.
    SetField {
        /// Pointer of the field; `""` is the document.
        pointer: String,
        /// The new value.
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        value: Value,
    },
    /// Removes a member or an array element (the only one leaves `{}`/`[]`).
    RemoveField {
        /// Pointer of the member or element.
        pointer: String,
    },
    /// Renames a state and every reference to it in its scope (names are unique in the
    /// whole machine, so no other scope can name it).
    RenameState {
        /// Pointer of the state.
        pointer: String,
        /// The new name, unique in the whole machine.
        new_name: String,
    },
    /// Deletes a state (with its comment lines). References to it are redirected to its
    /// `Next` when it has one; otherwise they are left dangling, and the checker reports
    /// them.
    DeleteState {
        /// Pointer of the state.
        pointer: String,
    },
    /// Moves a state's text, comments included and re-indented, to the end of another
    /// scope (into or out of a Parallel branch or Map processor). The old scope is
    /// reconnected as for a delete; in the new scope a `Next` that names no state there
    /// becomes `"End": true` in place, and the state becomes `StartAt` if the scope had
    /// none. Other targets (rules, Default, Catch) are left for the checker to report.
    MoveState {
        /// Pointer of the state.
        pointer: String,
        /// Pointer of the destination scope.
        scope: String,
    },
    /// Inserts a Choice rule (Choice states), retrier or catcher (Task, Parallel, Map), or a
    /// branch (Parallel) at `index`, at most the list's length (none = at the end); creates
    /// the list if absent. A branch's state names must be new to the machine.
    InsertItem {
        /// Pointer of the state.
        state: String,
        /// Which list.
        list: ItemList,
        /// Where to insert; `None` appends.
        index: Option<usize>,
        /// The item, a JSON object.
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        value: Value,
    },
    /// Removes an item; an emptied `Retry` or `Catch` is removed, an emptied `Choices` or
    /// `Branches` kept (the checker asks for one).
    RemoveItem {
        /// Pointer of the state.
        state: String,
        /// Which list.
        list: ItemList,
        /// Position of the item.
        index: usize,
    },
    /// Moves item `from` to position `to` (both existing positions); its text moves
    /// verbatim, comments included.
    MoveItem {
        /// Pointer of the state.
        state: String,
        /// Which list.
        list: ItemList,
        /// Current position of the item.
        from: usize,
        /// Its new position.
        to: usize,
    },
    /// Replaces the whole text (the code view).
    ReplaceText {
        /// The new text.
        text: String,
    },
    /// Several edits as one (one gesture: a pattern of states dropped on an edge, a
    /// multiple delete, a paste): each applies to the text the ones before it made, and
    /// if any is refused, none is applied. One undo step.
    Batch {
        /// The edits, applied in order.
        edits: Vec<DocumentEdit>,
    },
}

/// An outgoing transition of a state, as the graph draws it; or a scope's `StartAt`
/// (the edge from its Start pill), addressed by the scope's pointer.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Transition {
    /// The scope's `StartAt`.
    Start,
    /// The state's `Next`.
    Next,
    /// A Choice state's `Default`.
    Default,
    /// The `Next` of the Choice rule at this index.
    ChoiceRule(usize),
    /// The `Next` of the Catcher at this index.
    Catch(usize),
}

/// A list of a state's items that [`DocumentEdit::InsertItem`] and friends address.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemList {
    /// A Choice state's `Choices` (ChoiceRules).
    Choices,
    /// `Retry` (Retriers).
    Retry,
    /// `Catch` (Catchers).
    Catch,
    /// A Parallel state's `Branches` (each a scope: `StartAt` and `States`).
    Branches,
}

impl ItemList {
    /// The ASL field name of the list.
    pub fn field(self) -> &'static str {
        match self {
            ItemList::Choices => "Choices",
            ItemList::Retry => "Retry",
            ItemList::Catch => "Catch",
            ItemList::Branches => "Branches",
        }
    }
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The pointer names nothing in the document.
    #[error("nothing at {0}")]
    NotFound(String),
    /// The edit would clash with what is there, e.g. a name already in use.
    #[error("{0}")]
    Conflict(String),
    /// The edit is not allowed, e.g. a transition the state cannot have.
    #[error("{0}")]
    Invalid(String),
    /// [`DocumentEdit::ReplaceText`] was given text that does not parse.
    #[error("the new text does not parse: {0}")]
    Parse(ParseError),
    /// An edit produced text that does not parse: a bug, refused instead of saved.
    #[error("internal edit error: {0}")]
    Internal(String),
}

/// The few operations every edit is made of, on JSON or YAML text, or on a plain value
/// (the data a YAML edit must give, and its re-emit fallback).
pub(crate) trait Primitives {
    fn read(&self, pointer: &str) -> Option<Value>;
    /// Replaces the value at `pointer`, or adds it as the last member of its object (or
    /// the next element of its array).
    fn set(&mut self, pointer: &str, value: &Value) -> Result<(), EditError>;
    fn insert_member(
        &mut self,
        pointer: &str,
        index: usize,
        key: &str,
        value: &Value,
    ) -> Result<(), EditError>;
    fn insert(&mut self, pointer: &str, index: usize, value: &Value) -> Result<(), EditError>;
    fn remove(&mut self, pointer: &str) -> Result<(), EditError>;
    fn rename_key(&mut self, pointer: &str, new_key: &str) -> Result<(), EditError>;
    /// Removes a member or element and hands it back to be put elsewhere.
    fn take(&mut self, pointer: &str) -> Result<Taken, EditError>;
    /// Puts a taken member or element at `index` of the object or array at `pointer`:
    /// its text as written (comments included), re-indented to its new place.
    fn put(&mut self, pointer: &str, index: usize, taken: &Taken) -> Result<(), EditError>;
}

/// A member (with its key) or element removed by [`Primitives::take`].
pub(crate) struct Taken {
    pub key: Option<String>,
    pub value: Value,
    /// Its text and comments, when it sat on lines of its own.
    pub piece: Option<lines::Piece>,
}

/// An applied edit: the new document and the exact text changes that made it.
#[derive(Clone, Debug)]
pub struct Applied {
    /// The document after the edit.
    pub document: Document,
    /// On the old text, in order (see [`Splice`]). The bytes the edit wrote, so only the
    /// changed ones; for a re-emitted YAML document and replaced text, the changed middle.
    pub splices: Vec<Splice>,
}

impl Document {
    /// Applies an edit, giving the new document; `self` is unchanged.
    pub fn apply(&self, edit: &DocumentEdit) -> Result<Document, EditError> {
        self.apply_spliced(edit).map(|a| a.document)
    }

    /// Applies an edit, giving the new document and the splices that made its text.
    pub fn apply_spliced(&self, edit: &DocumentEdit) -> Result<Applied, EditError> {
        match edit {
            DocumentEdit::ReplaceText { text } => {
                let document = Document::parse(text.clone(), self.format()).map_err(EditError::Parse)?;
                Ok(Applied { splices: diff(self.text(), text), document })
            }
            DocumentEdit::Batch { edits } => self.apply_batch(edits),
            _ => self.apply_one(edit),
        }
    }

    fn apply_batch(&self, edits: &[DocumentEdit]) -> Result<Applied, EditError> {
        let mut done: Option<Applied> = None;
        for edit in edits {
            // Each on the document the ones before made; `?` drops them all.
            let next = done.as_ref().map_or(self, |d| &d.document).apply_spliced(edit)?;
            done = Some(match done {
                None => next,
                Some(d) => Applied {
                    splices: compose(self.text(), &d.splices, &next.splices),
                    document: next.document,
                },
            });
        }
        Ok(done.unwrap_or_else(|| Applied { document: self.clone(), splices: Vec::new() }))
    }

    fn apply_one(&self, edit: &DocumentEdit) -> Result<Applied, EditError> {
        let (text, splices) = match self.format() {
            Format::Json => {
                let mut target = json_text::JsonText::new(self.text().to_owned(), self.tree().clone());
                ops::apply(&mut target, self.machine(), edit)?;
                let splices = target.splices.finish(self.text());
                (target.text, splices)
            }
            Format::Yaml => yaml_apply::apply(self, edit)?,
        };
        let document = Document::parse(text, self.format()).map_err(|e| EditError::Internal(e.message))?;
        Ok(Applied { document, splices })
    }
}
