//! A delta merged into the snapshot it was computed against gives the whole snapshot,
//! for every kind of change; and the UI's merge (ui/src/store/delta.ts) is checked against
//! the same cases through `ui/src/store/delta.fixture.json`, written here.

#[allow(dead_code)]
#[path = "../../asl-check/benches/machines.rs"]
mod machines;

use asl_model::edit::{diff, Transition};
use asl_model::{DocumentEdit, Format};
use asl_session::delta::{text_change, Shift, Shifts, SnapshotDelta, Update};
use asl_session::{Session, Snapshot, TextRange};
use serde_json::{json, Value};

fn value<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap()
}

/// Answers the UI a first snapshot, runs `change`, and checks the delta it answers.
fn check(session: &mut Session, change: impl FnOnce(&mut Session)) -> (Snapshot, SnapshotDelta, Snapshot) {
    let before = session.sent_snapshot();
    change(session);
    let Update::Delta(delta) = session.update() else { panic!("a delta after a first snapshot") };
    let after = session.snapshot();
    assert_eq!(delta.base, before.revision);
    assert_eq!(value(&delta.apply(&before)), value(&after), "merge(previous, delta) == full");
    (before, *delta, after)
}

fn set_comment(pointer: &str, text: &str) -> DocumentEdit {
    DocumentEdit::SetField { pointer: format!("{pointer}/Comment"), value: text.into() }
}

#[test]
fn an_edit_of_a_large_machine_sends_a_small_delta() {
    let mut session = Session::from_text(None, Format::Json, machines::machine(1000));
    let pointer = session.snapshot().states[500].pointer.clone();
    let (before, delta, after) = check(&mut session, |s| s.edit(&set_comment(&pointer, "why")).unwrap());
    let full = serde_json::to_string(&after).unwrap().len();
    let sent = serde_json::to_string(&delta).unwrap().len();
    assert!(sent * 50 < full, "{sent} bytes of {full}");
    // Nothing of the layout changed: every node and edge is the previous one.
    assert_eq!(value(&delta.nodes), json!([{ "old": [0, before.layout.nodes.len()] }]));
    assert_eq!(value(&delta.edges), json!([{ "old": [0, before.layout.edges.len()] }]));
}

#[test]
fn renames_adds_deletes_undo_and_redo_merge_to_the_full_snapshot() {
    let mut session = Session::from_text(None, Format::Json, machines::machine(100));
    let first = session.snapshot().states[0].pointer.clone();
    let last = session.snapshot().states.last().unwrap().pointer.clone();
    check(&mut session, |s| {
        s.edit(&DocumentEdit::RenameState { pointer: first.clone(), new_name: "Ünïcode ✓".into() }).unwrap()
    });
    let renamed = session.snapshot().states[0].pointer.clone();
    check(&mut session, |s| s.edit(&set_comment(&renamed, "naïve — 🚀")).unwrap());
    check(&mut session, |s| {
        s.edit(&DocumentEdit::AddState {
            scope: String::new(),
            name: "Extra".into(),
            state: json!({"Type": "Pass", "End": true}),
        })
        .unwrap()
    });
    check(&mut session, |s| s.edit(&DocumentEdit::DeleteState { pointer: last.clone() }).unwrap());
    check(&mut session, |s| assert!(s.undo()));
    check(&mut session, |s| assert!(s.redo()));
}

#[test]
fn invalid_text_and_back_merge_to_the_full_snapshot() {
    let mut session = Session::new_document(Format::Yaml);
    let good = session.text().to_owned();
    let (_, delta, after) = check(&mut session, |s| s.set_text(format!("{good}  : [\n"), true));
    assert!(after.parse_error.is_some());
    // The diagram stays: the states are the previous ones.
    assert_eq!(value(&delta.states), json!([{ "old": [0, 1] }]));
    check(&mut session, |s| assert!(s.undo()));
    check(&mut session, |s| s.set_text(good.replace("Hello", "Hi"), false));
}

