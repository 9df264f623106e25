//! The Problems the app shows: what follows from one root is grouped under it (with the
//! group's title on the root), and an obvious repair comes with the problem as the one
//! edit that applies it.

use asl_model::Format;
use asl_session::{Problem, Session};
use serde_json::json;

/// `Step 0` → … → `Step 49`, with `Next` of `Step 10` mistyped.
fn chain_with_a_typo() -> String {
    let mut states = serde_json::Map::new();
    for i in 0..50 {
        let next = match i {
            49 => None,
            10 => Some("Stpe 11".to_owned()),
            _ => Some(format!("Step {}", i + 1)),
        };
        let state = match next {
            Some(n) => json!({"Type": "Pass", "Next": n}),
            None => json!({"Type": "Pass", "End": true}),
        };
        states.insert(format!("Step {i}"), state);
    }
    serde_json::to_string_pretty(&json!({"StartAt": "Step 0", "States": states})).unwrap() + "\n"
}

fn problems(session: &Session) -> Vec<Problem> {
    session.snapshot().problems
}

#[test]
fn one_typo_is_one_root_with_its_group_title_and_fix() {
    let session = Session::from_text(None, Format::Json, chain_with_a_typo());
    let all = problems(&session);
    let roots: Vec<&Problem> = all.iter().filter(|p| p.caused_by.is_none()).collect();
    assert_eq!(roots.len(), 1, "{:#?}", roots.iter().map(|p| &p.message).collect::<Vec<_>>());
    let root = roots[0];
    assert_eq!(root.pointer, "/States/Step 10/Next");
    assert_eq!(root.state_pointer.as_deref(), Some("/States/Step 10"));
    assert_eq!(
        root.group_title.as_deref(),
        Some("39 states unreachable because \"Next\" of \"Step 10\" names a missing state")
    );
    let followers = all.iter().filter(|p| p.caused_by.as_deref() == Some("/States/Step 10/Next")).count();
    assert_eq!(followers, 39);
    assert!(all.iter().filter(|p| p.caused_by.is_some()).all(|p| p.group_title.is_none() && p.fix.is_none()));
}

#[test]
fn the_quick_fix_clears_every_problem_in_one_undo_step() {
    let text = chain_with_a_typo();
    let mut session = Session::from_text(None, Format::Json, text.clone());
    let fix = problems(&session).into_iter().find_map(|p| p.fix).expect("a quick fix");
    assert_eq!(fix.title, "Change to \"Step 11\"");
    session.edit(&fix.edit).unwrap();
    assert_eq!(problems(&session), [], "{}", session.text());
    // One line changed: the typo.
    let changed: Vec<_> = text.lines().zip(session.text().lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed, [("      \"Next\": \"Stpe 11\"", "      \"Next\": \"Step 11\"")]);
    assert!(session.undo());
    assert_eq!(session.text(), text);
    assert_eq!(problems(&session).len(), 40);
}

#[test]
fn a_state_with_no_transition_is_fixed_by_adding_end() {
    let text = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\"}}}\n";
    let mut session = Session::from_text(None, Format::Json, text.into());
    let fix = problems(&session).into_iter().find_map(|p| p.fix).expect("a quick fix");
    assert_eq!(fix.title, "Add End");
    session.edit(&fix.edit).unwrap();
    assert_eq!(problems(&session), []);
    assert!(session.undo());
    assert_eq!(session.text(), text);
}
