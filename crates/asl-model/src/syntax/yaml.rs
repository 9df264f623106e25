//! Reading one YAML document into the spanned syntax tree, from granit-parser's events.
//!
//! The tree is built with an explicit stack, never by recursing over events, so absurd
//! nesting meets the `MAX_DEPTH` check instead of overflowing the stack. Scalars resolve
//! by the YAML 1.2 core schema with strict booleans (`yes`/`on` stay strings), because
//! that is what the JSON an ASL definition becomes would contain.

use super::yaml_scalar::resolve_plain;
use super::{Member, Node, NodeValue, MAX_DEPTH};
use crate::error::ParseError;
use crate::text::{LineIndex, Span};
use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, ScanError, StructureStyle, Tag};
use std::collections::{HashMap, HashSet};

/// Aliases copy their anchored node. Past this many nodes in total (anchor copies
/// included) the document is refused: a "billion laughs" text of a few hundred bytes
/// would otherwise expand to gigabytes.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// Reads one YAML document into the syntax tree, with byte spans. Refuses more than one
/// document, and texts nested or aliased beyond the limits.
pub fn read_yaml(text: &str) -> Result<Node, ParseError> {
    read(text, None)
}

/// Reads one YAML document as [`read_yaml`] does, handing every node written with a local
/// tag (`!Sub`, `!GetAtt`: CloudFormation's short forms) to `on_tag` with the tag's name,
/// and keeping what it returns in the node's place. Without a callback tags are ignored,
/// as an ASL document has none.
pub fn read_yaml_tagged(text: &str, on_tag: &dyn Fn(&str, Node) -> Node) -> Result<Node, ParseError> {
    read(text, Some(on_tag))
}

fn read(text: &str, on_tag: Option<&dyn Fn(&str, Node) -> Node>) -> Result<Node, ParseError> {
    let options = granit_parser::options! {
        emit_comments: false,
        // One more than ours, so our depth check (counting flow and block together, with
        // a clearer message) normally fires first.
        flow_nesting_limit: MAX_DEPTH + 1,
        block_nesting_limit: MAX_DEPTH + 1,
    };
    let mut b = Builder { text, on_tag, stack: Vec::new(), anchors: HashMap::new(), nodes: 0, root: None };
    let mut documents = 0;
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = item.map_err(|e| scan_error(text, &e))?;
        let at = |m: granit_parser::Marker| m.byte_offset().unwrap_or(0).min(text.len());
        let (start, end) = (at(span.start), at(span.end).max(at(span.start)));
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(error(text, start, "expected one YAML document, found more than one"));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                b.scalar(&value, style, anchor, tag.as_deref(), Span::new(start, end))?
            }
            Event::SequenceStart(style, anchor, tag) => {
                b.open(start, style, anchor, local(tag.as_deref()), false)?
            }
            Event::MappingStart(style, anchor, tag) => {
                b.open(start, style, anchor, local(tag.as_deref()), true)?
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(end)?,
            Event::Alias(id) => b.alias(id, Span::new(start, end))?,
            // Comments, anchor metadata, stream and document ends carry no data.
            _ => {}
        }
    }
    b.root.ok_or_else(|| error(text, 0, "expected one YAML document, found none"))
}

/// The name of a local tag (`!Sub` -> `Sub`); core-schema and other tags are not handed on.
fn local(tag: Option<&Tag>) -> Option<String> {
    tag.filter(|t| t.handle() == "!").map(|t| t.suffix().to_owned())
}

struct Builder<'t> {
    text: &'t str,
    on_tag: Option<&'t dyn Fn(&str, Node) -> Node>,
    stack: Vec<Frame>,
    /// Completed anchored nodes by parser anchor id. An anchor whose node is still open
    /// is absent, which is how an alias inside its own anchor is caught.
    anchors: HashMap<usize, Anchored>,
    /// Nodes materialised so far, alias and anchor copies included.
    nodes: usize,
    root: Option<Node>,
}

struct Anchored {
    node: Node,
    /// Nodes in the subtree: what one more copy costs.
    count: usize,
    /// Collection levels in the subtree (0 for a scalar): what a copy adds to the depth.
    height: usize,
}

/// One open collection.
struct Frame {
    start: usize,
    flow: bool,
    anchor: usize,
    nodes_before: usize,
    /// Largest height among the children so far.
    height: usize,
    /// End of the last child's source (for an alias, the `*name` token, not the copy).
    last_end: usize,
    /// The local tag written on the collection, for `on_tag`.
    tag: Option<String>,
    kind: Kind,
}

