//! Bad edits are refused with an `EditError`, never a panic, and never a changed text.

use super::*;
use serde_json::json;

fn kind(e: &EditError) -> &'static str {
    match e {
        EditError::NotFound(_) => "NotFound",
        EditError::Conflict(_) => "Conflict",
        EditError::Invalid(_) => "Invalid",
        EditError::Parse(_) => "Parse",
        EditError::Internal(_) => "Internal",
    }
}

#[test]
fn bad_edits_are_refused_with_the_right_error() {
    let pass = json!({"Type": "Pass", "End": true});
    let cases: Vec<(DocumentEdit, &str)> = vec![
        // Pointers to nothing.
        (add("/States/Nope", "X", pass.clone()), "NotFound"),
        (add("/States/Charge", "X", pass.clone()), "NotFound"),
        (insert_between("/States/Nope", Transition::Next, "X", pass.clone()), "NotFound"),
        (connect("/States/Nope", Transition::Next, "Charge"), "NotFound"),
        (disconnect("/States/Nope", Transition::Next), "NotFound"),
        (set("/States/Nope/Type", json!("Pass")), "NotFound"),
        (set("no-slash", json!(1)), "NotFound"),
        (remove("/States/Charge/Nope"), "NotFound"),
        (remove("/States/Validate/Retry/9"), "NotFound"),
        (remove("/States/Validate/Retry/x"), "NotFound"),
        (remove(""), "Invalid"),
        (rename("/States/Nope", "X"), "NotFound"),
        (rename("/States", "X"), "NotFound"),
        (delete("/States/Nope"), "NotFound"),
        (delete("/States/Ship/Branches/0"), "NotFound"),
        (move_state("/States/Nope", ""), "NotFound"),
        (move_state("/States/Charge", "/States/Nope"), "NotFound"),
        (insert_item("/States/Nope", ItemList::Retry, None, json!({})), "NotFound"),
        (remove_item("/States/Nope", ItemList::Retry, 0), "NotFound"),
        (move_item("/States/Nope", ItemList::Retry, 0, 1), "NotFound"),
        // Structural nonsense.
        (move_state("/States/Ship", "/States/Ship/Branches/0"), "Invalid"),
        (move_state("/States/Items", "/States/Items/ItemProcessor"), "Invalid"),
        (set("", json!(1)), "Invalid"),
        (add("", "Bad", json!("not an object")), "Invalid"),
        (insert_item("/States/Charge", ItemList::Choices, None, json!({"Next": "Ship"})), "Invalid"),
        (
            insert_item("/States/Route", ItemList::Retry, None, json!({"ErrorEquals": ["States.ALL"]})),
            "Invalid",
        ),
        (insert_item("/States/Validate", ItemList::Retry, None, json!("States.ALL")), "Invalid"),
        // Empty and taken names.
        (add("", "", pass.clone()), "Invalid"),
        (rename("/States/Charge", ""), "Invalid"),
        (insert_between("/States/Charge", Transition::Next, "", pass.clone()), "Invalid"),
        (add("", "Charge", pass.clone()), "Conflict"),
        (add("/States/Ship/Branches/0", "Charge", pass.clone()), "Conflict"),
        (insert_between("/States/Charge", Transition::Next, "Label", pass.clone()), "Conflict"),
        // Out-of-range item indexes and transitions.
        (insert_item("/States/Validate", ItemList::Retry, Some(3), json!({"ErrorEquals": ["X"]})), "Invalid"),
        (
            insert_item(
                "/States/Charge",
                ItemList::Catch,
                Some(1),
                json!({"ErrorEquals": ["X"], "Next": "Ship"}),
            ),
            "Invalid",
        ),
        (remove_item("/States/Validate", ItemList::Retry, 2), "NotFound"),
        (remove_item("/States/Charge", ItemList::Retry, 0), "NotFound"),
        (move_item("/States/Validate", ItemList::Retry, 2, 0), "NotFound"),
        (move_item("/States/Validate", ItemList::Retry, 0, 2), "Invalid"),
        (move_item("/States/Charge", ItemList::Catch, 0, 0), "NotFound"),
        (connect("/States/Route", Transition::ChoiceRule(2), "Charge"), "NotFound"),
        (connect("/States/Validate", Transition::Catch(1), "Charge"), "NotFound"),
        (disconnect("/States/Route", Transition::ChoiceRule(5)), "NotFound"),
        (insert_between("/States/Validate", Transition::Catch(3), "X", pass.clone()), "NotFound"),
        (insert_between("/States/Route", Transition::Next, "X", pass.clone()), "Invalid"),
        // Text that does not parse.
        (DocumentEdit::ReplaceText { text: "{\"StartAt\": }".into() }, "Parse"),
    ];
    let doc = open(MACHINE);
    for (edit, want) in cases {
        match doc.apply(&edit) {
            Ok(new) => panic!("{edit:?} should be refused, gave:\n{}", diff(MACHINE, new.text())),
            Err(e) => assert_eq!(kind(&e), want, "{edit:?}: {e}"),
        }
    }
    assert_eq!(doc.text(), MACHINE);
}

