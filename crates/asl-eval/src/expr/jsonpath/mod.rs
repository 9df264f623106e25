//! Evaluating a parsed JSONPath as AWS does. AWS runs Jayway JsonPath, so its rules are
//! the ones followed here:
//! - A *definite* path (only `.name`, `['name']`, `[n]`, and a trailing `['a','b']`, which
//!   Jayway merges into one object) yields one node, or fails with Jayway's message
//!   ("No results for path: $['a']", "Missing property in path $['a']", ...).
//! - Any other path yields the list of matched nodes, possibly empty: AWS answers `[]`
//!   for `$.items[*]` on `{}` where Jayway itself would have thrown.
//! - Jayway's path functions (`.length()`) are not supported by AWS: nothing matches.
//!
//! Evaluation never recurses on the data (descent uses an explicit stack), so deep input
//! cannot overflow the stack.

mod filter;
mod walk;

use super::Scope;
use asl_model::expr::{JsonPath, PathRoot, Segment, Selector};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt::Write;

/// What a path selected.
#[derive(Debug)]
pub(crate) enum Selection<'a> {
    /// The node of a definite path.
    One(Cow<'a, Value>),
    /// The nodes an indefinite path matched, in document order.
    Many(Vec<Cow<'a, Value>>),
}

impl Selection<'_> {
    /// The value AWS hands on: the node itself, or an array of the matches.
    pub fn into_value(self) -> Value {
        match self {
            Selection::One(v) => v.into_owned(),
            Selection::Many(vs) => Value::Array(vs.into_iter().map(Cow::into_owned).collect()),
        }
    }
}

/// Why a definite path selected nothing, in Jayway's words (AWS quotes them in the cause
/// of an InputPath/OutputPath failure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NotFound {
    pub detail: String,
}

/// Evaluates `path` against the scope; `current` is `@` inside a filter.
pub(crate) fn evaluate<'a>(
    path: &JsonPath,
    scope: &Scope<'a>,
    current: Option<&'a Value>,
) -> Result<Selection<'a>, NotFound> {
    let root = match &path.root {
        PathRoot::Input => scope.input,
        PathRoot::Context => scope.context,
        PathRoot::Current => current.ok_or_else(|| no_results(path))?,
        PathRoot::Variable(name) => scope
            .variables
            .get(name)
            .ok_or_else(|| NotFound { detail: format!("The variable '${name}' is not defined") })?,
    };
    if path.segments.iter().any(|s| matches!(s, Segment::Function { .. })) {
        return Err(NotFound {
            detail: format!("Path functions are not supported: {}", render(path, path.segments.len())),
        });
    }
    if is_definite(path) {
        definite(root, path).map(Selection::One)
    } else {
        Ok(Selection::Many(walk::indefinite(root, &path.segments, scope)))
    }
}

/// Jayway's definiteness: single names and indexes, plus a trailing multi-name selector,
/// which Jayway merges into a single object.
pub(crate) fn is_definite(path: &JsonPath) -> bool {
    let last = path.segments.len().saturating_sub(1);
    path.segments.iter().enumerate().all(|(i, segment)| match segment {
        Segment::Child(Selector::Name(_) | Selector::Index(_) | Selector::LengthOffset(_)) => true,
        Segment::Child(Selector::Names(_)) => i == last,
        Segment::Function { .. } => true,
        _ => false,
    })
}

fn definite<'a>(root: &'a Value, path: &JsonPath) -> Result<Cow<'a, Value>, NotFound> {
    let mut node = root;
    let last = path.segments.len().saturating_sub(1);
    for (i, segment) in path.segments.iter().enumerate() {
        let Segment::Child(selector) = segment else {
            return Err(no_results(path));
        };
        node = match selector {
            Selector::Name(name) => match node {
                Value::Object(map) => match map.get(name) {
                    Some(child) => child,
                    None if i == last => return Err(no_results(path)),
                    None => {
                        return Err(NotFound {
                            detail: format!("Missing property in path {}", render(path, i + 1)),
                        })
                    }
                },
                other => return Err(expected_object(name, &render(path, i), other)),
            },
            Selector::Index(index) => array_item(node, *index, path, i)?,
            Selector::LengthOffset(offset) => {
                let len = node.as_array().map_or(0, |a| a.len() as i64);
                array_item(node, len.saturating_add(*offset), path, i)?
            }
            Selector::Names(names) => {
                return match node {
                    Value::Object(map) => Ok(Cow::Owned(Value::Object(merge(map, names)))),
                    other => Err(expected_object(&names.join("','"), &render(path, i), other)),
                };
            }
            _ => return Err(no_results(path)),
        };
    }
    Ok(Cow::Borrowed(node))
}

