//! Primitive edits on JSON text, located by the syntax tree's spans. Each one replaces
//! byte ranges only, so every line it does not touch keeps its bytes; the text is re-read
//! after each edit so the next one sees fresh spans.

use super::lines::{self, Piece};
use super::render::{compact, pretty, quote, Style};
use super::splice::Pieces;
use super::{EditError, Primitives, Taken};
use crate::syntax::{pointer_tokens, read_json, Node, NodeValue};
use crate::text::Span;
use serde_json::Value;

pub(crate) struct JsonText {
    pub text: String,
    pub tree: Node,
    /// Every byte range replaced so far, told on the original text: the edit's splices.
    pub splices: Pieces,
    style: Style,
}

/// Longest value we keep on one line when its neighbours are on one line.
const COMPACT_WIDTH: usize = 100;

/// A container and its children, as spans in the current text.
struct Container {
    span: Span,
    children: Vec<Span>,
}

impl Container {
    fn of(node: &Node) -> Container {
        let children = match &node.value {
            NodeValue::Object(members) => members.iter().map(|m| m.span()).collect(),
            NodeValue::Array(items) => items.iter().map(|n| n.span).collect(),
            _ => Vec::new(),
        };
        Container { span: node.span, children }
    }

    /// Where a child's leading comments may start: after the previous child.
    fn floor(&self, index: usize) -> usize {
        if index == 0 {
            self.span.start + 1
        } else {
            self.children[index - 1].end
        }
    }
}

impl JsonText {
    pub fn new(text: String, tree: Node) -> Self {
        let style = Style::detect(&text);
        JsonText { splices: Pieces::new(text.len()), text, tree, style }
    }

    fn node(&self, pointer: &str) -> Result<&Node, EditError> {
        self.tree.at(pointer).ok_or_else(|| EditError::NotFound(pointer.to_owned()))
    }

