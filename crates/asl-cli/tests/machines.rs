//! `asl machines` and `FILE#ID` on every command that takes a file (issue 16).

use std::path::PathBuf;
use std::process::{Command, Output};

fn asl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asl")).args(args).output().expect("run asl")
}

const TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
  First:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        Greeting: hello
      Definition:
        StartAt: Say
        States:
          Say:
            Type: Pass
            Result: "${Greeting}"
            End: true
  Second:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "${Fn.Arn}", "End": true}}}
  Third:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Call
        States:
          Call:
            Type: Task
            Resource: !GetAtt Fn.Arn
            Parameters: !Ref Params
            End: true
"#;

fn template() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix("asl-iac-").tempdir().expect("temp dir");
    let path = dir.path().join("template.yaml");
    std::fs::write(&path, TEMPLATE).expect("write");
    (dir, path)
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn machines_lists_ids_kinds_and_positions() {
    let (_dir, path) = template();
    let out = asl(&["machines", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = listed.as_array().unwrap().iter().filter_map(|m| m["id"].as_str()).collect();
    assert_eq!(ids, ["First", "Second", "Third"]);
    assert_eq!(listed[0]["kind"], "sam");
    assert_eq!(listed[1]["kind"], "cloudformation");
    assert_eq!((listed[0]["line"].as_u64(), listed[0]["column"].as_u64()), (Some(6), Some(3)));
    assert_eq!(listed[0]["definition_file"], serde_json::Value::Null);
}

#[test]
fn every_command_takes_file_hash_id() {
    let (_dir, path) = template();
    let first = format!("{}#First", path.display());
    let second = format!("{}#Second", path.display());
    for args in [
        vec!["validate", first.as_str()],
        vec!["layout", first.as_str()],
        vec!["render", first.as_str(), "--format", "mermaid"],
        vec!["export", second.as_str()],
    ] {
        let out = asl(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // Export keeps the placeholders as written.
    let export = asl(&["export", &second, "--to", "json"]);
    assert!(text(&export).contains("\"Resource\": \"${Fn.Arn}\""), "{}", text(&export));
    // A run resolves the literal DefinitionSubstitutions; the file is not changed.
    let run = asl(&["run", &first]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(text(&run).trim(), "\"hello\"");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TEMPLATE);
}

#[test]
fn intrinsics_are_no_errors_but_real_errors_are() {
    let (dir, path) = template();
    let out = asl(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let export = asl(&["export", &format!("{}#Third", path.display()), "--to", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(value["States"]["Call"]["Resource"], serde_json::json!({"Fn::GetAtt": ["Fn", "Arn"]}));
    let broken = dir.path().join("broken.yaml");
    std::fs::write(
        &broken,
        TEMPLATE.replace("Next: x", "").replace("            End: true\n  Second", "  Second"),
    )
    .unwrap();
    let out = asl(&["validate", "--format", "json", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    // Reported in the template, at the state's lines there (not the definition's own).
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &found[0];
    assert!(first["file"].as_str().unwrap().ends_with("broken.yaml"), "{found}");
    assert!((12..=17).contains(&first["line"].as_u64().unwrap()), "{found}");
    assert_eq!(first["pointer"], "/States/Say", "{found}");
}

#[test]
fn an_unknown_id_or_a_missing_file_is_named() {
    let (dir, path) = template();
    let out = asl(&["validate", &format!("{}#Nope", path.display())]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("no state machine 'Nope'") && err.contains("First, Second, Third"), "{err}");
    let uri = dir.path().join("uri.yaml");
    std::fs::write(
        &uri,
        "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm/missing.asl.json\n",
    )
    .unwrap();
    let out = asl(&["export", &format!("{}#M", uri.display())]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(err.contains("sm/missing.asl.json") && err.contains("uri.yaml"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_test_file_runs_a_machine_of_a_template() {
    let (dir, _path) = template();
    let case = dir.path().join("first.test.json");
    std::fs::write(
        &case,
        r#"{"name": "greets", "definition_file": "template.yaml#First", "expect": {"status": "SUCCEEDED", "output": "hello"}}"#,
    )
    .unwrap();
    let out = asl(&["test", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out), String::from_utf8_lossy(&out.stderr));
    assert!(text(&out).contains("1 passed, 0 failed"), "{}", text(&out));
    // The same case expecting another output fails: the substitution really ran.
    std::fs::write(&case, std::fs::read_to_string(&case).unwrap().replace("\"hello\"", "\"${Greeting}\""))
        .unwrap();
    let out = asl(&["test", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
}

#[test]
fn a_run_takes_the_user_s_values_and_stand_ins_and_validate_names_undeclared_ones() {
    let (dir, path) = template();
    let first = format!("{}#First", path.display());
    let run = asl(&["run", &first, "--sub", "Greeting=hi"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(text(&run).trim(), "\"hi\"");
    let bad = asl(&["run", &first, "--sub", "Greeting"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected NAME=VALUE"));

    // `${Fn.Arn}` of an Fn::Sub is the function's ARN, shaped as AWS's.
    let mocks = dir.path().join("mocks.json");
    std::fs::write(&mocks, r#"{"Call": [{"return": {"ok": true}}]}"#).unwrap();
    let second = format!("{}#Second", path.display());
    let run = asl(&["run", &second, "--mocks", mocks.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let out = text(&run);
    assert!(out.contains("arn:aws:lambda:us-east-1:123456789012:function:Fn"), "{out}");

    // A placeholder nothing declares reaches AWS as written: a warning, not an error.
    let typo = dir.path().join("typo.yaml");
    std::fs::write(&typo, TEMPLATE.replace("Result: \"${Greeting}\"", "Result: \"${Greting}\"")).unwrap();
    let out = asl(&["validate", &format!("{}#First", typo.display())]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("${Greting} is not in DefinitionSubstitutions (Greeting)"), "{}", text(&out));
}