/// Jayway's multi-property read: the named members that exist, as one object.
pub(crate) fn merge(map: &Map<String, Value>, names: &[String]) -> Map<String, Value> {
    names.iter().filter_map(|n| map.get(n).map(|v| (n.clone(), v.clone()))).collect()
}

fn array_item<'a>(node: &'a Value, index: i64, path: &JsonPath, at: usize) -> Result<&'a Value, NotFound> {
    match node {
        Value::Array(items) => {
            let effective = if index < 0 { items.len() as i64 + index } else { index };
            // Jayway skips an index out of bounds silently; the path then has no result.
            usize::try_from(effective).ok().and_then(|i| items.get(i)).ok_or_else(|| no_results(path))
        }
        Value::Null => Err(NotFound { detail: format!("The path {} is null", render(path, at)) }),
        other => Err(NotFound {
            detail: format!(
                "Filter: [{index}] can only be applied to arrays. Current context is: {}",
                java_text(other)
            ),
        }),
    }
}

fn no_results(path: &JsonPath) -> NotFound {
    NotFound { detail: format!("No results for path: {}", render(path, path.segments.len())) }
}

fn expected_object(property: &str, at: &str, found: &Value) -> NotFound {
    NotFound {
        detail: format!(
            "Expected to find an object with property ['{property}'] in path {at} but found '{}'. \
             This is not a json object according to the JsonProvider: \
             'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
            java_class(found)
        ),
    }
}

/// The class Jayway's default (json-smart) provider uses for a value; AWS's exact
/// provider is not observable in the corpus, so this is a best guess.
fn java_class(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::Number(n) if n.is_f64() => "java.lang.Double",
        Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => "java.lang.Integer",
        Value::Number(_) => "java.lang.Long",
        Value::String(_) => "java.lang.String",
        Value::Array(_) => "net.minidev.json.JSONArray",
        Value::Object(_) => "net.minidev.json.JSONObject",
    }
}

/// `toString()` of a json-smart value: strings bare, everything else compact JSON.
fn java_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => super::value::compact(other),
    }
}

/// Jayway's rendering of the first `count` segments: `$['a'][0]`.
fn render(path: &JsonPath, count: usize) -> String {
    let mut out = String::from("$");
    for segment in path.segments.iter().take(count) {
        // Writing to a String cannot fail.
        let _ = match segment {
            Segment::Child(selector) => render_selector(&mut out, selector),
            Segment::Descendant(selector) => {
                out.push_str("..");
                render_selector(&mut out, selector)
            }
            Segment::Function { name, .. } => write!(out, ".{name}()"),
        };
    }
    out
}

fn render_selector(out: &mut String, selector: &Selector) -> std::fmt::Result {
    match selector {
        Selector::Name(n) => write!(out, "['{n}']"),
        Selector::Names(ns) => write!(out, "['{}']", ns.join("','")),
        Selector::Index(i) => write!(out, "[{i}]"),
        Selector::Indices(is) => {
            let list: Vec<String> = is.iter().map(i64::to_string).collect();
            write!(out, "[{}]", list.join(","))
        }
        Selector::Wildcard => write!(out, "[*]"),
        Selector::Slice { start, end, .. } => {
            let show = |b: &Option<i64>| b.map(|v| v.to_string()).unwrap_or_default();
            write!(out, "[{}:{}]", show(start), show(end))
        }
        Selector::Filter(_) => write!(out, "[?]"),
        Selector::LengthOffset(o) => write!(out, "[(@.length{o:+})]"),
    }
}

#[cfg(test)]
mod tests;
