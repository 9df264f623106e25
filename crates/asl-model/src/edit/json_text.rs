//! Primitive edits on JSON text, located by the syntax tree's spans. Each one replaces
//! one byte range, so every line it does not touch keeps its bytes; the text is re-read
//! after each edit so the next one sees fresh spans.

use super::render::{compact, pretty, quote, Style};
use super::{EditError, Primitives};
use crate::syntax::{pointer_tokens, read_json, Node, NodeValue};
use crate::text::Span;
use serde_json::Value;

pub(crate) struct JsonText {
    pub text: String,
    pub tree: Node,
    style: Style,
}

/// Longest line we keep on one line when the value it replaces was on one line.
const COMPACT_WIDTH: usize = 100;

impl JsonText {
    pub fn new(text: String, tree: Node) -> Self {
        let style = Style::detect(&text);
        JsonText { text, tree, style }
    }

    fn node(&self, pointer: &str) -> Result<&Node, EditError> {
        self.tree.at(pointer).ok_or_else(|| EditError::NotFound(pointer.to_owned()))
    }

    fn splice(&mut self, span: Span, with: &str) -> Result<(), EditError> {
        let mut text = String::with_capacity(self.text.len() + with.len());
        text.push_str(&self.text[..span.start]);
        text.push_str(with);
        text.push_str(&self.text[span.end..]);
        // A primitive never produces invalid JSON; if it did, refuse rather than corrupt.
        self.tree = read_json(&text).map_err(|e| EditError::Internal(e.message))?;
        self.text = text;
        Ok(())
    }

    /// Leading whitespace of the line holding `offset`.
    fn line_indent(&self, offset: usize) -> String {
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        self.text[start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect()
    }

    fn is_multiline(&self, span: Span) -> bool {
        self.text[span.start..span.end].contains('\n')
    }

    /// Renders `value` to stand at `offset`: on one line if `one_line` and it fits.
    fn render(&self, value: &Value, offset: usize, one_line: bool) -> String {
        let flat = compact(value);
        if one_line && flat.len() <= COMPACT_WIDTH || !matches!(value, Value::Object(_) | Value::Array(_)) {
            return flat;
        }
        pretty(value, &self.line_indent(offset), &self.style)
    }

    /// Inserts `item` (an element, or a member `"k": v`, already rendered) as child
    /// `index` of the container spanning `container`, whose children span `children`.
    fn insert_child(&mut self, container: Span, children: &[Span], index: usize, item: &str) -> Result<(), EditError> {
        let eol = self.style.eol;
        if children.is_empty() {
            let indent = self.line_indent(container.start);
            let inner = format!("{indent}{}", self.style.unit);
            let open = &self.text[container.start..container.start + 1];
            let close = &self.text[container.end - 1..container.end];
            let body = format!("{open}{eol}{inner}{}{eol}{indent}{close}", item);
            return self.splice(container, &body);
        }
        let multiline = self.is_multiline(Span::new(container.start, children[0].start));
        let indent = if multiline { self.line_indent(children[0].start) } else { String::new() };
        let sep = if multiline { format!(",{eol}{indent}") } else { ", ".to_owned() };
        if index == 0 {
            let at = children[0].start;
            self.splice(Span::new(at, at), &format!("{}{sep}", item))
        } else {
            let at = children[index.min(children.len()) - 1].end;
            self.splice(Span::new(at, at), &format!("{sep}{}", item))
        }
    }

    /// Removes child `index` of a container together with one separating comma.
    fn remove_child(&mut self, container: Span, children: &[Span], index: usize) -> Result<(), EditError> {
        let span = match index {
            _ if children.len() == 1 => Span::new(container.start + 1, container.end - 1),
            0 => Span::new(children[0].start, children[1].start),
            i => Span::new(children[i - 1].end, children[i].end),
        };
        self.splice(span, "")
    }

    fn member_spans(node: &Node) -> Vec<Span> {
        node.as_object().unwrap_or(&[]).iter().map(|m| m.span()).collect()
    }

    fn element_spans(node: &Node) -> Vec<Span> {
        node.as_array().unwrap_or(&[]).iter().map(|n| n.span).collect()
    }
}

fn split(pointer: &str) -> Result<(&str, String), EditError> {
    let i = pointer.rfind('/').ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
    let last = pointer_tokens(&pointer[i..]).and_then(|t| t.into_iter().next()).unwrap_or_default();
    Ok((&pointer[..i], last))
}

impl Primitives for JsonText {
    fn read(&self, pointer: &str) -> Option<Value> {
        self.tree.at(pointer).map(Node::to_value)
    }

