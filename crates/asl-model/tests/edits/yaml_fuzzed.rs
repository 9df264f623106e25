//! YAML edits the fuzzer (`fuzz/fuzz_targets/edits.rs`) found splicing to other data than
//! the edit means; each input is kept in `fuzz/regressions/edits` under the name given
//! here. Each is now spliced, or declined up front for a stated reason (which re-emits
//! the document: by design, not by accident), and gives the data the JSON path gives.

use super::yaml_text::apply_yaml;
use super::*;
use asl_model::edit::{yaml_edit_path, YamlPath};
use serde_json::json;

/// Asserts that the splicing path declines `edit` on `text` for `why`, and that the
/// re-emitted document has the edit's data, `data`.
#[track_caller]
fn declined(text: &str, edit: DocumentEdit, why: &str, data: Value) {
    let doc = Document::parse(text, Format::Yaml).unwrap();
    match yaml_edit_path(&doc, &edit) {
        Some(YamlPath::Declined(reason)) => assert_eq!(reason, why, "{edit:?}"),
        other => panic!("{edit:?}: expected declined ({why}), got {other:?}"),
    }
    let new = doc.apply(&edit).unwrap();
    assert_eq!(serde_json::to_string(&new.to_value()).unwrap(), data.to_string(), "{edit:?}");
}

/// Asserts that `edit` is spliced (and, by `apply_yaml`, gives the JSON path's data) and
/// that the text then reads `want`.
#[track_caller]
fn spliced(text: &str, edit: DocumentEdit, want: &str) {
    let doc = Document::parse(text, Format::Yaml).unwrap();
    assert!(matches!(yaml_edit_path(&doc, &edit), Some(YamlPath::Spliced)), "{edit:?}");
    assert_eq!(apply_yaml(text, &edit).text(), want, "{edit:?}");
}

/// `yaml-cr-line-break`: a lone CR breaks the line for YAML, not for the splicing path's
/// columns, which put the new state inside the empty one before it.
#[test]
fn a_text_with_a_lone_cr_line_break_is_declined() {
    let state = json!({"Type": "Pass", "End": true});
    let data = json!({"States": {"": null, "A": state}});
    declined("States:\r :", set("/States/A", state), "a line broken by a lone CR", data);
    // CRLF is a line break the splicing path measures.
    spliced("States:\r\n  A: 1\r\n", set("/States/A", json!(2)), "States:\r\n  A: 2\r\n");
}

/// `yaml-duplicate-key-rename`, `yaml-flow-key-twice-rename`,
/// `yaml-flow-key-twice-disconnect`: the data keeps one member per key, so renaming one of two same keys in
/// the text (a state's name, `Next` becoming `End`) brought its twin back.
#[test]
fn renaming_a_key_of_an_object_holding_a_key_twice_is_declined() {
    // Its keys are written as nothing too, which is declined first.
    let text = "States:\n : :\n :";
    let nothing = "a key written as nothing at /States/";
    declined(text, rename("/States/", "States"), nothing, json!({"States": {"States": null}}));
    let why = "a key written twice at /States";
    declined(
        "{\"States\":{ra\": {},ra\"}}",
        rename("/States/ra\"", "End"),
        why,
        json!({"States": {"End": null}}),
    );
    let text = "{\"States\":{A: {\"Next\",\"Next\":t},l}}";
    let data = json!({"States": {"A": {"End": true}, "l": null}});
    declined(text, disconnect("/States/A", Transition::Next), "a key written twice at /States/A", data);
    // A key written once is renamed in place, a twin elsewhere notwithstanding.
    let text = "States:\n  A: {Next: B, Next: C}\n  B: {End: true}\n";
    spliced(text, rename("/States/B", "Z"), "States:\n  A: {Next: B, Next: C}\n  Z: {End: true}\n");
}

/// `yaml-block-scalar-space-line-then-member`, `...-then-parameters`: a block scalar's whitespace-only lines indented past
/// its text are content (`"y\n "`); the reader ends its span at the last non-blank
/// character, and a member added there cut them off.
#[test]
fn a_member_after_a_block_scalar_goes_after_its_whitespace_content_lines() {
    let text = "States:\n  \"\":\n    Seconds: |-\n      y\n       \n  h: null\n";
    let want = "States:\n  \"\":\n    Seconds: |-\n      y\n       \n    Next: null\n  h: null\n";
    spliced(text, set("/States//Next", json!(null)), want);
    let text =
        "States:\n  \"\":\n    Type: null\n    Arguments: |-\n      ema \"y  {\n        \n  \".\": null\n";
    let want = "States:\n  \"\":\n    Type: null\n    Arguments: |-\n      ema \"y  {\n        \n    Parameters: null\n  \".\": null\n";
    spliced(text, set("/States//Parameters", json!(null)), want);
}

