//! The same edits on other layouts: 4 spaces, tabs, CRLF, no final newline and JSONC
//! with comments and trailing commas. New lines follow the document's indent unit and
//! line ending; comments stay with the lines they sit on.

use super::*;
use serde_json::json;

#[test]
fn four_space_indent() {
    let text = four_spaces(MACHINE);
    check(
        &text,
        set("/States/Review/Seconds", json!(5)),
        r#"
-42:             "Seconds": 60,
+42:             "Seconds": 5,
"#,
    );
    check(
        &text,
        insert_between("/States/Charge", Transition::Next, "Audit", json!({"Type": "Pass"})),
        r#"
+48:             "Next": "Audit"
+49:         },
+50:         "Audit": {
+51:             "Type": "Pass",
"#,
    );
    check(
        &text,
        add("/States/Ship/Branches/1", "Archive", json!({"Type": "Pass", "End": true})),
        r#"
+72:                         },
+73:                         "Archive": {
+74:                             "Type": "Pass",
+75:                             "End": true
"#,
    );
}

#[test]
fn tab_indent() {
    let text = tabs(MACHINE);
    check(
        &text,
        set("/States/Charge/TimeoutSeconds", json!(30)),
        r#"
-48: \t\t\t"Next": "Ship"
+48: \t\t\t"Next": "Ship",
+49: \t\t\t"TimeoutSeconds": 30
"#,
    );
    check(
        &text,
        add("/States/Items/ItemProcessor", "Weigh", json!({"Type": "Pass", "End": true})),
        r#"
+88: \t\t\t\t\t},
+89: \t\t\t\t\t"Weigh": {
+90: \t\t\t\t\t\t"Type": "Pass",
+91: \t\t\t\t\t\t"End": true
"#,
    );
    check(
        &text,
        remove_item("/States/Validate", ItemList::Retry, 1),
        r#"
-17: \t\t\t\t},
-18: \t\t\t\t{
-19: \t\t\t\t\t"ErrorEquals": ["States.Timeout"],
-20: \t\t\t\t\t"MaxAttempts": 1
"#,
    );
}

#[test]
fn crlf_line_endings() {
    let text = crlf(MACHINE);
    check(
        &text,
        disconnect("/States/Charge", Transition::Next),
        r#"
-48:       "Next": "Ship"\r
+48:       "End": true\r
"#,
    );
    let doc = check(
        &text,
        insert_between("/States/Route", Transition::Default, "Discount", json!({"Type": "Pass"})),
        r#"
-38:       "Default": "Charge"\r
+38:       "Default": "Discount"\r
+40:     "Discount": {\r
+41:       "Type": "Pass",\r
+42:       "Next": "Charge"\r
+43:     },\r
"#,
    );
    assert!(!doc.text().replace("\r\n", "").contains('\n'), "a bare LF crept in");
    let doc = apply(
        &text,
        &insert_item(
            "/States/Charge",
            ItemList::Catch,
            None,
            json!({"ErrorEquals": ["States.ALL"], "Next": "Failed"}),
        ),
    );
    assert!(!doc.text().replace("\r\n", "").contains('\n'), "a bare LF crept in");
    let doc = apply(&text, &move_state("/States/Review", "/States/Ship/Branches/1"));
    assert!(!doc.text().replace("\r\n", "").contains('\n'), "a bare LF crept in");
}

#[test]
fn no_final_newline() {
    let text = MACHINE.trim_end();
    check(
        text,
        add("", "Audit", json!({"Type": "Succeed"})),
        r#"
+96:     },
+97:     "Audit": {
+98:       "Type": "Succeed"
"#,
    );
    check(
        text,
        set("/TimeoutSeconds", json!(3600)),
        r#"
-97:   }
+97:   },
+98:   "TimeoutSeconds": 3600
"#,
    );
    assert!(!apply(text, &remove("/Comment")).text().ends_with('\n'));
}

#[test]
fn jsonc_set_keeps_comments() {
    check(
        ETL,
        set("/States/Extract/Next", json!("Alert")),
        r#"
-17:       "Next": "Load", // then load
+17:       "Next": "Alert", // then load
"#,
    );
    check(
        ETL,
        set("/States/Load/TimeoutSeconds", json!(600)),
        r#"
-23:       "TimeoutSeconds": 300,
+23:       "TimeoutSeconds": 600,
"#,
    );
}

