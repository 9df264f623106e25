//! JSONata states: every `{% ... %}` string must be one well-formed JSONata expression.

use crate::Ctx;
use asl_model::model::{State, StateKind};
use asl_model::syntax::{pointer_push, Node, NodeValue};

/// Fields whose strings may be JSONata expressions.
const EXPRESSION_FIELDS: &[&str] = &[
    "Arguments",
    "Output",
    "Assign",
    "Items",
    "ItemSelector",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "Seconds",
    "Timestamp",
    "MaxConcurrency",
    "ToleratedFailureCount",
    "ToleratedFailurePercentage",
    "Error",
    "Cause",
    "Credentials",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
];

pub(super) fn state_expressions(ctx: &mut Ctx, state: &State, node: &Node) {
    let tree = ctx.doc.tree();
    for key in EXPRESSION_FIELDS {
        if let Some(value) = node.get(key) {
            walk(ctx, &pointer_push(&state.pointer, key), value);
        }
    }
    let mut extra: Vec<String> = state.catch.iter().map(|c| c.pointer.clone()).collect();
    if let StateKind::Choice(choice) = &state.kind {
        extra.extend(choice.choices.iter().map(|r| r.condition.pointer.clone()));
    }
    for base in extra {
        for key in ["Output", "Assign"] {
            let ptr = pointer_push(&base, key);
            if let Some(value) = tree.at(&ptr) {
                walk(ctx, &ptr, value);
            }
        }
    }
}

fn walk(ctx: &mut Ctx, pointer: &str, node: &Node) {
    let mut stack = vec![(node, pointer.to_owned())];
    while let Some((node, ptr)) = stack.pop() {
        match &node.value {
            NodeValue::String(s) if s.starts_with("{%") || s.ends_with("%}") => expression(ctx, &ptr, s),
            NodeValue::Object(members) => {
                stack.extend(members.iter().map(|m| (&m.value, pointer_push(&ptr, &m.key))));
            }
            NodeValue::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, n)| (n, format!("{ptr}/{i}"))))
            }
            _ => {}
        }
    }
}

/// Checks one `{% ... %}` string.
pub(super) fn expression(ctx: &mut Ctx, pointer: &str, s: &str) {
    let (open, close) = (s.starts_with("{%"), s.len() >= 4 && s.ends_with("%}"));
    if !open || !close {
        let message = if open {
            "a JSONata expression must end with \"%}\""
        } else {
            "a JSONata expression must start with \"{%\""
        };
        ctx.error("invalid-jsonata", pointer, message);
        return;
    }
    let inner = s[2..s.len() - 2].trim();
    if inner.is_empty() {
        ctx.error("invalid-jsonata", pointer, "the JSONata expression is empty");
        return;
    }
    if let Err(e) = jsonata_core::parser::parse(inner) {
        ctx.error("invalid-jsonata", pointer, format!("invalid JSONata: {e}"));
    }
}
