//! JSON reader with comments and trailing commas tolerated (JSONC, as editors write it);
//! everything else is strict JSON, as AWS requires.
//!
//! Written by hand rather than on jsonc-parser (design §6 names it): jsonc-parser builds
//! its own AST that then had to be converted, and on a 5,000-state machine (1.25 MB) the
//! two took 84 M instructions, two thirds of the 20 ms budget for parse + validate. This
//! reader builds the spanned tree in one pass.

use super::{pointer_push, Duplicate, Member, Members, Node, NodeValue, MAX_DEPTH};
use crate::error::ParseError;
use crate::text::{LineIndex, Span};
use compact_str::CompactString;

/// Reads JSON text (a leading byte-order mark is skipped; spans stay relative to `text`).
pub fn read_json(text: &str) -> Result<Node, ParseError> {
    read_json_with_duplicates(text).map(|(node, _)| node)
}

/// Reads JSON text and lists the keys repeated within an object, found while reading
/// (a separate walk over the tree cost a tenth of validation time on large machines).
pub fn read_json_with_duplicates(text: &str) -> Result<(Node, Vec<Duplicate>), ParseError> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut r = Reader { text, bytes: text.as_bytes(), pos: bom, duplicates: Vec::new() };
    r.skip_trivia()?;
    if r.pos >= r.bytes.len() {
        return Err(error_at(text, text.len(), "the file is empty: expected a JSON object".into()));
    }
    let node = r.value()?;
    r.skip_trivia()?;
    if r.pos < r.bytes.len() {
        return Err(r.error("unexpected text after the JSON value"));
    }
    Ok((node, r.duplicates))
}

pub(crate) fn error_at(text: &str, offset: usize, message: String) -> ParseError {
    let position = LineIndex::new(text).position(text, offset);
    ParseError { message, offset, position }
}

pub(super) struct Reader<'t> {
    pub(super) text: &'t str,
    pub(super) bytes: &'t [u8],
    pub(super) pos: usize,
    duplicates: Vec<Duplicate>,
}

/// A container being read. Its children wait on shared scratch stacks (from `first`
/// on) and move into an exactly sized Vec when it closes: one allocation per container
/// instead of a growing Vec each (reallocation was a tenth of reading time).
struct Open {
    start: usize,
    object: bool,
    first: usize,
    /// The key read for the member whose value comes next.
    key: Option<(CompactString, Span)>,
}

/// Children of all open containers, innermost last.
#[derive(Default)]
struct Scratch {
    members: Vec<Member>,
    items: Vec<Node>,
}

impl Open {
    fn close(self, end: usize, scratch: &mut Scratch) -> Node {
        let value = if self.object {
            let members: Vec<Member> = scratch.members.drain(self.first..).collect();
            NodeValue::Object(members.into())
        } else {
            NodeValue::Array(scratch.items.drain(self.first..).collect())
        };
        Node::new(Span::new(self.start, end), value)
    }
}

