//! One edit on a YAML document: spliced into its text (`YamlText`), checked against the
//! same edit applied to its data (`ValueTree`), and re-emitted whole only where the
//! splicing path declines (the awkward cases listed in `yaml_text`).

use super::splice::{diff, Splice};
use super::value_tree::ValueTree;
use super::yaml_text::YamlText;
use super::{ops, DocumentEdit, EditError};
use crate::document::Document;
use crate::syntax::write_yaml;
use serde_json::Value;

/// The new text and the splices that made it.
pub(crate) fn apply(doc: &Document, edit: &DocumentEdit) -> Result<(String, Vec<Splice>), EditError> {
    // The data path decides what the edit means (and refuses what it refuses): the text
    // path must give exactly this data, in this key order.
    let mut data = ValueTree { value: doc.to_value() };
    ops::apply(&mut data, doc.machine(), edit)?;
    let mut target = YamlText::new(doc.text().to_owned(), doc.tree().clone());
    let spliced = ops::apply(&mut target, doc.machine(), edit);
    // The tree is the text's as re-read after the last splice.
    if spliced.is_ok() && same(&target.tree.to_value(), &data.value) {
        let splices = target.splices.finish(doc.text());
        return Ok((target.text, splices));
    }
    // Declined (an awkward case, see `yaml_text`), or a text the splicing path got wrong
    // (the fuzzer finds such: a CR line break, a repeated key): re-emitted, so the data is
    // always the edit's. Never a panic: the app runs this on whatever a user opens. The
    // corpus tests assert that real machines are spliced (`yaml_corpus.rs`).
    let text = write_yaml(&data.value);
    let splices = diff(doc.text(), &text);
    Ok((text, splices))
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
