//! A template's machine as the app shows it (issue 16, item 4): its problems know what
//! CloudFormation fills in at deploy, a run fills the same in (the user's values first),
//! and the template on disk never changes for it.

use asl_iac::Origin;
use asl_session::Session;
use std::collections::BTreeMap;

/// A CloudFormation JSON template: an intrinsic object where a string belongs, which
/// asl-check alone reports as an error.
const TEMPLATE: &str = r#"{
  "Parameters": {"Greeting": {"Type": "String", "Default": "hello"}},
  "Resources": {
    "Work": {"Type": "AWS::Lambda::Function"},
    "Flow": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionSubstitutions": {"Greeting": {"Ref": "Greeting"}},
        "Definition": {
          "StartAt": "Say",
          "States": {
            "Say": {"Type": "Pass", "Result": {"text": "${Greeting}", "to": "${Audience}"}, "Next": "Call"},
            "Call": {"Type": "Task", "Resource": {"Fn::GetAtt": ["Work", "Arn"]}, "End": true}
          }
        }
      }
    }
  }
}
"#;

fn open() -> (tempfile::TempDir, std::path::PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.json");
    std::fs::write(&path, TEMPLATE).unwrap();
    let session = Session::open_machine(&path, "Flow").unwrap();
    (dir, path, session)
}

#[test]
fn an_intrinsic_is_a_warning_naming_it_not_an_error() {
    let (_dir, _path, session) = open();
    let problems = session.snapshot().problems;
    assert!(problems.iter().all(|p| p.severity == asl_check::Severity::Warning), "{problems:?}");
    let intrinsic = problems.iter().find(|p| p.code == "cfn-intrinsic").expect("the intrinsic is named");
    assert!(intrinsic.message.contains("!GetAtt Work.Arn"), "{}", intrinsic.message);
    assert!(problems.iter().any(|p| p.code == "undeclared-substitution" && p.message.contains("${Audience}")));
    // The same definition as a plain ASL file: the object is an error there.
    let mut plain = Session::new_document(asl_model::Format::Json);
    plain.set_text(session.text().to_owned(), false);
    assert!(plain.snapshot().problems.iter().any(|p| p.severity == asl_check::Severity::Error));
}

#[test]
fn a_run_fills_in_the_template_s_values_then_the_user_s() {
    let (_dir, path, mut session) = open();
    let rows = session.substitutions();
    let origin = |rows: &[asl_iac::Substitution], name: &str| rows.iter().find(|s| s.name == name).map(|s| s.origin);
    assert_eq!(origin(&rows, "Greeting"), Some(Origin::Parameter));
    assert_eq!(origin(&rows, "Audience"), Some(Origin::Unresolved));
    assert_eq!(origin(&rows, "!GetAtt Work.Arn"), Some(Origin::Generated));

    session.set_user_substitutions(BTreeMap::from([
        ("Audience".to_owned(), "world".to_owned()),
        ("Greeting".to_owned(), "hi".to_owned()),
    ]));
    assert_eq!(origin(&session.substitutions(), "Greeting"), Some(Origin::User));
    let run: serde_json::Value = serde_json::from_str(&session.run_text()).unwrap();
    assert_eq!(run["States"]["Say"]["Result"], serde_json::json!({"text": "hi", "to": "world"}));
    assert_eq!(run["States"]["Call"]["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:Work");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TEMPLATE, "the template is never changed by a run");
    assert!(session.text().contains("${Audience}"));
}
