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
    if ctx.doc.tree().at(&choices_ptr).and_then(|n| n.as_array()).is_some_and(|a| a.is_empty()) {
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
        let jsonpath_key = is_operator || ["Variable", "And", "Or", "Not"].contains(&m.key.as_str());
        let message = match ql {
            QueryLanguage::Jsonata if jsonpath_key => {
                format!("field \"{}\" is not supported in a JSONata Choice rule: use \"Condition\"", m.key)
            }
            QueryLanguage::JsonPath if m.key == "Condition" => {
                "field \"Condition\" is not supported in a JSONPath Choice rule: \
                 set \"QueryLanguage\": \"JSONata\" or use \"Variable\" with a comparison operator"
                    .to_owned()
            }
            _ => format!("field \"{}\" is not supported in a Choice rule", m.key),
        };
        ctx.error_key("field-not-allowed", &ptr, message);
    }
}

fn condition(ctx: &mut Ctx, cond: &Condition, ql: QueryLanguage, top: bool) {
    let ptr = &cond.pointer;
    let foreign = match &cond.kind {
        ConditionKind::Invalid { .. } => false,
        ConditionKind::Jsonata(_) => ql == QueryLanguage::JsonPath,
        _ => ql == QueryLanguage::Jsonata,
    };
    if foreign {
        // Its keys are reported as fields not allowed in this query language.
        return;
    }
    if !top {
        nested_fields(ctx, ptr);
    }
    match &cond.kind {
        ConditionKind::Invalid { operators } => {
            // Keys of the other query language are reported as fields not allowed; only
            // the operators of this one count.
            let jsonata = ql == QueryLanguage::Jsonata;
            let relevant: Vec<&str> =
                operators.iter().map(String::as_str).filter(|o| (*o == "Condition") == jsonata).collect();
            match relevant.as_slice() {
                // A `Not` that is not an object is reported as such by the model.
                [] if ctx.doc.tree().at(&pointer_push(ptr, "Not")).is_some() => {}
                [] => {
                    let what =
                        if jsonata { "a \"Condition\"" } else { "a comparison operator (or And/Or/Not)" };
                    ctx.error(
                        "choice-rule-operators",
                        ptr,
                        format!("the Choice rule has no condition: it needs {what}"),
                    );
                }
                ["Condition"] => {
                    let value = ctx.doc.tree().at(&pointer_push(ptr, "Condition")).map(|n| n.to_value());
                    jsonata_condition(ctx, ptr, value.as_ref().unwrap_or(&Value::Null));
                }
                [_] => {}
                several => {
                    let message = format!(
                        "a Choice rule can have only one comparison operator; found {}",
                        several.join(", ")
                    );
                    ctx.error("choice-rule-operators", ptr, message);
                }
            }
        }
        ConditionKind::And(subs) | ConditionKind::Or(subs) => {
            let op = if matches!(cond.kind, ConditionKind::And(_)) { "And" } else { "Or" };
            let op_ptr = pointer_push(ptr, op);
            // Not an array at all is reported as such by the model.
            if ctx.doc.tree().at(&op_ptr).and_then(|n| n.as_array()).is_some_and(|a| a.is_empty()) {
                ctx.error("choice-rule-operators", &op_ptr, format!("\"{op}\" needs at least one rule"));
            }
            for sub in subs {
                condition(ctx, sub, ql, false);
            }
        }
        ConditionKind::Not(sub) => condition(ctx, sub, ql, false),
        // In a JSONPath rule, `Condition` is reported as a field not allowed.
        ConditionKind::Jsonata(value) => jsonata_condition(ctx, ptr, value),
        ConditionKind::Comparison { variable, operator, operand } => {
            let op_ptr = pointer_push(ptr, &operator.name());
            let variable_ptr = pointer_push(ptr, "Variable");
            match variable {
                // A `Variable` of the wrong type is reported as such by the model.
                None if ctx.doc.tree().at(&variable_ptr).is_some() => {}
                None => ctx.error_key(
                    "missing-field",
                    ptr,
                    format!("\"{}\" needs a \"Variable\"", operator.name()),
                ),
                Some(v) => expressions::path(ctx, &variable_ptr, v),
            }
            if operator.path {
                match operand.as_str() {
                    Some(p) => expressions::path(ctx, &op_ptr, p),
                    None => ctx.error(
                        "invalid-type",
                        &op_ptr,
                        format!("\"{}\" must be a path string", operator.name()),
                    ),
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
                    Family::Timestamp => "an RFC 3339 timestamp such as \"2026-01-31T09:30:00Z\"",
                };
                let found = match operand {
                    Value::String(s) => format!("\"{s}\""),
                    other => other.to_string(),
                };
                ctx.error(
                    "invalid-type",
                    &op_ptr,
                    format!("\"{}\" must be {expected}, found {found}", operator.name()),
                );
            }
        }
    }
}

fn jsonata_condition(ctx: &mut Ctx, rule: &str, value: &Value) {
    let cptr = pointer_push(rule, "Condition");
    match value {
        Value::Bool(_) => {}
        Value::String(s) if s.starts_with("{%") || s.ends_with("%}") => {
            super::jsonata::expression(ctx, &cptr, s)
        }
        _ => ctx.error(
            "invalid-type",
            &cptr,
            "\"Condition\" must be a JSONata expression {% ... %} or a boolean",
        ),
    }
}

/// Nested rules (inside And/Or/Not) carry no `Next`, `Assign` or `Output`.
fn nested_fields(ctx: &mut Ctx, pointer: &str) {
    let Some(members) = ctx.doc.tree().at(pointer).and_then(|n| n.as_object()) else { return };
    for m in members {
        let known = ["Variable", "And", "Or", "Not", "Comment"].contains(&m.key.as_str());
        if !known && Operator::from_name(&m.key).is_none() {
            let message = format!("field \"{}\" is not supported in a nested Choice rule", m.key);
            ctx.error_key("field-not-allowed", &pointer_push(pointer, &m.key), message);
        }
    }
}
