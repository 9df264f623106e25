//! Primitive edits on YAML text, located by the syntax tree's spans, as `JsonText` does
//! for JSON: each replaces byte ranges only, so comments, blank lines, quoting, anchors,
//! document markers and line endings outside the edited bytes stay; the text is re-read
//! after each splice so the next one sees fresh spans. Inside block collections new
//! values are written in block style at the indentation of where they land, inside flow
//! ones (`{Type: Pass, End: true}`, `[States.ALL]`) in flow style.
//!
//! Left to the re-emit path (a primitive sets `awkward` and fails; see `yaml_apply`):
//! - anything on the way to, or inside, a node written once and read in several places
//!   (an anchor and its aliases, members merged in with `<<: *x`): one splice would change
//!   every copy;
//! - a container holding a key twice (which one an index means is ambiguous; a renamed
//!   key's twin would reappear in the data);
//! - a text with a line broken by a lone CR (lines and columns here are told by `\n`);
//! - a key written as nothing (`: x`) on the way or among the siblings, a key too long
//!   to be read without `? ` (1024 characters);
//! - a root written in flow style set as a whole, an empty sequence element (`-`) or
//!   an empty value in a flow collection set, a complex key (`? k`), a child sharing its
//!   line with anything but `- `.
//! None of these occur in the shared corpus's machines (tests/edits/yaml_corpus.rs).
//! Multi-line plain scalars, block scalars and flow collections spanning lines are
//! spliced like any other value.

use super::lines::Piece;
use super::splice::Pieces;
use super::yaml_lines::{
    after_dashes, block_scalar_end, colon_after, column, dash_before, line_end, line_start, lines, owns_line,
    with_properties,
};
use super::yaml_render::{self as render, Ctx, Quote, YamlStyle, FLOW_WIDTH};
use super::EditError;
use crate::syntax::{pointer_tokens, read_yaml, Member, Node, NodeValue};
use crate::text::Span;
use serde_json::{Map, Value};
use std::collections::HashSet;

pub(crate) struct YamlText {
    pub text: String,
    pub tree: Node,
    /// Every byte range replaced so far, told on the original text: the edit's splices.
    pub splices: Pieces,
    /// Why the edit is left to the re-emit path, once a primitive met such a case.
    pub awkward: Option<String>,
    style: YamlStyle,
    /// Spans read more than once (anchored nodes and their alias copies).
    shared: HashSet<(usize, usize)>,
}

/// A child of a collection, as spans in the current text.
#[derive(Clone, Copy, Debug)]
struct Child {
    /// Its key, or for an element its `-` (block) or first byte (flow).
    start: usize,
    key: Option<Span>,
    value: Span,
    scalar: bool,
    /// A collection written in flow style.
    flow: bool,
    /// A collection with nothing in it.
    empty: bool,
}

struct Container {
    span: Span,
    flow: bool,
    root: bool,
    children: Vec<Child>,
}

impl Container {
    fn of(text: &str, node: &Node, root: bool) -> Container {
        let flow = is_flow(text, node);
        let child = |start: usize, key: Option<Span>, n: &Node| {
            let (scalar, empty) = match &n.value {
                NodeValue::Object(m) => (false, m.is_empty()),
                NodeValue::Array(a) => (false, a.is_empty()),
                _ => (true, false),
            };
            let flow = !scalar && is_flow(text, n);
            Child { start, key, value: extent(text, n), scalar, flow, empty }
        };
        let children = match &node.value {
            NodeValue::Object(members) => {
                // A key's anchor or tag is where its line's text starts (`&k Type: Pass`).
                let start = |m: &Member| with_properties(text, m.key_span.start);
                members.iter().map(|m| child(start(m), Some(m.key_span), &m.value)).collect()
            }
            NodeValue::Array(items) => items
                .iter()
                .map(|n| {
                    let start = with_properties(text, n.span.start);
                    let start = if flow { start } else { dash_before(text, start).unwrap_or(start) };
                    child(start, None, n)
                })
                .collect(),
            _ => Vec::new(),
        };
        Container { span: extent(text, node), flow, root, children }
    }

