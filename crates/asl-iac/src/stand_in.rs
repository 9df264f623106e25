//! The values a local run gives what only a deployment knows: `!GetAtt Fn.Arn`,
//! `!Ref Queue`, `${aws_sqs_queue.q.url}`, `${AWS::Region}`. Each is shaped as AWS shapes
//! the real one (an ARN for an `Arn`, a queue URL for an SQS `Ref`), in a fixed account
//! and region, so a run's output reads like a deployed machine's.
//!
//! The shapes are a hand-written table: AWS publishes the return values of `Ref` and
//! `Fn::GetAtt` per resource type only as prose (the CloudFormation resource reference),
//! not as data. Types not listed get a generic ARN of their service.

/// The account, region and partition of every stand-in (AWS's documentation account).
pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "us-east-1";
pub const PARTITION: &str = "aws";

/// A CloudFormation pseudo parameter (`AWS::Region`), if `name` is one.
pub(crate) fn pseudo(name: &str) -> Option<String> {
    Some(match name {
        "AWS::Region" => REGION.to_owned(),
        "AWS::AccountId" => ACCOUNT.to_owned(),
        "AWS::Partition" => PARTITION.to_owned(),
        "AWS::URLSuffix" => "amazonaws.com".to_owned(),
        "AWS::StackName" => "local-stack".to_owned(),
        "AWS::StackId" => arn("cloudformation", &format!("stack/local-stack/{}", uuid_like())),
        "AWS::NoValue" => String::new(),
        _ => return None,
    })
}

fn uuid_like() -> &'static str {
    "00000000-0000-0000-0000-000000000000"
}

fn arn(service: &str, resource: &str) -> String {
    format!("arn:{PARTITION}:{service}:{REGION}:{ACCOUNT}:{resource}")
}

/// `Ref` (`attribute` `None`) or `Fn::GetAtt` of the CloudFormation resource `id` of type
/// `resource_type`.
pub(crate) fn cloudformation(resource_type: &str, id: &str, attribute: Option<&str>) -> String {
    let service = resource_type.split("::").nth(1).unwrap_or("").to_ascii_lowercase();
    let named = |kind: &str| match attribute {
        None | Some("Name") => id.to_owned(),
        Some(_) => arn(kind, &format!("{}:{id}", resource_kind(resource_type))),
    };
    match (resource_type, attribute) {
        ("AWS::Lambda::Function" | "AWS::Serverless::Function", None) => id.to_owned(),
        ("AWS::Lambda::Function" | "AWS::Serverless::Function", Some(_)) => {
            arn("lambda", &format!("function:{id}"))
        }
        ("AWS::SQS::Queue", None | Some("QueueUrl")) => sqs_url(id),
        ("AWS::SQS::Queue", Some("QueueName")) => id.to_owned(),
        ("AWS::SQS::Queue", Some(_)) => arn("sqs", id),
        ("AWS::SNS::Topic", Some("TopicName")) => id.to_owned(),
        ("AWS::SNS::Topic", _) => arn("sns", id),
        ("AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable", None) => id.to_owned(),
        ("AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable", Some("StreamArn")) => {
            arn("dynamodb", &format!("table/{id}/stream/1970-01-01T00:00:00.000"))
        }
        ("AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable", Some(_)) => {
            arn("dynamodb", &format!("table/{id}"))
        }
        ("AWS::S3::Bucket", None | Some("BucketName")) => id.to_ascii_lowercase(),
        ("AWS::S3::Bucket", Some("Arn")) => format!("arn:{PARTITION}:s3:::{}", id.to_ascii_lowercase()),
        ("AWS::S3::Bucket", Some(_)) => format!("{}.s3.amazonaws.com", id.to_ascii_lowercase()),
        ("AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine", None | Some("Arn")) => {
            arn("states", &format!("stateMachine:{id}"))
        }
        ("AWS::StepFunctions::Activity", None | Some("Arn")) => arn("states", &format!("activity:{id}")),
        ("AWS::IAM::Role", None) => id.to_owned(),
        ("AWS::IAM::Role", Some(_)) => format!("arn:{PARTITION}:iam::{ACCOUNT}:role/{id}"),
        ("AWS::Events::EventBus", Some("Arn")) => arn("events", &format!("event-bus/{id}")),
        ("AWS::ECS::Cluster", Some("Arn")) => arn("ecs", &format!("cluster/{id}")),
        ("AWS::ECS::TaskDefinition", None) => arn("ecs", &format!("task-definition/{id}:1")),
        _ => named(&service),
    }
}

/// The resource part of a generic ARN: `AWS::Glue::Job` -> `job`.
fn resource_kind(resource_type: &str) -> String {
    resource_type.rsplit("::").next().unwrap_or("resource").to_ascii_lowercase()
}

fn sqs_url(name: &str) -> String {
    format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}")
}

