//! Selecting with JSONPath: InputPath, OutputPath, ItemsPath and the other `...Path`
//! fields, and the paths of `"key.$"` values.
//!
//! AWS words "nothing matched" two ways, and the corpus shows both:
//! - InputPath and OutputPath quote Jayway: `Invalid path '$.x' : No results for path:
//!   $['x']` ([`select`]);
//! - every other field names itself and prints the input as compact JSON: `The JSONPath
//!   '$.x' specified for the field 'x.$' could not be found in the input '{"a":1}'`
//!   ([`select_field`]).
//!
//! Causes here never carry AWS's prefix `An error occurred while executing the state
//! 'S' (entered at the event id #N). `: only the engine knows the state and the event.

use super::jsonpath::evaluate;
use super::value::compact;
use super::{cache, intrinsics, Scope};
use crate::RuntimeError;
use asl_model::expr::{is_intrinsic_call, JsonPath};
use serde_json::Value;
use std::rc::Rc;

/// Evaluates `path` as InputPath or OutputPath do: a definite path yields the node, an
/// indefinite one (wildcard, filter, descent, slice, union) an array of the nodes it
/// matched; a definite path that matches nothing fails with `States.Runtime`.
pub fn select(path: &str, scope: &Scope) -> Result<Value, RuntimeError> {
    // `$` is by far the most common path (every default InputPath/OutputPath).
    if path == "$" {
        return Ok(scope.input.clone());
    }
    let parsed = parsed(path)?;
    evaluate(&parsed, scope, None)
        .map(|selection| selection.into_value())
        .map_err(|not_found| RuntimeError::runtime(format!("Invalid path '{path}' : {}", not_found.detail)))
}

/// Evaluates `path` for the field `field` (`"x.$"`, `"ErrorPath"`, `"ItemsPath"`, ...):
/// like [`select`], but a path that matches nothing is reported the way AWS reports it
/// for that field.
pub fn select_field(path: &str, scope: &Scope, field: &str) -> Result<Value, RuntimeError> {
    if path == "$" {
        return Ok(scope.input.clone());
    }
    let parsed = parsed(path)?;
    evaluate(&parsed, scope, None)
        .map(|selection| selection.into_value())
        .map_err(|_| not_found(path, Some(field), scope.input))
}

/// The value of a field that takes a path *or* an intrinsic call: a `"key.$"` of a
/// payload template, or a Fail state's ErrorPath/CausePath. `field` names it in errors.
pub fn evaluate_expression(text: &str, scope: &Scope, field: &str) -> Result<Value, RuntimeError> {
    if is_intrinsic_call(text) {
        intrinsics::call_intrinsic_field(text, scope, Some(field))
    } else {
        select_field(text, scope, field)
    }
}

/// AWS's cause for a path that matched nothing; without a field the sentence is shorter.
pub(crate) fn not_found(path: &str, field: Option<&str>, input: &Value) -> RuntimeError {
    let input = compact(input);
    RuntimeError::runtime(match field {
        Some(field) => {
            format!("The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{input}'")
        }
        None => format!("The JSONPath '{path}' could not be found in the input '{input}'"),
    })
}

/// The parsed path; a syntax error (which validation reports before any run) fails the
/// state like an unusable path does.
pub(crate) fn parsed(path: &str) -> Result<Rc<JsonPath>, RuntimeError> {
    cache::path(path).map_err(|e| RuntimeError::runtime(format!("Invalid path '{path}' : {}", e.message)))
}