enum Kind {
    Seq(Vec<Node>),
    Map {
        members: Vec<Member>,
        /// The key read so far, waiting for its value; `bool` marks a plain `<<`.
        key: Option<(String, Span, bool)>,
        /// Indices in `members` of the plain `<<` keys.
        merges: Vec<usize>,
    },
}

impl Builder<'_> {
    fn scalar(
        &mut self,
        value: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<(), ParseError> {
        let plain = style == ScalarStyle::Plain;
        // An empty untagged plain scalar at the top is what the parser reports for `---`
        // with nothing after it.
        if self.stack.is_empty() && plain && span.is_empty() && tag.is_none() {
            return Err(error(self.text, span.start, "expected one YAML document, found an empty one"));
        }
        let forced_str = tag.is_some_and(|t| t.is_yaml_core_schema_tag("str"));
        let value = if plain && !forced_str {
            resolve_plain(value).map_err(|m| error(self.text, span.start, m))?
        } else {
            NodeValue::String(value.into())
        };
        let span = match style {
            ScalarStyle::Literal | ScalarStyle::Folded => widen_block_scalar(self.text, span),
            _ => span,
        };
        self.nodes += 1;
        let node = self.tagged(local(tag), Node::new(span, value));
        if anchor != 0 {
            self.anchors.insert(anchor, Anchored { node: node.clone(), count: 1, height: 0 });
        }
        let merge_key = plain && !forced_str && node.as_str() == Some("<<");
        self.finish(node, 0, merge_key, span.end);
        Ok(())
    }

    fn open(
        &mut self,
        start: usize,
        style: StructureStyle,
        anchor: usize,
        tag: Option<String>,
        map: bool,
    ) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(depth_error(self.text, start));
        }
        let kind = if map {
            Kind::Map { members: Vec::new(), key: None, merges: Vec::new() }
        } else {
            Kind::Seq(Vec::new())
        };
        let flow = style == StructureStyle::Flow;
        self.stack.push(Frame {
            start,
            flow,
            anchor,
            nodes_before: self.nodes,
            height: 0,
            last_end: start,
            tag,
            kind,
        });
        self.nodes += 1;
        Ok(())
    }

    fn close(&mut self, event_end: usize) -> Result<(), ParseError> {
        // The parser balances starts and ends; a stray end is ignored rather than trusted.
        let Some(frame) = self.stack.pop() else { return Ok(()) };
        // Flow collections end at their bracket; block ones at their last value.
        let end = if frame.flow { event_end } else { frame.last_end.max(frame.start) };
        let value = match frame.kind {
            Kind::Seq(items) => NodeValue::Array(items),
            Kind::Map { members, merges, .. } => NodeValue::Object(apply_merges(members, &merges).into()),
        };
        let node = self.tagged(frame.tag, Node::new(Span::new(frame.start, end), value));
        let height = frame.height + 1;
        if frame.anchor != 0 {
            let count = self.nodes - frame.nodes_before;
            // Keeping a copy for later aliases costs memory like an alias does.
            self.charge(count, frame.start)?;
            self.anchors.insert(frame.anchor, Anchored { node: node.clone(), count, height });
        }
        self.finish(node, height, false, end);
        Ok(())
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), ParseError> {
        let Some(&Anchored { count, height, .. }) = self.anchors.get(&id) else {
            return Err(error(self.text, span.start, "YAML alias refers to a node that contains it"));
        };
        if self.stack.len() + height > MAX_DEPTH {
            return Err(depth_error(self.text, span.start));
        }
        // Charged before cloning, so a refused expansion costs nothing.
        self.charge(count, span.start)?;
        if let Some(node) = self.anchors.get(&id).map(|a| a.node.clone()) {
            self.finish(node, height, false, span.end);
        }
        Ok(())
    }

    fn charge(&mut self, count: usize, at: usize) -> Result<(), ParseError> {
        self.nodes = self.nodes.saturating_add(count);
        if self.nodes > MAX_ALIAS_NODES {
            let message = format!("YAML aliases expand to more than {MAX_ALIAS_NODES} nodes");
            return Err(error(self.text, at, &message));
        }
        Ok(())
    }

    fn tagged(&self, tag: Option<String>, node: Node) -> Node {
        match (tag, self.on_tag) {
            (Some(tag), Some(on_tag)) => on_tag(&tag, node),
            _ => node,
        }
    }

    /// Hands a completed node to the open collection (or makes it the root).
    fn finish(&mut self, node: Node, height: usize, merge_key: bool, source_end: usize) {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        frame.height = frame.height.max(height);
        frame.last_end = frame.last_end.max(source_end);
        match &mut frame.kind {
            Kind::Seq(items) => items.push(node),
            Kind::Map { members, key, merges } => match key.take() {
                None => *key = Some((key_text(self.text, &node), node.span, merge_key)),
                Some((key, key_span, is_merge)) => {
                    if is_merge {
                        merges.push(members.len());
                    }
                    members.push(Member { key: key.into(), key_span, value: node });
                }
            },
        }
    }
}