/// `yaml-block-scalar-space-lines-then-state`, `yaml-block-scalar-nested-then-state`,
/// `yaml-block-scalar-indent-indicator-then-state`: the same, a block scalar with an
/// indentation indicator (as `write_yaml` writes one starting with a space) ending a
/// state, deepest last or not, a new state after it.
#[test]
fn a_state_after_a_block_scalar_goes_after_its_whitespace_content_lines() {
    let state = json!({"Type": "Pass", "End": true});
    let text = "States:\n  \"\":\n    End: true\n  e:\n    Seconds: |2-\n       \n        \n\n";
    let want = "States:\n  \"\":\n    End: true\n  e:\n    Seconds: |2-\n       \n        \n  \"é\":\n    Type: Pass\n    End: true\n\n";
    spliced(text, set("/States/é", state.clone()), want);
    let text = "States:\n  A:\n    Seconds:\n      items: End\n      $.a: |2-\n          },\n          \n";
    let want = "States:\n  A:\n    Seconds:\n      items: End\n      $.a: |2-\n          },\n          \n  B:\n    Type: Pass\n    End: true\n";
    spliced(text, set("/States/B", state), want);
}

/// Removing or replacing a block scalar takes its whitespace content lines with it; keep
/// chomping (`|+`) makes its trailing empty lines content too, while after a clipped
/// one they stay the document's blank lines.
#[test]
fn a_block_scalar_is_replaced_and_removed_with_its_trailing_content() {
    let text = "States:\n  A:\n    Comment: |-\n      x\n        \n    End: true\n";
    spliced(text, set("/States/A/Comment", json!("z")), "States:\n  A:\n    Comment: z\n    End: true\n");
    spliced(text, remove("/States/A/Comment"), "States:\n  A:\n    End: true\n");
    let text = "States:\n  A:\n    Comment: |+\n      x\n\n  B:\n    End: true\n";
    let want = "States:\n  A:\n    Comment: |+\n      x\n\n    End: true\n  B:\n    End: true\n";
    spliced(text, set("/States/A/End", json!(true)), want);
    let text = "States:\n  A:\n    Comment: |\n      x\n\n  B:\n    End: true\n";
    let want = "States:\n  A:\n    Comment: |\n      x\n    End: true\n\n  B:\n    End: true\n";
    spliced(text, set("/States/A/End", json!(true)), want);
}

/// `yaml-json-like-del-in-string`: JSON writes DEL (and C1 controls, noncharacters) raw
/// in a string, YAML text may not hold them: new values in a JSON-like document, and
/// double-quoted ones anywhere, escape them.
#[test]
fn characters_yaml_may_not_hold_raw_are_escaped() {
    let text = "{\"States\":{: {\"Seconds\": \"y\\n \"},h, New: {\"Type\": \"Pass\", \"End\": true}}}\n";
    let want = "{\"States\":{: {\"Seconds\": \"y\\n \"},h, New: {\"Type\": \"Pass\", \"End\": true, \"Seconds\": \"h\\u007f\"}}}\n";
    spliced(text, set("/States/New/Seconds", json!("h\u{7f}")), want);
    let text = "States:\n  A:\n    Type: Pass\n    End: true\n";
    let want = "States:\n  A:\n    Type: Pass\n    End: true\n    Comment: \"\\u0085\\u009f\\ufeff\"\n";
    spliced(text, set("/States/A/Comment", json!("\u{85}\u{9f}\u{feff}")), want);
}

