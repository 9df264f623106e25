//! SetField, RemoveField and ReplaceText.

use super::*;
use serde_json::json;

#[test]
fn set_a_scalar_changes_one_line() {
    check(
        MACHINE,
        set("/States/Review/Seconds", json!(30)),
        r#"
-42:       "Seconds": 60,
+42:       "Seconds": 30,
"#,
    );
    check(
        MACHINE,
        set("/Comment", json!("Say \"hi\"\nthen go")),
        r#"
-2:   "Comment": "Orders: validate, route by total, charge, then ship and pack",
+2:   "Comment": "Say \"hi\"\nthen go",
"#,
    );
    // A scalar inside an array.
    check(
        MACHINE,
        set("/States/Validate/Retry/0/ErrorEquals/0", json!("Lambda.ServiceException")),
        r#"
-14:           "ErrorEquals": ["Lambda.TooManyRequestsException"],
+14:           "ErrorEquals": ["Lambda.ServiceException"],
"#,
    );
}

#[test]
fn set_a_new_field_appends_it() {
    check(
        MACHINE,
        set("/States/Charge/TimeoutSeconds", json!(30)),
        r#"
-48:       "Next": "Ship"
+48:       "Next": "Ship",
+49:       "TimeoutSeconds": 30
"#,
    );
}

#[test]
fn set_a_new_object_field_is_indented_like_its_neighbours() {
    check(
        MACHINE,
        set("/States/Ship/Branches/1/States/Invoice/Result", json!({"invoice": "pending", "lines": [1, 2]})),
        r#"
-71:               "End": true
+71:               "End": true,
+72:               "Result": {
+73:                 "invoice": "pending",
+74:                 "lines": [1, 2]
+75:               }
"#,
    );
}

#[test]
fn replace_an_object_value() {
    check(
        MACHINE,
        set(
            "/States/Validate/Parameters",
            json!({"FunctionName": "validate-order-v2", "Payload.$": "$.order"}),
        ),
        r#"
-9:         "FunctionName": "validate-order",
-10:         "Payload.$": "$"
+9:         "FunctionName": "validate-order-v2",
+10:         "Payload.$": "$.order"
"#,
    );
}

#[test]
fn replace_a_scalar_by_an_object_in_a_multi_line_object() {
    check(
        MACHINE,
        set("/States/Review/Seconds", json!({"a": 1})),
        r#"
-42:       "Seconds": 60,
+42:       "Seconds": {
+43:         "a": 1
+44:       },
"#,
    );
}

#[test]
fn set_inside_a_single_line_object_keeps_it_on_one_line() {
    check(
        MACHINE,
        set("/States/Route/Choices/0/NumericGreaterThan", json!(250)),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"Variable": "$.total", "NumericGreaterThan": 250, "Next": "Review"},
"#,
    );
    check(
        MACHINE,
        set("/States/Route/Choices/1/Comment", json!("refund")),
        r#"
-36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed"}
+36:         {"Variable": "$.total", "NumericLessThanEquals": 0, "Next": "Failed", "Comment": "refund"}
"#,
    );
    check(
        MACHINE,
        set(
            "/States/Items/ItemProcessor/ProcessorConfig",
            json!({"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}),
        ),
        r#"
-82:         "ProcessorConfig": {"Mode": "INLINE"},
+82:         "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
"#,
    );
    check(
        MACHINE,
        set("/States/Route/Choices/0/Assign", json!({"tier": "gold", "limits": [1, 2]})),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review", "Assign": {"tier": "gold", "limits": [1, 2]}},
"#,
    );
}

#[test]
fn set_appends_to_an_array_at_its_length() {
    check(
        MACHINE,
        set("/States/Validate/Retry/1/ErrorEquals/1", json!("States.TaskFailed")),
        r#"
-19:           "ErrorEquals": ["States.Timeout"],
+19:           "ErrorEquals": ["States.Timeout", "States.TaskFailed"],
"#,
    );
}

#[test]
fn remove_the_first_middle_and_last_member() {
    check(
        MACHINE,
        remove("/States/Review/Type"),
        r#"
-41:       "Type": "Wait",
"#,
    );
    check(
        MACHINE,
        remove("/States/Review/Seconds"),
        r#"
-42:       "Seconds": 60,
"#,
    );
    check(
        MACHINE,
        remove("/States/Review/Next"),
        r#"
-42:       "Seconds": 60,
-43:       "Next": "Charge"
+42:       "Seconds": 60
"#,
    );
}

#[test]
fn remove_inside_a_single_line_object() {
    check(
        MACHINE,
        remove("/States/Route/Choices/0/Variable"),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"NumericGreaterThan": 100, "Next": "Review"},
"#,
    );
    check(
        MACHINE,
        remove("/States/Route/Choices/0/Next"),
        r#"
-35:         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"},
+35:         {"Variable": "$.total", "NumericGreaterThan": 100},
"#,
    );
}

#[test]
fn remove_the_only_member_leaves_an_empty_object() {
    check(
        MACHINE,
        remove("/States/Items/ItemProcessor/ProcessorConfig/Mode"),
        r#"
-82:         "ProcessorConfig": {"Mode": "INLINE"},
+82:         "ProcessorConfig": {},
"#,
    );
    let one = apply(MACHINE, &remove("/States/Validate/Parameters/Payload.$"));
    check(
        one.text(),
        remove("/States/Validate/Parameters/FunctionName"),
        r#"
-8:       "Parameters": {
-9:         "FunctionName": "validate-order"
-10:       },
+8:       "Parameters": {},
"#,
    );
}

#[test]
fn remove_an_array_element() {
    check(
        MACHINE,
        remove("/States/Validate/Catch/0"),
        r#"
-23:       "Catch": [
-24:         {
-25:           "ErrorEquals": ["States.ALL"],
-26:           "ResultPath": "$.error",
-27:           "Next": "Failed"
-28:         }
-29:       ],
+23:       "Catch": [],
"#,
    );
}

#[test]
fn replace_text_takes_valid_text_and_refuses_invalid_text() {
    let doc = open(MACHINE);
    let new = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";
    let replaced = doc.apply(&DocumentEdit::ReplaceText { text: new.into() }).unwrap();
    assert_eq!(replaced.text(), new);
    assert_eq!(replaced.machine().states[0].name, "A");
    for bad in ["{\"StartAt\": ", "[1, 2]", ""] {
        let err = doc.apply(&DocumentEdit::ReplaceText { text: bad.into() }).unwrap_err();
        assert!(matches!(err, EditError::Parse(_)), "{bad:?}: {err:?}");
    }
}
