//! The catalogue as the Actions browser and a Task drop use it.

use asl_catalogue::{action, errors, search, skeleton, stats, IntegrationKind, Pattern, QueryLanguage};
use serde_json::json;

#[test]
fn the_catalogue_holds_every_service_and_action() {
    let start = std::time::Instant::now();
    let s = stats();
    eprintln!("index inflated and parsed in {:?}", start.elapsed());
    eprintln!(
        "botocore {}: {} services, {} optimised + {} sdk actions, {} bytes compressed",
        s.botocore_version, s.services, s.optimised_actions, s.sdk_actions, s.compressed_bytes
    );
    assert!(s.services > 400, "{s:?}");
    assert!(s.sdk_actions > 15_000, "{s:?}");
    assert!(s.optimised_actions > 60, "{s:?}");
}

#[test]
fn dynamo_put_lists_the_optimised_put_item_first_then_its_sdk_twin() {
    let hits = search("dynamo put", 10);
    let resources: Vec<&str> = hits.iter().map(|h| h.resource.as_str()).collect();
    assert_eq!(resources[0], "arn:aws:states:::dynamodb:putItem", "{resources:?}");
    assert_eq!(hits[0].service_id, "DynamoDB");
    assert_eq!(hits[0].action, "PutItem");
    assert_eq!(hits[0].kind, IntegrationKind::Optimised);
    assert_eq!(resources[1], "arn:aws:states:::aws-sdk:dynamodb:putItem", "{resources:?}");
}

#[test]
fn lambda_lists_invoke_first() {
    let hits = search("lambda", 5);
    assert_eq!(hits[0].resource, "arn:aws:states:::lambda:invoke");
    assert_eq!(hits[0].patterns, [Pattern::RequestResponse, Pattern::WaitForTaskToken]);
    assert!(hits[0].doc.starts_with("Invokes a Lambda"), "{}", hits[0].doc);
}

#[test]
fn the_empty_query_lists_the_popular_actions() {
    let hits = search("", 20);
    let actions: Vec<String> = hits.iter().map(|h| format!("{} {}", h.service_id, h.action)).collect();
    assert_eq!(
        actions[..5],
        ["Lambda Invoke", "SNS Publish", "DynamoDB PutItem", "DynamoDB GetItem", "SQS SendMessage"]
    );
    assert!(
        actions.contains(&"Bedrock Runtime InvokeModel".to_string())
            || actions.iter().any(|a| a.ends_with("InvokeModel"))
    );
    assert_eq!(search("", 3).len(), 3);
}

#[test]
fn doc_words_and_whole_resource_names_find_actions() {
    let hits = search("aws-sdk:s3:getObject", 3);
    assert!(hits.iter().any(|h| h.resource == "arn:aws:states:::aws-sdk:s3:getObject"));
    let hits = search("translate text", 5);
    assert_eq!(hits[0].resource, "arn:aws:states:::aws-sdk:translate:translateText");
    assert!(search("zzzz nothing", 5).is_empty());
}

#[test]
fn the_s3_get_object_skeleton_holds_bucket_and_key() {
    let state = skeleton("arn:aws:states:::aws-sdk:s3:getObject", QueryLanguage::JSONPath).unwrap();
    assert_eq!(state["Type"], "Task");
    assert_eq!(state["Resource"], "arn:aws:states:::aws-sdk:s3:getObject");
    assert_eq!(state["Parameters"], json!({"Bucket": "", "Key": ""}));
    let state = skeleton("arn:aws:states:::aws-sdk:s3:getObject", QueryLanguage::JSONata).unwrap();
    assert_eq!(state["Arguments"], json!({"Bucket": "", "Key": ""}));
    assert!(state.get("Parameters").is_none());
}

