//! The short line under a state's name, as Workflow Studio shows it: for a Task the
//! service and action its `Resource` calls (`Lambda: Invoke`, `DynamoDB: GetItem`,
//! `Glue: StartJobRun (.sync)`, `SQS: SendMessage (callback)`), for a distributed Map its mode, otherwise the type.

use asl_model::model::{State, StateKind};

/// The subtitle of a state, or `None` when the type name says it all.
pub fn subtitle(state: &State) -> Option<String> {
    match &state.kind {
        StateKind::Task(task) => task.resource.as_deref().and_then(task_caption),
        StateKind::Map(map) => {
            let distributed = map
                .item_processor
                .as_ref()
                .and_then(|p| p.processor_config.as_ref())
                .and_then(|c| c.mode.as_deref())
                .is_some_and(|m| m.eq_ignore_ascii_case("DISTRIBUTED"));
            distributed.then(|| "Map (distributed)".to_owned())
        }
        // A misspelt `Type` shows as written, so the drawing points at the typo.
        StateKind::Unknown => Some(match state.type_name.as_deref() {
            Some(t) => format!("Unknown type: {t}"),
            None => "No type".to_owned(),
        }),
        _ => None,
    }
}

/// `Service: Action (.pattern)` of a Task's `Resource` ARN; `None` for anything that is
/// not an ARN we can read (a JSONata expression). A template's `${...}` substitutions show
/// as written: `arn:${AWS::Partition}:states:::lambda:invoke` is `Lambda: Invoke`, a
/// Resource that is only `${ProcessFunctionArn}` is captioned with it.
pub fn task_caption(resource: &str) -> Option<String> {
    if !resource.contains("${") {
        return arn_caption(resource);
    }
    // The substitutions' own colons (`AWS::Region`) must not split the ARN: each stands
    // in as a colon-free token while the ARN is read, and is put back in the caption.
    let mut found: Vec<&str> = Vec::new();
    let mut masked = String::new();
    let mut rest = resource;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else { break };
        masked.push_str(&rest[..start]);
        masked.push_str(&format!("\u{1}{}\u{1}", found.len()));
        found.push(&rest[start..start + len + 1]);
        rest = &rest[start + len + 1..];
    }
    masked.push_str(rest);
    if found.len() == 1 && masked == "\u{1}0\u{1}" {
        return Some(found[0].to_owned());
    }
    let caption = arn_caption(&masked)?;
    let mut out = caption;
    for (i, written) in found.iter().enumerate() {
        out = out.replace(&format!("\u{1}{i}\u{1}"), written);
    }
    Some(out)
}

fn arn_caption(resource: &str) -> Option<String> {
    let parts: Vec<&str> = resource.split(':').collect();
    if parts.len() < 6 || parts[0] != "arn" {
        return None;
    }
    match parts[2] {
        // arn:aws:states:::lambda:invoke.waitForTaskToken, arn:aws:states:::aws-sdk:s3:getObject
        "states" if parts[5] == "activity" => Some(format!("Activity: {}", parts[6..].join(":"))),
        "states" => {
            let (service, rest) = match parts[5] {
                "aws-sdk" if parts.len() > 7 => (parts[6], &parts[7..]),
                s => (s, &parts[6..]),
            };
            let action = rest.join(":");
            if service.is_empty() || action.is_empty() {
                return None;
            }
            let (name, pattern) = match action.split_once('.') {
                Some((name, pattern)) => (name, Some(pattern)),
                None => (action.as_str(), None),
            };
            let mut out = format!("{}: {}", service_name(service), capitalize(name));
            // Workflow Studio calls `.waitForTaskToken` "wait for callback"; the short
            // form keeps the common `SQS: SendMessage (callback)` inside one box.
            match pattern {
                Some("waitForTaskToken") => out.push_str(" (callback)"),
                Some(p) => out.push_str(&format!(" (.{p})")),
                None => {}
            }
            Some(out)
        }
        // arn:aws:lambda:us-east-1:123456789012:function:Name[:alias]
        "lambda" if parts.get(5) == Some(&"function") && parts.len() > 6 => {
            Some(format!("Lambda: {}", parts[6]))
        }
        _ => None,
    }
}

