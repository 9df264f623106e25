//! Intrinsic functions: `States.Format('Hello {}', $.name)` and friends.
//!
//! Grammar (as AWS's lexer, with whitespace allowed between tokens):
//! `call := Name ws* '(' (arg (',' arg)*)? ')'`, `Name := ident ('.' ident)*`,
//! `arg := 'string' | number | true | false | null | path | call`.
//! Parsing accepts any function name; [`check_intrinsic`] reports unknown ones, so a
//! typo gets a precise message instead of a syntax error.
//!
//! Strings are single-quoted. `\'`, `\\`, `\{` and `\}` are the escapes AWS documents
//! (its reserved characters); any other backslash is kept as written. Control characters
//! (a real newline from a JSON `\n`) are accepted: deployed definitions rely on them.

mod display;
mod signature;
#[cfg(test)]
mod tests;

use super::cursor::Cursor;
use super::lexeme::number;
use super::path::{parse_at, JsonPath, Mode};
use super::ExprError;

pub use signature::{check_intrinsic, signature, ArgKind, IntrinsicSignature, HASH_ALGORITHMS, SIGNATURES};

/// One call, e.g. `States.Format(...)`. `offset` is where its name starts.
#[derive(Clone, Debug, PartialEq)]
pub struct IntrinsicCall {
    /// The function name, e.g. `States.Format` (any name parses; see [`check_intrinsic`]).
    pub name: String,
    /// The arguments, in order.
    pub args: Vec<IntrinsicArg>,
    /// Byte offset of the name in the parsed string.
    pub offset: usize,
}

/// One argument and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct IntrinsicArg {
    /// The argument.
    pub value: ArgValue,
    /// Byte offset of the argument in the parsed string.
    pub offset: usize,
}

