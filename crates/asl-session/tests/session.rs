//! The editing session as the app uses it: invalid text, undo, typing, files on disk.

use asl_model::{DocumentEdit, Format};
use asl_session::drafts::{Draft, Drafts};
use asl_session::{DiskChange, FormatDto, Session};
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

const MACHINE: &str = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"Next\": \"B\"\n    },\n    \"B\": {\n      \"Type\": \"Succeed\"\n    }\n  }\n}\n";

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn names(session: &Session) -> Vec<String> {
    session.snapshot().states.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn invalid_text_keeps_the_last_good_diagram_and_the_typed_text() {
    let mut session = Session::from_text(None, Format::Json, MACHINE.into());
    let broken = MACHINE.replace("\"B\": {", "\"B\": {{");
    session.set_text(broken.clone(), true);
    let snapshot = session.snapshot();
    assert_eq!(snapshot.text, broken, "the typed text is kept exactly");
    let error = snapshot.parse_error.expect("a parse error");
    assert_eq!((error.range.line, error.code.as_str()), (8, "parse-error"));
    assert_eq!(snapshot.problems.len(), 1);
    assert_eq!(names(&session), ["A", "B"], "the last good states stay");
    assert_eq!(snapshot.layout.nodes.iter().filter(|n| n.state.is_some()).count(), 2);

    // A canvas edit now would throw the typing away: refused, nothing changes.
    let refused = session.edit(&DocumentEdit::DeleteState { pointer: "/States/A".into() }).unwrap_err();
    assert_eq!(refused.code, "text-invalid");
    assert_eq!(session.text(), broken);

    let fixed = MACHINE.replace("\"B\"", "\"Done\"");
    session.set_text(fixed.clone(), true);
    assert!(session.snapshot().parse_error.is_none());
    assert_eq!(names(&session), ["A", "Done"]);
}

#[test]
fn undo_while_invalid_goes_back_to_the_last_good_text() {
    let mut session = Session::from_text(None, Format::Json, MACHINE.into());
    session.edit(&DocumentEdit::RenameState { pointer: "/States/B".into(), new_name: "End".into() }).unwrap();
    let good = session.text().to_owned();
    session.set_text(format!("{good}}}"), true);
    assert!(session.snapshot().can_undo && !session.snapshot().can_redo);
    assert!(session.undo());
    assert_eq!(session.text(), good);
    assert!(session.undo(), "then the rename is undone");
    assert_eq!(session.text(), MACHINE);
    assert!(session.redo());
    assert_eq!(session.text(), good);
}

#[test]
fn a_burst_of_typing_is_one_undo_step_and_a_pause_starts_another() {
    let mut session = Session::from_text(None, Format::Json, MACHINE.into());
    let t0 = Instant::now();
    let step =
        |n: usize| MACHINE.replace("\"Pass\"", &format!("\"Pass\", \"Comment\": \"{}\"", "x".repeat(n)));
    session.set_text_at(step(1), true, t0);
    session.set_text_at(step(2), true, t0 + Duration::from_millis(300));
    session.set_text_at(step(3), true, t0 + Duration::from_millis(600));
    session.set_text_at(step(4), true, t0 + Duration::from_secs(5)); // after a pause
    assert!(session.undo());
    assert_eq!(session.text(), step(3));
    assert!(session.undo());
    assert_eq!(session.text(), MACHINE, "the first burst undoes as one step");
    assert!(!session.undo());
}

#[test]
fn superseded_typing_changes_nothing_and_the_newer_text_applies() {
    let mut session = Session::from_text(None, Format::Json, MACHINE.into());
    session.sent_snapshot();
    let before = session.snapshot();
    let renamed = |to: &str| MACHINE.replace("\"B\"", &format!("\"{to}\""));
    // Superseded after the parse, and again after the first phase of the view: the
    // session is as it was, undo has nothing new, and no delta is owed.
    for after_calls in [1, 2] {
        let calls = std::cell::Cell::new(0);
        let superseded = || {
            calls.set(calls.get() + 1);
            calls.get() >= after_calls
        };
        assert!(!session.set_text_unless(renamed("Half"), true, Instant::now(), &superseded));
        assert!(calls.get() >= after_calls, "asked between the phases");
        let now = session.snapshot();
        assert_eq!((now.text.as_str(), now.revision, now.can_undo), (MACHINE, before.revision, false));
        assert_eq!(names(&session), ["A", "B"]);
    }
    // The text that superseded it applies as typing always did.
    assert!(session.set_text_unless(renamed("Done"), true, Instant::now(), &|| false));
    assert_eq!(names(&session), ["A", "Done"]);
    assert!(session.undo());
    assert_eq!(session.text(), MACHINE, "one undo step, the dropped text left none");
}

#[test]
fn a_file_that_does_not_parse_opens_with_its_error_and_no_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "broken.asl.json", "{\n  \"StartAt\": \"A\",\n  \"States\": {\n");
    let session = Session::open(&path).unwrap();
    let snapshot = session.snapshot();
    assert!(snapshot.parse_error.is_some() && snapshot.states.is_empty() && !snapshot.dirty);
    assert!(session.export(Format::Json).unwrap_err().message.contains("broken.asl.json:"));
}

