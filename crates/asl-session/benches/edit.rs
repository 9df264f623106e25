//! What the app does after every edit of a large machine: apply the edit, re-validate,
//! re-lay-out and build the snapshot it sends to the UI (serialized as the IPC does).
//! Target (issue #6): the whole round trip, redraw included, within 100 ms at 1,000 states.

// Shared with asl-check's benches; this one uses only `machine`.
#[allow(dead_code)]
#[path = "../../asl-check/benches/machines.rs"]
mod machines;

use asl_model::{DocumentEdit, Format};
use asl_session::Session;
use divan::Bencher;

fn main() {
    divan::main();
}

#[divan::bench(args = [100, 1000, 5000])]
fn open(bencher: Bencher, states: usize) {
    let text = machines::machine(states);
    bencher.bench(|| {
        let session = Session::from_text(None, Format::Json, text.clone());
        serde_json::to_string(&session.snapshot()).unwrap().len()
    });
}

#[divan::bench(args = [100, 1000, 5000])]
fn edit_and_snapshot(bencher: Bencher, states: usize) {
    let text = machines::machine(states);
    let mut session = Session::from_text(None, Format::Json, text);
    let pointer = session.snapshot().states[states / 2].pointer.clone();
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let edit =
            DocumentEdit::SetField { pointer: format!("{pointer}/Comment"), value: n.to_string().into() };
        session.edit(&edit).unwrap();
        serde_json::to_string(&session.snapshot()).unwrap().len()
    });
}

/// Typing in a Comment: the graph is unchanged, so the last layout is re-used.
#[divan::bench(args = [1000, 5000])]
fn typing_and_snapshot(bencher: Bencher, states: usize) {
    let text = machines::machine(states);
    let mut session = Session::from_text(None, Format::Json, text.clone());
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let typed = text.replacen("\"generated\"", &format!("\"generated {n}\""), 1);
        session.set_text(typed, true);
        serde_json::to_string(&session.snapshot()).unwrap().len()
    });
}

#[divan::bench(args = [1000])]
fn rename_and_snapshot(bencher: Bencher, states: usize) {
    let text = machines::machine(states);
    let mut session = Session::from_text(None, Format::Json, text);
    let pointer = session.snapshot().states[0].pointer.clone();
    let name = pointer.rsplit('/').next().unwrap().to_owned();
    let mut flip = false;
    bencher.bench_local(|| {
        // Back and forth between two names, so every iteration renames the same state.
        let (from, to) =
            if flip { (format!("{name}X"), name.clone()) } else { (name.clone(), format!("{name}X")) };
        flip = !flip;
        let edit = DocumentEdit::RenameState { pointer: format!("/States/{from}"), new_name: to };
        session.edit(&edit).unwrap();
        serde_json::to_string(&session.snapshot()).unwrap().len()
    });
}

#[divan::bench(args = [1000])]
fn snapshot_json_only(bencher: Bencher, states: usize) {
    let session = Session::from_text(None, Format::Json, machines::machine(states));
    bencher.bench_local(|| serde_json::to_string(&session.snapshot()).unwrap().len());
}

/// What the app answers after an edit now: the delta against the last snapshot sent
/// (building the snapshot, diffing it with the previous one, serializing the delta).
#[divan::bench(args = [100, 1000, 5000])]
fn edit_and_delta(bencher: Bencher, states: usize) {
    let text = machines::machine(states);
    let mut session = Session::from_text(None, Format::Json, text);
    let pointer = session.sent_snapshot().states[states / 2].pointer.clone();
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let edit =
            DocumentEdit::SetField { pointer: format!("{pointer}/Comment"), value: n.to_string().into() };
        session.edit(&edit).unwrap();
        serde_json::to_string(&session.update()).unwrap().len()
    });
}

/// The answer alone (no edit): snapshot, diff and the delta's JSON, after a Comment edit.
#[divan::bench(args = [1000])]
fn delta_only(bencher: Bencher, states: usize) {
    let mut session = Session::from_text(None, Format::Json, machines::machine(states));
    let pointer = session.sent_snapshot().states[states / 2].pointer.clone();
    session
        .edit(&DocumentEdit::SetField { pointer: format!("{pointer}/Comment"), value: "x".into() })
        .unwrap();
    let before = session.sent_snapshot();
    session
        .edit(&DocumentEdit::SetField { pointer: format!("{pointer}/Comment"), value: "y".into() })
        .unwrap();
    let after = session.snapshot();
    bencher.bench_local(|| {
        serde_json::to_string(&asl_session::SnapshotDelta::between(&before, &after)).unwrap().len()
    });
}

/// A drop of the three-state pattern (catch, notify and fail) on the Start edge, then
/// undone: one batch, one view rebuild and one delta each way, however many edits it holds.
#[divan::bench(args = [1000])]
fn pattern_batch_and_undo(bencher: Bencher, states: usize) {
    use asl_model::edit::Transition;
    let mut session = Session::from_text(None, Format::Json, machines::machine(states));
    session.sent_snapshot();
    let add = |name: &str, state: serde_json::Value| DocumentEdit::AddState {
        scope: String::new(),
        name: name.into(),
        state,
    };
    let pattern = DocumentEdit::Batch {
        edits: vec![
            add(
                "Notify Failure",
                serde_json::json!({"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "Task Failed"}),
            ),
            add("Task Failed", serde_json::json!({"Type": "Fail"})),
            DocumentEdit::InsertBetween {
                from: String::new(),
                transition: Transition::Start,
                name: "Call".into(),
                state: serde_json::json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Notify Failure"}]}),
            },
        ],
    };
    bencher.bench_local(|| {
        session.edit(&pattern).unwrap();
        let dropped = serde_json::to_string(&session.update()).unwrap().len();
        assert!(session.undo());
        dropped + serde_json::to_string(&session.update()).unwrap().len()
    });
}