/// The names AWS's console uses for the services Step Functions integrates with;
/// others are capitalized as written.
fn service_name(id: &str) -> String {
    let known = match id {
        "lambda" => "Lambda",
        "sns" => "SNS",
        "sqs" => "SQS",
        "dynamodb" => "DynamoDB",
        "glue" => "Glue",
        "glue-databrew" | "databrew" => "DataBrew",
        "states" | "sfn" => "Step Functions",
        "events" => "EventBridge",
        "scheduler" => "EventBridge Scheduler",
        "ecs" => "ECS",
        "eks" => "EKS",
        "ec2" => "EC2",
        "emr" | "elasticmapreduce" => "EMR",
        "emr-serverless" => "EMR Serverless",
        "emr-containers" => "EMR on EKS",
        "batch" => "Batch",
        "athena" => "Athena",
        "s3" => "S3",
        "bedrock" => "Bedrock",
        "bedrockagent" => "Bedrock Agents",
        "apigateway" => "API Gateway",
        "http" => "HTTP",
        "sagemaker" => "SageMaker",
        "codebuild" => "CodeBuild",
        "mediaconvert" => "MediaConvert",
        "rds" => "RDS",
        "iam" => "IAM",
        "kms" => "KMS",
        "fis" => "FIS",
        "ssm" => "Systems Manager",
        "secretsmanager" => "Secrets Manager",
        "cloudwatch" => "CloudWatch",
        "logs" => "CloudWatch Logs",
        "xray" => "X-Ray",
        "ses" | "sesv2" => "SES",
        "sts" => "STS",
        _ => return capitalize(id),
    };
    known.to_owned()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::task_caption;

    #[test]
    fn resources_read_as_service_and_action() {
        let cases = [
            ("arn:aws:states:::lambda:invoke", Some("Lambda: Invoke")),
            ("arn:aws:states:::dynamodb:getItem", Some("DynamoDB: GetItem")),
            ("arn:aws:states:::sns:publish", Some("SNS: Publish")),
            ("arn:aws:states:::glue:startJobRun.sync", Some("Glue: StartJobRun (.sync)")),
            (
                "arn:aws:states:::states:startExecution.sync:2",
                Some("Step Functions: StartExecution (.sync:2)"),
            ),
            ("arn:aws:states:::aws-sdk:s3:listObjectsV2", Some("S3: ListObjectsV2")),
            ("arn:aws-us-gov:states:::sqs:sendMessage.waitForTaskToken", Some("SQS: SendMessage (callback)")),
            ("arn:aws:lambda:us-east-1:123456789012:function:Charge", Some("Lambda: Charge")),
            ("arn:aws:states:us-east-1:123456789012:activity:Review", Some("Activity: Review")),
            ("arn:aws:states:::aws-sdk:rekognition:detectLabels", Some("Rekognition: DetectLabels")),
            ("foo:bar", None),
            ("{% $states.input.arn %}", None),
            ("arn:aws:states:::", None),
            // A template's substitutions, as written.
            ("arn:${AWS::Partition}:states:::lambda:invoke", Some("Lambda: Invoke")),
            (
                "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:aws-sdk:transcribe:startTranscriptionJob",
                Some("Transcribe: StartTranscriptionJob"),
            ),
            ("arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}", Some("Lambda: ${FunctionName}")),
            ("${ProcessFunctionArn}", Some("${ProcessFunctionArn}")),
            ("${aws_lambda_function.process.arn}", Some("${aws_lambda_function.process.arn}")),
        ];
        for (arn, want) in cases {
            assert_eq!(task_caption(arn).as_deref(), want, "{arn}");
        }
    }
}
