//! One root, one problem: states cut off by a dangling transition say which transition
//! cut them off (`caused_by`), and the obvious repairs come with the diagnostics (`fix`).

use asl_check::{check, Diagnostic};
use asl_model::{Document, Format};
use serde_json::{json, Value};

/// A chain `Step 0` → … → `Step {n-1}` (the last ends), `Next` of `Step {typo_at}`
/// replaced by `typo`.
fn chain(n: usize, typo_at: usize, typo: &str) -> Value {
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let state = if i + 1 == n {
            json!({"Type": "Pass", "End": true})
        } else if i == typo_at {
            json!({"Type": "Pass", "Next": typo})
        } else {
            json!({"Type": "Pass", "Next": format!("Step {}", i + 1)})
        };
        states.insert(format!("Step {i}"), state);
    }
    json!({"StartAt": "Step 0", "States": states})
}

fn diagnostics(machine: &Value) -> Vec<Diagnostic> {
    let doc = Document::parse(serde_json::to_string_pretty(machine).unwrap(), Format::Json).unwrap();
    check(&doc)
}

fn of<'d>(all: &'d [Diagnostic], code: &str) -> Vec<&'d Diagnostic> {
    all.iter().filter(|d| d.code == code).collect()
}

#[test]
fn a_typo_in_a_chain_is_the_cause_of_every_state_after_it() {
    let all = diagnostics(&chain(50, 10, "Stpe 11"));
    let dangling = of(&all, "dangling-next");
    assert_eq!(dangling.len(), 1);
    assert_eq!(dangling[0].pointer, "/States/Step 10/Next");
    let cut = of(&all, "unreachable-state");
    assert_eq!(cut.len(), 39, "Step 11 … Step 49");
    for d in &cut {
        assert_eq!(d.caused_by.as_deref(), Some("/States/Step 10/Next"), "{}", d.pointer);
    }
    assert_eq!(dangling[0].caused_by, None);
}

#[test]
fn a_dangling_target_offers_the_closest_state_name() {
    let all = diagnostics(&chain(50, 10, "Stpe 11"));
    let d = of(&all, "dangling-next")[0];
    let fix = d.fix.as_ref().expect("a fix");
    assert_eq!(fix.title, "Change to \"Step 11\"");
    assert_eq!(fix.pointer, "/States/Step 10/Next");
    assert_eq!(fix.value, json!("Step 11"));
    assert!(d.message.ends_with("did you mean \"Step 11\"?"), "{}", d.message);
}

#[test]
fn a_name_like_no_state_gets_no_fix_but_a_lone_one_still_explains_the_cut() {
    let all = diagnostics(&chain(20, 4, "Elsewhere"));
    let d = of(&all, "dangling-next")[0];
    assert_eq!(d.fix, None);
    assert!(!d.message.contains("did you mean"), "{}", d.message);
    let cut = of(&all, "unreachable-state");
    assert_eq!(cut.len(), 15);
    assert!(cut.iter().all(|d| d.caused_by.as_deref() == Some("/States/Step 4/Next")));
}

#[test]
fn a_typo_of_a_reached_name_does_not_explain_an_orphan() {
    // `Step 2` is reached through Step 1's Choice default; the orphan is unrelated.
    let machine = json!({"StartAt": "Step 0", "States": {
        "Step 0": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Setp 2"}], "Default": "Step 2"},
        "Step 2": {"Type": "Succeed"},
        "Orphan": {"Type": "Succeed"}
    }});
    let all = diagnostics(&machine);
    let d = of(&all, "dangling-next")[0];
    assert_eq!(d.pointer, "/States/Step 0/Choices/0/Next");
    assert_eq!(d.fix.as_ref().map(|f| f.value.clone()), Some(json!("Step 2")));
    let orphan = of(&all, "unreachable-state");
    assert_eq!(orphan.len(), 1);
    assert_eq!(orphan[0].caused_by, None);
}

#[test]
fn two_typos_each_explain_their_own_region() {
    let machine = json!({"StartAt": "A", "States": {
        "A": {"Type": "Parallel", "Next": "Fianl", "Branches": [{"StartAt": "B1", "States": {
            "B1": {"Type": "Pass", "Next": "Bee 2"},
            "B2": {"Type": "Pass", "Next": "B3"},
            "B3": {"Type": "Pass", "End": true}
        }}]},
        "Final": {"Type": "Pass", "Next": "Done"},
        "Done": {"Type": "Succeed"}
    }});
    let all = diagnostics(&machine);
    let causes: Vec<(&str, Option<&str>)> =
        of(&all, "unreachable-state").iter().map(|d| (d.pointer.as_str(), d.caused_by.as_deref())).collect();
    assert_eq!(
        causes,
        [
            ("/States/A/Branches/0/States/B2", Some("/States/A/Branches/0/States/B1/Next")),
            ("/States/A/Branches/0/States/B3", Some("/States/A/Branches/0/States/B1/Next")),
            ("/States/Final", Some("/States/A/Next")),
            ("/States/Done", Some("/States/A/Next")),
        ]
    );
}

#[test]
fn a_state_with_no_transition_offers_an_end() {
    let machine = json!({"StartAt": "A", "States": {"A": {"Type": "Pass"}, "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": false}}});
    let all = diagnostics(&machine);
    let fixes: Vec<(&str, &str, Value)> = of(&all, "missing-transition")
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|f| (f.title.as_str(), f.pointer.as_str(), f.value.clone()))
        .collect();
    assert_eq!(
        fixes,
        [("Add End", "/States/A/End", json!(true)), ("Set End to true", "/States/B/End", json!(true))]
    );
}

#[test]
fn a_transition_out_of_a_branch_is_no_typo() {
    let machine = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {
            "B": {"Type": "Pass", "Next": "Outer"}, "Outer2": {"Type": "Succeed"}
        }}]},
        "Outer": {"Type": "Succeed"}
    }});
    let all = diagnostics(&machine);
    let d = of(&all, "dangling-next")[0];
    assert_eq!(d.fix, None, "{}", d.message);
    assert!(of(&all, "unreachable-state").iter().all(|d| d.caused_by.is_none()));
}

/// The case: a generated machine of Task → Choice → two Pass → Wait blocks (332
/// states), one `Next` mistyped. Every state past it is cut off by that one transition.
#[test]
fn a_typo_in_a_branching_machine_of_332_states_is_one_root() {
    let mut states = serde_json::Map::new();
    for i in 0..66 {
        let next = if i == 37 {
            "Tsak38".to_owned()
        } else if i + 1 < 66 {
            format!("Task{}", i + 1)
        } else {
            "Done".to_owned()
        };
        states.insert(format!("Task{i}"), json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": format!("Check{i}")}));
        states.insert(format!("Check{i}"), json!({"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": i, "Next": format!("Big{i}")}], "Default": format!("Small{i}")}));
        states.insert(format!("Big{i}"), json!({"Type": "Pass", "Next": format!("Wait{i}")}));
        states.insert(format!("Small{i}"), json!({"Type": "Pass", "Next": format!("Wait{i}")}));
        states.insert(format!("Wait{i}"), json!({"Type": "Wait", "Seconds": 1, "Next": next}));
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    let all = diagnostics(&json!({"StartAt": "Task0", "States": states}));
    let cut = of(&all, "unreachable-state");
    assert_eq!(cut.len(), 28 * 5, "blocks 38 … 65");
    assert!(cut.iter().all(|d| d.caused_by.as_deref() == Some("/States/Wait37/Next")));
    assert_eq!(all.len(), cut.len() + 1, "the typo and what it cut off, nothing else");
}
