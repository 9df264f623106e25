//! The context object (`$$`, `$states.context`) of a test run: the request's `context`
//! as given (after AWS's checks), or the one AWS makes for a test execution — an express
//! execution ARN, the request's `roleArn` (or `null`), and the state named `StateName`.

use crate::ApiError;
use serde_json::{json, Map, Value};

/// The fields AWS lets a request's context hold, per part, with their JSON types.
const PARTS: [(&str, &[(&str, Kind)]); 4] = [
    (
        "Execution",
        &[
            ("Id", Kind::String),
            ("Input", Kind::Any),
            ("Name", Kind::String),
            ("RoleArn", Kind::String),
            ("StartTime", Kind::String),
        ],
    ),
    ("State", &[("EnteredTime", Kind::String), ("Name", Kind::String), ("RetryCount", Kind::Integer)]),
    ("StateMachine", &[("Id", Kind::String), ("Name", Kind::String)]),
    ("Task", &[("Token", Kind::String)]),
];

#[derive(Clone, Copy)]
enum Kind {
    String,
    Integer,
    Any,
}

fn refused(detail: String) -> ApiError {
    ApiError::validation(format!("Invalid Context object provided: {detail}"))
}

/// Checks a request's context as AWS does: only the known parts and fields, each of its
/// type; `Map` is refused (the test sets no Map item).
pub(crate) fn check(context: &Value) -> Result<(), ApiError> {
    let Value::Object(parts) = context else {
        return Err(refused("the context must be a JSON object".into()));
    };
    for (part, value) in parts {
        if part == "Map" {
            return Err(refused("'Map' field is not supported when mocking a Context object".into()));
        }
        let Some((_, fields)) = PARTS.iter().find(|(p, _)| p == part) else {
            return Err(refused(format!("Field '{part}' is not allowed")));
        };
        let fields_of = match value {
            Value::Null => continue,
            Value::Object(m) => m,
            _ => return Err(refused(format!("{part} must be a object"))),
        };
        for (field, v) in fields_of {
            let Some((_, kind)) = fields.iter().find(|(f, _)| f == field) else {
                return Err(refused(format!("Field '{field}' is not allowed")));
            };
            let ok = match kind {
                Kind::Any => true,
                _ if v.is_null() => true,
                Kind::String => v.is_string(),
                Kind::Integer => v.is_i64() || v.is_u64(),
            };
            if !ok {
                let expected = match kind {
                    Kind::Integer => "integer",
                    _ => "string",
                };
                return Err(refused(format!("{part}.{field} must be a {expected}")));
            }
        }
    }
    Ok(())
}

/// What the default context object is made of.
pub(crate) struct TestExecution<'a> {
    pub account: &'a str,
    pub region: &'a str,
    pub state_machine_name: &'a str,
    pub execution_name: &'a str,
    pub role_arn: Option<&'a str>,
    pub start_time: &'a str,
    /// `State.RetryCount`: only states that retry (Task, Parallel, Map) have one.
    pub retry_count: Option<u64>,
    /// `Task.Token`, for a callback Task (`.waitForTaskToken`).
    pub task_token: Option<String>,
}

/// The context object AWS gives a test execution of `input`.
pub(crate) fn default_context(e: &TestExecution, input: &Value) -> Value {
    let partition = partition(e.region);
    let machine_arn =
        format!("arn:{partition}:states:{}:{}:stateMachine:{}", e.region, e.account, e.state_machine_name);
    let execution_arn = format!(
        "arn:{partition}:states:{}:{}:express:{}:{}",
        e.region, e.account, e.state_machine_name, e.execution_name
    );
    let mut state = Map::new();
    state.insert("Name".into(), json!(crate::definition::SINGLE_STATE_NAME));
    state.insert("EnteredTime".into(), json!(e.start_time));
    if let Some(n) = e.retry_count {
        state.insert("RetryCount".into(), json!(n));
    }
    let mut context = json!({
        "Execution": {
            "Id": execution_arn,
            "Input": input,
            "Name": e.execution_name,
            "RoleArn": e.role_arn,
            "StartTime": e.start_time,
        },
        "StateMachine": {"Id": machine_arn, "Name": e.state_machine_name},
        "State": state,
    });
    if let Some(token) = &e.task_token {
        context["Task"] = json!({"Token": token});
    }
    context
}

/// The ARN partition of a Region.
fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_checked_as_aws_checks_them() {
        let msg = |v: Value| check(&v).unwrap_err().message;
        assert_eq!(
            msg(json!({"Map": {}})),
            "Invalid Context object provided: 'Map' field is not supported when mocking a Context object"
        );
        assert_eq!(
            msg(json!({"Pokedex": {}})),
            "Invalid Context object provided: Field 'Pokedex' is not allowed"
        );
        assert_eq!(
            msg(json!({"Execution": {"Id": 1}})),
            "Invalid Context object provided: Execution.Id must be a string"
        );
        assert_eq!(
            msg(json!({"State": {"RetryCount": "0"}})),
            "Invalid Context object provided: State.RetryCount must be a integer"
        );
        assert!(check(&json!({"Execution": {"Input": [1]}, "Task": {"Token": "t"}})).is_ok());
    }
}
