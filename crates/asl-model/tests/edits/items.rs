//! InsertItem, RemoveItem and MoveItem on Choices, Retry and Catch.

use super::*;
use serde_json::json;

#[test]
fn insert_a_choice_rule_like_its_one_line_neighbours() {
    check(
        MACHINE,
        insert_item(
            "/States/Route",
            ItemList::Choices,
            Some(1),
            json!({"Variable": "$.rush", "BooleanEquals": true, "Next": "Charge"}),
        ),
        r#"
+36:         {"Variable": "$.rush", "BooleanEquals": true, "Next": "Charge"},
"#,
    );
    check(
        MACHINE,
        insert_item(
            "/States/Route",
            ItemList::Choices,
            None,
            json!({"Variable": "$.vip", "IsPresent": true, "Next": "Ship"}),
        ),
        r#"
-36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed"}
+36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed"},
+37:         {"Variable": "$.vip", "IsPresent": true, "Next": "Ship"}
"#,
    );
    check(
        MACHINE,
        insert_item(
            "/States/Route",
            ItemList::Choices,
            Some(0),
            json!({"Variable": "$.vip", "IsPresent": true, "Next": "Ship"}),
        ),
        r#"
+35:         {"Variable": "$.vip", "IsPresent": true, "Next": "Ship"},
"#,
    );
}

#[test]
fn insert_a_retrier_like_its_multi_line_neighbours() {
    check(
        MACHINE,
        insert_item(
            "/States/Validate",
            ItemList::Retry,
            None,
            json!({"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}),
        ),
        r#"
+21:         },
+22:         {
+23:           "ErrorEquals": ["States.ALL"],
+24:           "MaxAttempts": 2
"#,
    );
}

#[test]
fn insert_a_catcher_where_there_is_no_catch_creates_the_field() {
    check(
        MACHINE,
        insert_item(
            "/States/Charge",
            ItemList::Catch,
            None,
            json!({"ErrorEquals": ["States.ALL"], "Next": "Failed"}),
        ),
        r#"
-48:       "Next": "Ship"
+48:       "Next": "Ship",
+49:       "Catch": [
+50:         {
+51:           "ErrorEquals": ["States.ALL"],
+52:           "Next": "Failed"
+53:         }
+54:       ]
"#,
    );
}

#[test]
fn remove_a_retrier() {
    check(
        MACHINE,
        remove_item("/States/Validate", ItemList::Retry, 0),
        r#"
-14:           "ErrorEquals": ["Lambda.TooManyRequestsException"],
-15:           "IntervalSeconds": 2,
-16:           "MaxAttempts": 3
-17:         },
-18:         {
"#,
    );
    check(
        MACHINE,
        remove_item("/States/Validate", ItemList::Retry, 1),
        r#"
-17:         },
-18:         {
-19:           "ErrorEquals": ["States.Timeout"],
-20:           "MaxAttempts": 1
"#,
    );
}

#[test]
fn removing_the_last_retrier_removes_the_retry_field() {
    let one = apply(MACHINE, &remove_item("/States/Validate", ItemList::Retry, 1));
    let none = check(
        one.text(),
        remove_item("/States/Validate", ItemList::Retry, 0),
        r#"
-12:       "Retry": [
-13:         {
-14:           "ErrorEquals": ["Lambda.TooManyRequestsException"],
-15:           "IntervalSeconds": 2,
-16:           "MaxAttempts": 3
-17:         }
-18:       ],
"#,
    );
    assert!(none.machine().states[0].retry.is_empty());
}

#[test]
fn removing_the_only_catcher_removes_the_catch_field() {
    check(
        MACHINE,
        remove_item("/States/Validate", ItemList::Catch, 0),
        r#"
-23:       "Catch": [
-24:         {
-25:           "ErrorEquals": ["States.ALL"],
-26:           "ResultPath": "$.error",
-27:           "Next": "Failed"
-28:         }
-29:       ],
"#,
    );
}

#[test]
fn remove_a_choice_rule_keeps_an_emptied_choices() {
    check(
        MACHINE,
        remove_item("/States/Route", ItemList::Choices, 0),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
"#,
    );
    let one = apply(MACHINE, &remove_item("/States/Route", ItemList::Choices, 1));
    check(
        one.text(),
        remove_item("/States/Route", ItemList::Choices, 0),
        r#"
-34:       "Choices": [
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"}
-36:       ],
+34:       "Choices": [],
"#,
    );
}

#[test]
fn move_items_swaps_their_text() {
    check(
        MACHINE,
        move_item("/States/Route", ItemList::Choices, 1, 0),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
-36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed"}
+35:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed"},
+36:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"}
"#,
    );
}

#[test]
fn move_a_multi_line_retrier() {
    let doc = apply(MACHINE, &move_item("/States/Validate", ItemList::Retry, 0, 1));
    let retry = &doc.to_value()["States"]["Validate"]["Retry"];
    assert_eq!(retry[0]["ErrorEquals"], json!(["States.Timeout"]));
    assert_eq!(retry[1]["IntervalSeconds"], json!(2));
    let d = diff(MACHINE, doc.text());
    // The moved retrier keeps its lines; only the commas move.
    assert_eq!(changed_lines(MACHINE, doc.text()), 8, "{d}");
    let back = apply(doc.text(), &move_item("/States/Validate", ItemList::Retry, 1, 0));
    assert_eq!(back.text(), MACHINE);
}

#[test]
fn move_an_item_to_where_it_is_changes_nothing() {
    let doc = apply(MACHINE, &move_item("/States/Validate", ItemList::Retry, 1, 1));
    assert_eq!(doc.text(), MACHINE);
}

// Branches of a Parallel (Ship has two: Label → Notify, and Invoice).

#[test]
fn add_a_branch_with_one_pass_state_at_the_end() {
    let branch =
        json!({"StartAt": "Branch 3 Pass", "States": {"Branch 3 Pass": {"Type": "Pass", "End": true}}});
    let doc = apply(MACHINE, &insert_item("/States/Ship", ItemList::Branches, None, branch.clone()));
    let branches = &doc.to_value()["States"]["Ship"]["Branches"];
    assert_eq!(branches.as_array().unwrap().len(), 3);
    assert_eq!(branches[2], branch);
    // The two branches before it keep their text: only a comma and the new lines change.
    let d = diff(MACHINE, doc.text());
    assert!(!d.contains("Label") && !d.contains("Invoice"), "{d}");
}

#[test]
fn a_branch_whose_state_names_are_taken_is_refused() {
    for branch in [
        json!({"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Map", "ItemProcessor": {"StartAt": "Label", "States": {"Label": {"Type": "Pass", "End": true}}}, "End": true}}}),
    ] {
        let err = refuse(MACHINE, insert_item("/States/Ship", ItemList::Branches, None, branch));
        assert!(matches!(err, EditError::Conflict(_)), "{err:?}");
    }
}

