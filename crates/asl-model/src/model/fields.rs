//! Typed reads of one object's fields, reporting wrong types instead of failing.

use super::{ModelIssue, QueryLanguage};
use crate::syntax::{pointer_push, Node};
use serde_json::Value;

pub(crate) struct Fields<'a, 'i> {
    pub node: &'a Node,
    pub pointer: &'a str,
    pub issues: &'i mut Vec<ModelIssue>,
}

impl<'a> Fields<'a, '_> {
    pub fn ptr(&self, key: &str) -> String {
        pointer_push(self.pointer, key)
    }

    fn wrong(&mut self, key: &str, expected: &str, found: &Node) {
        let message = format!("\"{key}\" must be {expected}, found {}", found.kind_name());
        self.issues.push(ModelIssue { pointer: self.ptr(key), code: "invalid-type", message, warning: false });
    }

    pub fn raw(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    pub fn value(&self, key: &str) -> Option<Value> {
        self.raw(key).map(Node::to_value)
    }

    pub fn string(&mut self, key: &str) -> Option<String> {
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
    pub fn nullable_string(&mut self, key: &str) -> Option<Option<String>> {
        let node = self.raw(key)?;
        if node.is_null() {
            return Some(None);
        }
        self.string(key).map(Some)
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let node = self.raw(key)?;
        let b = node.as_bool();
        if b.is_none() {
            self.wrong(key, "a boolean", node);
        }
        b
    }

    pub fn number(&mut self, key: &str) -> Option<f64> {
        let node = self.raw(key)?;
        let n = node.as_f64();
        if n.is_none() {
            self.wrong(key, "a number", node);
        }
        n
    }

    pub fn strings(&mut self, key: &str) -> Option<Vec<String>> {
        let node = self.raw(key)?;
        let items: Option<Vec<String>> =
            node.as_array().and_then(|a| a.iter().map(|n| n.as_str().map(str::to_owned)).collect());
        if items.is_none() {
            self.wrong(key, "an array of strings", node);
        }
        items
    }

    pub fn objects(&mut self, key: &str) -> Vec<(&'a Node, String)> {
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
                let message = format!("each item of \"{key}\" must be an object, found {}", item.kind_name());
                self.issues.push(ModelIssue { pointer, code: "invalid-type", message, warning: false });
            }
        }
        out
    }

    pub fn query_language(&mut self) -> Option<QueryLanguage> {
        let name = self.string("QueryLanguage")?;
        let ql = QueryLanguage::from_name(&name);
        if ql.is_none() {
            self.issues.push(ModelIssue {
                pointer: self.ptr("QueryLanguage"),
                code: "invalid-value",
                message: format!("\"QueryLanguage\" must be \"JSONPath\" or \"JSONata\", found \"{name}\""),
                warning: false,
            });
        }
        ql
    }
}
