//! YAML written in less common ways, edited as splices: JSON-like flow documents, empty
//! values, block scalars, tags, unindented lists, wider indents, no final line break.

use super::yaml_text::apply_yaml;
use super::*;
use serde_json::json;

#[track_caller]
fn lines_changed(text: &str, edit: DocumentEdit, expected: &str) -> Document {
    let new = apply_yaml(text, &edit);
    let got = diff(text, new.text());
    assert_eq!(got.trim_end(), expected.trim(), "{edit:?}\n--- new text\n{}", new.text());
    new
}

#[test]
fn a_json_like_flow_document_grows_and_shrinks_in_its_own_style() {
    let text =
        "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true}\n  }\n}\n";
    let new = lines_changed(
        text,
        add("", "B", json!({"Type": "Succeed"})),
        r#"
-4:     "A": {"Type": "Pass", "End": true}
+4:     "A": {"Type": "Pass", "End": true},
+5:     "B": {"Type": "Succeed"}"#,
    );
    lines_changed(
        new.text(),
        delete("/States/A"),
        r#"
-4:     "A": {"Type": "Pass", "End": true},"#,
    );
    lines_changed(
        text,
        rename("/States/A", "First step"),
        r#"
-2:   "StartAt": "A",
+2:   "StartAt": "First step",
-4:     "A": {"Type": "Pass", "End": true}
+4:     "First step": {"Type": "Pass", "End": true}"#,
    );
}

#[test]
fn empty_values_block_scalars_tags_and_markers() {
    let text = "%YAML 1.2\n---\nStartAt: A\nStates:\n  A:\n    Type: Task\n    Comment: |\n      Two\n      lines\n    Resource: !Sub arn:${Fn}\n    ResultPath:\n    Next: B\n  B:\n    Type: Succeed\n...\n";
    lines_changed(
        text,
        set("/States/A/ResultPath", json!("$.out")),
        "
-11:     ResultPath:
+11:     ResultPath: $.out",
    );
    lines_changed(
        text,
        set("/States/A/Comment", json!("One")),
        "
-7:     Comment: |
-8:       Two
-9:       lines
+7:     Comment: One",
    );
    // The tag stays where the edit does not touch it, and goes with the value it tagged.
    lines_changed(
        text,
        rename("/States/B", "Done"),
        "
-12:     Next: B
-13:   B:
+12:     Next: Done
+13:   Done:",
    );
    lines_changed(
        text,
        set("/States/A/Resource", json!("arn:aws:lambda:x")),
        "
-10:     Resource: !Sub arn:${Fn}
+10:     Resource: arn:aws:lambda:x",
    );
    lines_changed(
        text,
        insert_item("/States/A", ItemList::Retry, None, json!({"ErrorEquals": ["States.ALL"]})),
        "
+13:     Retry:
+14:       - ErrorEquals:
+15:           - States.ALL",
    );
    // A state with a block scalar moves with it, re-indented.
    let text = "StartAt: P\nStates:\n  A:\n    Type: Pass\n    Comment: |\n      Two\n      lines\n    End: true\n  P:\n    Type: Parallel\n    Branches:\n    - StartAt: B\n      States:\n        B:\n          Type: Pass\n          End: true\n    End: true\n";
    let new = apply_yaml(text, &move_state("/States/A", "/States/P/Branches/0"));
    assert!(new.text().contains("        A:\n          Type: Pass\n          Comment: |\n            Two\n            lines\n          End: true\n"), "{}", new.text());
}

#[test]
fn new_text_takes_the_documents_indent_and_list_style() {
    // Four-space indent, lists level with their keys, the whole machine indented.
    let text = "  StartAt: A\n  States:\n      A:\n          Type: Task\n          Resource: arn:x\n          Retry:\n          - ErrorEquals:\n            - States.ALL\n          End: true\n";
    lines_changed(
        text,
        insert_item("/States/A", ItemList::Catch, None, json!({"ErrorEquals": ["States.ALL"], "Next": "A"})),
        "
+10:           Catch:
+11:           - ErrorEquals:
+12:             - States.ALL
+13:             Next: A",
    );
    lines_changed(
        text,
        add("", "B", json!({"Type": "Pass", "Parameters": {"a": 1}, "End": true})),
        "
+10:       B:
+11:           Type: Pass
+12:           Parameters:
+13:               a: 1
+14:           End: true",
    );
    lines_changed(
        text,
        insert_item("/States/A", ItemList::Retry, Some(0), json!({"ErrorEquals": ["X"], "MaxAttempts": 1})),
        "
+8:             - X
+9:             MaxAttempts: 1
+10:           - ErrorEquals:",
    );
}

#[test]
fn a_text_without_a_final_line_break_keeps_having_none() {
    let text = "StartAt: A\nStates:\n  A: {Type: Pass, Next: B}\n  B: {Type: Succeed}";
    lines_changed(
        text,
        add("", "C", json!({"Type": "Fail"})),
        "
-4:   B: {Type: Succeed} [no eol]
+4:   B: {Type: Succeed}
+5:   C: {Type: Fail} [no eol]",
    );
    lines_changed(
        text,
        delete("/States/B"),
        "
-3:   A: {Type: Pass, Next: B}
-4:   B: {Type: Succeed} [no eol]
+3:   A: {Type: Pass, Next: B} [no eol]",
    );
}

#[test]
fn multi_line_flow_collections_and_plain_scalars() {
    let text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: a long comment\n      that goes on\n    Result: {\n      a: 1,\n      b: 2\n    }\n    End: true\n";
    lines_changed(
        text,
        set("/States/A/Comment", json!("short")),
        "
-5:     Comment: a long comment
-6:       that goes on
+5:     Comment: short",
    );
    lines_changed(
        text,
        set("/States/A/Result/c", json!([3])),
        "
-9:       b: 2
+9:       b: 2,
+10:       c: [3]",
    );
    lines_changed(
        text,
        remove("/States/A/Result/a"),
        "
-8:       a: 1,",
    );
}
