//! Tokens shared by the path and intrinsic parsers: quoted names, integers, numbers.

use super::cursor::Cursor;
use super::ExprError;

/// Reads a `'...'` or `"..."` string as JSONPath writes bracketed names and filter
/// literals, with JSON-style escapes (`\\`, `\'`, `\"`, `\/`, `\b\f\n\r\t`, `\uXXXX`).
/// An unknown escape keeps the escaped character, as Jayway's unescape does.
/// The cursor must be on the opening quote.
pub(crate) fn quoted(cur: &mut Cursor) -> Result<String, ExprError> {
    let open = cur.pos();
    let Some(delim) = cur.bump() else {
        return Err(cur.error("expected a quoted string"));
    };
    let mut out = String::new();
    loop {
        match cur.bump() {
            None => return Err(ExprError::new("unterminated string", open)),
            Some(c) if c == delim => return Ok(out),
            Some('\\') => {
                let escape_at = cur.pos().saturating_sub(1);
                match cur.bump() {
                    None => return Err(ExprError::new("unterminated string", open)),
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some('u') => out.push(unicode_escape(cur, escape_at)?),
                    Some(other) => out.push(other),
                }
            }
            Some(c) => out.push(c),
        }
    }
}

/// Reads a bracketed member name (`['...']`, `["..."]`) as AWS reads it: the text between
/// the quotes as written. A backslash keeps the character after it from ending the name
/// but stays in the name, as does that character: AWS resolved `$['Test\""Name"']` to the
/// member `Test\""Name"` (LocalStack's AWS snapshot test_base_scenarios.py::
/// TestBaseScenarios::test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONPATH]), where
/// [`quoted`]'s escapes would have read `Test""Name"`. The cursor must be on the opening
/// quote.
pub(crate) fn bracket_name(cur: &mut Cursor) -> Result<String, ExprError> {
    let open = cur.pos();
    let Some(delim) = cur.bump() else {
        return Err(cur.error("expected a quoted name"));
    };
    let mut out = String::new();
    loop {
        match cur.bump() {
            None => return Err(ExprError::new("unterminated string", open)),
            Some(c) if c == delim => return Ok(out),
            Some('\\') => {
                out.push('\\');
                match cur.bump() {
                    None => return Err(ExprError::new("unterminated string", open)),
                    Some(c) => out.push(c),
                }
            }
            Some(c) => out.push(c),
        }
    }
}

/// True when `name` written between `delim`s reads back as itself with [`bracket_name`]:
/// no unescaped `delim` inside, and no backslash left to escape the closing one.
pub(crate) fn fits_bracket_name(name: &str, delim: char) -> bool {
    let mut escaped = false;
    for c in name.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == delim {
            return false;
        }
    }
    !escaped
}

/// The four hex digits after `\u`; a surrogate pair `\uD83D\uDE00` is combined.
fn unicode_escape(cur: &mut Cursor, escape_at: usize) -> Result<char, ExprError> {
    let bad = || ExprError::new("invalid \\u escape: expected four hex digits", escape_at);
    let high = hex4(cur).ok_or_else(bad)?;
    if (0xD800..0xDC00).contains(&high) && cur.rest().starts_with("\\u") {
        let before = cur.pos();
        cur.eat_str("\\u");
        if let Some(low) = hex4(cur).filter(|low| (0xDC00..0xE000).contains(low)) {
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(code).ok_or_else(bad);
        }
        cur.reset(before);
    }
    char::from_u32(high).ok_or_else(|| ExprError::new("invalid \\u escape: lone surrogate", escape_at))
}

fn hex4(cur: &mut Cursor) -> Option<u32> {
    let digits = cur.rest().get(..4)?;
    let value = u32::from_str_radix(digits, 16).ok()?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None; // from_str_radix accepts a leading '+'
    }
    cur.eat_str(digits);
    Some(value)
}

/// An optional `-` and ASCII digits, as an `i64`. `None` when no digit follows.
pub(crate) fn integer(cur: &mut Cursor) -> Result<Option<i64>, ExprError> {
    let start = cur.pos();
    let negative = cur.eat('-');
    let digits = cur.take_while(|c| c.is_ascii_digit());
    if digits.is_empty() {
        if negative {
            return Err(cur.error(format!("expected a digit after '-', found {}", cur.found())));
        }
        return Ok(None);
    }
    cur.since(start).parse::<i64>().map(Some).map_err(|_| ExprError::new("integer out of range", start))
}

/// A JSON number (`-?digits(.digits)?([eE][+-]?digits)?`); the cursor is on `-` or a digit.
pub(crate) fn number(cur: &mut Cursor) -> Result<serde_json::Number, ExprError> {
    let start = cur.pos();
    cur.eat('-');
    cur.take_while(|c| c.is_ascii_digit());
    if cur.peek() == Some('.') && cur.peek_second().is_some_and(|c| c.is_ascii_digit()) {
        cur.bump();
        cur.take_while(|c| c.is_ascii_digit());
    }
    if matches!(cur.peek(), Some('e' | 'E')) {
        let before = cur.pos();
        cur.bump();
        if !cur.eat('+') {
            cur.eat('-');
        }
        if cur.take_while(|c| c.is_ascii_digit()).is_empty() {
            cur.reset(before);
        }
    }
    let text = cur.since(start);
    serde_json::from_str::<serde_json::Number>(text)
        .map_err(|_| ExprError::new(format!("invalid number '{text}'"), start))
}
