//! StringToJson, JsonToString and JsonMerge.

use super::args::Args;
use crate::expr::value::compact;
use crate::RuntimeError;
use serde_json::Value;

/// `States.StringToJson(text)`: the JSON value the text holds. Blank text gives `null`
/// (the corpus shows `""` and `" "` doing so); `-0` gives `0` as AWS's Jackson reads it.
pub(super) fn string_to_json(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(1, 1)?;
    let text = args.string(0)?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| args.fail(format!("the string is not valid JSON ({e})")))?;
    Ok(integer_zeros(value))
}

/// serde_json may read the integer `-0` as the float `-0.0`; Jackson reads it as `0`.
/// (Recursion is bounded: serde_json refuses to parse more than 128 levels.)
fn integer_zeros(value: Value) -> Value {
    match value {
        Value::Number(n) if n.as_f64() == Some(0.0) && n.is_f64() && n.to_string() == "-0.0" => {
            Value::from(0)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(integer_zeros).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, integer_zeros(v))).collect()),
        other => other,
    }
}

/// `States.JsonToString(value)`: compact JSON text.
pub(super) fn json_to_string(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(1, 1)?;
    Ok(Value::String(compact(args.get(0)?)))
}

/// `States.JsonMerge(a, b, false)`: the members of `a`, overwritten and extended by those
/// of `b`; nested objects are not merged (AWS only supports the shallow mode).
pub(super) fn json_merge(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(3, 3)?;
    let mut merged = args.object(0)?.clone();
    let second = args.object(1)?;
    if args.boolean(2)? {
        return Err(args.fail("only the shallow merge is supported: the third argument must be false"));
    }
    for (key, value) in second {
        merged.insert(key.clone(), value.clone());
    }
    Ok(Value::Object(merged))
}
