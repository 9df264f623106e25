//! Values between serde_json and JSONata. JSONata numbers are all `f64`; on the way back
//! an integral number (within 2^53) becomes a JSON integer, as AWS prints it (`1`, not
//! `1.0`; `-0` is `0`), anything else stays a float. Literal parts of a template never
//! pass through here, so `1.0` written in a definition is kept as written.

use jsonata_core::value::JValue;
use serde_json::{Map, Number, Value};

/// A JSON value as JSONata sees it.
pub(crate) fn to_jvalue(v: &Value) -> JValue {
    JValue::from(v.clone())
}

/// Why a JSONata result is not JSON.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NotJson {
    /// `undefined` (nothing matched).
    Undefined,
    /// A function, regex or other value JSON cannot hold.
    Unsupported,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// How deep a JSONata result may nest. JSON text deeper than 128 levels cannot even be
/// read (serde_json's limit), and every JSON value is converted, compared and dropped
/// recursively: an expression building a deeper value gets an error, never a stack
/// overflow.
pub(crate) const MAX_DEPTH: usize = 1000;

/// A JSONata result as JSON. `undefined` inside arrays is dropped and inside objects the
/// key is left out (as JSON.stringify does); functions there are left out too.
pub(crate) fn from_jvalue(v: &JValue) -> Result<Value, NotJson> {
    from_jvalue_at(v, 0)
}

fn from_jvalue_at(v: &JValue, depth: usize) -> Result<Value, NotJson> {
    if depth > MAX_DEPTH {
        return Err(NotJson::TooDeep);
    }
    match v {
        JValue::Undefined => Err(NotJson::Undefined),
        JValue::Null => Ok(Value::Null),
        JValue::Bool(b) => Ok(Value::Bool(*b)),
        JValue::Number(n) => Ok(number(*n)),
        JValue::String(s) => Ok(Value::String(s.to_string())),
        JValue::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                match from_jvalue_at(item, depth + 1) {
                    Ok(v) => out.push(v),
                    Err(NotJson::TooDeep) => return Err(NotJson::TooDeep),
                    Err(_) => continue,
                }
            }
            Ok(Value::Array(out))
        }
        JValue::Object(map) => {
            let mut out = Map::new();
            for (k, item) in map.iter() {
                match from_jvalue_at(item, depth + 1) {
                    Ok(v) => {
                        out.insert(k.clone(), v);
                    }
                    Err(NotJson::TooDeep) => return Err(NotJson::TooDeep),
                    Err(_) => {}
                }
            }
            Ok(Value::Object(out))
        }
        _ => Err(NotJson::Unsupported),
    }
}

/// A JSONata number as JSON: integral values within 2^53 as integers.
pub(crate) fn number(n: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() <= EXACT {
        return Value::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map(Value::Number).unwrap_or(Value::Null)
}

pub(crate) use asl_model::syntax::value_kind as type_name;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_keeps_json_and_prints_integers() {
        let v = json!({"a": [1, 2.5, "x", null, true], "b": {"c": -0.0}});
        let back = from_jvalue(&to_jvalue(&v)).unwrap();
        assert_eq!(back, json!({"a": [1, 2.5, "x", null, true], "b": {"c": 0}}));
        assert_eq!(number(1.0), json!(1));
        assert_eq!(number(0.1), json!(0.1));
        assert_eq!(from_jvalue(&JValue::Undefined), Err(NotJson::Undefined));
    }
}