#[test]
fn a_delta_is_against_the_last_answer_whole_or_not() {
    let mut session = Session::new_document(Format::Json);
    assert!(matches!(session.update(), Update::Full(_)), "nothing sent yet: the whole snapshot");
    let sent = session.snapshot();
    session.edit(&set_comment("/States/Hello", "one")).unwrap();
    session.edit(&set_comment("/States/Hello", "two")).unwrap();
    let Update::Delta(delta) = session.update() else { panic!("a delta") };
    assert_eq!(value(&delta.apply(&sent)), value(&session.snapshot()), "two edits in one delta");
}

fn splice(old: &str, new: &str) -> (asl_session::delta::TextSplice, Shifts) {
    let (mut splices, shifts) = text_change(old, &diff(old, new));
    (splices.pop().expect("a change"), shifts)
}

#[test]
fn splices_count_utf16_units_and_lines() {
    let (s, shift) = splice("a🚀b\nc", "a🚀xy\nz\nb\nc");
    assert_eq!((s.from, s.to, s.insert.as_str()), (3, 3, "xy\nz\n"));
    assert_eq!(shift, Shifts(vec![Shift { at: 3, by: 5, lines: 2 }]));
    let (s, _) = splice("é", "è");
    assert_eq!((s.from, s.to, s.insert.as_str()), (0, 1, "è"));
    assert_eq!(text_change("same", &diff("same", "same")), (vec![], Shifts(vec![])));
    // Ranges before the splice stay; ranges after it move; one around it grows.
    let r = |from, to, line| TextRange { from, to, line, column: 1 };
    let shift = Shift { at: 10, by: -4, lines: -1 };
    assert_eq!(shift.apply(r(2, 8, 1)), r(2, 8, 1));
    assert_eq!(shift.apply(r(12, 20, 4)), r(8, 16, 3));
    assert_eq!(shift.apply(r(2, 20, 1)), r(2, 16, 1));
    // Several splices: each range moves by the splices before it.
    let old = "ab🚀cd\nef\ngh";
    let splices = [
        asl_model::Splice { start: 1, end: 2, text: "BB\n".into() },
        asl_model::Splice { start: 11, end: 12, text: "".into() },
    ];
    let (text, shifts) = text_change(old, &splices);
    assert_eq!(text.iter().map(|s| (s.from, s.to)).collect::<Vec<_>>(), [(1, 2), (9, 10)]);
    assert_eq!(shifts, Shifts(vec![Shift { at: 2, by: 2, lines: 1 }, Shift { at: 10, by: 1, lines: 0 }]));
    assert_eq!(shifts.apply(r(0, 1, 1)), r(0, 1, 1));
    assert_eq!(shifts.apply(r(5, 8, 2)), r(7, 10, 3));
    assert_eq!(shifts.apply(r(10, 11, 3)), r(11, 12, 3));
}

/// What an edit sends the UI as its text change is the edit's own splices: a rename
/// changes StartAt and the key, not the lines between them; undo sends them back.
#[test]
fn an_edit_sends_its_own_splices_and_undo_their_inverse() {
    let mut session = Session::new_document(Format::Json);
    let rename = DocumentEdit::RenameState { pointer: "/States/Hello".into(), new_name: "Hi 🚀".into() };
    let (before, delta, _) = check(&mut session, |s| s.edit(&rename).unwrap());
    let changed: Vec<(&str, &str)> =
        delta.splices.iter().map(|s| (&before.text[s.from..s.to], s.insert.as_str())).collect();
    // (Each trimmed to what differs: the H stays.)
    assert_eq!(changed, [("ello", "i 🚀"), ("ello", "i 🚀")]);
    let (_, undo, _) = check(&mut session, |s| assert!(s.undo()));
    assert_eq!(undo.splices.len(), 2, "{:?}", undo.splices);
    let (_, redo, _) = check(&mut session, |s| assert!(s.redo()));
    assert_eq!(redo.splices, delta.splices);
    // Two edits before one answer: their splices composed (the machine's Comment; the
    // state's new Comment line and the comma before it), nothing between.
    let (_, both, _) = check(&mut session, |s| {
        s.edit(&set_comment("/States/Hi 🚀", "one")).unwrap();
        s.edit(&DocumentEdit::SetField { pointer: "/Comment".into(), value: "two".into() }).unwrap();
    });
    let inserted: Vec<&str> = both.splices.iter().map(|s| s.insert.as_str()).collect();
    assert_eq!(inserted, ["two", ",", "      \"Comment\": \"one\"\n"]);
}

