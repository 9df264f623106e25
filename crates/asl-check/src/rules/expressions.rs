//! JSONPath states: paths, Reference Paths and payload templates (`"key.$"` fields
//! holding a path or an intrinsic function call).

use super::has_placeholder;
use crate::Ctx;
use asl_model::expr::{check_intrinsic, check_payload_path, is_intrinsic_call, parse_intrinsic, parse_path, parse_result_path};
use asl_model::model::State;
use asl_model::syntax::{pointer_push, Node, NodeValue};

/// Fields holding a JSONPath.
const PATH_FIELDS: &[&str] = &[
    "InputPath", "OutputPath", "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath",
    "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
];
/// Fields holding a payload template.
const TEMPLATE_FIELDS: &[&str] = &["Parameters", "ResultSelector", "ItemSelector", "Assign", "Credentials"];

pub(super) fn state_paths(ctx: &mut Ctx, state: &State) {
    let tree = ctx.doc.tree();
    let Some(node) = tree.at(&state.pointer) else { return };
    for key in PATH_FIELDS {
        if let Some(s) = node.get(key).and_then(Node::as_str) {
            path(ctx, &pointer_push(&state.pointer, key), s);
        }
    }
    if let Some(s) = node.get("ResultPath").and_then(Node::as_str) {
        result_path(ctx, &pointer_push(&state.pointer, "ResultPath"), s);
    }
    for key in ["ErrorPath", "CausePath"] {
        if let Some(s) = node.get(key).and_then(Node::as_str) {
            let ptr = pointer_push(&state.pointer, key);
            if !has_placeholder(s) {
                payload_path(ctx, &ptr, s);
            }
        }
    }
    for key in TEMPLATE_FIELDS {
        if let Some(value) = node.get(key) {
            template(ctx, &pointer_push(&state.pointer, key), value);
        }
    }
    for sub in ["ItemReader", "ResultWriter"] {
        if let Some(value) = node.get(sub).and_then(|n| n.get("Parameters")) {
            template(ctx, &format!("{}/{sub}/Parameters", state.pointer), value);
        }
    }
    for catcher in &state.catch {
        if let Some(s) = tree.at(&pointer_push(&catcher.pointer, "ResultPath")).and_then(Node::as_str) {
            result_path(ctx, &pointer_push(&catcher.pointer, "ResultPath"), s);
        }
        if let Some(value) = tree.at(&pointer_push(&catcher.pointer, "Assign")) {
            template(ctx, &pointer_push(&catcher.pointer, "Assign"), value);
        }
    }
    if let asl_model::model::StateKind::Choice(choice) = &state.kind {
        for rule in &choice.choices {
            if let Some(value) = tree.at(&pointer_push(&rule.condition.pointer, "Assign")) {
                template(ctx, &pointer_push(&rule.condition.pointer, "Assign"), value);
            }
        }
    }
}

/// A JSONPath (`$...`, `$$...` or `$variable...`).
pub(super) fn path(ctx: &mut Ctx, pointer: &str, s: &str) {
    if has_placeholder(s) {
        return;
    }
    if let Err(e) = parse_path(s) {
        let message = if is_intrinsic_call(s) {
            format!("\"{s}\": an intrinsic function is not allowed here, only a JSONPath")
        } else {
            format!("\"{s}\" is not a valid JSONPath: {e}")
        };
        ctx.error("invalid-json-path", pointer, message);
    }
}

fn result_path(ctx: &mut Ctx, pointer: &str, s: &str) {
    if has_placeholder(s) {
        return;
    }
    if let Err(e) = parse_result_path(s) {
        let why = if s.starts_with("$$") {
            "the context object ($$) cannot be written; use a path into the state input such as \"$.result\"".to_owned()
        } else if s.len() > 1 && s.starts_with('$') && !s[1..].starts_with(['.', '[']) {
            format!("a variable cannot be written here; use \"$.{}\" for the state input, or \"Assign\" to set a variable", &s[1..])
        } else {
            e.to_string()
        };
        ctx.error("invalid-reference-path", pointer, format!("\"{s}\" is not a valid Reference Path: {why}"));
    }
}

/// Walks a payload template: every `"key.$"` value must be a path or an intrinsic call.
fn template(ctx: &mut Ctx, pointer: &str, node: &Node) {
    let mut stack = vec![(node, pointer.to_owned())];
    while let Some((node, ptr)) = stack.pop() {
        match &node.value {
            NodeValue::Object(members) => {
                for m in members {
                    let child = pointer_push(&ptr, &m.key);
                    if let Some(plain) = m.key.strip_suffix(".$") {
                        if members.iter().any(|o| o.key == plain) {
                            let message = format!("\"{plain}\" and \"{}\" both set the field \"{plain}\"", m.key);
                            ctx.error_key("duplicate-key", &child, message);
                        }
                        match m.value.as_str() {
                            Some(s) => dynamic_value(ctx, &child, s),
                            None => ctx.error(
                                "invalid-type",
                                &child,
                                format!("\"{}\" ends in \".$\", so its value must be a path or intrinsic function string", m.key),
                            ),
                        }
                    } else {
                        stack.push((&m.value, child));
                    }
                }
            }
            NodeValue::Array(items) => stack.extend(items.iter().enumerate().map(|(i, n)| (n, format!("{ptr}/{i}")))),
            _ => {}
        }
    }
}

fn dynamic_value(ctx: &mut Ctx, pointer: &str, s: &str) {
    if has_placeholder(s) {
        return;
    }
    if is_intrinsic_call(s) {
        match parse_intrinsic(s) {
            Ok(call) => {
                for e in check_intrinsic(&call) {
                    ctx.error("invalid-intrinsic", pointer, format!("invalid intrinsic function call: {e}"));
                }
            }
            Err(e) => ctx.error("invalid-intrinsic", pointer, format!("invalid intrinsic function call: {e}")),
        }
    } else {
        payload_path(ctx, pointer, s);
    }
}

/// A value that is a JSONPath or an intrinsic call (`"key.$"` values, ErrorPath, CausePath).
fn payload_path(ctx: &mut Ctx, pointer: &str, s: &str) {
    if let Err(e) = check_payload_path(s) {
        let message = if s.starts_with('$') || s.starts_with("States.") {
            format!("\"{s}\" is not a valid JSONPath or intrinsic function call: {e}")
        } else {
            format!("\"{s}\" is neither a JSONPath (starting with \"$\") nor an intrinsic function call (States.*)")
        };
        ctx.error("invalid-json-path", pointer, message);
    }
}
