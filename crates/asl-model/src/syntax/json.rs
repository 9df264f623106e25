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

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
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
    fn error(&self, message: &str) -> ParseError {
        error_at(self.text, self.pos, message.to_owned())
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips white space and comments.
    fn skip_trivia(&mut self) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                Some(b' ') => self.skip_spaces(),
                Some(b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') => match self.bytes.get(self.pos + 1) {
                    Some(b'/') => {
                        let rest = &self.bytes[self.pos..];
                        self.pos += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    }
                    Some(b'*') => {
                        let start = self.pos;
                        let rest = &self.text[self.pos + 2..];
                        match rest.find("*/") {
                            Some(end) => self.pos += 2 + end + 2,
                            None => return Err(error_at(self.text, start, "unterminated /* comment".into())),
                        }
                    }
                    _ => return Err(self.error("unexpected '/'")),
                },
                _ => return Ok(()),
            }
        }
    }

    /// One value. Containers are read with an explicit stack, not recursion, so nesting
    /// depth costs heap, never stack (a debug build's 2 MB test threads included).
    /// Skips a run of spaces eight bytes at a time (indentation is most of a pretty file).
    fn skip_spaces(&mut self) {
        while let Some(word) = self.word(self.pos) {
            let other = word ^ u64::from_le_bytes([b' '; 8]);
            if other != 0 {
                self.pos += (other.trailing_zeros() / 8) as usize;
                return;
            }
            self.pos += 8;
        }
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    /// Eight bytes at `at` as a little-endian word, if there are eight left.
    fn word(&self, at: usize) -> Option<u64> {
        let bytes: [u8; 8] = self.bytes.get(at..at + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(bytes))
    }

    /// Length of the run of plain string bytes at `at`: up to the first `"`, `\\` or
    /// control character (SWAR: eight bytes per step).
    fn plain_run(&self, at: usize) -> usize {
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        let mut n = 0;
        while let Some(word) = self.word(at + n) {
            let special = has_zero(word ^ u64::from_le_bytes([b'"'; 8]))
                | has_zero(word ^ u64::from_le_bytes([b'\\'; 8]))
                | word.wrapping_sub(u64::from_le_bytes([0x20; 8])) & !word & HIGH;
            if special != 0 {
                return n + (special.trailing_zeros() / 8) as usize;
            }
            n += 8;
        }
        n + self.bytes[at + n..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(self.bytes.len() - at - n)
    }

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

    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
            None => "the end of the file".into(),
        }
    }

    fn keyword(&mut self, word: &str, value: NodeValue) -> Result<NodeValue, ParseError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(&format!("expected a JSON value, found {}", self.found())))
        }
    }

    /// A string token starting at `"`; returns its decoded value.
    fn string(&mut self) -> Result<CompactString, ParseError> {
        let start = self.pos;
        self.pos += 1;
        // Fast path: most strings have no escapes and are copied in one piece.
        let len = self.plain_run(self.pos);
        if self.bytes.get(self.pos + len) == Some(&b'"') {
            let value = CompactString::from(&self.text[self.pos..self.pos + len]);
            self.pos += len + 1;
            return Ok(value);
        }
        let mut out = CompactString::default();
        let mut chunk = self.pos;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(error_at(self.text, start, "unterminated string".into()));
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[chunk..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[chunk..self.pos]);
                    self.escape(&mut out)?;
                    chunk = self.pos;
                }
                0..=0x1f => {
                    let what = if b == b'\n' {
                        "unterminated string (line break inside)"
                    } else {
                        "control character inside a string (escape it)"
                    };
                    return Err(self.error(what));
                }
                _ => self.pos += 1,
            }
        }
    }

    fn escape(&mut self, out: &mut CompactString) -> Result<(), ParseError> {
        let at = self.pos;
        let c = self.bytes.get(self.pos + 1).copied();
        self.pos += 2;
        let decoded = match c {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let high = self.hex4(at)?;
                let code = if (0xD800..0xDC00).contains(&high) && self.bytes[self.pos..].starts_with(b"\\u") {
                    self.pos += 2;
                    let low = self.hex4(at)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(error_at(self.text, at, "invalid surrogate pair in \\u escape".into()));
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                // A lone surrogate has no UTF-8 form; U+FFFD keeps the text readable.
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            _ => return Err(error_at(self.text, at, "invalid escape in string".into())),
        };
        out.push(decoded);
        Ok(())
    }

    fn hex4(&mut self, at: usize) -> Result<u32, ParseError> {
        let digits =
            self.text.get(self.pos..self.pos + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let code = digits.and_then(|d| u32::from_str_radix(d, 16).ok());
        let code =
            code.ok_or_else(|| error_at(self.text, at, "\\u must be followed by four hex digits".into()))?;
        self.pos += 4;
        Ok(code)
    }

    /// A number per the JSON grammar; returns its text.
    fn number(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        let digits = |r: &mut Self| {
            let from = r.pos;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.pos += 1;
            }
            r.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("expected a digit after '.'"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        if self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.') {
            return Err(self.error(&format!("invalid number: unexpected {}", self.found())));
        }
        Ok(self.text[start..self.pos].to_owned())
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
