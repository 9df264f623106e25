//! JSONPath states: paths, Reference Paths and payload templates (`"key.$"` fields
//! holding a path or an intrinsic function call).

use super::has_placeholder;
use crate::Ctx;
use asl_model::expr::{
    check_intrinsic, check_payload_path, is_intrinsic_call, parse_intrinsic, parse_path, parse_result_path,
    signature,
};
use asl_model::model::State;
use asl_model::syntax::{pointer_push, Node, NodeValue};

/// Fields holding a JSONPath.
const PATH_FIELDS: &[&str] = &[
    "InputPath",
    "OutputPath",
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
];
/// Fields holding a payload template.
const TEMPLATE_FIELDS: &[&str] = &["Parameters", "ResultSelector", "ItemSelector", "Assign", "Credentials"];

pub(super) fn state_paths(ctx: &mut Ctx, state: &State, node: &Node) {
    let Some(members) = node.as_object() else { return };
    let base = state.pointer.as_str();
    // One pass over the state's members; pointers are built only for a problem.
    for m in members {
        let key = m.key.as_str();
        match (key, m.value.as_str()) {
            (k, Some(s)) if PATH_FIELDS.contains(&k) => check_at(ctx, base, k, PATH, s, path_problem),
            ("ResultPath", Some(s)) => check_at(ctx, base, key, RESULT, s, result_path_problem),
            ("ErrorPath" | "CausePath", Some(s)) if !has_placeholder(s) => {
                check_at(ctx, base, key, PAYLOAD, s, fail_path_problem)
            }
            (k, _) if TEMPLATE_FIELDS.contains(&k) => template(ctx, &pointer_push(base, k), &m.value),
            ("ItemReader" | "ResultWriter" | "ItemBatcher", _) => {
                let inner = if key == "ItemBatcher" { "BatchInput" } else { "Parameters" };
                if let Some(parameters) = m.value.get(inner) {
                    template(ctx, &format!("{}/{inner}", pointer_push(base, key)), parameters);
                }
            }
            ("Catch" | "Choices", _) => {
                for (i, item) in m.value.as_array().unwrap_or(&[]).iter().enumerate() {
                    if let Some(s) = item.get("ResultPath").and_then(Node::as_str).filter(|_| key == "Catch")
                    {
                        let at = format!("{base}/{key}/{i}");
                        check_at(ctx, &at, "ResultPath", RESULT, s, result_path_problem);
                    }
                    if let Some(assign) = item.get("Assign") {
                        template(ctx, &format!("{base}/{key}/{i}/Assign"), assign);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Kinds of path check, as bits of `Ctx::valid_paths`.
const PATH: u8 = 1;
const RESULT: u8 = 2;
const PAYLOAD: u8 = 4;
const DYNAMIC: u8 = 8;

/// A check of a path text: its problem (code and message), if any.
type Check = fn(&str) -> Option<(&'static str, String)>;

/// `check(s)`, skipped when `s` already passed it: a problem depends on the text alone.
fn cached(ctx: &mut Ctx, kind: u8, s: &str, check: Check) -> Option<(&'static str, String)> {
    if ctx.valid_paths.get(s).is_some_and(|k| k & kind != 0) {
        return None;
    }
    let problem = check(s);
    if problem.is_none() {
        *ctx.valid_paths.entry(s.to_owned()).or_insert(0) |= kind;
    }
    problem
}

/// Checks the path `s` of the field `base`/`key`.
fn check_at(ctx: &mut Ctx, base: &str, key: &str, kind: u8, s: &str, check: Check) {
    let problem = cached(ctx, kind, s, check);
    report(ctx, base, key, problem);
}

/// Reports `problem` (if any) on `base`/`key`.
fn report(ctx: &mut Ctx, base: &str, key: &str, problem: Option<(&'static str, String)>) {
    if let Some((code, message)) = problem {
        ctx.error(code, &pointer_push(base, key), message);
    }
}

/// A JSONPath (`$...`, `$$...` or `$variable...`).
pub(super) fn path(ctx: &mut Ctx, pointer: &str, s: &str) {
    if let Some((code, message)) = path_problem(s) {
        ctx.error(code, pointer, message);
    }
}

fn path_problem(s: &str) -> Option<(&'static str, String)> {
    if has_placeholder(s) {
        return None;
    }
    let e = parse_path(s).err()?;
    let message = if is_intrinsic_call(s) {
        format!("\"{s}\": an intrinsic function is not allowed here, only a JSONPath")
    } else {
        format!("\"{s}\" is not a valid JSONPath: {e}")
    };
    Some(("invalid-json-path", message))
}

fn result_path_problem(s: &str) -> Option<(&'static str, String)> {
    if has_placeholder(s) {
        return None;
    }
    parse_result_path(s).err().map(|e| {
        let why = if s.starts_with("$$") {
            "the context object ($$) cannot be written; use a path into the state input such as \"$.result\"".to_owned()
        } else if s.len() > 1 && s.starts_with('$') && !s[1..].starts_with(['.', '[']) {
            format!("a variable cannot be written here; use \"$.{}\" for the state input, or \"Assign\" to set a variable", &s[1..])
        } else {
            e.to_string()
        };
        ("invalid-reference-path", format!("\"{s}\" is not a valid Reference Path: {why}"))
    })
}

/// Walks a payload template: every `"key.$"` value must be a path or an intrinsic call.
/// Pointers below `pointer` are built only when something is wrong.
fn template(ctx: &mut Ctx, pointer: &str, node: &Node) {
    enum Step<'n> {
        Key(&'n str),
        Index(usize),
    }
    fn at(pointer: &str, path: &[Step]) -> String {
        path.iter().fold(pointer.to_owned(), |p, s| match s {
            Step::Key(k) => pointer_push(&p, k),
            Step::Index(i) => format!("{p}/{i}"),
        })
    }
    fn walk<'n>(ctx: &mut Ctx, pointer: &str, node: &'n Node, path: &mut Vec<Step<'n>>) {
        match &node.value {
            NodeValue::Object(members) => {
                for m in members {
                    path.push(Step::Key(&m.key));
                    if let Some(plain) = m.key.strip_suffix(".$") {
                        if members.iter().any(|o| o.key == plain) {
                            let message =
                                format!("\"{plain}\" and \"{}\" both set the field \"{plain}\"", m.key);
                            ctx.error_key("duplicate-key", &at(pointer, path), message);
                        }
                        let problem = match m.value.as_str() {
                            Some(s) => cached(ctx, DYNAMIC, s, dynamic_value_problem),
                            None => Some(("invalid-type", format!("\"{}\" ends in \".$\", so its value must be a path or intrinsic function string", m.key))),
                        };
                        if let Some((code, message)) = problem {
                            ctx.error(code, &at(pointer, path), message);
                        }
                    } else {
                        walk(ctx, pointer, &m.value, path);
                    }
                    path.pop();
                }
            }
            NodeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(ctx, pointer, item, path);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    walk(ctx, pointer, node, &mut Vec::new());
}

/// The first problem of a `"key.$"` value (an intrinsic reports its first error).
fn dynamic_value_problem(s: &str) -> Option<(&'static str, String)> {
    if has_placeholder(s) {
        return None;
    }
    if !is_intrinsic_call(s) {
        return payload_path_problem(s);
    }
    let error = match parse_intrinsic(s) {
        Ok(call) => check_intrinsic(&call).into_iter().next()?,
        Err(e) => e,
    };
    Some(("invalid-intrinsic", format!("invalid intrinsic function call: {error}")))
}

/// The intrinsics the guide allows in ErrorPath and CausePath ("Fail workflow state"):
/// those that return a string. `States.ArrayGetItem` is among them, as its item may be one.
const STRING_INTRINSICS: &[&str] = &[
    "States.Format",
    "States.JsonToString",
    "States.ArrayGetItem",
    "States.Base64Encode",
    "States.Base64Decode",
    "States.Hash",
    "States.UUID",
];

/// ErrorPath and CausePath: a path, or an intrinsic call whose result is a string, since
/// the error name and cause are strings.
fn fail_path_problem(s: &str) -> Option<(&'static str, String)> {
    if let Some(problem) = payload_path_problem(s) {
        return Some(problem);
    }
    let call = parse_intrinsic(s).ok().filter(|_| is_intrinsic_call(s))?;
    if STRING_INTRINSICS.contains(&call.name.as_str()) {
        return None;
    }
    let returns = signature(&call.name).map_or("no string", |sig| sig.returns.describe());
    let message = format!(
        "{} returns {returns}, but the error and cause must be strings: use a path, or one of {}",
        call.name,
        STRING_INTRINSICS.join(", ")
    );
    Some(("invalid-intrinsic", message))
}

/// A value that is a JSONPath or an intrinsic call (`"key.$"` values, ErrorPath, CausePath).
fn payload_path_problem(s: &str) -> Option<(&'static str, String)> {
    check_payload_path(s).err().map(|e| {
        let message = if s.starts_with('$') || s.starts_with("States.") {
            format!("\"{s}\" is not a valid JSONPath or intrinsic function call: {e}")
        } else {
            format!("\"{s}\" is neither a JSONPath (starting with \"$\") nor an intrinsic function call (States.*)")
        };
        ("invalid-json-path", message)
    })
}