#[test]
fn the_optimised_put_item_skeleton_holds_table_name_and_item() {
    let state = skeleton("arn:aws:states:::dynamodb:putItem", QueryLanguage::JSONPath).unwrap();
    let params = state["Parameters"].as_object().unwrap();
    assert_eq!(params.keys().collect::<Vec<_>>(), ["TableName", "Item"]);
    let put = action("arn:aws:states:::dynamodb:putItem").unwrap();
    let input = &put.shapes[put.input.as_deref().unwrap()];
    let table = input.members.iter().find(|m| m.name == "TableName").unwrap();
    assert!(table.required);
    // The attribute value shape is recursive (lists of values); it is listed once, by name.
    assert!(put.shapes.contains_key("AttributeValue"));
    assert!(put.errors.contains(&"DynamoDB.ConditionalCheckFailedException".to_string()), "{:?}", put.errors);
}

#[test]
fn lambda_invoke_carries_the_default_retrier_and_passes_the_input() {
    let state = skeleton("arn:aws:states:::lambda:invoke", QueryLanguage::JSONPath).unwrap();
    assert_eq!(state["Parameters"], json!({"FunctionName": "", "Payload.$": "$"}));
    assert_eq!(state["OutputPath"], "$.Payload");
    assert_eq!(
        state["Retry"],
        json!([{
            "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException",
                            "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
            "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2, "JitterStrategy": "FULL"
        }])
    );
    let state = skeleton("arn:aws:states:::lambda:invoke.waitForTaskToken", QueryLanguage::JSONata).unwrap();
    assert_eq!(state["Arguments"]["Payload"]["TaskToken"], "{% $states.context.Task.Token %}");
    assert!(state.get("Output").is_none());
}

#[test]
fn patterns_are_offered_only_where_aws_supports_them() {
    assert!(action("arn:aws:states:::ecs:runTask.sync").is_some());
    assert!(action("arn:aws:states:::ecs:runTask.waitForTaskToken").is_some());
    assert!(action("arn:aws:states:::sns:publish.sync").is_none());
    assert!(action("arn:aws:states:::states:startExecution.sync:2").is_some());
    assert!(action("arn:aws:states:::aws-sdk:s3:getObject.sync").is_none());
    assert!(action("arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken").is_some());
    assert!(action("arn:aws:states:::nosuch:thing").is_none());
}

#[test]
fn required_nested_structures_are_filled() {
    let state =
        skeleton("arn:aws:states:::sagemaker:createTrainingJob.sync", QueryLanguage::JSONPath).unwrap();
    assert_eq!(
        state["Parameters"],
        json!({"TrainingJobName": "", "RoleArn": "", "OutputDataConfig": {"S3OutputPath": ""}})
    );
    // Required lists without a minimum length start empty.
    let state = skeleton("arn:aws:states:::aws-sdk:ec2:createTags", QueryLanguage::JSONPath).unwrap();
    assert_eq!(state["Parameters"], json!({"Resources": [], "Tags": []}));
}

#[test]
fn error_names_follow_step_functions_naming() {
    let lambda = errors("arn:aws:states:::lambda:invoke");
    assert_eq!(
        lambda[..4],
        [
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException"
        ]
    );
    assert!(lambda.contains(&"Lambda.ResourceNotFoundException".to_string()));
    let sdk = errors("arn:aws:states:::aws-sdk:dynamodb:putItem");
    assert!(sdk.contains(&"DynamoDb.ConditionalCheckFailedException".to_string()), "{sdk:?}");
    assert!(sdk.contains(&"DynamoDb.DynamoDbException".to_string()));
    assert!(errors("arn:aws:states:::aws-sdk:acmpca:deleteCertificateAuthority")
        .contains(&"AcmPca.ResourceNotFoundException".to_string()));
    assert!(errors("arn:aws:states:::states:startExecution.sync:2")
        .contains(&"StepFunctions.ExecutionAlreadyExistsException".to_string()));
    assert!(errors("arn:aws:states:::sns:publish.sync").is_empty());
}