/// `yaml-implicit-key-too-long`: YAML reads a key written without `? ` only up to 1024
/// characters; the splicing path writes no `? key`, so it declines such keys.
#[test]
fn a_key_longer_than_yaml_implicit_keys_is_declined() {
    let long = "k".repeat(1100);
    let why = "a key too long for YAML's implicit keys (1024 characters)";
    let text = "States:\n  A:\n    Type: Pass\n    End: true\n";
    let data = json!({"States": {"A": {"Type": "Pass", "End": true, "Parameters": {long.clone(): 1}}}});
    declined(text, set("/States/A/Parameters", json!({long.clone(): 1})), why, data);
    let text = "{\"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}";
    let data = json!({"States": {"A": {"Type": "Pass", "End": true, long.clone(): [1]}}});
    declined(text, set(&format!("/States/A/{long}"), json!([1])), why, data);
    // Escapes count: 200 control characters are 1,200 written.
    let short = "\u{1}".repeat(200);
    let data = json!({"States": {short.clone(): {"Type": "Pass", "End": true}}});
    declined("States:\n  A:\n    Type: Pass\n    End: true\n", rename("/States/A", &short), why, data);
    // Up to the limit, spliced.
    let key = "k".repeat(900);
    let want = format!("States:\n  A:\n    Type: Pass\n    End: true\n    Parameters:\n      {key}: 1\n");
    spliced(
        "States:\n  A:\n    Type: Pass\n    End: true\n",
        set("/States/A/Parameters", json!({key: 1})),
        &want,
    );
}

/// `yaml-empty-key-rename`, `yaml-anchored-empty-key-then-member`,
/// `yaml-empty-key-remove-branch`: a key written as nothing (`: x`) with a block mapping
/// on its line (`States:\n : :`, ` :  Branches:`), which the reader takes and YAML
/// refuses once anything is written there (`A: :`, ` :  Branches: []`); where it starts
/// its line is not told by its span either.
#[test]
fn edits_through_or_beside_a_key_written_as_nothing_are_declined() {
    let why = "a key written as nothing at /States/";
    declined("States:\n : :", rename("/States/", "A"), why, json!({"States": {"A": {"": null}}}));
    let data = json!({"States": {"": {"": null, "Next": null}}});
    declined("States:\n : && :", set("/States//Next", json!(null)), &format!("{why}/Next"), data);
    let data = json!({"States": {"": {"Branches": []}}});
    let edit = remove_item("/States/", ItemList::Branches, 0);
    declined(
        "States:\n :  Branches:\n    -\n",
        edit,
        "a key written as nothing at /States//Branches/0",
        data,
    );
    // A new state beside one: its column is not known.
    let data = json!({"States": {"": {"Type": "Pass"}, "A": {"End": true}}});
    declined(
        "States:\n : {Type: Pass}\n",
        set("/States/A", json!({"End": true})),
        "a key written as nothing at /States",
        data,
    );
}

/// `yaml-anchored-key-then-member`: a member's line starts at its key's anchor (or tag), not at its key; a new member was written at the
/// key's column, past the anchor, which YAML refuses (or reads as nested deeper).
#[test]
fn a_member_after_an_anchored_key_goes_at_the_anchor_column() {
    let text = "States:\n  Pass:\n   &a Type: Succeed\n";
    let want = "States:\n  Pass:\n   &a Type: Succeed\n   Comment: {}\n";
    spliced(text, set("/States/Pass/Comment", json!({})), want);
    let text = "States:\n  A:\n    !!str Type: Pass\n    End: true\n";
    let want = "States:\n  A:\n    !!str Type: Pass\n    End: true\n    Next: B\n";
    spliced(text, set("/States/A/Next", json!("B")), want);
}

/// `yaml-dash-alone-above-branch`: a branch written `- ` on a line of its own, the
/// branch below (as a corpus machine writes its Parallel's), was removed from its first
/// key on, leaving the `-`: a null branch in its place.
#[test]
fn an_element_below_its_dash_goes_and_moves_with_the_dash() {
    let branch = |s: &str| {
        format!("        StartAt: {s}\n        States:\n          {s}:\n            Type: Pass\n            End: true\n")
    };
    let (a, b) = (branch("A"), branch("B"));
    let text = format!("StartAt: P\nStates:\n  P:\n    Type: Parallel\n    Branches:\n      - \n{a}      - # second\n{b}    End: true\n");
    let want = format!(
        "StartAt: P\nStates:\n  P:\n    Type: Parallel\n    Branches:\n      - # second\n{b}    End: true\n"
    );
    spliced(&text, remove_item("/States/P", ItemList::Branches, 0), &want);
    let want = format!("StartAt: P\nStates:\n  P:\n    Type: Parallel\n    Branches:\n      - # second\n{b}      - \n{a}    End: true\n");
    spliced(&text, move_item("/States/P", ItemList::Branches, 1, 0), &want);
}