/// An attribute of the Terraform resource `resource_type.name`: `aws_lambda_function.f.arn`.
pub(crate) fn terraform(resource_type: &str, name: &str, attribute: &str) -> String {
    match (resource_type, attribute) {
        ("aws_lambda_function", "arn" | "qualified_arn") => arn("lambda", &format!("function:{name}")),
        ("aws_lambda_function", "invoke_arn") => format!(
            "arn:{PARTITION}:apigateway:{REGION}:lambda:path/2015-03-31/functions/{}/invocations",
            arn("lambda", &format!("function:{name}"))
        ),
        ("aws_sqs_queue", "url" | "id") => sqs_url(name),
        ("aws_sqs_queue", "arn") => arn("sqs", name),
        ("aws_sns_topic", "arn" | "id") => arn("sns", name),
        ("aws_dynamodb_table", "arn") => arn("dynamodb", &format!("table/{name}")),
        ("aws_s3_bucket", "arn") => format!("arn:{PARTITION}:s3:::{name}"),
        ("aws_sfn_state_machine", "arn" | "id") => arn("states", &format!("stateMachine:{name}")),
        ("aws_sfn_activity", "arn" | "id") => arn("states", &format!("activity:{name}")),
        ("aws_iam_role", "arn") => format!("arn:{PARTITION}:iam::{ACCOUNT}:role/{name}"),
        ("aws_cloudwatch_event_bus", "arn") => arn("events", &format!("event-bus/{name}")),
        ("aws_ecs_cluster", "arn" | "id") => arn("ecs", &format!("cluster/{name}")),
        (_, "arn") => {
            let service = resource_type.trim_start_matches("aws_").split('_').next().unwrap_or("");
            arn(service, name)
        }
        // `name`, `id`, `function_name`, `bucket`, ...: the resource's own name.
        _ => name.to_owned(),
    }
}

/// A Terraform data source the definition may read: `data.aws_region.current.name`.
pub(crate) fn terraform_data(source: &str, attribute: &str) -> Option<String> {
    Some(match (source, attribute) {
        ("aws_region", "name" | "id" | "region") => REGION.to_owned(),
        ("aws_caller_identity", "account_id" | "id") => ACCOUNT.to_owned(),
        ("aws_partition", "partition" | "id") => PARTITION.to_owned(),
        ("aws_partition", "dns_suffix") => "amazonaws.com".to_owned(),
        _ => return None,
    })
}

/// A stand-in for a name nothing in the files explains (`${self:custom.tableName}`,
/// `${local.queue}`, a substitution whose value is `!If`): guessed from how the name ends,
/// an ARN of that service, else a generic Step Functions-style ARN naming it.
pub(crate) fn by_name(name: &str) -> String {
    let last = name.rsplit(['.', ':']).find(|s| !s.is_empty()).unwrap_or(name);
    let base: String = last.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    let lower = name.to_ascii_lowercase();
    let has = |s: &str| lower.contains(s);
    if has("url") && has("queue") {
        sqs_url(&base)
    } else if has("queue") {
        arn("sqs", &base)
    } else if has("topic") {
        arn("sns", &base)
    } else if has("table") && !has("arn") {
        base
    } else if has("table") {
        arn("dynamodb", &format!("table/{base}"))
    } else if has("function") || has("lambda") {
        arn("lambda", &format!("function:{base}"))
    } else if has("statemachine") || has("state_machine") {
        arn("states", &format!("stateMachine:{base}"))
    } else if has("bucket") {
        base.to_ascii_lowercase()
    } else if has("role") {
        format!("arn:{PARTITION}:iam::{ACCOUNT}:role/{base}")
    } else {
        arn("states", &format!("placeholder:{base}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_have_the_shape_of_the_real_values() {
        assert_eq!(cloudformation("AWS::Serverless::Function", "Greet", Some("Arn")), "arn:aws:lambda:us-east-1:123456789012:function:Greet");
        assert_eq!(cloudformation("AWS::SQS::Queue", "Jobs", None), "https://sqs.us-east-1.amazonaws.com/123456789012/Jobs");
        assert_eq!(cloudformation("AWS::DynamoDB::Table", "Orders", None), "Orders");
        assert_eq!(cloudformation("AWS::Glue::Job", "Etl", Some("Arn")), "arn:aws:glue:us-east-1:123456789012:job:Etl");
        assert_eq!(terraform("aws_sqs_queue", "q", "url"), "https://sqs.us-east-1.amazonaws.com/123456789012/q");
        assert_eq!(terraform_data("aws_partition", "partition").as_deref(), Some("aws"));
        assert_eq!(by_name("self:custom.ordersTable"), "ordersTable");
        assert_eq!(by_name("ProcessFunctionArn"), "arn:aws:lambda:us-east-1:123456789012:function:ProcessFunctionArn");
        assert_eq!(pseudo("AWS::Region").as_deref(), Some("us-east-1"));
    }
}
