//! Batches (one gesture, one step, all or nothing), the splices an edit reports, and the
//! Start transition (inserting before a scope's first state).

use super::*;
use asl_model::edit::Splice;
use asl_model::History;
use serde_json::json;

fn batch(edits: Vec<DocumentEdit>) -> DocumentEdit {
    DocumentEdit::Batch { edits }
}

/// The "retry with backoff + catch" pattern as the States browser drops it: its Fail added
/// to the scope, its Task inserted on an edge, catching to the Fail.
fn pattern(from: &str, transition: Transition) -> DocumentEdit {
    batch(vec![
        add("", "Task Failed", json!({"Type": "Fail", "Error": "TaskFailed"})),
        insert_between(
            from,
            transition,
            "Call",
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Task Failed"}]}),
        ),
    ])
}

#[test]
fn a_batch_is_one_undo_step_back_to_the_exact_text() {
    let mut h = History::new(open(MACHINE));
    h.apply(&pattern("/States/Validate", Transition::Next)).unwrap();
    let value = h.current().to_value();
    assert_eq!(value["States"]["Validate"]["Next"], "Call");
    assert_eq!(value["States"]["Call"]["Next"], "Route");
    assert_eq!(value["States"]["Task Failed"]["Type"], "Fail");
    assert!(h.undo());
    assert_eq!(h.current().text(), MACHINE);
    assert!(!h.can_undo(), "the two edits were one step");
    assert!(h.redo());
    assert_eq!(h.current().to_value(), value);
}

#[test]
fn a_batch_with_a_refused_edit_changes_nothing() {
    let doc = open(MACHINE);
    let edit = batch(vec![
        add("", "Audit", json!({"Type": "Pass", "End": true})),
        // "Audit" exists now: refused, and so is the whole batch.
        add("", "Audit", json!({"Type": "Pass", "End": true})),
    ]);
    assert!(matches!(doc.apply(&edit), Err(EditError::Conflict(_))));
    let mut h = History::new(doc);
    assert!(h.apply(&edit).is_err());
    assert_eq!(h.current().text(), MACHINE);
    assert!(!h.can_undo());
}

#[test]
fn each_edit_of_a_batch_sees_what_the_ones_before_made() {
    let doc = apply(
        MACHINE,
        &batch(vec![
            add("", "Audit", json!({"Type": "Pass", "End": true})),
            rename("/States/Audit", "Audited"),
            connect("/States/Route", Transition::Default, "Audited"),
        ]),
    );
    let value = doc.to_value();
    assert_eq!(value["States"]["Audited"]["Type"], "Pass");
    assert_eq!(value["States"]["Route"]["Default"], "Audited");
}

#[test]
fn a_rename_reports_one_splice_per_place_it_changed() {
    let applied = open(MACHINE).apply_spliced(&rename("/States/Validate", "Check")).unwrap();
    // StartAt and the key: two small splices, not the 100 lines between them.
    let start_at = MACHINE.find("\"Validate\"").unwrap() + 1;
    let key = MACHINE[start_at + 8..].find("\"Validate\"").unwrap() + start_at + 9;
    assert_eq!(
        applied.splices,
        vec![
            Splice { start: start_at, end: start_at + 8, text: "Check".into() },
            Splice { start: key, end: key + 8, text: "Check".into() },
        ]
    );
}

#[test]
fn a_batch_reports_its_splices_on_the_text_before_it() {
    let applied = open(MACHINE).apply_spliced(&pattern("/States/Validate", Transition::Next)).unwrap();
    assert_eq!(apply_splices(MACHINE, &applied.splices), applied.document.text());
    // Validate's Next, the Task after Validate, and the Fail after the last state (its
    // line and the comma it needs): nothing else.
    let places: Vec<&str> = applied.splices.iter().map(|s| &MACHINE[s.start..s.end]).collect();
    assert_eq!(places, ["Route", "", "", ""], "{:#?}", applied.splices);
    assert_eq!(applied.splices[0].text, "Call");
    let undone = asl_model::edit::invert(MACHINE, &applied.splices);
    assert_eq!(apply_splices(applied.document.text(), &undone), MACHINE);
}

#[test]
fn a_state_inserted_on_the_start_edge_runs_first_and_reads_first() {
    check(
        MACHINE,
        insert_between("", Transition::Start, "Prepare", json!({"Type": "Pass"})),
        r#"
-3:   "StartAt": "Validate",
+3:   "StartAt": "Prepare",
+5:     "Prepare": {
+6:       "Type": "Pass",
+7:       "Next": "Validate"
+8:     },
"#,
    );
}

#[test]
fn a_pattern_on_a_branch_start_edge_is_one_batch() {
    let branch = "/States/Ship/Branches/0";
    let edit = batch(vec![
        add(branch, "Label Failed", json!({"Type": "Fail"})),
        insert_between(
            branch,
            Transition::Start,
            "Print",
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Label Failed"}]}),
        ),
    ]);
    let value = apply(MACHINE, &edit).to_value();
    let b = &value["States"]["Ship"]["Branches"][0];
    assert_eq!(b["StartAt"], "Print");
    assert_eq!(b["States"]["Print"]["Next"], "Label");
    assert_eq!(b["States"].as_object().unwrap().keys().next().unwrap(), "Print");
    assert_eq!(b["States"]["Label Failed"]["Type"], "Fail");
}

#[test]
fn the_start_edge_connects_and_never_disconnects() {
    check(
        MACHINE,
        connect("", Transition::Start, "Route"),
        r#"
-3:   "StartAt": "Validate",
+3:   "StartAt": "Route",
"#,
    );
    assert!(matches!(refuse(MACHINE, disconnect("", Transition::Start)), EditError::Invalid(_)));
    // A state's transitions are not Start; a branch's states are not the machine's.
    assert!(matches!(
        refuse(MACHINE, connect("/States/Validate", Transition::Start, "Route")),
        EditError::NotFound(_)
    ));
    assert!(matches!(refuse(MACHINE, connect("", Transition::Start, "Label")), EditError::NotFound(_)));
}

#[test]
fn a_state_added_without_an_exit_ends_there() {
    let value = apply(
        MACHINE,
        &batch(vec![
            add("", "Audit", json!({"Type": "Pass"})),
            add("", "Pick", json!({"Type": "Choice", "Choices": []})),
            add("", "Stop", json!({"Type": "Succeed"})),
            add("", "Hop", json!({"Type": "Pass", "Next": "Route"})),
        ]),
    )
    .to_value();
    assert_eq!(value["States"]["Audit"]["End"], true);
    assert_eq!(value["States"]["Pick"], json!({"Type": "Choice", "Choices": []}));
    assert_eq!(value["States"]["Stop"], json!({"Type": "Succeed"}));
    assert_eq!(value["States"]["Hop"], json!({"Type": "Pass", "Next": "Route"}));
}
