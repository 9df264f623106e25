//! Golden line diffs of edits on a commented YAML machine with block and flow-style
//! states: YAML edits are splices on the text, as JSON ones are, so each test asserts the
//! exact lines that change, and that every comment not on a removed item survives.

use super::*;
use asl_model::syntax::write_yaml;
use serde_json::json;

pub const ORDERS: &str = include_str!("orders.asl.yaml");

fn open_yaml(text: &str) -> Document {
    let doc = Document::parse(text, Format::Yaml).unwrap_or_else(|e| panic!("fixture does not parse: {e}"));
    assert_eq!(doc.text(), text);
    doc
}

/// The data the same edit gives on the document written as JSON (the JSON path is
/// independent of the YAML one), key order included.
pub fn json_twin(doc: &Document, edit: &DocumentEdit) -> Result<String, EditError> {
    let json = Document::parse(doc.to_format(Format::Json), Format::Json).unwrap();
    json.apply(edit).map(|d| serde_json::to_string(&d.to_value()).unwrap())
}

/// Applies an edit to YAML text, checking its splices, that it gives the data the JSON
/// path gives, and that it was spliced rather than re-emitted.
#[track_caller]
pub fn apply_yaml(text: &str, edit: &DocumentEdit) -> Document {
    let doc = open_yaml(text);
    let applied = doc.apply_spliced(edit).unwrap_or_else(|e| panic!("{edit:?} failed: {e}"));
    let new = applied.document;
    assert_eq!(apply_splices(text, &applied.splices), new.text(), "{edit:?}: its splices");
    let want = json_twin(&doc, edit).unwrap();
    assert_eq!(serde_json::to_string(&new.to_value()).unwrap(), want, "{edit:?}: data\n{}", new.text());
    let re_emitted = new.text() == write_yaml(&new.to_value()) && text != write_yaml(&doc.to_value());
    assert!(!re_emitted, "{edit:?} was re-emitted:\n{}", new.text());
    new
}

#[track_caller]
fn check_yaml(text: &str, edit: DocumentEdit, expected: &str) -> Document {
    let new = apply_yaml(text, &edit);
    let got = diff(text, new.text());
    if got.trim_end() != expected.trim() {
        panic!(
            "{edit:?}\n--- expected diff\n{}\n--- actual diff\n{got}\n--- new text\n{}",
            expected.trim(),
            new.text()
        );
    }
    new
}

/// `#` comment lines, trimmed.
pub fn comments(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| l.starts_with('#')).collect()
}

#[test]
fn renaming_a_state_changes_only_the_lines_naming_it() {
    check_yaml(
        ORDERS,
        rename("/States/Review", "Hold"),
        "
-24:         Next: Review    # big orders wait
+24:         Next: Hold    # big orders wait
-28:   Review: {Type: Wait, Seconds: 60, Next: Done}
+28:   Hold: {Type: Wait, Seconds: 60, Next: Done}",
    );
    // A name YAML would misread is quoted; a quoted key keeps its quotes.
    let new = check_yaml(
        ORDERS,
        rename("/States/Done", "yes"),
        r#"
-25:     Default: Done
+25:     Default: "yes"
-28:   Review: {Type: Wait, Seconds: 60, Next: Done}
-29:   Done: {Type: Succeed}
+28:   Review: {Type: Wait, Seconds: 60, Next: "yes"}
+29:   "yes": {Type: Succeed}"#,
    );
    check_yaml(
        new.text(),
        rename("/States/yes", "All done"),
        r#"
-25:     Default: "yes"
+25:     Default: "All done"
-28:   Review: {Type: Wait, Seconds: 60, Next: "yes"}
-29:   "yes": {Type: Succeed}
+28:   Review: {Type: Wait, Seconds: 60, Next: "All done"}
+29:   "All done": {Type: Succeed}"#,
    );
}

#[test]
fn setting_a_field_changes_one_line() {
    check_yaml(
        ORDERS,
        set("/States/Review/Seconds", json!(90)),
        "
-28:   Review: {Type: Wait, Seconds: 60, Next: Done}
+28:   Review: {Type: Wait, Seconds: 90, Next: Done}",
    );
    check_yaml(
        ORDERS,
        set("/States/Validate/Retry/0/MaxAttempts", json!(5)),
        "
-16:         MaxAttempts: 2
+16:         MaxAttempts: 5",
    );
    // A quoted scalar keeps its quotes and its comment.
    check_yaml(
        ORDERS,
        set("/States/Validate/Parameters/FunctionName", json!("check")),
        "
-11:       FunctionName: 'validate'   # quoted on purpose
+11:       FunctionName: 'check'   # quoted on purpose",
    );
    // A new member of a flow mapping joins it; of a block mapping, takes a line.
    check_yaml(
        ORDERS,
        set("/States/Review/Comment", json!("a: b")),
        r#"
-28:   Review: {Type: Wait, Seconds: 60, Next: Done}
+28:   Review: {Type: Wait, Seconds: 60, Next: Done, Comment: "a: b"}"#,
    );
    check_yaml(
        ORDERS,
        set("/States/Route/Comment", json!({"why": ["big", "small"]})),
        "
+26:     Comment:
+27:       why: [big, small]",
    );
}

