//! Array intrinsics: ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem,
//! ArrayLength, ArrayUnique (`States.Array` is just its arguments).

use super::args::Args;
use crate::expr::value::{as_integer, compact, json_equal};
use crate::RuntimeError;
use serde_json::Value;
use std::collections::HashSet;

/// AWS: "The array ... can't contain more than 1000 items".
const MAX_RANGE_ITEMS: i128 = 1000;

/// `States.ArrayPartition(array, size)`: consecutive chunks of `size` items, the last
/// one shorter when the length is not a multiple (`[]` stays `[]`).
pub(super) fn partition(mut args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(2, 2)?;
    args.array(0)?;
    let size = args.integer(1)?;
    let size = usize::try_from(size)
        .ok()
        .filter(|s| *s > 0)
        .ok_or_else(|| args.fail(format!("the chunk size must be a positive integer, but was {size}")))?;
    let Value::Array(items) = args.take(0)? else {
        return Err(args.fail("argument 1 must be an array"));
    };
    Ok(Value::Array(items.chunks(size).map(|chunk| Value::Array(chunk.to_vec())).collect()))
}

/// `States.ArrayContains(array, value)`: deep equality, numbers by value.
pub(super) fn contains(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(2, 2)?;
    let items = args.array(0)?;
    let wanted = args.get(1)?;
    Ok(Value::Bool(items.iter().any(|item| json_equal(item, wanted))))
}

/// `States.ArrayRange(start, end, step)`: `start, start+step, ...` up to and including
/// `end`; a step pointing away from `end` gives `[]`.
pub(super) fn range(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(3, 3)?;
    let (start, end, step) = (args.integer(0)?, args.integer(1)?, args.integer(2)?);
    if step == 0 {
        return Err(args.fail("the step must not be 0"));
    }
    let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
    let count = if (end - start).signum() == -step.signum() { 0 } else { (end - start) / step + 1 };
    if count > MAX_RANGE_ITEMS {
        return Err(args.fail(format!(
            "the range would contain {count} items, more than the maximum of {MAX_RANGE_ITEMS}"
        )));
    }
    // `count` <= 1000 and every value lies between start and end, so each fits an i64.
    Ok(Value::Array((0..count).map(|k| Value::from((start + k * step) as i64)).collect()))
}

/// `States.ArrayGetItem(array, index)`: zero-based; an index past the end fails.
pub(super) fn get_item(mut args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(2, 2)?;
    let len = args.array(0)?.len();
    let index = args.integer(1)?;
    let Some(i) = usize::try_from(index).ok().filter(|i| *i < len) else {
        return Err(args.fail(format!("the index {index} is out of bounds for an array of length {len}")));
    };
    match args.take(0)? {
        Value::Array(mut items) => Ok(items.swap_remove(i)),
        _ => Err(args.fail("argument 1 must be an array")),
    }
}

/// `States.ArrayLength(array)`.
pub(super) fn length(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(1, 1)?;
    Ok(Value::from(args.array(0)?.len()))
}

/// `States.ArrayUnique(array)`: the first occurrence of each value, in order.
pub(super) fn unique(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(1, 1)?;
    let mut seen = HashSet::new();
    let kept = args.array(0)?.iter().filter(|item| seen.insert(canonical(item))).cloned().collect();
    Ok(Value::Array(kept))
}

/// A text equal for exactly the values `json_equal` calls equal (numbers by value,
/// object keys in any order), so duplicates are found in linear time.
fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Number(n) => match as_integer(n) {
            Some(i) => out.push_str(&i.to_string()),
            None => out.push_str(&n.as_f64().map_or_else(|| n.to_string(), |f| format!("{f:e}"))),
        },
        Value::Array(items) => {
            out.push('[');
            for item in items {
                write_canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<_> = map.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (key, item) in members {
                out.push_str(&compact(&Value::String(key.clone())));
                out.push(':');
                write_canonical(item, out);
                out.push(',');
            }
            out.push('}');
        }
        other => out.push_str(&compact(other)),
    }
}
