//! The size limits AWS documents for workflow variables: 256 KiB for one variable, 256 KiB
//! for all the variables of one Assign, 10 MiB for all the variables an execution holds
//! in one scope. Exceeding one fails the state with `States.Runtime` (nothing catches it).

use super::io::{exceeds, PAYLOAD_LIMIT};
use crate::RuntimeError;
use serde::Serialize;
use serde_json::{Map, Value};

/// 10 MiB: all variables of a scope together.
pub const TOTAL_LIMIT: usize = 10 * 1024 * 1024;

/// Checks what a state assigns against the limits, given the variables already held.
pub(crate) fn check(assigned: &Map<String, Value>, held: &Map<String, Value>) -> Result<(), RuntimeError> {
    for (name, value) in assigned {
        if exceeds(value, PAYLOAD_LIMIT) {
            return Err(RuntimeError::runtime(format!(
                "The variable '{name}' exceeds the maximum variable size of 262144 bytes."
            )));
        }
    }
    if over(assigned, PAYLOAD_LIMIT) {
        return Err(RuntimeError::runtime(
            "The variables assigned by the field 'Assign' exceed the maximum combined size of 262144 bytes.",
        ));
    }
    // Only the held variables not replaced count with the new ones.
    let kept: usize = held
        .iter()
        .filter(|(k, _)| !assigned.contains_key(*k))
        .map(|(k, v)| k.len() + size(v, TOTAL_LIMIT + 1))
        .sum();
    if kept + size(assigned, TOTAL_LIMIT + 1) > TOTAL_LIMIT {
        return Err(RuntimeError::runtime(
            "The variables of the execution exceed the maximum total size of 10485760 bytes.",
        ));
    }
    Ok(())
}

fn over(v: &impl Serialize, limit: usize) -> bool {
    size(v, limit + 1) > limit
}

/// The serialized size of `v`, counting stopped past `cap`.
fn size(v: &impl Serialize, cap: usize) -> usize {
    struct Counter {
        n: usize,
        cap: usize,
    }
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.n += buf.len();
            if self.n > self.cap {
                return Err(std::io::Error::other("over"));
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Counter { n: 0, cap };
    let _ = serde_json::to_writer(&mut c, v);
    c.n
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn limits() {
        let big = "x".repeat(200_000);
        assert!(check(&map(json!({"a": big})), &Map::new()).is_ok());
        assert!(check(&map(json!({"a": "x".repeat(300_000)})), &Map::new())
            .unwrap_err()
            .cause
            .contains("'a'"));
        assert!(check(&map(json!({"a": big, "b": big})), &Map::new())
            .unwrap_err()
            .cause
            .contains("combined"));
        let held: Map<String, Value> = (0..52).map(|i| (format!("v{i}"), json!(big))).collect();
        assert!(check(&map(json!({"a": big})), &held).unwrap_err().cause.contains("total"));
        assert!(check(&map(json!({"v1": 1})), &held).is_ok());
    }
}