impl Reader<'_> {
    pub(super) fn error(&self, message: &str) -> ParseError {
        error_at(self.text, self.pos, message.to_owned())
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// One value. Containers are read with an explicit stack, not recursion, so nesting
    /// depth costs heap, never stack (a debug build's 2 MB test threads included).
    fn value(&mut self) -> Result<Node, ParseError> {
        let mut stack: Vec<Open> = Vec::new();
        let mut scratch = Scratch::default();
        loop {
            // Read one value, or open a container and go round for its first child.
            let start = self.pos;
            let mut done = match self.peek() {
                Some(b'{') | Some(b'[') => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(self.error(&format!("nesting is deeper than {MAX_DEPTH} levels")));
                    }
                    let object = self.peek() == Some(b'{');
                    self.pos += 1;
                    let first = if object { scratch.members.len() } else { scratch.items.len() };
                    stack.push(Open { start, object, first, key: None });
                    if self.after_open(object, start)? {
                        None
                    } else {
                        if object {
                            let key = self.key(start)?;
                            if let Some(top) = stack.last_mut() {
                                top.key = Some(key);
                            }
                        }
                        continue;
                    }
                }
                Some(b'"') => Some(NodeValue::String(self.string()?)),
                Some(b'-' | b'0'..=b'9') => Some(NodeValue::Number(self.number()?)),
                Some(b't') => Some(self.keyword("true", NodeValue::Bool(true))?),
                Some(b'f') => Some(self.keyword("false", NodeValue::Bool(false))?),
                Some(b'n') => Some(self.keyword("null", NodeValue::Null)?),
                Some(_) => return Err(self.error(&format!("expected a JSON value, found {}", self.found()))),
                None => return Err(self.error("unexpected end of file: expected a JSON value")),
            }
            .map(|value| Node::new(Span::new(start, self.pos), value));
            // Hand the finished value to its container; close containers that end here.
            loop {
                let node = match done.take() {
                    Some(node) => node,
                    None => {
                        // An empty container was just opened and closed.
                        let open = stack.pop().ok_or_else(|| self.error("internal: no open container"))?;
                        self.note_duplicates(&open, &stack, &scratch);
                        open.close(self.pos, &mut scratch)
                    }
                };
                let Some(top) = stack.last_mut() else { return Ok(node) };
                match top.key.take() {
                    Some((key, key_span)) => scratch.members.push(Member { key, key_span, value: node }),
                    None => scratch.items.push(node),
                }
                let (object, open_start) = (top.object, top.start);
                if self.after_child(object, open_start)? {
                    let open = stack.pop().ok_or_else(|| self.error("internal: no open container"))?;
                    self.note_duplicates(&open, &stack, &scratch);
                    done = Some(open.close(self.pos, &mut scratch));
                } else {
                    break;
                }
            }
            if let Some(top) = stack.last_mut() {
                if top.object {
                    top.key = Some(self.key(top.start)?);
                }
            }
        }
    }

    /// Records the repeated keys of an object about to close; its pointer is built from
    /// the enclosing containers only when there is one.
    fn note_duplicates(&mut self, open: &Open, outer: &[Open], scratch: &Scratch) {
        if !open.object {
            return;
        }
        let members = &scratch.members[open.first..];
        let repeated = Members::repeated(members);
        if repeated.is_empty() {
            return;
        }
        let mut pointer = String::new();
        for (depth, o) in outer.iter().enumerate() {
            if o.object {
                let key = o.key.as_ref().map(|(k, _)| k.as_str()).unwrap_or_default();
                pointer = pointer_push(&pointer, key);
            } else {
                // This array's finished items sit on the scratch stack up to where the
                // next deeper array's items begin.
                let end =
                    outer[depth + 1..].iter().find(|d| !d.object).map_or(scratch.items.len(), |d| d.first);
                pointer.push_str(&format!("/{}", end - o.first));
            }
        }
        for i in repeated {
            let m = &members[i];
            self.duplicates.push(Duplicate {
                pointer: pointer_push(&pointer, &m.key),
                key_span: m.key_span,
                key: m.key.to_string(),
            });
        }
    }

    /// After `{` or `[` (or a comma): true if the container closes here, else positioned
    /// at the next child (an object's key is then read by `key`).
    fn after_open(&mut self, object: bool, start: usize) -> Result<bool, ParseError> {
        self.skip_trivia()?;
        let close = if object { b'}' } else { b']' };
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(true);
        }
        if self.peek().is_none() {
            return Err(self.unterminated(object, start));
        }
        Ok(false)
    }

    /// After a child: consumes `,` (false: another child follows) or the closing bracket
    /// (true). A trailing comma before the bracket is tolerated.
    fn after_child(&mut self, object: bool, start: usize) -> Result<bool, ParseError> {
        let close = if object { b'}' } else { b']' };
        self.skip_trivia()?;
        match self.peek() {
            Some(b',') => {
                // After the comma it is as after the opening bracket: a trailing comma
                // may be followed by the close.
                self.pos += 1;
                self.after_open(object, start)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            None => Err(self.unterminated(object, start)),
            Some(_) => {
                let expected = if object { "',' or '}'" } else { "',' or ']'" };
                Err(self.error(&format!("expected {expected}, found {}", self.found())))
            }
        }
    }

    /// `"key" :` inside an object, leaving the position at the value.
    fn key(&mut self, start: usize) -> Result<(CompactString, Span), ParseError> {
        self.skip_trivia()?;
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.unterminated(true, start)),
            Some(_) => return Err(self.error(&format!("expected a \"key\" or '}}', found {}", self.found()))),
        }
        let key_start = self.pos;
        let key = self.string()?;
        let key_span = Span::new(key_start, self.pos);
        self.skip_trivia()?;
        if self.peek() != Some(b':') {
            return Err(self.error(&format!("expected ':' after the key, found {}", self.found())));
        }
        self.pos += 1;
        self.skip_trivia()?;
        Ok((key, key_span))
    }

    fn unterminated(&self, object: bool, start: usize) -> ParseError {
        let what = if object {
            "unterminated object: '{' is never closed"
        } else {
            "unterminated array: '[' is never closed"
        };
        error_at(self.text, start, what.into())
    }

    pub(super) fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
            None => "the end of the file".into(),
        }
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
