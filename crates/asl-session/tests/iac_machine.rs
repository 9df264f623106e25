//! A machine of a template as the document (issue 16): picked from the template's
//! machines, edited, saved into the template with only the definition's touched lines
//! changed; external changes to the template seen through the definition.

use asl_model::edit::ItemList;
use asl_model::DocumentEdit;
use asl_session::{machines, DiskChange, Session};

const TEMPLATE: &str = "Transform: AWS::Serverless-2016-10-31
Resources:
  # Called by both machines.
  Work:
    Type: AWS::Serverless::Function
  First:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Call
        States:
          Call:
            Type: Task
            Resource: !GetAtt Work.Arn
            Next: Done
          Done:
            Type: Succeed
          Failed:
            Type: Fail
  Second:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {
          \"StartAt\": \"Only\",
          \"States\": {\"Only\": {\"Type\": \"Pass\", \"End\": true}}
        }
";

fn template() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::Builder::new().prefix("asl-session-iac-").tempdir().unwrap();
    let path = dir.path().join("template.yaml");
    std::fs::write(&path, TEMPLATE).unwrap();
    (dir, path)
}

#[test]
fn a_template_lists_its_machines_and_an_asl_file_none() {
    let (dir, path) = template();
    let listed = machines(&path).unwrap().unwrap();
    let ids: Vec<&str> = listed.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["First", "Second"]);
    assert_eq!((listed[0].line, listed[0].kind.as_str()), (6, "sam"));
    let asl = dir.path().join("m.asl.json");
    std::fs::write(&asl, r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#).unwrap();
    assert_eq!(machines(&asl).unwrap(), None);
    assert_eq!(machines(std::path::Path::new(&format!("{}#First", path.display()))).unwrap(), None);
}

#[test]
fn saving_writes_back_only_the_touched_definition_lines() {
    let (_dir, path) = template();
    let mut session = Session::open_machine(&path, "First").unwrap();
    assert_eq!(session.machine(), Some("First"));
    assert!(session.text().starts_with("StartAt: Call\nStates:"));
    assert!(!session.is_dirty());
    session
        .edit(&DocumentEdit::RenameState { pointer: "/States/Call".into(), new_name: "Call Work".into() })
        .unwrap();
    session
        .edit(&DocumentEdit::InsertItem {
            state: "/States/Call Work".into(),
            list: ItemList::Catch,
            index: None,
            value: serde_json::json!({"ErrorEquals": ["States.ALL"], "Next": "Failed"}),
        })
        .unwrap();
    session.save().unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    let expected = TEMPLATE.replace("StartAt: Call\n", "StartAt: Call Work\n").replace(
        "          Call:\n            Type: Task\n            Resource: !GetAtt Work.Arn\n            Next: Done\n",
        "          Call Work:\n            Type: Task\n            Resource: !GetAtt Work.Arn\n            Next: Done\n            Catch:\n              - ErrorEquals:\n                  - States.ALL\n                Next: Failed\n",
    );
    assert_eq!(written, expected);
    assert!(!session.is_dirty());
    // Our own save is no external change.
    assert!(session.disk_changed().unwrap().is_none());

    // The other machine, a JSON string in a !Sub block, keeps its layout too.
    let mut second = Session::open_machine(&path, "Second").unwrap();
    second
        .edit(&DocumentEdit::RenameState { pointer: "/States/Only".into(), new_name: "One".into() })
        .unwrap();
    second.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected.replace("\"Only\"", "\"One\""));
}

#[test]
fn an_external_change_to_the_template_reloads_the_definition() {
    let (_dir, path) = template();
    let mut session = Session::open_machine(&path, "First").unwrap();
    // A change elsewhere in the template is no change to this document.
    std::fs::write(&path, TEMPLATE.replace("# Called by both machines.", "# Called by both.")).unwrap();
    assert!(session.disk_changed().unwrap().is_none());
    // A change to its definition reloads it (no unsaved edits).
    std::fs::write(&path, TEMPLATE.replace("Next: Done", "Next: Failed")).unwrap();
    assert!(matches!(session.disk_changed().unwrap(), Some(DiskChange::Reloaded)));
    assert!(session.text().contains("Next: Failed"));
}

#[test]
fn a_definition_file_opens_in_place_and_a_read_only_one_as_a_copy() {
    let (dir, _) = template();
    let path = dir.path().join("uri.yaml");
    std::fs::write(
        &path,
        "Resources:\n  ByUri:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm/flow.asl.json\n  InS3:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: s3://bucket/flow.asl.json\n  Joined:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Join ['', ['{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"', !GetAtt F.Arn, '\", \"End\": true}}}']]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sm")).unwrap();
    let flow = dir.path().join("sm/flow.asl.json");
    std::fs::write(&flow, r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#).unwrap();
    let session = Session::open_machine(&path, "ByUri").unwrap();
    assert_eq!(session.path(), Some(std::path::absolute(&flow).unwrap().as_path()));
    assert_eq!(session.machine(), None);
    // Unknowable: a clear error naming the file.
    let err = Session::open_machine(&path, "InS3").err().unwrap();
    assert!(format!("{err:?}").contains("S3"), "{err:?}");
    // Read-only: an untitled copy, the template never written.
    let copy = Session::open_machine(&path, "Joined").unwrap();
    assert_eq!(copy.path(), None);
    assert!(copy.text().contains("${F.Arn}"));
}

#[test]
fn a_draft_of_a_machine_comes_back_as_that_machine() {
    let (_dir, path) = template();
    let mut session = Session::open_machine(&path, "First").unwrap();
    session
        .edit(&DocumentEdit::RenameState { pointer: "/States/Done".into(), new_name: "Finished".into() })
        .unwrap();
    let draft = asl_session::drafts::Draft {
        id: "x".into(),
        path: session.draft_path(),
        title: session.title(),
        saved_at: 0,
        format: session.format().into(),
        text: session.text().to_owned(),
    };
    assert!(draft.path.as_deref().unwrap().ends_with("template.yaml#First"));
    let mut restored = Session::from_draft(draft.clone());
    assert_eq!(restored.machine(), Some("First"));
    assert!(restored.is_dirty());
    restored.save().unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        TEMPLATE.replace("Next: Done", "Next: Finished").replace("          Done:", "          Finished:")
    );
    // A draft that names the template without a machine never overwrites it.
    let plain = asl_session::drafts::Draft { path: Some(path.display().to_string()), ..draft };
    let copy = Session::from_draft(plain);
    assert_eq!(copy.path(), None);
}

#[test]
fn open_any_takes_file_hash_id_and_names_the_machines_to_pick_from() {
    let (dir, path) = template();
    let err = Session::open_any(&path).err().unwrap();
    assert!(format!("{err:?}").contains("First, Second"), "{err:?}");
    let first = Session::open_any(std::path::Path::new(&format!("{}#First", path.display()))).unwrap();
    assert_eq!(first.machine(), Some("First"));
    assert_eq!(
        first.draft_path().unwrap(),
        format!("{}#First", std::path::absolute(&path).unwrap().display())
    );
    let one = dir.path().join("one.yaml");
    std::fs::write(&one, TEMPLATE.split("  Second:").next().unwrap()).unwrap();
    assert_eq!(Session::open_any(&one).unwrap().machine(), Some("First"));
}
