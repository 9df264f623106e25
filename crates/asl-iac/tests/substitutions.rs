//! `${...}` substitutions and CloudFormation intrinsics (issue 16, item 4): what a run
//! fills in for each, and how validation treats a definition that holds them.

use asl_iac::{check, discover_text, placeholders, Origin};
use asl_model::{Document, Format};
use std::collections::BTreeMap;
use std::path::Path;

const SAM: &str = "\
Parameters:
  Stage:
    Type: String
    Default: prod
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
  Greet:
    Type: AWS::Serverless::Function
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        TableName: !Ref Orders
        StageName: !Ref Stage
        Kind: Pass
      Definition:
        StartAt: Save
        States:
          Save:
            Type: Task
            Resource: arn:${AWS::Partition}:states:::dynamodb:putItem
            Parameters:
              TableName: ${TableName}
              Item: {stage: {S: '${StageName}'}, typo: {S: '${Tablename}'}}
            Next: Call
          Call:
            Type: Task
            Resource: !GetAtt Greet.Arn
            Next: Done
          Done:
            Type: ${Kind}
            End: true
";

fn machine(path: &str, text: &str) -> asl_iac::Machine {
    discover_text(Path::new(path), text).unwrap().remove(0)
}

#[test]
fn placeholders_are_found_with_their_escapes_skipped() {
    let found = placeholders("a ${One} b $${Two} ${!Three} ${f({x = 1})} ${ } ${Open");
    let names: Vec<Option<&str>> = found.iter().map(|p| p.name.as_deref()).collect();
    assert_eq!(names, [Some("One"), Some("f({x = 1})"), None, None]);
}

#[test]
fn a_sam_run_gets_literals_parameter_defaults_and_stand_ins_and_the_user_wins() {
    let m = machine("template.yaml", SAM);
    let def = m.definition_in(SAM).unwrap();
    let values = m.resolve(&def.text, def.format, &BTreeMap::new());
    let of = |name: &str| values.iter().find(|s| s.name == name).map(|s| (s.value.clone(), s.origin));
    assert_eq!(of("TableName"), Some((Some("Orders".into()), Origin::Generated)));
    assert_eq!(of("StageName"), Some((Some("prod".into()), Origin::Parameter)));
    assert_eq!(of("Kind"), Some((Some("Pass".into()), Origin::Template)));
    // SAM substitutes only what DefinitionSubstitutions declares.
    assert_eq!(of("AWS::Partition"), Some((None, Origin::Unresolved)));
    assert_eq!(of("Tablename"), Some((None, Origin::Unresolved)));
    assert_eq!(
        of("!GetAtt Greet.Arn"),
        Some((Some("arn:aws:lambda:us-east-1:123456789012:function:Greet".into()), Origin::Generated))
    );

    let user = BTreeMap::from([("StageName".to_owned(), "dev".to_owned())]);
    let run = m.run_text(&def.text, def.format, &user);
    let value = asl_iac::definition_value(&run, Format::Yaml).unwrap();
    let save = &value["States"]["Save"];
    assert_eq!(save["Parameters"]["TableName"], "Orders");
    assert_eq!(save["Parameters"]["Item"]["stage"]["S"], "dev");
    assert_eq!(save["Resource"], "arn:${AWS::Partition}:states:::dynamodb:putItem");
    assert_eq!(value["States"]["Call"]["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:Greet");
    assert_eq!(value["States"]["Done"]["Type"], "Pass");
    // The definition as written is untouched.
    assert!(def.text.contains("${StageName}") && def.text.contains("!GetAtt Greet.Arn"));
}

#[test]
fn validation_knows_what_the_template_fills_in() {
    let m = machine("template.yaml", SAM);
    let def = m.definition_in(SAM).unwrap();
    let doc = Document::parse(def.text.clone(), def.format).unwrap();
    let found = check(&m, &doc);
    let codes: Vec<(&str, &str)> = found.iter().map(|d| (d.code, d.pointer.as_str())).collect();
    assert!(codes.contains(&("cfn-intrinsic", "/States/Call/Resource")), "{codes:?}");
    assert!(codes.contains(&("unchecked-substitution", "/States/Done/Type")), "{codes:?}");
    // A typo'd name is not declared: AWS would receive it as written.
    let typo = found.iter().find(|d| d.code == "undeclared-substitution" && d.message.contains("Tablename"));
    assert!(typo.is_some_and(|d| d.message.contains("TableName, StageName, Kind")), "{found:?}");
    assert!(found.iter().all(|d| d.severity == asl_check::Severity::Warning), "{found:?}");
}

#[test]
fn an_fn_sub_definition_resolves_pseudo_parameters_and_resources_and_flags_malformed_ones() {
    let template = r#"{"Resources": {
  "Work": {"Type": "AWS::SQS::Queue"},
  "Flow": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"DefinitionString": {"Fn::Sub":
    "{\"StartAt\": \"Send\", \"States\": {\"Send\": {\"Type\": \"Task\", \"Resource\": \"arn:${AWS::Partition}:states:::sqs:sendMessage\", \"Parameters\": {\"QueueUrl\": \"${Work}\", \"MessageBody\": \"${Nope} ${!Literal} ${Broken\"}, \"Next\": \"${Later}\"}}}"
  }}}}}"#;
    let m = machine("template.json", template);
    let def = m.definition_in(template).unwrap();
    let run = m.run_text(&def.text, def.format, &BTreeMap::new());
    let value: serde_json::Value = serde_json::from_str(&run).unwrap();
    let send = &value["States"]["Send"];
    assert_eq!(send["Resource"], "arn:aws:states:::sqs:sendMessage");
    assert_eq!(send["Parameters"]["QueueUrl"], "https://sqs.us-east-1.amazonaws.com/123456789012/Work");
    // Fn::Sub writes `${!Literal}` as `${Literal}`.
    assert!(send["Parameters"]["MessageBody"].as_str().unwrap().contains("${Literal}"));

    let doc = Document::parse(def.text.clone(), Format::Json).unwrap();
    let found = check(&m, &doc);
    let has = |code: &str, text: &str| found.iter().any(|d| d.code == code && d.message.contains(text));
    assert!(has("undeclared-substitution", "${Nope} names no parameter, resource"), "{found:?}");
    assert!(found.iter().any(|d| d.code == "invalid-substitution" && d.severity == asl_check::Severity::Error));
    // The transition is known only at deploy: no dangling-next or unreachable error.
    assert!(has("unchecked-substitution", "\"Next\" is ${Later}"), "{found:?}");
    assert!(!found.iter().any(|d| d.code == "dangling-next" || d.code == "unreachable-state"), "{found:?}");
}

#[test]
fn a_terraform_heredoc_interpolates_resources_variables_and_data_sources() {
    let tf = r#"variable "stage" {
  default = "beta"
}
resource "aws_lambda_function" "work" {}
data "aws_region" "current" {}
resource "aws_sfn_state_machine" "flow" {
  definition = <<EOF
{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${aws_lambda_function.work.arn}",
  "Parameters": {"stage": "${var.stage}", "region": "${data.aws_region.current.name}"}, "End": true}}}
EOF
}
"#;
    let m = machine("main.tf", tf);
    let def = m.definition_in(tf).unwrap();
    let run = m.run_text(&def.text, def.format, &BTreeMap::new());
    let value: serde_json::Value = serde_json::from_str(&run).unwrap();
    let a = &value["States"]["A"];
    assert_eq!(a["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:work");
    assert_eq!(a["Parameters"]["stage"], "beta");
    assert_eq!(a["Parameters"]["region"], "us-east-1");
}
