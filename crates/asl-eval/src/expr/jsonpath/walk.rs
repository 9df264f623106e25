//! Indefinite paths: every segment maps the current node list to the next one; nothing
//! that is missing is an error (it just matches nothing).

use super::filter;
use super::Scope;
use asl_model::expr::{Segment, Selector};
use serde_json::Value;
use std::borrow::Cow;

pub(super) fn indefinite<'a>(
    root: &'a Value,
    segments: &[Segment],
    scope: &Scope<'a>,
) -> Vec<Cow<'a, Value>> {
    let mut nodes: Vec<&'a Value> = vec![root];
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        // Jayway merges a trailing multi-name selector into one object per node.
        if let (true, Segment::Child(Selector::Names(names))) = (i == last, segment) {
            return nodes
                .into_iter()
                .filter_map(|n| n.as_object().map(|map| Cow::Owned(Value::Object(super::merge(map, names)))))
                .collect();
        }
        let mut next = Vec::new();
        for node in nodes {
            match segment {
                Segment::Child(selector) => select(selector, node, scope, &mut next),
                Segment::Descendant(selector) => {
                    for container in preorder(node) {
                        select(selector, container, scope, &mut next);
                    }
                }
                Segment::Function { .. } => {}
            }
        }
        nodes = next;
        if nodes.is_empty() {
            break;
        }
    }
    nodes.into_iter().map(Cow::Borrowed).collect()
}

/// The children of `node` that `selector` picks, appended to `out`.
fn select<'a>(selector: &Selector, node: &'a Value, scope: &Scope<'a>, out: &mut Vec<&'a Value>) {
    match (selector, node) {
        (Selector::Name(name), Value::Object(map)) => out.extend(map.get(name)),
        (Selector::Names(names), Value::Object(map)) => out.extend(names.iter().filter_map(|n| map.get(n))),
        (Selector::Index(i), Value::Array(items)) => out.extend(item(items, *i)),
        (Selector::Indices(is), Value::Array(items)) => out.extend(is.iter().filter_map(|i| item(items, *i))),
        (Selector::LengthOffset(o), Value::Array(items)) => {
            out.extend(item(items, (items.len() as i64).saturating_add(*o)))
        }
        (Selector::Wildcard, Value::Object(map)) => out.extend(map.values()),
        (Selector::Wildcard, Value::Array(items)) => out.extend(items),
        (Selector::Slice { start, end, step }, Value::Array(items)) => {
            out.extend(slice(items.len(), *start, *end, *step).into_iter().filter_map(|i| items.get(i)));
        }
        // Jayway applies a filter to an object as a whole, and to each item of an array.
        (Selector::Filter(expr), Value::Object(_)) if filter::test(expr, node, scope) => out.push(node),
        (Selector::Filter(expr), Value::Array(items)) => {
            out.extend(items.iter().filter(|item| filter::test(expr, item, scope)));
        }
        _ => {}
    }
}

fn item(items: &[Value], index: i64) -> Option<&Value> {
    let effective = if index < 0 { items.len() as i64 + index } else { index };
    usize::try_from(effective).ok().and_then(|i| items.get(i))
}

/// Indexes of `[start:end:step]` over `len` items, with Python's rules for negative
/// bounds and steps (Jayway has no step; this is the common reading).
pub(super) fn slice(len: usize, start: Option<i64>, end: Option<i64>, step: Option<i64>) -> Vec<usize> {
    let len = len as i64;
    let step = step.unwrap_or(1);
    let normalize = |b: i64| if b < 0 { b + len } else { b };
    let mut indexes = Vec::new();
    if step > 0 {
        let from = start.map_or(0, normalize).clamp(0, len);
        let to = end.map_or(len, normalize).clamp(0, len);
        let mut i = from;
        while i < to {
            indexes.push(i as usize);
            i = i.saturating_add(step);
        }
    } else if step < 0 {
        let from = start.map_or(len - 1, normalize).clamp(-1, len - 1);
        let to = end.map_or(-1, normalize).clamp(-1, len - 1);
        let mut i = from;
        while i > to {
            indexes.push(i as usize);
            i = i.saturating_add(step);
        }
    }
    indexes
}

/// Every object and array under `node` (itself included) in pre-order, as Jayway's deep
/// scan visits them. An explicit stack keeps deep documents off the call stack.
fn preorder(node: &Value) -> Vec<&Value> {
    let mut order = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let children: Box<dyn DoubleEndedIterator<Item = &Value>> = match n {
            Value::Object(map) => Box::new(map.values()),
            Value::Array(items) => Box::new(items.iter()),
            _ => continue,
        };
        order.push(n);
        stack.extend(children.rev().filter(|c| c.is_object() || c.is_array()));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::slice;

    #[test]
    fn slices_follow_python() {
        assert_eq!(slice(5, Some(1), Some(3), None), vec![1, 2]);
        assert_eq!(slice(5, None, Some(2), None), vec![0, 1]);
        assert_eq!(slice(5, Some(-2), None, None), vec![3, 4]);
        assert_eq!(slice(5, Some(1), Some(50), None), vec![1, 2, 3, 4]);
        assert_eq!(slice(5, None, None, Some(2)), vec![0, 2, 4]);
        assert_eq!(slice(5, None, None, Some(-1)), vec![4, 3, 2, 1, 0]);
        assert_eq!(slice(5, Some(3), Some(1), None), Vec::<usize>::new());
        assert_eq!(slice(0, Some(1), Some(5), None), Vec::<usize>::new());
        assert_eq!(slice(3, Some(i64::MIN), Some(i64::MAX), Some(i64::MAX)), vec![0]);
    }
}
