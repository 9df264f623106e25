//! ResultPath: writing a state's result (or a Catcher's error output) into a copy of the
//! state's input with a Reference Path. Missing objects on the way are created, as AWS
//! does (`"ResultPath": "$.a.b"` on `{}` gives `{"a": {"b": result}}`); a step that
//! meets a value it cannot descend into fails with `States.ResultPathMatchFailure`.

use super::cache;
use super::value::compact;
use crate::RuntimeError;
use asl_model::expr::{Segment, Selector};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Combines `input` and `result` as ResultPath says: `None` (`"ResultPath": null`) keeps
/// the input and drops the result; `"$"` (and an absent ResultPath, which the engine
/// passes as `"$"`) replaces the input by the result; `"$.a.b"` writes the result at
/// that place in a copy of the input, creating missing objects.
pub fn apply_result_path(
    input: &Value,
    result_path: Option<&str>,
    result: Value,
) -> Result<Value, RuntimeError> {
    write_result(Cow::Borrowed(input), result_path, result)
}

/// [`apply_result_path`] on an input that may be owned: an owned input (the state's own,
/// which nothing reads afterwards) takes the result in place instead of being copied.
pub fn write_result(
    input: Cow<'_, Value>,
    result_path: Option<&str>,
    result: Value,
) -> Result<Value, RuntimeError> {
    let Some(text) = result_path else {
        return Ok(input.into_owned());
    };
    let path = cache::result_path(text).map_err(|e| {
        RuntimeError::new(
            "States.ResultPathMatchFailure",
            format!("Invalid ResultPath '{text}': {}", e.message),
        )
    })?;
    if path.segments.is_empty() {
        return Ok(result);
    }
    // Checked before writing, so the error quotes the input as it came (the walk below
    // creates missing objects on its way).
    if !fits(&input, &path.segments) {
        return Err(match_failure(text, &input));
    }
    let mut output = input.into_owned();
    let mut slot = &mut output;
    for segment in &path.segments {
        slot = match (segment, slot) {
            (Segment::Child(Selector::Name(name)), Value::Object(map)) => {
                map.entry(name.clone()).or_insert_with(|| Value::Object(Map::new()))
            }
            (Segment::Child(Selector::Index(i)), Value::Array(items)) => {
                match usize::try_from(*i).ok().and_then(|i| items.get_mut(i)) {
                    Some(item) => item,
                    None => return Err(match_failure(text, &Value::Null)),
                }
            }
            _ => return Err(match_failure(text, &Value::Null)),
        };
    }
    *slot = result;
    Ok(output)
}

/// The path can take a result in `input`: each step meets an object (or a missing member,
/// created as one) for a name, and an array holding the index for an index. A Reference
/// Path has only names and indexes; anything else cannot take the result.
fn fits(input: &Value, segments: &[Segment]) -> bool {
    let mut at = Some(input);
    for segment in segments {
        at = match (segment, at) {
            (Segment::Child(Selector::Name(_)), None) => None,
            (Segment::Child(Selector::Name(name)), Some(Value::Object(map))) => map.get(name.as_str()),
            (Segment::Child(Selector::Index(i)), Some(Value::Array(items))) => {
                match usize::try_from(*i).ok().and_then(|i| items.get(i)) {
                    Some(item) => Some(item),
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    true
}

/// AWS's wording is not in the corpus; this follows its other causes (path and compact
/// input quoted).
fn match_failure(path: &str, input: &Value) -> RuntimeError {
    RuntimeError::new(
        "States.ResultPathMatchFailure",
        format!("Unable to apply ResultPath '{path}' to input '{}'", compact(input)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn apply(input: Value, path: Option<&str>, result: Value) -> Result<Value, RuntimeError> {
        apply_result_path(&input, path, result)
    }

    #[test]
    fn null_keeps_the_input_and_dollar_replaces_it() {
        assert_eq!(apply(json!({"a": 1}), None, json!(2)).unwrap(), json!({"a": 1}));
        assert_eq!(apply(json!({"a": 1}), Some("$"), json!(2)).unwrap(), json!(2));
        assert_eq!(apply(json!("text"), Some("$"), json!(null)).unwrap(), json!(null));
    }

    #[test]
    fn missing_objects_are_created_and_existing_members_kept() {
        assert_eq!(apply(json!({}), Some("$.a.b"), json!(1)).unwrap(), json!({"a": {"b": 1}}));
        assert_eq!(
            apply(json!({"a": {"x": 0}, "k": 2}), Some("$.a.b"), json!([1])).unwrap(),
            json!({"a": {"x": 0, "b": [1]}, "k": 2})
        );
        assert_eq!(apply(json!({"a": 5}), Some("$.a"), json!({"n": 1})).unwrap(), json!({"a": {"n": 1}}));
        assert_eq!(
            apply(json!({"a": 1}), Some("$['b c']"), json!(true)).unwrap(),
            json!({"a": 1, "b c": true})
        );
    }

    #[test]
    fn array_items_are_replaced_in_bounds_only() {
        assert_eq!(apply(json!({"l": [1, 2]}), Some("$.l[1]"), json!(9)).unwrap(), json!({"l": [1, 9]}));
        let err = apply(json!({"l": [1, 2]}), Some("$.l[2]"), json!(9)).unwrap_err();
        assert_eq!(err.error, "States.ResultPathMatchFailure");
    }

    #[test]
    fn non_objects_on_the_way_fail() {
        for (input, path) in
            [(json!("s"), "$.a"), (json!({"a": 3}), "$.a.b"), (json!([1]), "$.a"), (json!(null), "$.a")]
        {
            let err = apply(input, Some(path), json!(1)).unwrap_err();
            assert_eq!(err.error, "States.ResultPathMatchFailure", "{path}");
            assert!(err.cause.contains(path), "{}", err.cause);
        }
    }

    #[test]
    fn an_owned_input_takes_the_result_in_place_and_fails_as_a_borrowed_one() {
        let owned = |input: Value, path: &str| write_result(Cow::Owned(input), Some(path), json!(1));
        assert_eq!(owned(json!({"a": {"x": 0}}), "$.a.b").unwrap(), json!({"a": {"x": 0, "b": 1}}));
        // "$.a[0]" would create "a" before failing on it: the cause quotes the input as it came.
        let (a, b) = (
            owned(json!({}), "$.a[0]").unwrap_err(),
            apply(json!({}), Some("$.a[0]"), json!(1)).unwrap_err(),
        );
        assert_eq!((a.error, a.cause), (b.error, b.cause));
    }

    #[test]
    fn bad_paths_are_errors_not_panics() {
        for path in ["", "$$.a", "$.a[*]", "x", "$..a"] {
            assert!(apply(json!({}), Some(path), json!(1)).is_err(), "{path}");
        }
    }
}
