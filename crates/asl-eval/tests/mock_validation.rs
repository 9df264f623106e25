//! Mock results checked against the AWS API models (botocore's response models, shared
//! with TestState through asl-catalogue), per `fieldValidationMode`: STRICT (types and
//! required fields), PRESENT (types of the fields given), NONE. The valid results are shaped
//! as the service responses LocalStack recorded against AWS (test_lambda_task_service.py,
//! test_dynamodb_task_service.py, test_sqs_task_service.py, test_aws_sdk_task_service.py),
//! with made-up ids.

use asl_eval::{Execution, FieldValidated, FieldValidation, Mocks, Options, Outcome, Status};
use asl_model::{Document, Format};
use serde_json::{json, Value};

fn run(resource: &str, result: Value, mode: FieldValidation) -> Outcome {
    let definition = json!({"StartAt": "Call", "States": {"Call": {
        "Type": "Task", "Resource": resource, "Parameters": {}, "End": true,
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
        "Caught": {"Type": "Pass", "End": true}}});
    let doc = Document::parse(definition.to_string(), Format::Json).expect("definition");
    let mocks = Mocks::from_value(&json!({"Call": [{"return": result}]}), None, None).expect("mocks");
    Execution::run(&doc, json!({}), &FieldValidated::new(mocks, mode), &Options::default())
}

/// The refusal's detail, or `None` when the result passed.
fn refused(resource: &str, result: Value, mode: FieldValidation) -> Option<String> {
    let outcome = run(resource, result.clone(), mode);
    match outcome.status {
        Status::Succeeded => {
            assert_eq!(outcome.output, Some(result), "{resource}: the result goes on unchanged");
            None
        }
        _ => {
            // A wrong mock ends the run: the Catch must not hide it.
            assert_eq!(outcome.error.as_deref(), Some("States.Runtime"), "{outcome:?}");
            assert!(!outcome.states.iter().any(|s| s.name == "Caught"), "{outcome:?}");
            let cause = outcome.cause.unwrap_or_default();
            let detail = cause.split("Mock result schema validation error: ").nth(1).map(str::to_owned);
            Some(detail.unwrap_or(cause))
        }
    }
}

const MODES: [FieldValidation; 3] =
    [FieldValidation::Strict, FieldValidation::Present, FieldValidation::None];

/// `valid` passes every mode; `mistyped` fails STRICT and PRESENT with `detail`, passes NONE.
fn check(resource: &str, valid: Value, mistyped: Value, detail: &str) {
    for mode in MODES {
        assert_eq!(refused(resource, valid.clone(), mode), None, "{resource} {mode:?}");
        let expected = (mode != FieldValidation::None).then(|| detail.to_owned());
        assert_eq!(refused(resource, mistyped.clone(), mode), expected, "{resource} {mode:?}");
    }
}

#[test]
fn lambda_invoke() {
    let valid = json!({"ExecutedVersion": "$LATEST", "Payload": {"Hello": "World"}, "StatusCode": 200,
        "SdkHttpMetadata": {"HttpStatusCode": 200}, "SdkResponseMetadata": {"RequestId": "r"}});
    let mistyped = json!({"Payload": {}, "StatusCode": "200"});
    check("arn:aws:states:::lambda:invoke", valid, mistyped, "Field 'StatusCode' must be a number");
}

#[test]
fn dynamodb_get_item() {
    let valid = json!({"Item": {"data": {"S": "HelloWorld"}, "id": {"S": "id1"}}});
    let mistyped = json!({"Item": {"data": "HelloWorld"}});
    check("arn:aws:states:::dynamodb:getItem", valid, mistyped, "Field 'Item' must be an object");
}

#[test]
fn sqs_send_message() {
    let valid = json!({"MD5OfMessageBody": "3bcb5bfd1b1e3b8a1e6c8e8e1e3b8a1e",
        "MessageId": "0a3f1c53-2a36-4a4e-9f0e-5b7a1c2d3e4f"});
    let mistyped = json!({"MessageId": 42});
    check("arn:aws:states:::sqs:sendMessage", valid, mistyped, "Field 'MessageId' must be a string");
}

#[test]
fn aws_sdk_action_and_required_fields() {
    // An aws-sdk integration: the enum and the required fields of its model count.
    let resource = "arn:aws:states:::aws-sdk:sfn:startExecution";
    let valid = json!({"ExecutionArn": "arn:aws:states:us-east-1:111111111111:execution:m:e",
        "StartDate": "2024-01-01T00:00:00Z"});
    check(
        resource,
        valid,
        json!({"ExecutionArn": "a", "StartDate": 0}),
        "Field 'StartDate' must be a string",
    );
    // A required field missing: STRICT only.
    let partial = json!({"StartDate": "2024-01-01T00:00:00Z"});
    assert_eq!(
        refused(resource, partial.clone(), FieldValidation::Strict).as_deref(),
        Some("Required field 'ExecutionArn' is missing")
    );
    assert_eq!(refused(resource, partial.clone(), FieldValidation::Present), None);
    assert_eq!(refused(resource, partial, FieldValidation::None), None);
    let s3 = "arn:aws:states:::aws-sdk:s3:getObject";
    assert_eq!(
        refused(s3, json!({"StorageClass": "Papyrus"}), FieldValidation::Present).as_deref(),
        Some("Field 'StorageClass' is not an expected value")
    );
}
