//! A cursor over one ASL string, shared by the path, filter and intrinsic parsers.
//!
//! Invariant: `pos` is always a char boundary with `pos <= end <= src.len()`, because it
//! only moves by whole characters or by the length of a prefix that was just matched.
//! Every read goes through `str::get`, so no input can make it panic.

use super::ExprError;

/// Deepest nesting (filter parentheses, JSON literals, nested calls) the parsers accept.
/// Deep enough for any real definition, shallow enough that recursion cannot overflow
/// the stack on hostile input.
const MAX_DEPTH: usize = 64;

pub(crate) struct Cursor<'a> {
    src: &'a str,
    pos: usize,
    end: usize,
    depth: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor that ignores trailing whitespace: Jayway trims paths before compiling
    /// them, and deployed definitions contain e.g. `"$$.Execution.Name "`. Leading
    /// whitespace is *not* skipped: AWS's language service and statelint both reject
    /// `" States.Array(...)"`, so it stays visible to the parsers, which reject it.
    pub(crate) fn trim_end(src: &'a str) -> Self {
        Cursor { src, pos: 0, end: src.trim_end().len(), depth: 0 }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn rest(&self) -> &'a str {
        self.src.get(self.pos..self.end).unwrap_or("")
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(crate) fn peek_second(&self) -> Option<char> {
        let mut chars = self.rest().chars();
        chars.next();
        chars.next()
    }

    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub(crate) fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_str(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    pub(crate) fn skip_ws(&mut self) {
        self.take_while(char::is_whitespace);
    }

    /// Consumes the longest prefix whose characters satisfy `f` and returns it.
    pub(crate) fn take_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let len = rest.find(|c: char| !f(c)).unwrap_or(rest.len());
        self.pos += len;
        rest.get(..len).unwrap_or("")
    }

    /// The text between `from` and the current position (`from` must be an earlier `pos()`).
    pub(crate) fn since(&self, from: usize) -> &'a str {
        self.src.get(from..self.pos).unwrap_or("")
    }

    /// Moves back to an earlier `pos()` (used for one-token look-ahead).
    pub(crate) fn reset(&mut self, to: usize) {
        if to <= self.pos && self.src.is_char_boundary(to) {
            self.pos = to;
        }
    }

    /// How the current character reads in an error message.
    pub(crate) fn found(&self) -> String {
        match self.peek() {
            None => "the end".to_string(),
            Some(c) => format!("'{c}'"),
        }
    }

    pub(crate) fn error(&self, message: impl Into<String>) -> ExprError {
        ExprError::new(message, self.pos.min(self.src.len()))
    }

    pub(crate) fn expect(&mut self, c: char, context: &str) -> Result<(), ExprError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.error(format!("expected '{c}' {context}, found {}", self.found())))
        }
    }

    /// Enters one level of nesting; pair with [`Cursor::leave`].
    pub(crate) fn enter(&mut self) -> Result<(), ExprError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("nested more than {MAX_DEPTH} levels deep")));
        }
        self.depth += 1;
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}
