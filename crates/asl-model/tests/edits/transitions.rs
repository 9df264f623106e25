//! Connect and Disconnect: each changes the one line holding the transition.

use super::*;

#[test]
fn connect_next_replaces_end_in_place() {
    check(
        MACHINE,
        connect("/States/Items", Transition::Next, "Failed"),
        r#"
-91:       "End": true
+91:       "Next": "Failed"
"#,
    );
}

#[test]
fn connect_next_retargets() {
    check(
        MACHINE,
        connect("/States/Review", Transition::Next, "Failed"),
        r#"
-43:       "Next": "Charge"
+43:       "Next": "Failed"
"#,
    );
}

#[test]
fn connect_default_rule_and_catch() {
    check(
        MACHINE,
        connect("/States/Route", Transition::Default, "Review"),
        r#"
-38:       "Default": "Charge"
+38:       "Default": "Review"
"#,
    );
    check(
        MACHINE,
        connect("/States/Route", Transition::ChoiceRule(1), "Charge"),
        r#"
-36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed"}
+36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Charge"}
"#,
    );
    check(
        MACHINE,
        connect("/States/Validate", Transition::Catch(0), "Route"),
        r#"
-27:           "Next": "Failed"
+27:           "Next": "Route"
"#,
    );
}

#[test]
fn connect_inside_a_branch() {
    check(
        MACHINE,
        connect("/States/Ship/Branches/0/States/Notify", Transition::Next, "Label"),
        r#"
-62:               "End": true
+62:               "Next": "Label"
"#,
    );
}

#[test]
fn disconnect_next_becomes_end_in_place() {
    check(
        MACHINE,
        disconnect("/States/Charge", Transition::Next),
        r#"
-48:       "Next": "Ship"
+48:       "End": true
"#,
    );
}

#[test]
fn disconnect_default_then_connect_it_again() {
    let without = check(
        MACHINE,
        disconnect("/States/Route", Transition::Default),
        r#"
-37:       ],
-38:       "Default": "Charge"
+37:       ]
"#,
    );
    let again = check(
        without.text(),
        connect("/States/Route", Transition::Default, "Charge"),
        r#"
-37:       ]
+37:       ],
+38:       "Default": "Charge"
"#,
    );
    assert_eq!(again.text(), MACHINE);
}

#[test]
fn disconnect_a_rule_and_a_catch_removes_their_next() {
    check(
        MACHINE,
        disconnect("/States/Route", Transition::ChoiceRule(0)),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"Variable": "$.total", "NumericGreaterThan": 100},
"#,
    );
    check(
        MACHINE,
        disconnect("/States/Validate", Transition::Catch(0)),
        r#"
-26:           "ResultPath": "$.error",
-27:           "Next": "Failed"
+26:           "ResultPath": "$.error"
"#,
    );
}

#[test]
fn connect_refuses_a_target_outside_the_scope() {
    // Transitions never cross a branch boundary in ASL.
    let err = refuse(MACHINE, connect("/States/Charge", Transition::Next, "Label"));
    assert!(matches!(err, EditError::NotFound(_)), "{err:?}");
    let err = refuse(MACHINE, connect("/States/Charge", Transition::Next, "Nowhere"));
    assert!(matches!(err, EditError::NotFound(_)), "{err:?}");
}

#[test]
fn transitions_a_state_cannot_have_are_refused() {
    let cases = [
        connect("/States/Route", Transition::Next, "Charge"),
        connect("/States/Failed", Transition::Next, "Charge"),
        connect("/States/Charge", Transition::Default, "Ship"),
        connect("/States/Charge", Transition::ChoiceRule(0), "Ship"),
        disconnect("/States/Route", Transition::Next),
        disconnect("/States/Items", Transition::Next),
        insert_between("/States/Failed", Transition::Next, "After", serde_json::json!({"Type": "Pass"})),
    ];
    for edit in cases {
        let err = refuse(MACHINE, edit.clone());
        assert!(matches!(err, EditError::Invalid(_) | EditError::NotFound(_)), "{edit:?}: {err:?}");
    }
}