/// The cases the UI's merge is tested with: (previous, delta, full) triples of a small
/// machine. Rewritten with `ASL_WRITE_FIXTURES=1`; otherwise the committed file must match.
#[test]
fn the_ui_fixture_is_up_to_date() {
    let mut session = Session::new_document(Format::Json);
    let mut cases = Vec::new();
    let mut case = |session: &mut Session, name: &str, change: &dyn Fn(&mut Session)| {
        let (before, delta, after) = check(session, change);
        cases.push(json!({ "name": name, "previous": before, "delta": delta, "full": after }));
    };
    case(&mut session, "comment", &|s| s.edit(&set_comment("/States/Hello", "Grüße 🚀")).unwrap());
    case(&mut session, "add", &|s| {
        s.edit(&DocumentEdit::InsertBetween {
            from: "/States/Hello".into(),
            transition: asl_model::edit::Transition::Next,
            name: "Next one".into(),
            state: json!({"Type": "Wait", "Seconds": 5}),
        })
        .unwrap()
    });
    case(&mut session, "rename", &|s| {
        s.edit(&DocumentEdit::RenameState { pointer: "/States/Hello".into(), new_name: "Hi".into() }).unwrap()
    });
    case(&mut session, "invalid", &|s| s.set_text("{ \"StartAt\": ".into(), true));
    case(&mut session, "undo", &|s| assert!(s.undo()));
    case(&mut session, "undo-again", &|s| assert!(s.undo()));
    up_to_date("ui/src/store/delta.fixture.json", &cases);
}

/// Rewrites a UI fixture with `ASL_WRITE_FIXTURES=1`; otherwise the committed file must
/// match.
fn up_to_date(file: &str, cases: &[Value]) {
    let text = serde_json::to_string_pretty(cases).unwrap() + "\n";
    let path = format!("{}/../../{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("ASL_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == text, "{file} is out of date: run with ASL_WRITE_FIXTURES=1");
}

/// The cases the code view is tested with (ui/src/code/codeSync.test.ts): edits whose own
/// splices are not what diffing the two texts finds, so the test can tell the code view
/// applied the edit's splices from a re-diff.
#[test]
fn the_code_view_fixture_is_up_to_date() {
    let mut session = Session::new_document(Format::Json);
    let mut cases = Vec::new();
    let mut case = |session: &mut Session, name: &str, edit: DocumentEdit| {
        let (before, delta, after) = check(session, |s| s.edit(&edit).unwrap());
        let (diffed, _) = text_change(&before.text, &diff(&before.text, &after.text));
        assert_ne!(diffed, delta.splices, "{name}: a diff finds the same splices; the case tells nothing");
        cases.push(json!({ "name": name, "previous": before, "delta": delta, "full": after }));
    };
    case(
        &mut session,
        "rename",
        DocumentEdit::RenameState { pointer: "/States/Hello".into(), new_name: "Hi".into() },
    );
    // The retry + catch pattern dropped on the Start edge: one batch, three places.
    let pattern = DocumentEdit::Batch {
        edits: vec![
            DocumentEdit::AddState {
                scope: String::new(),
                name: "Task Failed".into(),
                state: json!({"Type": "Fail", "Error": "TaskFailed"}),
            },
            DocumentEdit::InsertBetween {
                from: String::new(),
                transition: Transition::Start,
                name: "Lambda Invoke".into(),
                state: json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                              "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3}],
                              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Task Failed"}]}),
            },
        ],
    };
    case(&mut session, "pattern", pattern);
    up_to_date("ui/src/code/splices.fixture.json", &cases);
}
