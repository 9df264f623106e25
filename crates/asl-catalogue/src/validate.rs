//! A Task's result held against the response model of the action it calls, as TestState's
//! `mock.fieldValidationMode` does (botocore's models, [`response`](crate::response)):
//! STRICT checks types, enum values, bounds and required fields; PRESENT the same without
//! required fields; NONE nothing. Fields the model does not know pass (AWS keeps mocks
//! forward compatible). TestState and the engine's mocks both check through here.

use crate::{response, split_pattern, Pattern, Response, Shape, ShapeKind};
use serde_json::Value;

/// `fieldValidationMode`: how a mocked result is held against the API model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldValidation {
    /// Types, enums, bounds and required fields (TestState's default).
    Strict,
    /// Types, enums and bounds of the fields given.
    Present,
    /// Nothing.
    #[default]
    None,
}

impl FieldValidation {
    /// `STRICT`, `PRESENT` or `NONE`, as the API spells them.
    pub fn from_name(name: &str) -> Option<FieldValidation> {
        match name {
            "STRICT" => Some(FieldValidation::Strict),
            "PRESENT" => Some(FieldValidation::Present),
            "NONE" => Some(FieldValidation::None),
            _ => None,
        }
    }
}

/// Checks `result` for the Task `resource`; `Err` says what is wrong in AWS's words
/// (`Required field 'ExecutionArn' is missing`, `Field 'StartDate' must be a string`).
/// Actions without a response model (a Lambda function ARN, an activity, HTTP and API
/// Gateway calls) and callback or `.sync` patterns (whose result is not the action's
/// response) are not checked.
pub fn check_result(resource: &str, result: &Value, mode: FieldValidation) -> Result<(), String> {
    if mode == FieldValidation::None {
        return Ok(());
    }
    if split_pattern(resource).1 != Pattern::RequestResponse {
        return Ok(());
    }
    let Some(response) = response(resource) else { return Ok(()) };
    let checker = Checker { response: &response, strict: mode == FieldValidation::Strict };
    checker.value(result, &response.output, None)
}

struct Checker<'r> {
    response: &'r Response,
    strict: bool,
}

impl Checker<'_> {
    /// `field` is the member name the value sits under (list items and map values keep
    /// their member's name, as AWS reports them).
    fn value(&self, value: &Value, shape_name: &str, field: Option<&str>) -> Result<(), String> {
        let Some(shape) = self.response.shapes.get(shape_name) else { return Ok(()) };
        let name = field.unwrap_or("result");
        let must = |what: &str| format!("Field '{name}' must be {what}");
        match shape.kind {
            ShapeKind::Json => Ok(()),
            ShapeKind::Structure => {
                let Value::Object(fields) = value else {
                    return Err(must("an object"));
                };
                if self.strict {
                    if let Some(missing) =
                        shape.members.iter().find(|m| m.required && !fields.contains_key(&m.name))
                    {
                        return Err(format!("Required field '{}' is missing", missing.name));
                    }
                }
                for (key, v) in fields {
                    if let Some(member) = shape.members.iter().find(|m| &m.name == key) {
                        self.value(v, &member.shape, Some(key))?;
                    }
                }
                Ok(())
            }
            ShapeKind::List => {
                let Value::Array(items) = value else {
                    return Err(must("an array"));
                };
                match &shape.item {
                    Some(item) => items.iter().try_for_each(|v| self.value(v, item, field)),
                    None => Ok(()),
                }
            }
            ShapeKind::Map => {
                let Value::Object(entries) = value else {
                    return Err(must("an object"));
                };
                match &shape.value {
                    Some(item) => entries.values().try_for_each(|v| self.value(v, item, field)),
                    None => Ok(()),
                }
            }
            ShapeKind::String | ShapeKind::Timestamp => {
                let Value::String(s) = value else {
                    return Err(must("a string"));
                };
                if !shape.enum_values.is_empty() && !shape.enum_values.contains(s) {
                    return Err(format!("Field '{name}' is not an expected value"));
                }
                length(shape, s.chars().count(), name)
            }
            // Step Functions hands JSON payload blobs over decoded (Lambda's `Payload`), so
            // an object or array stands for the blob; a number or boolean cannot.
            ShapeKind::Blob => match value {
                Value::String(s) => length(shape, s.chars().count(), name),
                Value::Object(_) | Value::Array(_) => Ok(()),
                _ => Err(must("a string")),
            },
            ShapeKind::Integer | ShapeKind::Long => match value {
                Value::Number(n) if n.is_i64() || n.is_u64() => {
                    bounds(shape, n.as_f64().unwrap_or(0.0), name)
                }
                _ => Err(must("a number")),
            },
            ShapeKind::Float | ShapeKind::Double => match value {
                Value::Number(n) => bounds(shape, n.as_f64().unwrap_or(0.0), name),
                _ => Err(must("a number")),
            },
            ShapeKind::Boolean => match value {
                Value::Bool(_) => Ok(()),
                _ => Err(must("a boolean")),
            },
        }
    }
}

fn length(shape: &Shape, len: usize, name: &str) -> Result<(), String> {
    let len = len as f64;
    match (shape.min, shape.max) {
        (Some(min), _) if len < min => Err(format!("Field '{name}' is smaller than the minimum length")),
        (_, Some(max)) if len > max => Err(format!("Field '{name}' exceeds the maximum length")),
        _ => Ok(()),
    }
}

fn bounds(shape: &Shape, n: f64, name: &str) -> Result<(), String> {
    match (shape.min, shape.max) {
        (Some(min), _) if n < min => Err(format!("Field '{name}' is less than the minimum value")),
        (_, Some(max)) if n > max => Err(format!("Field '{name}' exceeds the maximum value")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn modes_read_as_the_api_spells_them() {
        assert_eq!(FieldValidation::from_name("STRICT"), Some(FieldValidation::Strict));
        assert_eq!(FieldValidation::from_name("PRESENT"), Some(FieldValidation::Present));
        assert_eq!(FieldValidation::from_name("NONE"), Some(FieldValidation::None));
        assert_eq!(FieldValidation::from_name("strict"), None);
    }

    #[test]
    fn results_are_held_against_the_response_model() {
        let start = "arn:aws:states:::states:startExecution";
        let strict = FieldValidation::Strict;
        assert_eq!(
            check_result(start, &json!({}), strict),
            Err("Required field 'ExecutionArn' is missing".into())
        );
        assert_eq!(check_result(start, &json!({}), FieldValidation::Present), Ok(()));
        assert_eq!(
            check_result(start, &json!({"StartDate": true}), FieldValidation::Present),
            Err("Field 'StartDate' must be a string".into())
        );
        assert_eq!(check_result(start, &json!({"StartDate": true}), FieldValidation::None), Ok(()));
        // Callback results are whatever the callback sends.
        let callback = "arn:aws:states:::states:startExecution.waitForTaskToken";
        assert_eq!(check_result(callback, &json!({}), strict), Ok(()));
    }
}