    fn raw(&self, pointer: &str) -> Option<String> {
        self.tree.at(pointer).map(|n| self.text[n.span.start..n.span.end].to_owned())
    }

    fn set(&mut self, pointer: &str, value: &Value) -> Result<(), EditError> {
        if let Some(node) = self.tree.at(pointer) {
            let span = node.span;
            let rendered = self.render(value, span.start, !self.is_multiline(span));
            return self.splice(span, &rendered);
        }
        let (parent, key) = split(pointer)?;
        let parent_node = self.node(parent)?;
        match &parent_node.value {
            NodeValue::Object(members) => {
                let index = members.len();
                self.insert_member(parent, index, &key, value)
            }
            NodeValue::Array(items) if key.parse::<usize>().ok() == Some(items.len()) => {
                self.insert(parent, items.len(), value)
            }
            _ => Err(EditError::NotFound(pointer.to_owned())),
        }
    }

    fn insert_member(&mut self, pointer: &str, index: usize, key: &str, value: &Value) -> Result<(), EditError> {
        let node = self.node(pointer)?;
        if node.get(key).is_some() {
            return Err(EditError::Conflict(format!("\"{key}\" already exists")));
        }
        let (container, children) = (node.span, Self::member_spans(node));
        let one_line = !children.is_empty() && !self.is_multiline(container);
        let render = |indent: &str| {
            let flat = compact(value);
            let v = if one_line && flat.len() <= COMPACT_WIDTH { flat } else { pretty(value, indent, &self.style) };
            format!("{}: {v}", quote(key))
        };
        let item = render_once(&render, container, &children, self);
        self.insert_child(container, &children, index, &item)
    }

    fn insert_raw(&mut self, pointer: &str, index: usize, raw: &str) -> Result<(), EditError> {
        let node = self.node(pointer)?;
        let (container, children) = (node.span, Self::element_spans(node));
        self.insert_child(container, &children, index, raw)
    }

    fn insert(&mut self, pointer: &str, index: usize, value: &Value) -> Result<(), EditError> {
        let node = self.node(pointer)?;
        if node.as_array().is_none() {
            return Err(EditError::NotFound(format!("{pointer} (an array)")));
        }
        let (container, children) = (node.span, Self::element_spans(node));
        let one_line = !children.is_empty() && !self.is_multiline(container);
        let render = |indent: &str| {
            let flat = compact(value);
            if one_line && flat.len() <= COMPACT_WIDTH { flat } else { pretty(value, indent, &self.style) }
        };
        let item = render_once(&render, container, &children, self);
        self.insert_child(container, &children, index, &item)
    }

    fn remove(&mut self, pointer: &str) -> Result<(), EditError> {
        let (parent, key) = split(pointer)?;
        let node = self.node(parent)?;
        let (container, children, index) = match &node.value {
            NodeValue::Object(members) => {
                let index = members.iter().rposition(|m| m.key == key);
                (node.span, Self::member_spans(node), index)
            }
            NodeValue::Array(items) => {
                let index = key.parse::<usize>().ok().filter(|i| *i < items.len());
                (node.span, Self::element_spans(node), index)
            }
            _ => (node.span, Vec::new(), None),
        };
        let index = index.ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
        self.remove_child(container, &children, index)
    }

    fn rename_key(&mut self, pointer: &str, new_key: &str) -> Result<(), EditError> {
        let (parent, key) = split(pointer)?;
        let node = self.node(parent)?;
        if node.get(new_key).is_some() {
            return Err(EditError::Conflict(format!("\"{new_key}\" already exists")));
        }
        let member = node.member(&key).ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
        let span = member.key_span;
        self.splice(span, &quote(new_key))
    }
}

/// Renders an inserted item once, at the indentation its new line will have.
fn render_once(
    render: &dyn Fn(&str) -> String,
    container: Span,
    children: &[Span],
    text: &JsonText,
) -> String {
    let indent = match children.first() {
        Some(first) if text.is_multiline(Span::new(container.start, first.start)) => text.line_indent(first.start),
        Some(_) => text.line_indent(container.start),
        None => format!("{}{}", text.line_indent(container.start), text.style.unit),
    };
    render(&indent)
}
