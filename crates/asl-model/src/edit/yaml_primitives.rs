//! The primitives on YAML text, in terms of `YamlText`'s splicing helpers.

use super::super::lines::Piece;
use super::super::yaml_render::{self as render, Ctx, Quote, FLOW_WIDTH};
use super::super::{EditError, Primitives, Taken};
use super::{split, YamlText};
use crate::syntax::{Node, NodeValue};
use crate::text::Span;
use serde_json::{Map, Value};

impl YamlText {
    /// A new block child's text, rendered where it lands (`col` is its column).
    fn rendered(&self, body: String, col: usize) -> Piece {
        Piece { body, base: " ".repeat(col), ..Piece::default() }
    }

    fn children_column(&self, pointer: &str) -> Option<usize> {
        let c = self.container(pointer).ok()?;
        c.children.first().map(|ch| super::column(&self.text, ch.start))
    }
}

impl Primitives for YamlText {
    fn read(&self, pointer: &str) -> Option<Value> {
        self.tree.at(pointer).map(Node::to_value)
    }

    fn set(&mut self, pointer: &str, value: &Value) -> Result<(), EditError> {
        self.guard(pointer, true, false)?;
        self.guard_keys(split(pointer).ok().map(|(_, k)| k).as_deref(), Some(value))?;
        if pointer.is_empty() {
            let c = self.container("")?;
            let Value::Object(map) = value else {
                return Err(self.awkward("the document set to a non-object"));
            };
            if c.flow || c.children.is_empty() {
                return Err(self.awkward("a flow-style document set as a whole"));
            }
            let col = super::column(&self.text, c.children[0].start);
            let start = super::with_properties(&self.text, c.span.start);
            let body = render::members(map, col, &self.style);
            return self.splice(vec![(Span::new(start, c.span.end), body.trim_start().to_owned())]);
        }
        if self.tree.at(pointer).is_some() {
            let (c, index, _) = self.locate(pointer)?;
            return self.replace(&c, index, value);
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
        self.guard(pointer, false, true)?;
        self.guard_keys(Some(key), Some(value))?;
        let node = self.node(pointer)?;
        if node.as_object().is_none() {
            return Err(EditError::NotFound(format!("{pointer} (an object)")));
        }
        if node.get(key).is_some() {
            return Err(EditError::Conflict(format!("\"{key}\" already exists")));
        }
        let c = self.container(pointer)?;
        let index = index.min(c.children.len());
        let quote = self.key_quote(&c);
        if c.children.is_empty() {
            // `{}` becomes the new mapping, in block style where that reads better.
            let map: Map<String, Value> = [(key.to_owned(), value.clone())].into_iter().collect();
            return self.set(pointer, &Value::Object(map));
        }
        if c.flow {
            let item = format!(
                "{}: {}",
                render::key(key, Ctx::Flow, quote),
                render::flow_as(value, Ctx::Flow, &self.style)
            );
            return self.insert_flow(&c, index, item);
        }
        let col = self.children_column(pointer).unwrap_or(0);
        let key = render::key(key, Ctx::Block, quote);
        let flat = render::flow(value, Ctx::Block);
        // On one line where the sibling it lands next to is a one-line flow collection
        // (`Done: {Type: Succeed}`), as people write short states.
        let neighbour = c.children.get(index).or(c.children.get(index.wrapping_sub(1)));
        let one_line =
            neighbour.is_some_and(|n| n.flow && !self.text[n.value.start..n.value.end].contains('\n'));
        let body = if one_line && value.is_object() && flat.len() <= FLOW_WIDTH {
            format!("{key}: {flat}")
        } else {
            format!("{key}:{}", render::after_key(value, col, &self.style))
        };
        let piece = self.rendered(body, col);
        self.insert_block(&c, index, &piece)
    }

    fn insert(&mut self, pointer: &str, index: usize, value: &Value) -> Result<(), EditError> {
        self.guard(pointer, false, true)?;
        self.guard_keys(None, Some(value))?;
        if self.node(pointer)?.as_array().is_none() {
            return Err(EditError::NotFound(format!("{pointer} (an array)")));
        }
        let c = self.container(pointer)?;
        let index = index.min(c.children.len());
        if c.children.is_empty() {
            return self.set(pointer, &Value::Array(vec![value.clone()]));
        }
        if c.flow {
            return self.insert_flow(&c, index, render::flow_as(value, Ctx::Flow, &self.style));
        }
        let col = self.children_column(pointer).unwrap_or(0);
        let piece = self.rendered(format!("-{}", render::after_dash(value, col, &self.style)), col);
        self.insert_block(&c, index, &piece)
    }

    fn remove(&mut self, pointer: &str) -> Result<(), EditError> {
        self.guard(pointer, true, true)?;
        let (c, index, parent) = self.locate(pointer)?;
        self.remove_child(&c, index, &parent)
    }

    fn rename_key(&mut self, pointer: &str, new_key: &str) -> Result<(), EditError> {
        self.guard(pointer, true, false)?;
        let (parent, key) = split(pointer)?;
        self.guard_rename(parent)?;
        self.guard_keys(Some(new_key), None)?;
        let node = self.node(parent)?;
        if node.get(new_key).is_some() {
            return Err(EditError::Conflict(format!("\"{new_key}\" already exists")));
        }
        let member = node.member(&key).ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
        let span = member.key_span;
        let ctx = if self.container(parent)?.flow { Ctx::Flow } else { Ctx::Block };
        let quote = Quote::of(&self.text[span.start..span.end]);
        self.splice(vec![(span, render::key(new_key, ctx, quote))])
    }

    fn take(&mut self, pointer: &str) -> Result<Taken, EditError> {
        self.guard(pointer, true, true)?;
        let (c, index, parent) = self.locate(pointer)?;
        let value = self.tree.at(pointer).map(Node::to_value).unwrap_or_default();
        let key = self.node(&parent)?.as_object().map(|_| split(pointer).map(|(_, k)| k)).transpose()?;
        let piece = self.piece(&c, index);
        self.remove_child(&c, index, &parent)?;
        Ok(Taken { key, value, piece })
    }

    fn put(&mut self, pointer: &str, index: usize, taken: &Taken) -> Result<(), EditError> {
        self.guard(pointer, false, true)?;
        let node = self.node(pointer)?;
        match (&node.value, &taken.key) {
            (NodeValue::Object(_), Some(key)) if node.get(key).is_some() => {
                return Err(EditError::Conflict(format!("\"{key}\" already exists")));
            }
            (NodeValue::Object(_), Some(_)) | (NodeValue::Array(_), None) => {}
            _ => return Err(EditError::NotFound(format!("{pointer} (a place for {:?})", taken.key))),
        }
        let c = self.container(pointer)?;
        match &taken.piece {
            // Its lines as written, comments included, re-indented to the new place.
            Some(piece) if !c.flow && !c.children.is_empty() => {
                let index = index.min(c.children.len());
                self.insert_block(&c, index, piece)
            }
            _ => match &taken.key {
                Some(key) => self.insert_member(pointer, index, key, &taken.value),
                None => self.insert(pointer, index, &taken.value),
            },
        }
    }
}
