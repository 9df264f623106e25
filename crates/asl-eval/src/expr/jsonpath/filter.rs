//! Filter predicates `[?( ... )]` with Jayway's evaluators: a path that selects nothing
//! is *undefined* and makes every comparison false except `!=`; `==` compares numbers by
//! value and a number with a numeric string; `<` and friends only order two numbers or
//! two strings; `=~` must match the whole string.

use super::{evaluate, Selection};
use crate::expr::value::{compare_numbers, java_string_cmp, json_equal};
use crate::expr::Scope;
use asl_model::expr::{CompareOp, FilterExpr, FilterOperand};
use serde_json::Value;
use std::borrow::Cow;
use std::cmp::Ordering;

/// True when `item` (the `@` of the filter) satisfies `expr`.
pub(super) fn test<'a>(expr: &FilterExpr, item: &'a Value, scope: &Scope<'a>) -> bool {
    match expr {
        FilterExpr::Or(a, b) => test(a, item, scope) || test(b, item, scope),
        FilterExpr::And(a, b) => test(a, item, scope) && test(b, item, scope),
        FilterExpr::Not(a) => !test(a, item, scope),
        FilterExpr::Exists(path) => match evaluate(path, scope, Some(item)) {
            Ok(Selection::One(_)) => true,
            Ok(Selection::Many(nodes)) => !nodes.is_empty(),
            Err(_) => false,
        },
        FilterExpr::Compare { left, op, right } => {
            let l = operand(left, item, scope);
            let r = operand(right, item, scope);
            compare(&l, *op, &r)
        }
    }
}

/// One side of a comparison once evaluated.
enum Operand<'a, 'e> {
    /// A path that selected nothing (Jayway's `UNDEFINED`).
    Undefined,
    Value(Cow<'a, Value>),
    Regex {
        pattern: &'e str,
        flags: &'e str,
    },
}

fn operand<'a, 'e>(operand: &'e FilterOperand, item: &'a Value, scope: &Scope<'a>) -> Operand<'a, 'e> {
    match operand {
        FilterOperand::Path(path) => match evaluate(path, scope, Some(item)) {
            Ok(Selection::One(v)) => Operand::Value(v),
            Ok(many) => Operand::Value(Cow::Owned(many.into_value())),
            Err(_) => Operand::Undefined,
        },
        FilterOperand::Literal(v) => Operand::Value(Cow::Owned(v.clone())),
        // Deployed definitions compare with unquoted words; reading them as strings is
        // the only useful meaning.
        FilterOperand::Bareword(w) => Operand::Value(Cow::Owned(Value::String(w.clone()))),
        FilterOperand::Regex { pattern, flags } => Operand::Regex { pattern, flags },
    }
}

fn compare(left: &Operand, op: CompareOp, right: &Operand) -> bool {
    if let (Operand::Value(l), Operand::Regex { pattern, flags }) = (left, right) {
        return op == CompareOp::Matches && regex_matches(l, pattern, flags);
    }
    let (l, r) = match (left, right) {
        (Operand::Value(l), Operand::Value(r)) => (l.as_ref(), r.as_ref()),
        (Operand::Undefined, Operand::Undefined) => return matches!(op, CompareOp::Eq | CompareOp::StrictEq),
        // Undefined equals nothing, so only the negated equalities hold.
        _ => return matches!(op, CompareOp::Ne | CompareOp::StrictNe),
    };
    match op {
        CompareOp::Eq => loose_equal(l, r),
        CompareOp::Ne => !loose_equal(l, r),
        CompareOp::StrictEq => same_kind(l, r) && json_equal(l, r),
        CompareOp::StrictNe => !(same_kind(l, r) && json_equal(l, r)),
        CompareOp::Lt => order(l, r) == Some(Ordering::Less),
        CompareOp::Le => matches!(order(l, r), Some(Ordering::Less | Ordering::Equal)),
        CompareOp::Gt => order(l, r) == Some(Ordering::Greater),
        CompareOp::Ge => matches!(order(l, r), Some(Ordering::Greater | Ordering::Equal)),
        CompareOp::In => contains(r, l),
        CompareOp::Nin => !contains(r, l),
        CompareOp::SubsetOf => l.as_array().is_some_and(|items| items.iter().all(|i| contains(r, i))),
        CompareOp::AnyOf => l.as_array().is_some_and(|items| items.iter().any(|i| contains(r, i))),
        CompareOp::NoneOf => l.as_array().is_some_and(|items| !items.iter().any(|i| contains(r, i))),
        CompareOp::Size => {
            let size = match l {
                Value::Array(items) => items.len(),
                Value::String(s) => s.encode_utf16().count(),
                _ => return false,
            };
            r.as_u64().is_some_and(|n| n == size as u64)
        }
        CompareOp::Empty => {
            let empty = match l {
                Value::Array(items) => items.is_empty(),
                Value::String(s) => s.is_empty(),
                _ => return false,
            };
            r.as_bool() == Some(empty)
        }
        CompareOp::Contains => match (l, r) {
            (Value::String(s), Value::String(part)) => s.contains(part.as_str()),
            (Value::Array(_), item) => contains(l, item),
            _ => false,
        },
        CompareOp::Matches => false,
    }
}

/// Jayway's `==`: numbers by value, a number against a numeric string by value, other
/// values by deep equality.
fn loose_equal(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n)) => {
            s.trim().parse::<f64>().ok().zip(n.as_f64()).is_some_and(|(a, b)| a == b)
        }
        _ => json_equal(l, r),
    }
}

fn same_kind(l: &Value, r: &Value) -> bool {
    std::mem::discriminant(l) == std::mem::discriminant(r)
}

fn order(l: &Value, r: &Value) -> Option<Ordering> {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
        (Value::String(a), Value::String(b)) => Some(java_string_cmp(a, b)),
        _ => None,
    }
}

fn contains(list: &Value, item: &Value) -> bool {
    list.as_array().is_some_and(|items| items.iter().any(|i| loose_equal(i, item)))
}

/// Java's `Pattern.matcher(s).matches()`: the whole string must match.
fn regex_matches(value: &Value, pattern: &str, flags: &str) -> bool {
    let Value::String(s) = value else {
        return false;
    };
    let mut builder = regex::RegexBuilder::new(&format!("^(?:{pattern})$"));
    builder
        .case_insensitive(flags.contains('i'))
        .multi_line(flags.contains('m'))
        .dot_matches_new_line(flags.contains('s'))
        .ignore_whitespace(flags.contains('x'))
        .size_limit(1 << 20);
    // A pattern the regex engine refuses (look-around, back-references) matches nothing.
    builder.build().is_ok_and(|re| re.is_match(s))
}