#[test]
fn what_is_not_an_editable_text_is_refused_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.asl.json");
    let e = Session::open(&missing).err().unwrap();
    assert_eq!(e.code, "not-found");
    assert!(e.message.contains("gone.asl.json"));

    let nul = dir.path().join("nul.asl.json");
    std::fs::write(&nul, b"{\n  \"StartAt\": \0}").unwrap();
    let e = Session::open(&nul).err().unwrap();
    assert_eq!(e.code, "binary");
    assert!(e.message.ends_with("nul.asl.json:2:14: not a text file (a NUL byte)"), "{}", e.message);

    let latin1 = dir.path().join("latin1.asl.json");
    std::fs::write(&latin1, b"{\"Comment\": \"caf\xe9\"}").unwrap();
    assert_eq!(Session::open(&latin1).err().unwrap().code, "binary");

    let big = dir.path().join("big.asl.json");
    std::fs::File::create(&big).unwrap().set_len(50 * 1024 * 1024).unwrap();
    let e = Session::open(&big).err().unwrap();
    assert_eq!(e.code, "too-large");
    assert!(e.message.contains("big.asl.json is 50.0 MB"), "{}", e.message);

    assert_eq!(Session::open(dir.path()).err().unwrap().code, "io");
}

#[test]
fn an_unreadable_file_is_refused_as_permission_denied() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "secret.asl.json", MACHINE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // root reads anything: check the mapping the app relies on instead.
        let e =
            asl_session::files::io_error(&path, &std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!((e.code, e.message.ends_with("secret.asl.json: permission denied")), ("permission", true));
        return;
    }
    assert_eq!(Session::open(&path).err().unwrap().code, "permission");
}

#[test]
fn saving_is_atomic_keeps_permissions_and_changes_only_the_edited_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "m.asl.json", MACHINE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let mut session = Session::open(&path).unwrap();
    session.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MACHINE, "open + save is byte-identical");

    session
        .edit(&DocumentEdit::SetField { pointer: "/States/A/Comment".into(), value: "hi".into() })
        .unwrap();
    assert!(session.snapshot().dirty);
    session.save().unwrap();
    assert!(!session.snapshot().dirty);
    let saved = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<_> = saved.lines().filter(|l| !MACHINE.lines().any(|m| m == *l)).collect();
    assert_eq!(changed, ["      \"Next\": \"B\",", "      \"Comment\": \"hi\""]);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().flatten().filter(|e| e.file_name() != "m.asl.json").collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn external_changes_reload_when_clean_and_ask_when_dirty() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "m.asl.json", MACHINE);
    let mut session = Session::open(&path).unwrap();
    assert!(session.disk_changed().unwrap().is_none(), "nothing changed");

    let theirs = MACHINE.replace("\"B\"", "\"C\"");
    std::fs::write(&path, &theirs).unwrap();
    assert!(matches!(session.disk_changed().unwrap(), Some(DiskChange::Reloaded)));
    assert_eq!(session.text(), theirs);
    assert!(!session.snapshot().dirty);

    session.save().unwrap();
    assert!(session.disk_changed().unwrap().is_none(), "our own save is not an external change");

    session
        .edit(&DocumentEdit::RenameState { pointer: "/States/A".into(), new_name: "Mine".into() })
        .unwrap();
    let mine = session.text().to_owned();
    let theirs2 = theirs.replace("\"Pass\"", "\"Pass\", \"Comment\": \"theirs\"");
    std::fs::write(&path, &theirs2).unwrap();
    assert!(matches!(session.disk_changed().unwrap(), Some(DiskChange::Conflict)));
    assert_eq!(session.text(), mine, "never silently overwritten");
    let diff = session.disk_diff().unwrap();
    assert_eq!((diff.mine.as_str(), diff.theirs.as_str()), (mine.as_str(), theirs2.as_str()));
    assert!(session.disk_changed().unwrap().is_none(), "the same change is reported once");

    session.reload().unwrap();
    assert_eq!(session.text(), theirs2);
    assert!(!session.snapshot().dirty);
    assert!(session.undo(), "loading theirs is undoable: mine is not lost");
    assert_eq!(session.text(), mine);

    // Keep mine: stays dirty; saving then writes mine.
    std::fs::write(&path, MACHINE).unwrap();
    assert!(matches!(session.disk_changed().unwrap(), Some(DiskChange::Conflict)));
    session.keep_mine();
    assert!(session.snapshot().dirty);
    session.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mine);

    std::fs::remove_file(&path).unwrap();
    assert!(matches!(session.disk_changed().unwrap(), Some(DiskChange::Deleted)));
    assert!(session.snapshot().dirty, "a deleted file's document is unsaved work");
    assert_eq!(session.text(), mine);
    assert!(session.disk_changed().unwrap().is_none());
}

