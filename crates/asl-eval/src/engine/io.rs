//! The JSONPath input/output stages around a state's work, in AWS's order:
//! InputPath -> Parameters -> (work) -> ResultSelector -> ResultPath -> OutputPath.
//! Each stage is a pure function of its inputs; `expr` does the path work.

use crate::expr::{self, Scope};
use crate::RuntimeError;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// AWS's payload limit: 256 KiB of UTF-8 JSON.
pub const PAYLOAD_LIMIT: usize = 256 * 1024;

/// What the paths of one state can see besides `$`.
#[derive(Clone, Copy)]
pub(crate) struct Env<'s> {
    pub context: &'s Value,
    pub variables: &'s Map<String, Value>,
}

impl<'s> Env<'s> {
    pub fn scope<'v>(&self, input: &'v Value) -> Scope<'v>
    where
        's: 'v,
    {
        Scope { input, context: self.context, variables: self.variables }
    }
}

/// InputPath or OutputPath: absent keeps the value, `null` gives `{}`.
pub(crate) fn filter_path<'v>(
    value: &'v Value,
    path: &Option<Option<String>>,
    env: Env<'_>,
) -> Result<Cow<'v, Value>, RuntimeError> {
    match path {
        None => Ok(Cow::Borrowed(value)),
        Some(None) => Ok(Cow::Owned(Value::Object(Map::new()))),
        Some(Some(p)) if p == "$" => Ok(Cow::Borrowed(value)),
        Some(Some(p)) => expr::select(p, &env.scope(value)).map(Cow::Owned),
    }
}

/// OutputPath on a value the state owns (no copy when there is no OutputPath).
pub(crate) fn output_path(
    value: Value,
    path: &Option<Option<String>>,
    env: Env<'_>,
) -> Result<Value, RuntimeError> {
    match path {
        None => Ok(value),
        Some(Some(p)) if p == "$" => Ok(value),
        Some(None) => Ok(Value::Object(Map::new())),
        Some(Some(p)) => expr::select(p, &env.scope(&value)),
    }
}

/// A path that selects the whole value (absent or `$`).
pub(crate) fn is_identity(path: &Option<Option<String>>) -> bool {
    path.is_none() || matches!(path, Some(Some(p)) if p == "$")
}

/// The value a filter produced when it is a new one; `None` when it borrowed its source
/// (which is then the value itself: `owned(filtered).unwrap_or(source)`).
pub(crate) fn owned(filtered: Cow<'_, Value>) -> Option<Value> {
    match filtered {
        Cow::Owned(v) => Some(v),
        Cow::Borrowed(_) => None,
    }
}

/// Parameters, ResultSelector, ItemSelector: a payload template, or the value unchanged.
pub(crate) fn template<'v>(
    value: Cow<'v, Value>,
    template: Option<&Value>,
    env: Env<'_>,
) -> Result<Cow<'v, Value>, RuntimeError> {
    match template {
        None => Ok(value),
        Some(t) => expr::render_template(t, &env.scope(&value)).map(Cow::Owned),
    }
}

/// ResultPath: absent puts the result in place of the input, `null` keeps the input. An
/// owned input takes the result in place (no copy of the payload per state).
pub(crate) fn result_path(
    raw_input: Cow<'_, Value>,
    path: &Option<Option<String>>,
    result: Value,
) -> Result<Value, RuntimeError> {
    match path {
        None => Ok(result),
        Some(None) => Ok(raw_input.into_owned()),
        Some(Some(p)) if p == "$" => Ok(result),
        Some(Some(p)) => expr::write_result(raw_input, Some(p), result),
    }
}

/// True when `value` serializes to more than `limit` bytes. An upper bound computed
/// without serializing settles almost every case; only values near the limit are
/// serialized (and counting stops there).
pub(crate) fn exceeds(value: &Value, limit: usize) -> bool {
    size_within(value, limit).is_none()
}

/// At least the serialized size of `value`, and at most `limit`; `None` when it
/// serializes to more than `limit` bytes (what budgets of several values add up).
pub(crate) fn size_within(value: &Value, limit: usize) -> Option<usize> {
    let bound = upper_bound(value, limit);
    if bound <= limit {
        return Some(bound);
    }
    struct Counter {
        n: usize,
        limit: usize,
    }
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.n += buf.len();
            if self.n > self.limit {
                return Err(std::io::Error::other("over"));
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter { n: 0, limit };
    serde_json::to_writer(&mut counter, value).ok().map(|()| counter.n)
}

/// At least the serialized size (each byte of a string counted as its longest escape
/// would be only when it needs one); stops growing past `limit`.
fn upper_bound(value: &Value, limit: usize) -> usize {
    match value {
        Value::Null => 4,
        Value::Bool(_) => 5,
        // An f64 prints in at most 24 characters, an integer in at most 20.
        Value::Number(_) => 24,
        Value::String(s) => string_bound(s),
        Value::Array(items) => {
            let mut n = 2 + items.len();
            for item in items {
                if n > limit {
                    break;
                }
                n += upper_bound(item, limit);
            }
            n
        }
        Value::Object(map) => {
            let mut n = 2 + map.len() * 2;
            for (k, v) in map {
                if n > limit {
                    break;
                }
                n += string_bound(k) + upper_bound(v, limit);
            }
            n
        }
    }
}

fn string_bound(s: &str) -> usize {
    // Quotes, plus up to 5 extra bytes for each byte that is escaped (\u00XX).
    let escaped = s.bytes().filter(|b| *b < 0x20 || *b == b'"' || *b == b'\\').count();
    s.len() + 2 + escaped * 5
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sizes_are_counted_as_serialized() {
        assert!(!exceeds(&json!({"a": "xx"}), 12));
        assert!(!exceeds(&json!({"a": "xxx"}), 11));
        assert!(exceeds(&json!({"a": "xxx"}), 10));
        assert!(exceeds(&json!({"a": "\"\"\""}), 13));
        assert!(!exceeds(&json!({"a": "\"\"\""}), 14));
        assert!(exceeds(&json!("x".repeat(300_000)), PAYLOAD_LIMIT));
    }

    #[test]
    fn null_paths() {
        let env = Env { context: &Value::Null, variables: &Map::new() };
        let v = json!({"a": 1});
        assert_eq!(filter_path(&v, &Some(None), env).unwrap().into_owned(), json!({}));
        assert_eq!(filter_path(&v, &None, env).unwrap().into_owned(), v);
        assert_eq!(result_path(Cow::Borrowed(&v), &Some(None), json!(2)).unwrap(), v);
        assert_eq!(result_path(Cow::Borrowed(&v), &None, json!(2)).unwrap(), json!(2));
    }
}