    /// Where a child's comment lines may start: after the previous child (the root's first
    /// child takes none: comments above the document are the file's).
    fn floor(&self, text: &str, index: usize) -> usize {
        match index {
            0 if self.root => line_start(text, self.span.start),
            0 => 0,
            i => self.children[i - 1].value.end,
        }
    }
}

/// A collection in flow style starts with its bracket, before its first child (a block
/// sequence whose first element is `{...}` starts where that element does).
fn is_flow(text: &str, node: &Node) -> bool {
    let first = match &node.value {
        NodeValue::Object(m) => m.first().map(|m| m.key_span.start),
        NodeValue::Array(a) => a.first().map(|n| n.span.start),
        _ => return false,
    };
    matches!(text.as_bytes().get(node.span.start), Some(b'{' | b'['))
        && first.is_none_or(|f| f > node.span.start)
}

/// The reader puts an empty value (`ResultPath:`) at its key's `:`, and a collection
/// ending with one ends there too: past the `:` is where it really ends.
fn real(text: &str, span: Span) -> Span {
    match text.as_bytes().get(span.end) {
        Some(b':') if span.is_empty() => Span::new(span.end + 1, span.end + 1),
        Some(b':') => Span::new(span.start, span.end + 1),
        _ => span,
    }
}

/// A node's span as splices need it: `real`, and past the content lines of a block
/// scalar it ends with (see `block_scalar_end`).
fn extent(text: &str, node: &Node) -> Span {
    let span = real(text, node.span);
    let mut last = node;
    loop {
        last = match &last.value {
            NodeValue::Object(m) if !m.is_empty() => &m[m.len() - 1].value,
            NodeValue::Array(a) if !a.is_empty() => &a[a.len() - 1],
            _ => break,
        };
    }
    let block = matches!(last.value, NodeValue::String(_)) && text[last.span.start..].starts_with(['|', '>']);
    if block && last.span.end == node.span.end {
        // An empty one is read up to where the next line's text starts: its own end is
        // its header's.
        let end = last.span.start + text[last.span.start..span.end].trim_end().len();
        return Span::new(span.start, block_scalar_end(text, last.span.start, end));
    }
    span
}

fn split(pointer: &str) -> Result<(&str, String), EditError> {
    let i = pointer.rfind('/').ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
    let last = pointer_tokens(&pointer[i..]).and_then(|t| t.into_iter().next()).unwrap_or_default();
    Ok((&pointer[..i], last))
}

impl YamlText {
    pub fn new(text: String, tree: Node) -> Self {
        let style = YamlStyle::detect(&text);
        let shared = guard::shared_spans(&text, &tree);
        YamlText { splices: Pieces::new(text.len()), text, tree, awkward: None, style, shared }
    }

    fn awkward(&mut self, why: impl Into<String>) -> EditError {
        let why = why.into();
        self.awkward = Some(why.clone());
        EditError::Internal(format!("left to the re-emit path: {why}"))
    }

    fn node(&self, pointer: &str) -> Result<&Node, EditError> {
        self.tree.at(pointer).ok_or_else(|| EditError::NotFound(pointer.to_owned()))
    }

    /// Replaces byte ranges of the current text (they must not overlap), then re-reads it.
    fn splice(&mut self, mut edits: Vec<(Span, String)>) -> Result<(), EditError> {
        edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        let mut text = self.text.clone();
        let mut splices = self.splices.clone();
        for (span, mut with) in edits {
            // A `#` begins a comment only past a space, but the reader takes one right after
            // a `:` too (`"k":#c`): new text landing before it is kept apart from it.
            if text[span.end..].starts_with('#') && !with.is_empty() && !with.ends_with([' ', '\n']) {
                with.push(' ');
            }
            text.replace_range(span.start..span.end, &with);
            splices.replace(span.start, span.end, &with);
        }
        // Not a decline: text that no longer parses is a splice written wrong (a removed
        // anchor still aliased is declined by `guard` before).
        self.tree = match read_yaml(&text) {
            Ok(tree) => tree,
            Err(e) => {
                return Err(EditError::Internal(format!("the spliced text does not parse: {}", e.message)))
            }
        };
        self.shared = guard::shared_spans(&text, &self.tree);
        self.splices = splices;
        self.text = text;
        Ok(())
    }

