//! Typed reads of one object's fields, reporting wrong types instead of failing.

use super::{ModelIssue, QueryLanguage};
use crate::syntax::{pointer_push, FastMap, Node};
use serde_json::Value;
use std::sync::OnceLock;

/// Declares the field names the model reads, as `F` variants with their names.
macro_rules! field_names {
    ($($name:ident)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum F { $($name),* }
        const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

field_names! { Arguments Assign BackoffRate Branches Catch Cause CausePath Choices Comment Credentials Default End Error ErrorEquals ErrorPath ExecutionType HeartbeatSeconds HeartbeatSecondsPath InputPath IntervalSeconds ItemBatcher ItemProcessor ItemReader ItemSelector Items ItemsPath Iterator JitterStrategy Label MaxAttempts MaxConcurrency MaxConcurrencyPath MaxDelaySeconds Mode Next Output OutputPath Parameters ProcessorConfig Resource Result ResultPath ResultSelector ResultWriter Retry Seconds SecondsPath StartAt States TimeoutSeconds TimeoutSecondsPath Timestamp TimestampPath ToleratedFailureCount ToleratedFailureCountPath ToleratedFailurePercentage ToleratedFailurePercentagePath Type Variable Version And Or QueryLanguage }

impl F {
    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }
}

/// The slot of a known field name. One hash per member of an object replaces a linear
/// search per field read (the model reads some 25 fields of every state).
fn slot(key: &str) -> Option<usize> {
    static SLOTS: OnceLock<FastMap<&'static str, usize>> = OnceLock::new();
    SLOTS.get_or_init(|| NAMES.iter().enumerate().map(|(i, n)| (*n, i)).collect()).get(key).copied()
}

pub(crate) struct Fields<'a, 'i> {
    pointer: &'a str,
    pub issues: &'i mut Vec<ModelIssue>,
    /// The value of each known field present (the last one when a key repeats).
    slots: [Option<&'a Node>; NAMES.len()],
}

impl<'a, 'i> Fields<'a, 'i> {
    pub fn new(node: &'a Node, pointer: &'a str, issues: &'i mut Vec<ModelIssue>) -> Self {
        let mut slots = [None; NAMES.len()];
        for m in node.as_object().into_iter().flatten() {
            if let Some(i) = slot(&m.key) {
                slots[i] = Some(&m.value);
            }
        }
        Fields { pointer, issues, slots }
    }

    pub fn ptr(&self, key: F) -> String {
        pointer_push(self.pointer, key.name())
    }

    fn wrong(&mut self, key: F, expected: &str, found: &Node) {
        let key = key.name();
        let message = format!("\"{key}\" must be {expected}, found {}", found.kind_name());
        self.issues.push(ModelIssue {
            pointer: pointer_push(self.pointer, key),
            code: "invalid-type",
            message,
            warning: false,
        });
    }

    pub fn raw(&self, key: F) -> Option<&'a Node> {
        self.slots[key as usize]
    }

    pub fn value(&self, key: F) -> Option<Value> {
        self.raw(key).map(Node::to_value)
    }

    pub fn string(&mut self, key: F) -> Option<String> {
        let node = self.raw(key)?;
        match node.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.wrong(key, "a string", node);
                None
            }
        }
    }

    /// A path field where JSON `null` is meaningful ("discard" / "keep the input").
    pub fn nullable_string(&mut self, key: F) -> Option<Option<String>> {
        let node = self.raw(key)?;
        if node.is_null() {
            return Some(None);
        }
        self.string(key).map(Some)
    }

    pub fn bool(&mut self, key: F) -> Option<bool> {
        let node = self.raw(key)?;
        let b = node.as_bool();
        if b.is_none() {
            self.wrong(key, "a boolean", node);
        }
        b
    }

    pub fn number(&mut self, key: F) -> Option<f64> {
        let node = self.raw(key)?;
        let n = node.as_f64();
        if n.is_none() {
            self.wrong(key, "a number", node);
        }
        n
    }

    pub fn strings(&mut self, key: F) -> Option<Vec<String>> {
        let node = self.raw(key)?;
        let items: Option<Vec<String>> =
            node.as_array().and_then(|a| a.iter().map(|n| n.as_str().map(str::to_owned)).collect());
        if items.is_none() {
            self.wrong(key, "an array of strings", node);
        }
        items
    }

    pub fn objects(&mut self, key: F) -> Vec<(&'a Node, String)> {
        let Some(node) = self.raw(key) else { return Vec::new() };
        let Some(items) = node.as_array() else {
            self.wrong(key, "an array", node);
            return Vec::new();
        };
        let base = self.ptr(key);
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let pointer = format!("{base}/{i}");
            if item.as_object().is_some() {
                out.push((item, pointer));
            } else {
                let message =
                    format!("each item of \"{}\" must be an object, found {}", key.name(), item.kind_name());
                self.issues.push(ModelIssue { pointer, code: "invalid-type", message, warning: false });
            }
        }
        out
    }

    pub fn query_language(&mut self) -> Option<QueryLanguage> {
        let name = self.string(F::QueryLanguage)?;
        let ql = QueryLanguage::from_name(&name);
        if ql.is_none() {
            self.issues.push(ModelIssue {
                pointer: self.ptr(F::QueryLanguage),
                code: "invalid-value",
                message: format!("\"QueryLanguage\" must be \"JSONPath\" or \"JSONata\", found \"{name}\""),
                warning: false,
            });
        }
        ql
    }
}
