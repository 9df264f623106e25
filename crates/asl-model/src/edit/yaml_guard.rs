//! Which YAML edits the splicing path leaves to the re-emit path because of how the
//! text shares nodes: anchors and their aliases, merged members, repeated keys.

use super::YamlText;
use crate::edit::yaml_render::{self as render, Ctx, Quote};
use crate::edit::EditError;
use crate::syntax::{pointer_tokens, Members, Node, NodeValue};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A key written as nothing (`: x`, YAML's empty key): the reader takes a block mapping
/// on its line after it (` : Branches:`), which YAML refuses once anything is written
/// there, and the key's span says nothing of where its line's text starts.
const NOTHING: &str = "a key written as nothing";

/// YAML reads a key written without `? ` (an implicit key) only up to 1024 characters
/// from its start to its `:`; longer ones need the explicit `? key` form, which the
/// splicing path does not write. Kept below the limit with room for the `: `.
const IMPLICIT_KEY: usize = 1000;

/// Non-empty spans that appear more than once in the tree: alias copies share their
/// anchor's spans. (A block sequence of one element written level with its key has that
/// element's span: a child with its parent's span is not counted again.) Without a `*`
/// in the text there are no aliases, and no walk.
pub(super) fn shared_spans(text: &str, tree: &Node) -> HashSet<(usize, usize)> {
    if !text.contains('*') {
        return HashSet::new();
    }
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut stack = vec![(tree, None)];
    while let Some((node, parent)) = stack.pop() {
        let span = (node.span.start, node.span.end);
        if !node.span.is_empty() && parent != Some(span) {
            *seen.entry(span).or_default() += 1;
        }
        match &node.value {
            NodeValue::Object(m) => stack.extend(m.iter().map(|m| (&m.value, Some(span)))),
            NodeValue::Array(a) => stack.extend(a.iter().map(|n| (n, Some(span)))),
            _ => {}
        }
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(s, _)| s).collect()
}

/// Whether a key in the tree is written explicitly (`? k`, or a collection as a key): its
/// span is not where its line's text starts, and the reader keeps it as text, so the
/// splicing path leaves such documents alone (no ASL machine needs one).
fn explicit_key(text: &str, tree: &Node) -> bool {
    let mut stack = vec![tree];
    while let Some(node) = stack.pop() {
        match &node.value {
            NodeValue::Object(m) => {
                // On the key's line: a line above may end with a `?` of its own.
                let explicit = |k: usize| text[..k].trim_end_matches([' ', '\t']).ends_with('?');
                if m.iter().any(|m| explicit(m.key_span.start)) {
                    return true;
                }
                stack.extend(m.iter().map(|m| &m.value));
            }
            NodeValue::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    false
}

impl YamlText {
    /// Refuses (as awkward) an edit whose way passes a shared node or a merged member,
    /// whose target (`target`: the node at `pointer` is replaced or removed) holds a shared
    /// node, or that places things among siblings (`siblings`: the target's, or else the
    /// children of the node at `pointer`) one of which is shared, merged or a repeated key:
    /// their spans would not say where they are written.
    pub(super) fn guard(&mut self, pointer: &str, target: bool, siblings: bool) -> Result<(), EditError> {
        // YAML breaks lines at a lone CR too, but lines and columns here are told by `\n`:
        // a child after one would be measured from the line before and land inside it.
        // Classic Mac line ends are rare enough to re-emit rather than measure twice.
        let text = &self.text;
        if text.match_indices('\r').any(|(i, _)| text.as_bytes().get(i + 1) != Some(&b'\n')) {
            return Err(self.awkward("a line broken by a lone CR"));
        }
        if text.contains('?') && explicit_key(text, &self.tree) {
            return Err(self.awkward("a complex key (`? k`)"));
        }
        let Some(tokens) = pointer_tokens(pointer) else { return Ok(()) };
        let shared = |n: &Node| self.shared.contains(&(n.span.start, n.span.end));
        let outside =
            |parent: &Node, n: &Node| n.span.start < parent.span.start || n.span.end > parent.span.end;
        let (mut node, mut parent) = (&self.tree, None);
        let mut why = None;
        for token in &tokens {
            let next = match &node.value {
                NodeValue::Object(m) => {
                    if m.iter().any(|m| m.key == *token && m.key_span.is_empty()) {
                        why = Some(NOTHING);
                    }
                    node.get(token)
                }
                NodeValue::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            };
            let Some(next) = next else { break };
            if shared(next) || outside(node, next) {
                why = Some("an anchor, alias or merge");
            }
            (parent, node) = (Some(node), next);
        }
        let collection = if target { parent } else { Some(node) };
        if let Some(c) = collection.filter(|_| siblings) {
            match &c.value {
                NodeValue::Object(m) if !Members::repeated(m).is_empty() => why = Some("a key written twice"),
                NodeValue::Object(m) if m.iter().any(|m| m.key_span.is_empty()) => why = Some(NOTHING),
                NodeValue::Object(m) if m.iter().any(|m| shared(&m.value) || outside(c, &m.value)) => {
                    why = Some("an anchor, alias or merge")
                }
                NodeValue::Array(a) if a.iter().any(shared) => why = Some("an anchor or alias"),
                _ => {}
            }
        }
        if why.is_none() && target && !self.shared.is_empty() && parent.is_some() {
            let mut stack = vec![node];
            while let Some(n) = stack.pop() {
                if shared(n) {
                    why = Some("an anchor or alias");
                }
                match &n.value {
                    NodeValue::Object(m) => stack.extend(m.iter().map(|m| &m.value)),
                    NodeValue::Array(a) => stack.extend(a.iter()),
                    _ => {}
                }
            }
        }
        match why {
            Some(why) => Err(self.awkward(format!("{why} at {pointer}"))),
            None => Ok(()),
        }
    }

    /// Refuses (as awkward) writing a key (`key`, or any inside `value`) too long to be
    /// read back as an implicit key, however it is quoted.
    pub(super) fn guard_keys(&mut self, key: Option<&str>, value: Option<&Value>) -> Result<(), EditError> {
        // Quoted, a key is at most six characters per character (`\u0001`) and two quotes.
        let too_long = |k: &str| {
            k.len() * 6 + 2 > IMPLICIT_KEY
                && [Quote::Single, Quote::Double]
                    .iter()
                    .any(|q| render::key(k, Ctx::Flow, *q).chars().count() > IMPLICIT_KEY)
        };
        let mut stack: Vec<&Value> = value.into_iter().collect();
        let mut long = key.is_some_and(too_long);
        while let Some(v) = stack.pop().filter(|_| !long) {
            match v {
                Value::Object(m) => {
                    long = m.keys().any(|k| too_long(k));
                    stack.extend(m.values());
                }
                Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
        if long {
            return Err(self.awkward("a key too long for YAML's implicit keys (1024 characters)"));
        }
        Ok(())
    }

    /// Refuses (as awkward) renaming a key of an object that holds a key twice: the data
    /// keeps one member per key, so the renamed one's twin would appear in the text's.
    pub(super) fn guard_rename(&mut self, parent: &str) -> Result<(), EditError> {
        let twice =
            self.tree.at(parent).and_then(Node::as_object).is_some_and(|m| !Members::repeated(m).is_empty());
        if twice {
            return Err(self.awkward(format!("a key written twice at {parent}")));
        }
        Ok(())
    }
}