#[test]
fn bad_edits_never_panic_on_any_pointer() {
    // Every edit kind against pointers of every shape, on JSON and YAML.
    let pointers = [
        "",
        "/",
        "//",
        "/States",
        "/States/",
        "/States/Charge",
        "/States/Charge/Next",
        "/States/Route/Choices/0",
        "/States/Route/Choices/-1",
        "/States/Ship/Branches/0",
        "/States/Ship/Branches/9",
        "/States/Ship/Branches/0/States/Label",
        "/States/Items/ItemProcessor",
        "/States/Items/ItemProcessor/States/Pack",
        "/Comment",
        "/StartAt",
        "/~",
        "/States/~2",
        "x",
        "/States/Validate/Retry/0/ErrorEquals/0",
        "/States/Validate/Retry/99999999999999999999",
    ];
    let values = [json!(null), json!({}), json!({"Type": "Pass"}), json!([1]), json!("s")];
    let yaml = Document::parse("StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n", Format::Yaml).unwrap();
    let docs = [open(MACHINE), open(ETL), yaml];
    let transitions = [
        Transition::Next,
        Transition::Default,
        Transition::ChoiceRule(0),
        Transition::Catch(0),
        Transition::ChoiceRule(99),
    ];
    let lists = [ItemList::Choices, ItemList::Retry, ItemList::Catch];
    for doc in &docs {
        for p in pointers {
            for q in pointers {
                let _ = doc.apply(&move_state(p, q));
            }
            for v in &values {
                let _ = doc.apply(&add(p, "New", v.clone()));
                let _ = doc.apply(&set(p, v.clone()));
                for t in transitions {
                    let _ = doc.apply(&insert_between(p, t, "New", v.clone()));
                }
                for l in lists {
                    for i in [None, Some(0), Some(1), Some(usize::MAX)] {
                        let _ = doc.apply(&insert_item(p, l, i, v.clone()));
                    }
                }
            }
            for t in transitions {
                let _ = doc.apply(&connect(p, t, "Charge"));
                let _ = doc.apply(&disconnect(p, t));
            }
            for l in lists {
                for (a, b) in [(0, 0), (0, 1), (1, 0), (0, usize::MAX), (usize::MAX, 0)] {
                    let _ = doc.apply(&move_item(p, l, a, b));
                }
                let _ = doc.apply(&remove_item(p, l, 0));
                let _ = doc.apply(&remove_item(p, l, usize::MAX));
            }
            let _ = doc.apply(&remove(p));
            let _ = doc.apply(&rename(p, "Other"));
            let _ = doc.apply(&rename(p, ""));
            let _ = doc.apply(&delete(p));
        }
    }
}

#[test]
fn internal_errors_do_not_happen_on_bad_edits() {
    // An Internal error means an edit produced unreadable text: a bug, whatever the input.
    let doc = open(MACHINE);
    let edits = [
        set("", json!([1, 2])),
        set("/States", json!("x")),
        add("", "New", json!(null)),
        set("/States/Charge", json!(7)),
    ];
    for edit in edits {
        if let Err(EditError::Internal(m)) = doc.apply(&edit) {
            panic!("{edit:?}: internal error {m}");
        }
    }
}
