//! The lexical level of the JSON reader: white space and comments (trivia), strings,
//! numbers and the keywords `true`, `false`, `null`; `json.rs` puts them together into
//! containers.

use super::json::{error_at, Reader};
use super::NodeValue;
use crate::error::ParseError;
use compact_str::CompactString;

impl Reader<'_> {
    /// Skips white space and comments.
    pub(super) fn skip_trivia(&mut self) -> Result<(), ParseError> {
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

    pub(super) fn keyword(&mut self, word: &str, value: NodeValue) -> Result<NodeValue, ParseError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(&format!("expected a JSON value, found {}", self.found())))
        }
    }

    /// A string token starting at `"`; returns its decoded value.
    pub(super) fn string(&mut self) -> Result<CompactString, ParseError> {
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
    pub(super) fn number(&mut self) -> Result<String, ParseError> {
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