#[test]
fn drafts_survive_and_restore_dirty() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "m.asl.json", MACHINE);
    let drafts = Drafts::new(dir.path().join("drafts"));
    assert!(drafts.list().is_empty(), "a missing folder is no drafts");
    let text = MACHINE.replace("Pass", "Wait");
    let id = Drafts::id_for(Some(&file));
    assert_eq!(id, Drafts::id_for(Some(&file)), "one id per file");
    drafts
        .write(&Draft {
            id: id.clone(),
            path: Some(file.display().to_string()),
            title: "m.asl.json".into(),
            saved_at: 7,
            format: FormatDto::Json,
            text: text.clone(),
        })
        .unwrap();
    std::fs::write(dir.path().join("drafts/junk.draft.json"), "{").unwrap();
    let listed = drafts.list();
    assert_eq!(listed.len(), 1, "unreadable drafts are skipped");
    let session = Session::from_draft(drafts.read(&listed[0].id).unwrap());
    assert_eq!(session.text(), text);
    assert!(session.snapshot().dirty);
    assert_eq!(session.path(), Some(file.as_path()));
    drafts.discard(&id).unwrap();
    assert!(drafts.list().is_empty());
    assert_eq!(drafts.read("../etc").unwrap_err().code, "usage");
}

#[test]
fn ranges_are_utf16_offsets_for_the_code_view() {
    let text = "{\"Comment\": \"日本語 😀\",\n \"StartAt\": \"Ä\",\n \"States\": {\"Ä\": {\"Type\": \"Succeed\"}}}\n";
    let session = Session::from_text(None, Format::Json, text.into());
    let state = &session.snapshot().states[0];
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let shown = String::from_utf16(&utf16[state.range.from..state.range.to]).unwrap();
    assert_eq!(shown, "\"Ä\": {\"Type\": \"Succeed\"}");
    assert_eq!((state.range.line, state.range.column), (3, 13));
}

#[test]
fn problems_name_their_state_and_yaml_exports_to_json() {
    let yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n";
    let session = Session::from_text(None, Format::Yaml, yaml.into());
    let snapshot = session.snapshot();
    let problem = snapshot.problems.iter().find(|p| p.code == "dangling-next").expect("dangling-next");
    assert_eq!(problem.state_pointer.as_deref(), Some("/States/A"));
    assert_eq!(problem.range.line, 5);
    let json: serde_json::Value = serde_json::from_str(&session.export(Format::Json).unwrap()).unwrap();
    assert_eq!(json["States"]["A"]["Next"], "Nowhere");
    assert_eq!(session.export(Format::Yaml).unwrap(), yaml, "its own format is its own text");
    assert!(session.diagram("svg", true).unwrap().starts_with("<svg"));
    assert!(session.diagram("mermaid", false).unwrap().starts_with("flowchart"));
}

#[test]
fn a_new_document_is_clean_until_edited() {
    let mut session = Session::new_document(Format::Yaml);
    assert!(!session.snapshot().dirty);
    assert_eq!(session.snapshot().title, "Untitled");
    session
        .edit(&DocumentEdit::RenameState { pointer: "/States/Hello".into(), new_name: "Hi".into() })
        .unwrap();
    assert!(session.snapshot().dirty);
    assert_eq!(session.save().unwrap_err().code, "no-path");
}

/// New states are written in the query language of the scope they land in (the States
/// browser's templates): Rust says which, so the UI never reads it out of the text.
#[test]
fn each_scope_says_the_query_language_its_new_states_have() {
    let text = r#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {
      "P": {"Type": "Parallel", "QueryLanguage": "JSONPath", "End": true,
            "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]}}}"#;
    let session = Session::from_text(None, Format::Json, text.into());
    let scopes: Vec<(String, &str)> =
        session.snapshot().scopes.iter().map(|s| (s.pointer.clone(), s.query_language)).collect();
    assert_eq!(scopes, [("".into(), "JSONata"), ("/States/P/Branches/0".into(), "JSONPath")]);
    let plain = Session::new_document(Format::Yaml);
    assert_eq!(plain.snapshot().scopes[0].query_language, "JSONPath");
}
