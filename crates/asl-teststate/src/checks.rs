//! The checks AWS makes on a TestState request before it runs the state, in AWS's order:
//! the state configuration, the mock (allowed for the state type, one of `result` and
//! `errorOutput`, its shape for Map and Parallel, its fields against the API model), the
//! context, and the role a Task needs.

use crate::request::{Mock, Request};
use crate::{mock_check, ApiError};
use asl_model::model::{State, StateKind};
use serde_json::Value;

pub(crate) fn check(request: &Request, state: &State) -> Result<(), ApiError> {
    let mock = request.mock.as_ref();
    let configuration = &request.configuration;
    if configuration.map_iteration_failure_count_given {
        let Some(mock) = mock else {
            return Err(ApiError::validation(
                "TestState does not support MapIterationFailureCount when a mock is not specified.",
            ));
        };
        if let (Some(Value::Array(results)), Some(failures)) =
            (&mock.result, configuration.map_iteration_failure_count)
        {
            if failures > results.len() as u64 {
                return Err(ApiError::validation(
                    "Map iteration failure count must be less than or equal to the number of Map iterations",
                ));
            }
        }
    }
    check_mock(request, mock, state)?;
    if let Some(context) = &request.context {
        crate::context::check(context)?;
    }
    if matches!(state.kind, StateKind::Task(_)) && mock.is_none() && request.role_arn.is_none() {
        return Err(ApiError::validation("RoleArn must be specified when testing a Task state"));
    }
    Ok(())
}

fn check_mock(request: &Request, mock: Option<&Mock>, state: &State) -> Result<(), ApiError> {
    let Some(mock) = mock else {
        if matches!(state.kind, StateKind::Map(_) | StateKind::Parallel(_)) {
            // AWS's literal text, the same for both types.
            return Err(ApiError::new(
                "InvalidDefinition",
                "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]",
            ));
        }
        return Ok(());
    };
    // AWS's API reference: "A mock can only be specified for Task, Map, or Parallel states."
    if !matches!(state.kind, StateKind::Task(_) | StateKind::Map(_) | StateKind::Parallel(_)) {
        return Err(ApiError::validation(format!(
            "State type '{}' is not supported when a mock is specified",
            state.kind.name()
        )));
    }
    if request.reveal_secrets {
        return Err(ApiError::validation(
            "TestState does not support RevealSecrets when a mock is specified.",
        ));
    }
    let result = match (&mock.result, &mock.error_output) {
        (Some(_), Some(_)) => {
            return Err(ApiError::validation(
                "A test mock should have only one of the following fields: [result, errorOutput].",
            ))
        }
        (Some(result), None) => result,
        (None, Some(_)) => return Ok(()),
        (None, None) => {
            return Err(ApiError::validation(
                "A test mock should have one of the following fields: [result, errorOutput].",
            ))
        }
    };
    match &state.kind {
        StateKind::Map(map) if map.result_writer.is_some() && !result.is_object() => {
            Err(ApiError::validation("Mocked result must be a JSON object."))
        }
        StateKind::Map(map) if map.result_writer.is_none() && !result.is_array() => {
            Err(ApiError::validation("Mocked result must be an array."))
        }
        StateKind::Parallel(parallel) => match result {
            Value::Array(items) if items.len() == parallel.branches.len() => Ok(()),
            Value::Array(_) => Err(ApiError::validation(
                "Mocked result must contain the same number of items as number of Parallel branches.",
            )),
            _ => Err(ApiError::validation("Mocked result must be an array.")),
        },
        StateKind::Task(task) => match &task.resource {
            Some(resource) => mock_check::check(resource, result, mock.field_validation),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}