/// `yaml-tagged-empty-value-set`: an empty value with a tag (`Resource: !rn:aws:x`) is read
/// after its tag; the new value was written before the tag, which then tagged nothing.
#[test]
fn an_empty_value_with_a_tag_or_anchor_is_replaced_with_them() {
    let text = "States:\n  A:\n    Type: Task\n    Resource: !rn:aws:x # to do\n    End: true\n";
    let want = "States:\n  A:\n    Type: Task\n    Resource: {} # to do\n    End: true\n";
    spliced(text, set("/States/A/Resource", json!({})), want);
    let text = "States:\n  A:\n    Type: Task\n    Resource: &r   \n    End: true\n";
    let want = "States:\n  A:\n    Type: Task\n    Resource: arn:x   \n    End: true\n";
    spliced(text, set("/States/A/Resource", json!("arn:x")), want);
    spliced(
        "# t\nStates:\n e:\n  Resource: !",
        set("/States/e/Resource", json!(null)),
        "# t\nStates:\n e:\n  Resource: null",
    );
}

/// `yaml-empty-block-scalar-then-member`, `yaml-empty-block-scalar-then-state`: an empty
/// block scalar (`M: >`, no lines) is read up to where the next line's text starts: the
/// next line was taken as its member's, and a new member went after that line (or a
/// removal took it along).
#[test]
fn an_empty_block_scalar_ends_at_its_header() {
    let text = "# c\nStates:\n  A:\n    Comment: >-\n  \n    Type: Pass\n  B:\n    Type: Pass\n";
    let want = "# c\nStates:\n  A:\n    Comment: >-\n  \n    Type: Pass\n    Next: B\n  B:\n    Type: Pass\n";
    spliced(text, set("/States/A/Next", json!("B")), want);
    let want = "# c\nStates:\n  A:\n    Type: Pass\n  B:\n    Type: Pass\n";
    spliced(text, remove("/States/A/Comment"), want);
    let text = "# c\nStates:\n  A:\n    Type: Pass\n    Comment: >-\n    \n";
    let want = "# c\nStates:\n  A:\n    Type: Pass\n    Comment: >-\n    \n    Next: B\n";
    spliced(text, set("/States/A/Next", json!("B")), want);
    let edit = insert_between("/States/s", Transition::Next, "End", json!({"Type": "Pass", "End": true}));
    let want = "# c\nStartAt: End\nStates:\n s:\n  M: >\n  Next: End\n End:\n  Type: Pass\n  End: true";
    spliced("# c\nStates:\n s:\n  M: >", edit, want);
}

/// `yaml-empty-value-before-comment-set`: the new value of an empty one followed by a
/// comment (`Type: #ask`) took the space before the `#`, which then no longer began one.
#[test]
fn an_empty_value_before_a_comment_keeps_the_space_before_it() {
    let text = "States:\n  A:\n    Type: #ask\n    End: true\n";
    spliced(text, set("/States/A/Type", json!([])), "States:\n  A:\n    Type: [] #ask\n    End: true\n");
    let want = "States:\n  A:\n    Type: !t # ask\n    End: true\n";
    spliced(
        want,
        set("/States/A/Type", json!("Pass")),
        "States:\n  A:\n    Type: Pass # ask\n    End: true\n",
    );
}

/// `yaml-flow-comment-after-colon-insert`: the reader takes `#` right after a `:` for a
/// comment (`{"Type":#x`); a member added after that empty value ran into it.
#[test]
fn new_text_before_a_comment_is_kept_apart_from_it() {
    let text = "{\"States\": {\"A\": {\"Type\":#x\n}}}";
    let want = "{\"States\": {\"A\": {\"Type\":, \"End\": true #x\n}}}";
    spliced(text, set("/States/A/End", json!(true)), want);
}

/// `yaml-complex-key-set-parent`: a key written `? k` (here a mapping as a key) was
/// replaced in part, leaving text YAML refuses; documents with one are declined.
#[test]
fn a_document_with_a_complex_key_is_declined() {
    let text = "States:\n  A:\n    Type: Task\n    Parameters:\n     ? FunctionName: f\n    End: true\n";
    let doc = Document::parse(text, Format::Yaml).unwrap();
    let mut data = doc.to_value();
    data["States"]["A"]["Parameters"] = json!({"id": false});
    declined(text, set("/States/A/Parameters", json!({"id": false})), "a complex key (`? k`)", data);
    // A `?` ending a name is no such key.
    let text = "# c\nStates:\n  Done?:\n    Type: Succeed\n";
    spliced(
        text,
        set("/States/Done?/Comment", json!("x")),
        "# c\nStates:\n  Done?:\n    Type: Succeed\n    Comment: x\n",
    );
}
