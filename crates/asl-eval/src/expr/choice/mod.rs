//! Choice rule conditions (JSONPath): comparisons, type tests, `And`/`Or`/`Not`.
//!
//! Rules the corpus pins (386 recorded comparisons): a comparison whose variable has the
//! wrong type is simply false (`NumericEquals` on `"0"`, `null`, `[]` or `true`);
//! numbers compare by value (`0 == 0.0`); booleans are not numbers; strings compare
//! exactly and in Java order. A `Variable` (or `...Path` operand) that matches nothing is
//! a `States.Runtime` error, except for `IsPresent`, which exists to ask.

mod timestamp;
mod wildcard;

pub(crate) use timestamp::parse_timestamp;

use super::jsonpath::{evaluate, Selection};
use super::select::parsed;
use super::value::{compare_numbers, java_string_cmp};
use super::Scope;
use crate::RuntimeError;
use asl_model::model::{Comparison, Condition, ConditionKind, Family, Operator};
use serde_json::Value;
use std::borrow::Cow;
use std::cmp::Ordering;
use wildcard::wildcard_match;

/// True when the rule matches. JSONata conditions belong to the JSONata adapter and are
/// refused here.
pub fn evaluate_condition(condition: &Condition, scope: &Scope) -> Result<bool, RuntimeError> {
    match &condition.kind {
        ConditionKind::And(rules) => {
            for rule in rules {
                if !evaluate_condition(rule, scope)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        ConditionKind::Or(rules) => {
            for rule in rules {
                if evaluate_condition(rule, scope)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ConditionKind::Not(rule) => evaluate_condition(rule, scope).map(|b| !b),
        ConditionKind::Comparison { variable, operator, operand } => {
            let Some(variable) = variable else {
                return Err(RuntimeError::runtime(format!(
                    "The choice rule {} has no Variable",
                    condition.pointer
                )));
            };
            compare(variable, *operator, operand, scope)
        }
        ConditionKind::Jsonata(_) => Err(RuntimeError::runtime(
            "A JSONata Condition cannot be evaluated by the JSONPath rules (use the JSONata adapter)",
        )),
        ConditionKind::Invalid { operators } => Err(RuntimeError::runtime(format!(
            "The choice rule {} must have exactly one comparison operator, found {}",
            condition.pointer,
            operators.len()
        ))),
    }
}

fn compare<'a>(
    variable: &str,
    operator: Operator,
    operand: &'a Value,
    scope: &Scope<'a>,
) -> Result<bool, RuntimeError> {
    let value = match lookup(variable, scope)? {
        Some(value) => value,
        None if operator.comparison == Comparison::IsPresent => {
            return Ok(!expected_bool(operator, operand)?)
        }
        None => return Err(invalid_path(variable)),
    };
    if operator.family == Family::Test {
        let expected = expected_bool(operator, operand)?;
        let is = match operator.comparison {
            Comparison::IsNull => value.is_null(),
            Comparison::IsPresent => true,
            Comparison::IsNumeric => value.is_number(),
            Comparison::IsString => value.is_string(),
            Comparison::IsBoolean => value.is_boolean(),
            Comparison::IsTimestamp => value.as_str().is_some_and(|s| parse_timestamp(s).is_some()),
            _ => false,
        };
        return Ok(is == expected);
    }
    let operand = if operator.path {
        let Value::String(path) = operand else {
            return Err(RuntimeError::runtime(format!("The operand of {} must be a path", operator.name())));
        };
        lookup(path, scope)?.ok_or_else(|| invalid_path(path))?
    } else {
        Cow::Borrowed(operand)
    };
    Ok(match operator.comparison {
        Comparison::Matches => match (value.as_ref(), operand.as_ref()) {
            (Value::String(text), Value::String(pattern)) => wildcard_match(pattern, text),
            _ => false,
        },
        comparison => order(operator.family, &value, &operand).is_some_and(|o| holds(comparison, o)),
    })
}

/// The variable's value, or `None` when the path matches nothing.
fn lookup<'a>(path: &str, scope: &Scope<'a>) -> Result<Option<Cow<'a, Value>>, RuntimeError> {
    let parsed = parsed(path)?;
    Ok(evaluate(&parsed, scope, None).ok().map(|selection| match selection {
        Selection::One(value) => value,
        many => Cow::Owned(many.into_value()),
    }))
}

/// AWS's cause for a condition path that selects nothing.
fn invalid_path(path: &str) -> RuntimeError {
    RuntimeError::runtime(format!(
        "Invalid path '{path}': The choice state's condition path references an invalid value."
    ))
}

fn expected_bool(operator: Operator, operand: &Value) -> Result<bool, RuntimeError> {
    operand.as_bool().ok_or_else(|| {
        RuntimeError::runtime(format!("The operand of {} must be true or false", operator.name()))
    })
}

/// How `value` orders against `operand` in the operator's family; `None` when either is
/// not of that family (the comparison is then false, never an error).
fn order(family: Family, value: &Value, operand: &Value) -> Option<Ordering> {
    match (family, value, operand) {
        (Family::String, Value::String(a), Value::String(b)) => Some(java_string_cmp(a, b)),
        (Family::Numeric, Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
        (Family::Boolean, Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        (Family::Timestamp, Value::String(a), Value::String(b)) => {
            Some(parse_timestamp(a)?.cmp(&parse_timestamp(b)?))
        }
        _ => None,
    }
}

fn holds(comparison: Comparison, order: Ordering) -> bool {
    match comparison {
        Comparison::Equals => order == Ordering::Equal,
        Comparison::LessThan => order == Ordering::Less,
        Comparison::GreaterThan => order == Ordering::Greater,
        Comparison::LessThanEquals => order != Ordering::Greater,
        Comparison::GreaterThanEquals => order != Ordering::Less,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