    /// The container holding `pointer`, its pointer and the index of the child there.
    fn locate(&self, pointer: &str) -> Result<(Container, usize, String), EditError> {
        let (parent, key) = split(pointer)?;
        let node = self.node(parent)?;
        let index = match &node.value {
            NodeValue::Object(members) => members.iter().rposition(|m| m.key == key),
            NodeValue::Array(items) => key.parse::<usize>().ok().filter(|i| *i < items.len()),
            _ => None,
        };
        let index = index.ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
        Ok((Container::of(&self.text, node, parent.is_empty()), index, parent.to_owned()))
    }

    fn container(&self, pointer: &str) -> Result<Container, EditError> {
        Ok(Container::of(&self.text, self.node(pointer)?, pointer.is_empty()))
    }

    /// How new keys of `c` are quoted: as its first key is.
    fn key_quote(&self, c: &Container) -> Quote {
        c.children
            .first()
            .and_then(|ch| ch.key)
            .map_or(Quote::Plain, |k| Quote::of(&self.text[k.start..k.end]))
    }

    /// Replaces the value of child `index`: a scalar in place; a flow value as flow; in a
    /// block collection, everything after the key's `:` or the element's `-`.
    fn replace(&mut self, c: &Container, index: usize, value: &Value) -> Result<(), EditError> {
        let ch = c.children[index];
        let text = &self.text;
        let start = with_properties(text, ch.value.start);
        let ctx = if c.flow { Ctx::Flow } else { Ctx::Block };
        let is_scalar = !value.is_object() && !value.is_array();
        if ch.scalar && !ch.value.is_empty() && is_scalar {
            let quote = Quote::of(&text[ch.value.start..ch.value.end]);
            return self.splice(vec![(Span::new(start, ch.value.end), render::scalar(value, ctx, quote))]);
        }
        let flat = render::flow_as(value, ctx, &self.style);
        let one_line = !text[ch.value.start..ch.value.end].contains('\n');
        // A flow collection stays one while it fits on its line; inside one, all is flow.
        if c.flow || ch.flow && !ch.empty && one_line && flat.len() <= FLOW_WIDTH {
            if ch.value.is_empty() {
                return Err(self.awkward("an empty value in a flow collection"));
            }
            return self.splice(vec![(Span::new(start, ch.value.end), flat)]);
        }
        let col = column(text, ch.start);
        let (from, rendered) = match ch.key {
            Some(key) => {
                let Some(colon) = colon_after(text, key) else {
                    return Err(self.awkward("a key without its `:`"));
                };
                // A block value replacing one keeps the comment after the `:`.
                let block_to_block = render::is_block(value, &self.style) && !ch.scalar && !ch.flow;
                (
                    if block_to_block { line_end(text, colon) } else { colon + 1 },
                    render::after_key(value, col, &self.style),
                )
            }
            None if ch.value.is_empty() => return Err(self.awkward("an empty sequence element")),
            None => (ch.start + 1, render::after_dash(value, col, &self.style)),
        };
        // An empty value (`Next:`) is read at the `:`: it ends at the spaces after it, save
        // those before a comment (`Next: # later`), which must stay apart from it; one with
        // a tag or anchor (`Next: !t`) is read after those, which go with it.
        let end = if ch.value.is_empty() {
            let spaces = text[from..].len() - text[from..].trim_start_matches([' ', '\t']).len();
            let comment = text[from + spaces..].starts_with('#');
            (if comment { from } else { from + spaces }).max(ch.value.end)
        } else {
            ch.value.end
        };
        self.splice(vec![(Span::new(from, end.max(from)), rendered)])
    }