#[test]
fn jsonc_append_after_a_trailing_comma_and_comment() {
    check(
        ETL,
        add("", "Done", json!({"Type": "Succeed"})),
        r#"
+29:     "Done": {
+30:       "Type": "Succeed"
+31:     },
"#,
    );
    check(
        ETL,
        set("/States/Load/Comment", json!("bulk load")),
        r#"
+25:       "Comment": "bulk load",
"#,
    );
    check(
        ETL,
        insert_item(
            "/States/Extract",
            ItemList::Retry,
            None,
            json!({"ErrorEquals": ["Glue.AccessDeniedException"], "MaxAttempts": 0}),
        ),
        r#"
+13:         {"ErrorEquals": ["Glue.AccessDeniedException"], "MaxAttempts": 0},
"#,
    );
}

#[test]
fn jsonc_remove_takes_the_item_comments_and_leaves_the_others() {
    check(
        ETL,
        remove_item("/States/Extract", ItemList::Retry, 0),
        r#"
-10:         // Glue throttles concurrent runs
-11:         {"ErrorEquals": ["Glue.ConcurrentRunsExceededException"], "MaxAttempts": 5}, // keep high
"#,
    );
    check(
        ETL,
        remove_item("/States/Extract", ItemList::Retry, 1),
        r#"
-12:         {"ErrorEquals": ["States.ALL"], "MaxAttempts": 1},
"#,
    );
    check(
        ETL,
        remove("/States/Extract/Next"),
        r#"
-17:       "Next": "Load", // then load
"#,
    );
    // The comment above a state goes with it; the comment on a neighbour stays.
    check(
        ETL,
        delete("/States/Extract"),
        r#"
-3:   "StartAt": "Extract",
+3:   "StartAt": "Load",
-5:     // Pulls yesterday's rows
-6:     "Extract": {
-7:       "Type": "Task",
-8:       "Resource": "arn:aws:states:::glue:startJobRun.sync",
-9:       "Retry": [
-10:         // Glue throttles concurrent runs
-11:         {"ErrorEquals": ["Glue.ConcurrentRunsExceededException"], "MaxAttempts": 5}, // keep high
-12:         {"ErrorEquals": ["States.ALL"], "MaxAttempts": 1},
-13:       ],
-14:       "Catch": [
-15:         {"ErrorEquals": ["States.ALL"], "Next": "Alert"}, // page someone
-16:       ],
-17:       "Next": "Load", // then load
-18:     },
"#,
    );
}

#[test]
fn jsonc_remove_the_last_member_keeps_the_neighbours_comment() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\", // a pass\n      \"End\": true\n    }\n  }\n}\n";
    check(
        text,
        remove("/States/A/End"),
        r#"
-5:       "Type": "Pass", // a pass
-6:       "End": true
+5:       "Type": "Pass" // a pass
"#,
    );
    // Appending after a last member with a comment and no comma: the comma goes before
    // the comment.
    let no_end = apply(text, &remove("/States/A/End"));
    check(
        no_end.text(),
        set("/States/A/Comment", json!("x")),
        r#"
-5:       "Type": "Pass" // a pass
+5:       "Type": "Pass", // a pass
+6:       "Comment": "x"
"#,
    );
    check(
        text,
        set("/States/A/Comment", json!("x")),
        r#"
-6:       "End": true
+6:       "End": true,
+7:       "Comment": "x"
"#,
    );
}

#[test]
fn jsonc_move_item_carries_its_comments() {
    check(
        ETL,
        move_item("/States/Extract", ItemList::Retry, 0, 1),
        r#"
+10:         {"ErrorEquals": ["States.ALL"], "MaxAttempts": 1},
-12:         {"ErrorEquals": ["States.ALL"], "MaxAttempts": 1},
"#,
    );
}

#[test]
fn jsonc_rename_and_connect() {
    check(
        ETL,
        rename("/States/Load", "LoadWarehouse"),
        r#"
-17:       "Next": "Load", // then load
+17:       "Next": "LoadWarehouse", // then load
-19:     "Load": {
+19:     "LoadWarehouse": {
"#,
    );
    check(
        ETL,
        connect("/States/Load", Transition::Next, "Alert"),
        r#"
-24:       "End": true,
+24:       "Next": "Alert",
"#,
    );
}