#[test]
fn only_a_parallel_has_branches() {
    let branch = json!({"StartAt": "New", "States": {"New": {"Type": "Pass", "End": true}}});
    let err = refuse(MACHINE, insert_item("/States/Items", ItemList::Branches, None, branch));
    assert!(matches!(err, EditError::Invalid(_)), "{err:?}");
}

#[test]
fn remove_a_branch_and_an_emptied_branches_is_kept() {
    let one = apply(MACHINE, &remove_item("/States/Ship", ItemList::Branches, 0));
    let ship = &one.to_value()["States"]["Ship"];
    assert_eq!(ship["Branches"].as_array().unwrap().len(), 1);
    assert_eq!(ship["Branches"][0]["StartAt"], json!("Invoice"));
    let none = apply(one.text(), &remove_item("/States/Ship", ItemList::Branches, 0));
    assert_eq!(none.to_value()["States"]["Ship"]["Branches"], json!([]));
}

#[test]
fn move_a_branch_moves_its_text_and_back_restores_it() {
    let doc = apply(MACHINE, &move_item("/States/Ship", ItemList::Branches, 1, 0));
    let branches = &doc.to_value()["States"]["Ship"]["Branches"];
    assert_eq!(branches[0]["StartAt"], json!("Invoice"));
    assert_eq!(branches[1]["StartAt"], json!("Label"));
    let back = apply(doc.text(), &move_item("/States/Ship", ItemList::Branches, 0, 1));
    assert_eq!(back.text(), MACHINE);
}