    /// Inserts `piece` (whole lines, at the children's column) as child `index` of a block
    /// collection with children.
    fn insert_block(&mut self, c: &Container, index: usize, piece: &Piece) -> Result<(), EditError> {
        let text = &self.text;
        let eol = self.style.eol;
        let n = c.children.len();
        let pad = " ".repeat(column(text, c.children[0].start));
        if index < n {
            let ch = c.children[index];
            if owns_line(text, ch.start) {
                let at = lines(text, c.floor(text, index), ch.start, ch.value.end).start;
                return self.splice(vec![(Span::new(at, at), piece.lines(&pad, false, eol))]);
            }
            if index == 0 && after_dashes(text, ch.start) {
                // First on its parent element's line: the new child takes that place.
                let with = format!("{}{eol}{pad}", piece.inline(&pad));
                return self.splice(vec![(Span::new(ch.start, ch.start), with)]);
            }
            return Err(self.awkward("a child sharing its line"));
        }
        let last = c.children[n - 1];
        let l = lines(text, c.floor(text, n - 1), last.start, last.value.end);
        let new_lines = piece.lines(&pad, false, eol);
        if l.end > l.eol {
            return self.splice(vec![(Span::new(l.end, l.end), new_lines)]);
        }
        // The last line of a text without a final line break.
        let body = new_lines.strip_suffix(eol).unwrap_or(&new_lines);
        self.splice(vec![(Span::new(l.eol, l.eol), format!("{eol}{body}"))])
    }

    /// Inserts `item` as child `index` of a flow collection, separated as its children are.
    fn insert_flow(&mut self, c: &Container, index: usize, item: String) -> Result<(), EditError> {
        let text = &self.text;
        let Some(first) = c.children.first() else {
            return self.splice(vec![(Span::new(c.span.start + 1, c.span.end - 1), item)]);
        };
        let sep = if text[c.span.start..first.start].contains('\n') {
            let indent = column(text, first.start);
            format!(",{}{}", self.style.eol, " ".repeat(indent))
        } else {
            ", ".to_owned()
        };
        let (at, with) = match index {
            0 => (first.start, format!("{item}{sep}")),
            i => (c.children[i - 1].value.end, format!("{sep}{item}")),
        };
        self.splice(vec![(Span::new(at, at), with)])
    }

    /// Removes child `index` of the collection at `pointer`; the only one leaves `{}`/`[]`.
    fn remove_child(&mut self, c: &Container, index: usize, pointer: &str) -> Result<(), EditError> {
        let text = &self.text;
        let n = c.children.len();
        if n == 1 {
            if c.flow {
                return self.splice(vec![(Span::new(c.span.start + 1, c.span.end - 1), String::new())]);
            }
            let empty = if c.children[0].key.is_some() {
                Value::Object(Map::new())
            } else {
                Value::Array(Vec::new())
            };
            if c.root {
                return self
                    .splice(vec![(Span::new(with_properties(text, c.span.start), c.span.end), "{}".into())]);
            }
            // The collection itself becomes `{}`/`[]` in its parent.
            let (outer, at, _) = self.locate(pointer)?;
            return self.replace(&outer, at, &empty);
        }
        let ch = c.children[index];
        let span = if c.flow {
            match index {
                0 => Span::new(ch.start, c.children[1].start),
                i => Span::new(c.children[i - 1].value.end, ch.value.end),
            }
        } else if owns_line(text, ch.start) {
            let l = lines(text, c.floor(text, index), ch.start, ch.value.end);
            // On the last line of a text without a final line break, the break before goes.
            let start = if l.end == l.eol && l.start > 0 { line_end(text, l.start - 1) } else { l.start };
            Span::new(start, l.end)
        } else if index == 0 && after_dashes(text, ch.start) {
            Span::new(ch.start, c.children[1].start)
        } else {
            return Err(self.awkward("a child sharing its line"));
        };
        self.splice(vec![(span, String::new())])
    }

    /// The whole lines of a block child and the comments that go with it.
    fn piece(&self, c: &Container, index: usize) -> Option<Piece> {
        let text = &self.text;
        let ch = c.children[index];
        if c.flow || !owns_line(text, ch.start) {
            return None;
        }
        let l = lines(text, c.floor(text, index), ch.start, ch.value.end);
        let lead = text[l.start..l.line].lines().map(|line| line.trim().to_owned()).collect();
        let after = &text[ch.value.end..l.eol];
        let trail = if after.trim().is_empty() { String::new() } else { after.trim_end().to_owned() };
        let base = " ".repeat(column(text, ch.start));
        Some(Piece { lead, body: text[ch.start..ch.value.end].to_owned(), trail, base })
    }
}

#[path = "yaml_guard.rs"]
mod guard;
#[path = "yaml_primitives.rs"]
mod primitives;