    /// Replaces byte ranges of the current text (they must not overlap), then re-reads it.
    fn splice(&mut self, mut edits: Vec<(Span, String)>) -> Result<(), EditError> {
        edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        let mut text = self.text.clone();
        let mut splices = self.splices.clone();
        for (span, with) in edits {
            text.replace_range(span.start..span.end, &with);
            // Last to first, so each range is still where it was in the text before.
            splices.replace(span.start, span.end, &with);
        }
        // A primitive never produces invalid JSON; if it did, refuse rather than corrupt.
        self.tree = read_json(&text).map_err(|e| EditError::Internal(e.message))?;
        self.splices = splices;
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

    /// Children written on the container's own line (`{"a": 1, "b": 2}`).
    fn is_one_line(&self, c: &Container) -> bool {
        c.children.first().is_some_and(|first| !self.is_multiline(Span::new(c.span.start, first.start)))
    }

    /// Renders a new child for `c`: on one line where its neighbours are (the container
    /// is one line, or the sibling it lands next to is a one-line object or array), else
    /// pretty from column 0 (a `Piece` indents it where it lands).
    fn render_child(&self, c: &Container, index: usize, value: &Value) -> String {
        let flat = compact(value);
        let neighbour = c.children.get(index).or(c.children.get(index.wrapping_sub(1)));
        let one_line_sibling = neighbour.is_some_and(|s| {
            let t = &self.text[s.start..s.end];
            !t.contains('\n') && (t.ends_with('}') || t.ends_with(']'))
        });
        let one_line = self.is_one_line(c) || one_line_sibling;
        if one_line && flat.len() <= COMPACT_WIDTH || !value.is_object() && !value.is_array() {
            return flat;
        }
        pretty(value, "", &self.style)
    }

    /// Inserts `piece` as child `index` (at most the number of children).
    fn insert_child(&mut self, c: &Container, index: usize, piece: &Piece) -> Result<(), EditError> {
        let eol = self.style.eol;
        let n = c.children.len();
        if n == 0 {
            let indent = self.line_indent(c.span.start);
            let inner = format!("{indent}{}", self.style.unit);
            let open = &self.text[c.span.start..c.span.start + 1];
            let close = &self.text[c.span.end - 1..c.span.end];
            let body = format!("{open}{eol}{}{indent}{close}", piece.lines(&inner, false, eol));
            return self.splice(vec![(c.span, body)]);
        }
        if !self.is_one_line(c) {
            // Whole lines: above the child that will follow it, or below the last one.
            let at = index.min(n - 1);
            if let Some(b) = lines::block(&self.text, c.floor(at), c.children[at]) {
                let indent = self.line_indent(c.children[at].start);
                if index < n {
                    return self.splice(vec![(Span::new(b.start, b.start), piece.lines(&indent, true, eol))]);
                }
                // After the last child; a trailing comma there is the file's style, kept.
                let mut edits = vec![(Span::new(b.end, b.end), piece.lines(&indent, b.comma.is_some(), eol))];
                if b.comma.is_none() {
                    edits.push((Span::new(c.children[at].end, c.children[at].end), ",".into()));
                }
                return self.splice(edits);
            }
        }
        // Children sharing lines: separate with ", " or a line break as the first does.
        let multiline = !self.is_one_line(c);
        let indent = self.line_indent(c.children[0].start);
        let item = piece.inline(&indent);
        let sep = if multiline { format!(",{eol}{indent}") } else { ", ".to_owned() };
        let (at, with) = match index {
            0 => (c.children[0].start, format!("{item}{sep}")),
            i => (c.children[i.min(n) - 1].end, format!("{sep}{item}")),
        };
        self.splice(vec![(Span::new(at, at), with)])
    }

    /// Removes child `index` with one separating comma; the only child leaves `{}`/`[]`.
    fn remove_child(&mut self, c: &Container, index: usize) -> Result<(), EditError> {
        let n = c.children.len();
        if n == 1 {
            return self.splice(vec![(Span::new(c.span.start + 1, c.span.end - 1), String::new())]);
        }
        // Not a block if its comma is on a later line (`1\n, 2`): removing the line would
        // leave that comma behind.
        let block = lines::block(&self.text, c.floor(index), c.children[index]);
        if let Some(b) = block.filter(|b| b.comma.is_some() || index + 1 == n) {
            let mut edits = vec![(Span::new(b.start, b.end), String::new())];
            if index + 1 == n && b.comma.is_none() {
                // The previous child now ends the container: its comma goes, its comment stays.
                if let Some(comma) = lines::comma_after(&self.text, c.children[index - 1].end) {
                    edits.push((Span::new(comma, comma + 1), String::new()));
                }
            }
            return self.splice(edits);
        }
        let span = match index {
            0 => Span::new(c.children[0].start, c.children[1].start),
            i => Span::new(c.children[i - 1].end, c.children[i].end),
        };
        self.splice(vec![(span, String::new())])
    }

    /// The text of child `index` and the comments that belong to it.
    fn piece(&self, c: &Container, index: usize) -> Piece {
        let item = c.children[index];
        let base = self.line_indent(item.start);
        let body = self.text[item.start..item.end].to_owned();
        let block = (!self.is_one_line(c)).then(|| lines::block(&self.text, c.floor(index), item)).flatten();
        let Some(b) = block else { return Piece { body, base, ..Piece::default() } };
        let lead = self.text[b.start..b.line].lines().map(|l| l.trim().to_owned()).collect();
        let after = &self.text[b.comma.map_or(item.end, |i| i + 1)..b.eol];
        let trail = if after.trim().is_empty() { String::new() } else { after.trim_end().to_owned() };
        Piece { lead, body, trail, base }
    }

    /// The container holding `pointer` and the index of its child there.
    fn locate(&self, pointer: &str) -> Result<(Container, usize, Option<String>), EditError> {
        let (parent, key) = split(pointer)?;
        let node = self.node(parent)?;
        let index = match &node.value {
            NodeValue::Object(members) => members.iter().rposition(|m| m.key == key),
            NodeValue::Array(items) => key.parse::<usize>().ok().filter(|i| *i < items.len()),
            _ => None,
        };
        let index = index.ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
        let key = node.as_object().map(|_| key);
        Ok((Container::of(node), index, key))
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

    fn set(&mut self, pointer: &str, value: &Value) -> Result<(), EditError> {
        if let Some(node) = self.tree.at(pointer) {
            let span = node.span;
            // A container keeps its own shape; a scalar becoming a container takes the
            // shape of the object or array around it.
            let around = match &node.value {
                NodeValue::Object(m) if !m.is_empty() => span,
                NodeValue::Array(a) if !a.is_empty() => span,
                _ => split(pointer).ok().and_then(|(p, _)| self.tree.at(p)).map_or(span, |p| p.span),
            };
            let flat = compact(value);
            let rendered = if !self.is_multiline(around) && flat.len() <= COMPACT_WIDTH
                || !value.is_object() && !value.is_array()
            {
                flat
            } else {
                pretty(value, &self.line_indent(span.start), &self.style)
            };
            return self.splice(vec![(span, rendered)]);
        }
        let (parent, key) = split(pointer)?;
        match &self.node(parent)?.value {
            NodeValue::Object(members) => {
                let index = members.len();
                self.insert_member(parent, index, &key, value)
            }
            NodeValue::Array(items) if key.parse::<usize>().ok() == Some(items.len()) => {
                let index = items.len();
                self.insert(parent, index, value)
            }
            _ => Err(EditError::NotFound(pointer.to_owned())),
        }
    }

    fn insert_member(
        &mut self,
        pointer: &str,
        index: usize,
        key: &str,
        value: &Value,
    ) -> Result<(), EditError> {
        let node = self.node(pointer)?;
        if node.as_object().is_none() {
            return Err(EditError::NotFound(format!("{pointer} (an object)")));
        }
        if node.get(key).is_some() {
            return Err(EditError::Conflict(format!("\"{key}\" already exists")));
        }
        let c = Container::of(node);
        let index = index.min(c.children.len());
        let piece = Piece::rendered(format!("{}: {}", quote(key), self.render_child(&c, index, value)));
        self.insert_child(&c, index, &piece)
    }

    fn insert(&mut self, pointer: &str, index: usize, value: &Value) -> Result<(), EditError> {
        let node = self.node(pointer)?;
        if node.as_array().is_none() {
            return Err(EditError::NotFound(format!("{pointer} (an array)")));
        }
        let c = Container::of(node);
        let index = index.min(c.children.len());
        let piece = Piece::rendered(self.render_child(&c, index, value));
        self.insert_child(&c, index, &piece)
    }

    fn remove(&mut self, pointer: &str) -> Result<(), EditError> {
        let (c, index, _) = self.locate(pointer)?;
        self.remove_child(&c, index)
    }

    fn rename_key(&mut self, pointer: &str, new_key: &str) -> Result<(), EditError> {
        let (parent, key) = split(pointer)?;
        let node = self.node(parent)?;
        if node.get(new_key).is_some() {
            return Err(EditError::Conflict(format!("\"{new_key}\" already exists")));
        }
        let member = node.member(&key).ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
        let span = member.key_span;
        self.splice(vec![(span, quote(new_key))])
    }

    fn take(&mut self, pointer: &str) -> Result<Taken, EditError> {
        let (c, index, key) = self.locate(pointer)?;
        let value = self.tree.at(pointer).map(Node::to_value).unwrap_or_default();
        let piece = self.piece(&c, index);
        self.remove_child(&c, index)?;
        Ok(Taken { key, value, piece: Some(piece) })
    }

    fn put(&mut self, pointer: &str, index: usize, taken: &Taken) -> Result<(), EditError> {
        let Some(piece) = &taken.piece else {
            return match &taken.key {
                Some(key) => self.insert_member(pointer, index, key, &taken.value),
                None => self.insert(pointer, index, &taken.value),
            };
        };
        let node = self.node(pointer)?;
        match (&node.value, &taken.key) {
            (NodeValue::Object(_), Some(key)) if node.get(key).is_some() => {
                Err(EditError::Conflict(format!("\"{key}\" already exists")))
            }
            (NodeValue::Object(_), Some(_)) | (NodeValue::Array(_), None) => {
                let c = Container::of(node);
                let index = index.min(c.children.len());
                self.insert_child(&c, index, piece)
            }
            _ => Err(EditError::NotFound(format!("{pointer} (a place for {:?})", taken.key))),
        }
    }
}
