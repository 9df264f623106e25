//! One edit on a YAML document: spliced into its text (`YamlText`), checked against the
//! same edit applied to its data (`ValueTree`), and re-emitted whole only where the
//! splicing path declines (the awkward cases listed in `yaml_text`).

use super::splice::{diff, Splice};
use super::value_tree::ValueTree;
use super::yaml_text::YamlText;
use super::{ops, DocumentEdit, EditError};
use crate::document::{Document, Format};
use crate::syntax::write_yaml;
use serde_json::Value;

/// The new text and the splices that made it.
pub(crate) fn apply(doc: &Document, edit: &DocumentEdit) -> Result<(String, Vec<Splice>), EditError> {
    let (path, data) = attempt(doc, edit)?;
    if let Attempt::Spliced(target) = path {
        let splices = target.splices.finish(doc.text());
        return Ok((target.text, splices));
    }
    // Declined (an awkward case, see `yaml_text`), or a text the splicing path got wrong
    // (a bug, which the fuzzer reports through `yaml_edit_path`): re-emitted, so the data
    // is always the edit's. Never a panic: the app runs this on whatever a user opens.
    let text = write_yaml(&data);
    let splices = diff(doc.text(), &text);
    Ok((text, splices))
}

enum Attempt {
    Spliced(YamlText),
    Declined(String),
    /// What the text path gave instead of the data: its re-read value, or its error.
    Disagreed(YamlText, Result<Value, EditError>),
}

/// The edit on the data (which decides what it means, and refuses what it refuses: the
/// text path must give exactly this data, in this key order) and on the text.
fn attempt(doc: &Document, edit: &DocumentEdit) -> Result<(Attempt, Value), EditError> {
    let mut data = ValueTree { value: doc.to_value() };
    ops::apply(&mut data, doc.machine(), edit)?;
    let mut target = YamlText::new(doc.text().to_owned(), doc.tree().clone());
    let spliced = ops::apply(&mut target, doc.machine(), edit);
    // The tree is the text's as re-read after the last splice.
    let path = if let Some(why) = target.awkward.take() {
        Attempt::Declined(why)
    } else if spliced.is_ok() && same(&target.tree.to_value(), &data.value) {
        Attempt::Spliced(target)
    } else {
        let got = spliced.map(|_| target.tree.to_value());
        Attempt::Disagreed(target, got)
    };
    Ok((path, data.value))
}

/// Which way a YAML edit went. Both fallbacks re-emit the document, losing its comments
/// and quoting, but only a declined one is by design: a disagreement is a splicing bug
/// the user sees in `git diff` and the edit's result cannot tell, so the fuzzer asks
/// here. Not for the app.
#[doc(hidden)]
#[derive(Debug)]
pub enum YamlPath {
    /// Spliced into the text, with the edit's data.
    Spliced,
    /// The splicing path declined up front, for this reason.
    Declined(String),
    /// Splicing went through but gave other data, or failed without declining.
    Disagreed {
        /// The text as spliced so far.
        text: String,
        /// What that text reads as, or why splicing failed.
        spliced: Result<Value, EditError>,
        /// What the edit means.
        data: Value,
    },
}

/// The way `edit` goes on `doc`; `None` where no YAML splicing is involved (JSON, replaced
/// text) or the edit is refused. A batch reports its first edit that did not splice.
#[doc(hidden)]
pub fn yaml_edit_path(doc: &Document, edit: &DocumentEdit) -> Option<YamlPath> {
    match edit {
        _ if doc.format() != Format::Yaml => None,
        DocumentEdit::ReplaceText { .. } => None,
        DocumentEdit::Batch { edits } => {
            let mut doc = doc.clone();
            for edit in edits {
                match yaml_edit_path(&doc, edit) {
                    Some(YamlPath::Spliced) | None => {}
                    other => return other,
                }
                doc = doc.apply(edit).ok()?;
            }
            Some(YamlPath::Spliced)
        }
        _ => Some(match attempt(doc, edit).ok()? {
            (Attempt::Spliced(_), _) => YamlPath::Spliced,
            (Attempt::Declined(why), _) => YamlPath::Declined(why),
            (Attempt::Disagreed(target, spliced), data) => {
                YamlPath::Disagreed { text: target.text, spliced, data }
            }
        }),
    }
}

/// Equal values, key order included (`Value`'s own equality ignores the order of object
/// members).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        _ => a == b,
    }
}
