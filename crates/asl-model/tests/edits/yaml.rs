//! The structural edits on a YAML machine, checked as data: the new YAML reads back to
//! the expected values and key order. YAML edits are splices on the text (see
//! `yaml_text.rs` for their exact line diffs); every edit is also checked, inside
//! `Document::apply`, against the same edit applied to the data.

use super::*;
use serde_json::json;

const ORDERS: &str = r#"Comment: Orders in YAML
StartAt: Validate
States:
  Validate:
    Type: Task
    Resource: arn:aws:states:::lambda:invoke
    Retry:
      - ErrorEquals: [States.Timeout]
        MaxAttempts: 2
      - ErrorEquals: [States.ALL]
    Next: Route
  Route:
    Type: Choice
    Choices:
      - Variable: $.total
        NumericGreaterThan: 100
        Next: Review
    Default: Done
  Review:
    Type: Wait
    Seconds: 60
    Next: Done
  Done:
    Type: Succeed
"#;

fn yaml(edit: &DocumentEdit) -> (Document, Value) {
    let doc = Document::parse(ORDERS, Format::Yaml).unwrap();
    assert_eq!(doc.text(), ORDERS);
    let new = doc.apply(edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    assert_eq!(new.format(), Format::Yaml);
    // The new text is YAML, and reads back to the same data.
    let reread = Document::parse(new.text(), Format::Yaml).unwrap();
    assert_eq!(reread.to_value(), new.to_value());
    let value = new.to_value();
    (new, value)
}

fn original() -> Value {
    Document::parse(ORDERS, Format::Yaml).unwrap().to_value()
}

#[test]
fn yaml_rename_updates_references_and_keeps_key_order() {
    let (_, value) = yaml(&rename("/States/Review", "Hold"));
    let mut want = original();
    want["States"]["Route"]["Choices"][0]["Next"] = json!("Hold");
    let review = want["States"]["Review"].clone();
    let states = want["States"].as_object_mut().unwrap();
    *states = states
        .iter()
        .map(
            |(k, v)| if k == "Review" { ("Hold".to_owned(), review.clone()) } else { (k.clone(), v.clone()) },
        )
        .collect();
    assert_eq!(value, want);
    let keys: Vec<_> = value["States"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["Validate", "Route", "Hold", "Done"]);
}

#[test]
fn yaml_add_state() {
    let (new, value) = yaml(&add("", "Audit", json!({"Type": "Pass", "End": true})));
    assert_eq!(value["States"]["Audit"], json!({"Type": "Pass", "End": true}));
    assert_eq!(new.machine().states.last().unwrap().name, "Audit");
    assert!(new.text().contains("Audit:"), "{}", new.text());
}

#[test]
fn yaml_delete_state_reconnects() {
    let (_, value) = yaml(&delete("/States/Review"));
    let mut want = original();
    want["States"]["Route"]["Choices"][0]["Next"] = json!("Done");
    want["States"].as_object_mut().unwrap().shift_remove("Review");
    assert_eq!(value, want);
}

#[test]
fn yaml_insert_between_and_disconnect() {
    let (_, value) =
        yaml(&insert_between("/States/Validate", Transition::Next, "Log", json!({"Type": "Pass"})));
    assert_eq!(value["States"]["Validate"]["Next"], "Log");
    assert_eq!(value["States"]["Log"], json!({"Type": "Pass", "Next": "Route"}));
    let keys: Vec<_> = value["States"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["Validate", "Log", "Route", "Review", "Done"]);
    let (_, value) = yaml(&disconnect("/States/Review", Transition::Next));
    assert_eq!(value["States"]["Review"], json!({"Type": "Wait", "Seconds": 60, "End": true}));
}

#[test]
fn yaml_items() {
    let (_, value) = yaml(&move_item("/States/Validate", ItemList::Retry, 1, 0));
    assert_eq!(
        value["States"]["Validate"]["Retry"],
        json!([{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}])
    );
    let (one, value) = yaml(&remove_item("/States/Validate", ItemList::Retry, 0));
    assert_eq!(value["States"]["Validate"]["Retry"], json!([{"ErrorEquals": ["States.ALL"]}]));
    let none = one.apply(&remove_item("/States/Validate", ItemList::Retry, 0)).unwrap();
    assert!(none.to_value()["States"]["Validate"].get("Retry").is_none(), "{}", none.text());
}

#[test]
fn yaml_move_state_into_a_branch() {
    let text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: P\n  P:\n    Type: Parallel\n    Branches:\n      - StartAt: B\n        States:\n          B: {Type: Pass, End: true}\n    End: true\n";
    let doc = Document::parse(text, Format::Yaml).unwrap();
    let new = doc.apply(&move_state("/States/A", "/States/P/Branches/0")).unwrap();
    let v = new.to_value();
    assert_eq!(v["StartAt"], "P");
    assert_eq!(v["States"]["P"]["Branches"][0]["States"]["A"], json!({"Type": "Pass", "End": true}));
}