#[test]
fn adding_a_catch_adds_only_its_lines() {
    check_yaml(
        ORDERS,
        insert_item(
            "/States/Validate",
            ItemList::Catch,
            None,
            json!({"ErrorEquals": ["States.ALL"], "Next": "Done"}),
        ),
        "
+19:     Catch:
+20:       - ErrorEquals: [States.ALL]
+21:         Next: Done",
    );
    check_yaml(
        ORDERS,
        insert_item("/States/Validate", ItemList::Retry, Some(1), json!({"ErrorEquals": ["Lambda.Busy"]})),
        "
+17:       - ErrorEquals: [Lambda.Busy]",
    );
}

#[test]
fn deleting_a_state_removes_its_lines_and_comments() {
    check_yaml(
        ORDERS,
        delete("/States/Review"),
        "
-24:         Next: Review    # big orders wait
+24:         Next: Done    # big orders wait
-27:   # A human looks at it.
-28:   Review: {Type: Wait, Seconds: 60, Next: Done}",
    );
    let new = check_yaml(
        ORDERS,
        remove("/States/Validate/Retry/0"),
        "
-14:       # Timeouts are worth a second try.
-15:       - ErrorEquals: [States.Timeout]
-16:         MaxAttempts: 2",
    );
    // The last element leaves `[]` where it was.
    check_yaml(
        new.text(),
        remove("/States/Validate/Retry/0"),
        "
-13:     Retry:
-14:       - ErrorEquals: [States.ALL]
+13:     Retry: []",
    );
    check_yaml(
        ORDERS,
        remove("/States/Validate/Retry/0/ErrorEquals"),
        "
-15:       - ErrorEquals: [States.Timeout]
-16:         MaxAttempts: 2
+15:       - MaxAttempts: 2",
    );
}

#[test]
fn adding_and_inserting_states_fit_their_neighbours() {
    // Next to a one-line state, a new state is one line too.
    check_yaml(
        ORDERS,
        add("", "Audit", json!({"Type": "Pass", "End": true})),
        "
+30:   Audit: {Type: Pass, End: true}",
    );
    check_yaml(
        ORDERS,
        insert_between(
            "/States/Validate",
            Transition::Next,
            "Log",
            json!({"Type": "Pass", "Result": {"a": 1}}),
        ),
        "
+18:     Next: Log
+19:   Log:
+20:     Type: Pass
+21:     Result:
+22:       a: 1",
    );
    check_yaml(
        ORDERS,
        disconnect("/States/Review", Transition::Next),
        "
-28:   Review: {Type: Wait, Seconds: 60, Next: Done}
+28:   Review: {Type: Wait, Seconds: 60, End: true}",
    );
}

#[test]
fn moved_items_and_states_keep_their_text_and_comments() {
    check_yaml(
        ORDERS,
        move_item("/States/Validate", ItemList::Retry, 1, 0),
        "
+14:       - ErrorEquals: [States.ALL]
-17:       - ErrorEquals: [States.ALL]",
    );
    let text = "StartAt: A\nStates:\n  # The first.\n  A:\n    Type: Pass   # just passes\n    Next: P\n  P:\n    Type: Parallel\n    Branches:\n      - StartAt: B\n        States:\n          B: {Type: Pass, End: true}\n    End: true\n";
    check_yaml(
        text,
        move_state("/States/A", "/States/P/Branches/0"),
        "
-1: StartAt: A
+1: StartAt: P
-3:   # The first.
-4:   A:
-5:     Type: Pass   # just passes
-6:     Next: P
+9:           # The first.
+10:           A:
+11:             Type: Pass   # just passes
+12:             End: true",
    );
}

#[test]
fn crlf_text_keeps_its_line_endings_and_comments_survive_every_edit() {
    let text = ORDERS.replace('\n', "\r\n");
    let edits = [
        rename("/States/Route", "Decide"),
        set("/States/Review/Seconds", json!(5)),
        insert_item(
            "/States/Validate",
            ItemList::Catch,
            None,
            json!({"ErrorEquals": ["States.ALL"], "Next": "Done"}),
        ),
        add("", "Audit", json!({"Type": "Pass", "Parameters": {"x.$": "$.y"}, "End": true})),
        move_item("/States/Validate", ItemList::Retry, 0, 1),
        remove("/States/Validate/Parameters"),
    ];
    for edit in edits {
        let new = apply_yaml(&text, &edit);
        assert!(
            !new.text().replace("\r\n", "").contains('\n'),
            "{edit:?}: a bare line break\n{}",
            new.text()
        );
        assert_eq!(comments(new.text()), comments(&text), "{edit:?}");
        assert!(new.text().starts_with("# Orders, in YAML"));
    }
}

#[test]
fn edits_near_anchors_splice_and_edits_of_aliased_nodes_are_re_emitted() {
    let text = "# retries shared\nStartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: arn:x\n    Retry: &retry [{ErrorEquals: [States.ALL]}]\n    Next: B\n  B:\n    Type: Task\n    Resource: arn:y\n    Retry: *retry\n    End: true\n";
    // Elsewhere: spliced, anchors and comments kept.
    let new = apply_yaml(text, &set("/States/B/Resource", json!("arn:z")));
    assert_eq!(diff(text, new.text()), "-11:     Resource: arn:y\n+11:     Resource: arn:z\n");
    // Inside the aliased list: one splice would change both states, so the document is
    // re-emitted, and the data is what the edit means.
    let doc = open_yaml(text);
    let edit = set("/States/B/Retry/0/MaxAttempts", json!(3));
    let new = doc.apply(&edit).unwrap();
    assert_eq!(serde_json::to_string(&new.to_value()).unwrap(), json_twin(&doc, &edit).unwrap());
    assert_eq!(new.to_value()["States"]["A"]["Retry"][0].get("MaxAttempts"), None);
}
