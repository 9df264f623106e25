//! Which states differ between two versions of a machine (issue 17: local vs deployed),
//! for the diagram: a state is matched by name (names are unique in the whole machine,
//! nested ones included), and compared as data, so layout, key order and comments do not
//! count as changes.

use asl_model::model::StateMachine;
use asl_model::Document;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// The states of `local` that `base` lacks or has otherwise, and those only `base` has.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateDiff {
    /// Pointers (in `local`) of states `base` does not have.
    pub added: Vec<String>,
    /// Pointers (in `local`) of states whose data differs from `base`'s.
    pub changed: Vec<String>,
    /// Names of the states only `base` has.
    pub removed: Vec<String>,
    /// The top-level fields (`StartAt`, `Comment`, `TimeoutSeconds`, ...) differ.
    pub machine_changed: bool,
}

impl StateDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty() && !self.machine_changed
    }
}

/// Compares `local` with `base` (the deployed version).
pub fn state_diff(base: &Document, local: &Document) -> StateDiff {
    let (base_value, local_value) = (base.to_value(), local.to_value());
    let base_states = states_of(base.machine(), &base_value);
    let local_states = states_of(local.machine(), &local_value);
    let mut diff = StateDiff::default();
    for (name, (pointer, value)) in &local_states {
        match base_states.get(name) {
            None => diff.added.push(pointer.clone()),
            Some((_, old)) if without_children(old) != without_children(value) => diff.changed.push(pointer.clone()),
            Some(_) => {}
        }
    }
    for name in base_states.keys() {
        if !local_states.contains_key(name) {
            diff.removed.push(name.clone());
        }
    }
    diff.added.sort();
    diff.changed.sort();
    diff.removed.sort();
    let top = |v: &Value| v.as_object().map(|o| o.iter().filter(|(k, _)| *k != "States").map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>());
    diff.machine_changed = top(&base_value) != top(&local_value);
    diff
}

/// Every state of the machine, nested ones included: name -> (pointer, its data).
fn states_of(machine: &StateMachine, value: &Value) -> HashMap<String, (String, Value)> {
    let mut out = HashMap::new();
    let mut stack = vec![machine];
    while let Some(m) = stack.pop() {
        for s in &m.states {
            let data = value.pointer(&s.pointer).cloned().unwrap_or(Value::Null);
            out.insert(s.name.clone(), (s.pointer.clone(), data));
            stack.extend(s.children());
        }
    }
    out
}

/// A Parallel's or Map's own fields: the states inside are compared on their own, so an
/// edit inside a branch marks that state, not its container too.
fn without_children(state: &Value) -> Value {
    let mut v = state.clone();
    if let Some(o) = v.as_object_mut() {
        if let Some(Value::Array(branches)) = o.get_mut("Branches") {
            for b in branches.iter_mut() {
                if let Some(b) = b.as_object_mut() {
                    b.remove("States");
                }
            }
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(Value::Object(p)) = o.get_mut(key) {
                p.remove("States");
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use asl_model::Format;

    fn doc(text: &str) -> Document {
        Document::parse(text, Format::Json).unwrap()
    }

    #[test]
    fn states_are_matched_by_name_and_compared_as_data() {
        let base = doc(r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "P"},
            "P": {"Type": "Parallel", "Branches": [{"StartAt": "In", "States": {"In": {"Type": "Pass", "End": true}}}], "Next": "Gone"},
            "Gone": {"Type": "Succeed"}}}"#);
        // Reformatted, A's keys reordered, In changed, Gone removed, New added.
        let local = doc(r#"{
          "StartAt": "A",
          "States": {
            "A": {"Next": "P", "Type": "Pass"},
            "P": {"Type": "Parallel", "Branches": [{"StartAt": "In", "States": {"In": {"Type": "Pass", "Result": 1, "End": true}}}], "Next": "New"},
            "New": {"Type": "Succeed"}
          }
        }"#);
        let d = state_diff(&base, &local);
        assert_eq!(d.added, ["/States/New"]);
        // P's own Next changed; In changed inside it.
        assert_eq!(d.changed, ["/States/P", "/States/P/Branches/0/States/In"]);
        assert_eq!(d.removed, ["Gone"]);
        assert!(!d.machine_changed);
        assert!(state_diff(&base, &base).is_empty());
    }
}