/// JSON keys are strings: a string key is itself; any other key is its source text.
fn key_text(text: &str, node: &Node) -> String {
    match &node.value {
        NodeValue::String(s) => s.to_string(),
        _ => text.get(node.span.start..node.span.end).unwrap_or("").trim().to_owned(),
    }
}

/// YAML 1.1 merge keys: a plain `<<` whose value is a mapping (or a sequence of
/// mappings) contributes those members in its place. Keys written in the mapping win
/// wherever they appear; among merged mappings the first wins. A `<<` with any other
/// value stays an ordinary member.
fn apply_merges(members: Vec<Member>, merges: &[usize]) -> Vec<Member> {
    let mergeable = |m: &Member| match &m.value.value {
        NodeValue::Object(_) => true,
        NodeValue::Array(items) => items.iter().all(|i| i.as_object().is_some()),
        _ => false,
    };
    let merges: HashSet<usize> =
        merges.iter().copied().filter(|&i| members.get(i).is_some_and(mergeable)).collect();
    if merges.is_empty() {
        return members;
    }
    let written: HashSet<String> = members
        .iter()
        .enumerate()
        .filter(|(i, _)| !merges.contains(i))
        .map(|(_, m)| m.key.to_string())
        .collect();
    let mut merged_keys = HashSet::new();
    let mut out = Vec::with_capacity(members.len());
    for (i, member) in members.into_iter().enumerate() {
        if !merges.contains(&i) {
            out.push(member);
            continue;
        }
        let sources = match member.value.value {
            NodeValue::Object(m) => vec![m.into_vec()],
            NodeValue::Array(items) => items
                .into_iter()
                .filter_map(|n| match n.value {
                    NodeValue::Object(m) => Some(m.into_vec()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for m in sources.into_iter().flatten() {
            if !written.contains(m.key.as_str()) && merged_keys.insert(m.key.to_string()) {
                out.push(m);
            }
        }
    }
    out
}

/// The parser's span of a block scalar covers only its content lines; widen it back to
/// the `|`/`>` indicator so it covers the whole token, and drop trailing line breaks.
fn widen_block_scalar(text: &str, span: Span) -> Span {
    let content = text.get(span.start..span.end).unwrap_or("");
    let end = span.start + content.trim_end().len();
    // The header is the last non-blank line above the content's first line.
    let Some(mut line_end) = text.get(..span.start).and_then(|t| t.rfind('\n')) else {
        return Span::new(span.start, end);
    };
    loop {
        let line_start = text[..line_end].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..line_end];
        if !line.trim().is_empty() {
            let start = header_indicator(line).map_or(span.start, |i| line_start + i);
            return Span::new(start, end.max(start));
        }
        if line_start == 0 {
            return Span::new(span.start, end);
        }
        line_end = line_start - 1;
    }
}

/// Where `|` or `>` opens a block scalar header in this line: followed only by
/// indentation/chomping indicators and an optional comment.
fn header_indicator(line: &str) -> Option<usize> {
    line.char_indices().filter(|(_, c)| *c == '|' || *c == '>').map(|(i, _)| i).find(|&i| {
        let rest = line[i + 1..].trim_start_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
        let rest = rest.trim_start();
        rest.is_empty() || rest.starts_with('#')
    })
}

fn depth_error(text: &str, offset: usize) -> ParseError {
    error(text, offset, &format!("YAML nesting is deeper than {MAX_DEPTH} levels"))
}

fn scan_error(text: &str, e: &ScanError) -> ParseError {
    let marker = e.marker();
    // String input always carries byte offsets; the character index is a fallback only.
    let offset = marker
        .byte_offset()
        .unwrap_or_else(|| text.char_indices().nth(marker.index()).map_or(text.len(), |(i, _)| i));
    if matches!(e.kind(), ErrorKind::RecursionLimitExceeded) {
        return depth_error(text, offset);
    }
    let info = e.info();
    error(text, offset, if info.is_empty() { "invalid YAML" } else { &info })
}

fn error(text: &str, offset: usize, message: &str) -> ParseError {
    let offset = offset.min(text.len());
    let position = LineIndex::new(text).position(text, offset);
    ParseError { message: message.to_owned(), offset, position }
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