/// An intrinsic function argument.
#[derive(Clone, Debug, PartialEq)]
pub enum ArgValue {
    /// `'text'`
    String(StringLiteral),
    /// A number literal.
    Number(serde_json::Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`
    Null,
    /// `$.x`, `$$.Execution.Id`, `$var.x`
    Path(JsonPath),
    /// A nested intrinsic call.
    Call(IntrinsicCall),
}

/// A single-quoted string. `raw` is the text between the quotes as written (escapes
/// included), which `States.Format` needs to tell `\{}` from a `{}` placeholder; `value`
/// is the string with escapes resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringLiteral {
    /// The string with escapes resolved.
    pub value: String,
    /// The text between the quotes as written, escapes included.
    pub raw: String,
}

/// A piece of a `States.Format` template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatPiece {
    /// Literal text, escapes resolved.
    Text(String),
    /// A `{}` placeholder.
    Placeholder,
}

impl StringLiteral {
    /// The template split at its `{}` placeholders; escaped braces are text.
    pub fn format_pieces(&self) -> Vec<FormatPiece> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = self.raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(e @ ('\'' | '\\' | '{' | '}')) => text.push(e),
                    Some(other) => {
                        text.push('\\');
                        text.push(other);
                    }
                    None => text.push('\\'),
                },
                '{' if chars.peek() == Some(&'}') => {
                    chars.next();
                    if !text.is_empty() {
                        pieces.push(FormatPiece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(FormatPiece::Placeholder);
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(FormatPiece::Text(text));
        }
        pieces
    }

    /// How many `{}` placeholders the template has.
    pub fn placeholder_count(&self) -> usize {
        self.format_pieces().iter().filter(|p| **p == FormatPiece::Placeholder).count()
    }
}

/// Cheap test: does `s` look like an intrinsic call (`States.` + identifier, optional
/// whitespace, `(`)? Used to decide how to read a `"key.$"` value before parsing it.
pub fn is_intrinsic_call(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("States.") else {
        return false;
    };
    let name_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    name_len > 0 && rest.get(name_len..).is_some_and(|after| after.trim_start().starts_with('('))
}

/// Parses one intrinsic call covering the whole string. Trailing whitespace is allowed;
/// leading whitespace is not (AWS's language service and statelint reject it).
pub fn parse_intrinsic(s: &str) -> Result<IntrinsicCall, ExprError> {
    if s.starts_with(char::is_whitespace) {
        return Err(ExprError::new("an intrinsic function call must not start with whitespace", 0));
    }
    let mut cur = Cursor::trim_end(s);
    if cur.at_end() {
        return Err(cur.error("empty string: expected an intrinsic function such as States.Format(...)"));
    }
    let call = call(&mut cur)?;
    cur.skip_ws();
    if !cur.at_end() {
        return Err(cur.error(format!("unexpected {} after the closing ')'", cur.found())));
    }
    Ok(call)
}

fn call(cur: &mut Cursor) -> Result<IntrinsicCall, ExprError> {
    cur.enter()?;
    let offset = cur.pos();
    let name = function_name(cur)?;
    cur.skip_ws();
    let open = cur.pos();
    if !cur.eat('(') {
        return Err(cur.error(format!("expected '(' after {name}, found {}", cur.found())));
    }
    let mut args = Vec::new();
    cur.skip_ws();
    if !cur.eat(')') {
        loop {
            args.push(arg(cur)?);
            cur.skip_ws();
            if cur.eat(',') {
                cur.skip_ws();
                if cur.peek() == Some(')') {
                    return Err(cur.error(format!("trailing ',' in the arguments of {name}")));
                }
                continue;
            }
            if cur.eat(')') {
                break;
            }
            if cur.at_end() {
                return Err(ExprError::new(format!("missing ')' to close {name}("), open));
            }
            return Err(
                cur.error(format!("expected ',' or ')' after an argument of {name}, found {}", cur.found()))
            );
        }
    }
    cur.leave();
    Ok(IntrinsicCall { name, args, offset })
}

/// `ident ('.' ident)*` with `ident = [A-Za-z0-9_]+`.
fn function_name(cur: &mut Cursor) -> Result<String, ExprError> {
    let start = cur.pos();
    loop {
        if cur.take_while(is_name_char).is_empty() {
            return Err(cur.error(format!(
                "expected an intrinsic function name such as States.Format, found {}",
                cur.found()
            )));
        }
        if !(cur.peek() == Some('.') && cur.peek_second().is_some_and(is_name_char)) {
            return Ok(cur.since(start).to_string());
        }
        cur.bump();
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn arg(cur: &mut Cursor) -> Result<IntrinsicArg, ExprError> {
    let offset = cur.pos();
    let value = match cur.peek() {
        Some('\'') => ArgValue::String(string(cur)?),
        Some(c) if c == '-' || c.is_ascii_digit() => ArgValue::Number(number(cur)?),
        Some('$') => ArgValue::Path(parse_at(cur, Mode::Argument)?.0),
        Some(c) if is_name_char(c) => {
            let word = cur.take_while(is_name_char);
            let keyword = match word {
                "true" => Some(ArgValue::Bool(true)),
                "false" => Some(ArgValue::Bool(false)),
                "null" => Some(ArgValue::Null),
                _ => None,
            };
            // `true(` or `true.x(` would be a call named like a keyword; let `call` say so.
            match keyword {
                Some(value) if !matches!(cur.peek(), Some('.' | '(')) => value,
                _ => {
                    cur.reset(offset);
                    ArgValue::Call(call(cur)?)
                }
            }
        }
        Some('"') => return Err(cur.error("intrinsic function strings use single quotes, not '\"'")),
        Some(',' | ')') => return Err(cur.error(format!("expected an argument, found {}", cur.found()))),
        None => return Err(cur.error("expected an argument, found the end")),
        Some(_) => {
            return Err(cur.error(format!("unexpected {} where an argument was expected", cur.found())))
        }
    };
    Ok(IntrinsicArg { value, offset })
}

/// `'...'`: the cursor is on the opening quote.
fn string(cur: &mut Cursor) -> Result<StringLiteral, ExprError> {
    let open = cur.pos();
    cur.bump();
    let raw_start = cur.pos();
    let mut value = String::new();
    loop {
        let before = cur.pos();
        match cur.bump() {
            None => return Err(ExprError::new("unterminated string: missing closing \"'\"", open)),
            Some('\'') => {
                let raw = cur.since(raw_start);
                let raw = raw.get(..before - raw_start).unwrap_or("").to_string();
                return Ok(StringLiteral { value, raw });
            }
            Some('\\') => match cur.bump() {
                None => return Err(ExprError::new("unterminated string: missing closing \"'\"", open)),
                Some(e @ ('\'' | '\\' | '{' | '}')) => value.push(e),
                Some(other) => {
                    value.push('\\');
                    value.push(other);
                }
            },
            Some(c) => value.push(c),
        }
    }
}
