//! How histories are shaped: AWS's by default, or Step Functions Local's where existing
//! suites assert its known differences (`--compat stepfunctions-local`). The engine
//! records AWS SDK integrations (`arn:aws:states:::aws-sdk:SERVICE:ACTION`) as
//! Step Functions Local does — `resourceType: "aws-sdk"`, `resource: "SERVICE:ACTION"` —
//! and the AWS shape is `resourceType: "aws-sdk:SERVICE"`, `resource: "ACTION"`.
//!
//! The differences, all of them, for the docs:
//! - `Task*` events of AWS SDK integrations: `resourceType`/`resource` as above.

use serde_json::Value;

/// Whose history shape the server answers with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Compat {
    /// AWS Step Functions' (the default).
    #[default]
    Aws,
    /// Step Functions Local's known differences.
    StepFunctionsLocal,
}

/// The event details as `compat` shapes them, when they differ from the engine's.
pub fn shaped(compat: Compat, details: &(&'static str, Value)) -> Option<(&'static str, Value)> {
    if compat == Compat::StepFunctionsLocal {
        return None;
    }
    let (key, value) = details;
    if value.get("resourceType").and_then(Value::as_str) != Some("aws-sdk") {
        return None;
    }
    let (service, action) = value.get("resource").and_then(Value::as_str)?.split_once(':')?;
    let mut value = value.clone();
    value["resourceType"] = Value::String(format!("aws-sdk:{service}"));
    value["resource"] = Value::String(action.to_owned());
    Some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sdk_integrations_in_each_shape() {
        let engine = (
            "taskScheduledEventDetails",
            json!({"resourceType": "aws-sdk", "resource": "comprehend:detectSentiment", "region": "us-east-1"}),
        );
        let aws = shaped(Compat::Aws, &engine).unwrap();
        assert_eq!(
            aws.1,
            json!({"resourceType": "aws-sdk:comprehend", "resource": "detectSentiment", "region": "us-east-1"})
        );
        assert_eq!(shaped(Compat::StepFunctionsLocal, &engine), None);
        let lambda = ("taskScheduledEventDetails", json!({"resourceType": "lambda", "resource": "invoke"}));
        assert_eq!(shaped(Compat::Aws, &lambda), None);
    }
}
