//! Undo/redo: whole texts come back byte for byte; no-op edits are not steps.

use super::*;
use asl_model::History;
use serde_json::json;

fn history(text: &str) -> History {
    History::new(open(text))
}

#[test]
fn undo_and_redo_restore_exact_bytes() {
    for text in [MACHINE.to_owned(), crlf(MACHINE), tabs(MACHINE), ETL.to_owned()] {
        let mut h = history(&text);
        let edits = [
            set("/States/Charge/TimeoutSeconds", json!(30)),
            rename("/States/Charge", "Pay"),
            delete("/States/Pay"),
        ];
        let mut texts = vec![text.clone()];
        for edit in &edits {
            // ETL has no Charge: the failing edits leave history alone.
            if h.apply(edit).is_ok() {
                texts.push(h.current().text().to_owned());
            }
        }
        while h.can_undo() {
            texts.pop();
            assert!(h.undo());
            assert_eq!(h.current().text(), texts.last().unwrap());
        }
        assert_eq!(h.current().text(), text);
        assert!(!h.undo(), "nothing left to undo");
        while h.redo() {}
        assert!(!h.can_redo());
    }
}

#[test]
fn a_sequence_undone_step_by_step() {
    let mut h = history(MACHINE);
    h.apply(&set("/States/Review/Seconds", json!(5))).unwrap();
    let after_one = h.current().text().to_owned();
    h.apply(&add("", "Audit", json!({"Type": "Pass", "End": true}))).unwrap();
    let after_two = h.current().text().to_owned();
    assert!(h.undo());
    assert_eq!(h.current().text(), after_one);
    assert!(h.undo());
    assert_eq!(h.current().text(), MACHINE);
    assert!(h.redo());
    assert_eq!(h.current().text(), after_one);
    assert!(h.redo());
    assert_eq!(h.current().text(), after_two);
    assert!(!h.redo());
}

#[test]
fn a_new_edit_clears_redo() {
    let mut h = history(MACHINE);
    h.apply(&set("/States/Review/Seconds", json!(5))).unwrap();
    h.undo();
    assert!(h.can_redo());
    h.apply(&set("/States/Review/Seconds", json!(7))).unwrap();
    assert!(!h.can_redo());
    assert!(!h.redo());
    h.undo();
    assert_eq!(h.current().text(), MACHINE);
}

#[test]
fn a_no_op_edit_is_not_a_step_and_keeps_redo() {
    let mut h = history(MACHINE);
    h.apply(&set("/States/Review/Seconds", json!(5))).unwrap();
    h.undo();
    // Setting a value to itself, renaming to the same name, moving an item onto itself.
    h.apply(&set("/States/Review/Seconds", json!(60))).unwrap();
    h.apply(&rename("/States/Review", "Review")).unwrap();
    h.apply(&move_item("/States/Validate", ItemList::Retry, 0, 0)).unwrap();
    h.apply(&DocumentEdit::ReplaceText { text: MACHINE.into() }).unwrap();
    assert!(!h.can_undo());
    assert!(h.can_redo(), "a no-op must not clear redo");
}

#[test]
fn a_failed_edit_changes_nothing() {
    let mut h = history(MACHINE);
    h.apply(&set("/States/Review/Seconds", json!(5))).unwrap();
    let before = h.current().text().to_owned();
    assert!(h.apply(&rename("/States/Review", "Charge")).is_err());
    assert!(h.apply(&DocumentEdit::ReplaceText { text: "{".into() }).is_err());
    assert_eq!(h.current().text(), before);
    assert!(h.undo());
    assert!(!h.can_undo());
}

#[test]
fn replace_text_is_undoable() {
    let mut h = history(MACHINE);
    h.apply(&DocumentEdit::ReplaceText { text: ETL.into() }).unwrap();
    assert_eq!(h.current().text(), ETL);
    h.undo();
    assert_eq!(h.current().text(), MACHINE);
}
