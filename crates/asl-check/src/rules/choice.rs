//! Choice rules: one comparison per rule, operand types, `Next` only at the top,
//! `Condition` in JSONata and `Variable` + operator in JSONPath.

use super::{expressions, has_placeholder, values::is_rfc3339};
use crate::Ctx;
use asl_model::model::{Condition, ConditionKind, Family, Operator, QueryLanguage, State, StateKind};
use asl_model::syntax::pointer_push;
use serde_json::Value;

pub(super) fn rules(ctx: &mut Ctx, state: &State, ql: QueryLanguage) {
    let StateKind::Choice(choice) = &state.kind else { return };
    let choices_ptr = pointer_push(&state.pointer, "Choices");
    if choice.choices.is_empty() && ctx.doc.tree().at(&choices_ptr).is_some() {
        ctx.error("missing-field", &choices_ptr, "\"Choices\" must hold at least one rule");
    }
    for rule in &choice.choices {
        let ptr = &rule.condition.pointer;
        let known: &[&str] = match ql {
            QueryLanguage::JsonPath => &["Next", "Comment", "Assign", "Variable", "And", "Or", "Not"],
            QueryLanguage::Jsonata => &["Next", "Comment", "Assign", "Output", "Condition"],
        };
        top_level_fields(ctx, ptr, known, ql);
        if rule.next.is_none() {
            ctx.error_key("missing-field", ptr, "a Choice rule needs \"Next\"");
        }
        condition(ctx, &rule.condition, ql, true);
    }
}

/// Unknown fields of a top-level rule; operators are known in JSONPath rules.
fn top_level_fields(ctx: &mut Ctx, pointer: &str, known: &[&str], ql: QueryLanguage) {
    let Some(members) = ctx.doc.tree().at(pointer).and_then(|n| n.as_object()) else { return };
    for m in members {
        let is_operator = Operator::from_name(&m.key).is_some();
        if known.contains(&m.key.as_str()) || is_operator && ql == QueryLanguage::JsonPath {
            continue;
        }
        let ptr = pointer_push(pointer, &m.key);
        let message = if is_operator || m.key == "Condition" {
            format!("field \"{}\" is not supported in a {} Choice rule", m.key, if ql == QueryLanguage::Jsonata { "JSONata" } else { "JSONPath" })
        } else {
            format!("field \"{}\" is not supported in a Choice rule", m.key)
        };
        ctx.error_key("field-not-allowed", &ptr, message);
    }
}

fn condition(ctx: &mut Ctx, cond: &Condition, ql: QueryLanguage, top: bool) {
    let ptr = &cond.pointer;
    if !top {
        nested_fields(ctx, ptr);
    }
    match &cond.kind {
        ConditionKind::Invalid { operators } if operators.is_empty() => {
            let what = if ql == QueryLanguage::Jsonata { "a \"Condition\"" } else { "a comparison operator (or And/Or/Not)" };
            ctx.error("choice-rule-operators", ptr, format!("the Choice rule has no condition: it needs {what}"));
        }
        ConditionKind::Invalid { operators } => {
            let message = format!("each Choice rule can only have one comparison operator; found {}", operators.join(", "));
            ctx.error("choice-rule-operators", ptr, message);
        }
        ConditionKind::And(subs) | ConditionKind::Or(subs) => {
            if subs.is_empty() {
                ctx.error("choice-rule-operators", ptr, "\"And\"/\"Or\" need at least one rule");
            }
            for sub in subs {
                condition(ctx, sub, ql, false);
            }
        }
        ConditionKind::Not(sub) => condition(ctx, sub, ql, false),
        ConditionKind::Jsonata(value) => {
            let cptr = pointer_push(ptr, "Condition");
            match value {
                Value::Bool(_) => {}
                Value::String(s) if s.starts_with("{%") || s.ends_with("%}") => {
                    super::jsonata::expression(ctx, &cptr, s)
                }
                _ => ctx.error("invalid-type", &cptr, "\"Condition\" must be a JSONata expression {% ... %} or a boolean"),
            }
        }
        ConditionKind::Comparison { variable, operator, operand } => {
            let op_ptr = pointer_push(ptr, &operator.name());
            match variable {
                None => ctx.error_key("missing-field", ptr, format!("\"{}\" needs a \"Variable\"", operator.name())),
                Some(v) => expressions::path(ctx, &pointer_push(ptr, "Variable"), v),
            }
            if operator.path {
                match operand.as_str() {
                    Some(p) => expressions::path(ctx, &op_ptr, p),
                    None => ctx.error("invalid-type", &op_ptr, format!("\"{}\" must be a path string", operator.name())),
                }
                return;
            }
            let ok = match (operator.family, operator.comparison) {
                (Family::Test, _) | (Family::Boolean, _) => operand.is_boolean(),
                (Family::String, _) => operand.is_string(),
                (Family::Numeric, _) => operand.is_number(),
                (Family::Timestamp, _) => {
                    operand.as_str().is_some_and(|s| is_rfc3339(s) || has_placeholder(s))
                }
            };
            if !ok {
                let expected = match operator.family {
                    Family::Test | Family::Boolean => "a boolean",
                    Family::String => "a string",
                    Family::Numeric => "a number",
                    Family::Timestamp => "an RFC 3339 timestamp string",
                };
                ctx.error("invalid-type", &op_ptr, format!("\"{}\" must be {expected}", operator.name()));
            }
        }
    }
}

/// Nested rules (inside And/Or/Not) carry no `Next`, `Assign` or `Output`.
fn nested_fields(ctx: &mut Ctx, pointer: &str) {
    let Some(members) = ctx.doc.tree().at(pointer).and_then(|n| n.as_object()) else { return };
    for m in members {
        let known = ["Variable", "And", "Or", "Not", "Comment", "Condition"].contains(&m.key.as_str());
        if !known && Operator::from_name(&m.key).is_none() {
            let message = format!("field \"{}\" is not supported in a nested Choice rule", m.key);
            ctx.error_key("field-not-allowed", &pointer_push(pointer, &m.key), message);
        }
    }
}
