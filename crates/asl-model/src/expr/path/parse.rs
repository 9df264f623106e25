//! The path grammar: root, then `.`/`..`/`[` segments until a character that cannot
//! continue a path. The caller decides what may follow (end of string, `,` in an
//! intrinsic argument list, an operator inside a filter).

use super::filter::{filter, operand};
use super::{JsonPath, PathRoot, Segment, Selector};
use crate::expr::cursor::Cursor;
use crate::expr::lexeme::{bracket_name, integer};
use crate::expr::ExprError;

/// Where a path is embedded; decides which characters end a dotted member name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The whole string is the path.
    Top,
    /// An intrinsic function argument: `,` ends a name.
    Argument,
    /// Inside a filter: `,` and operator characters end a name, and `@` is a root.
    Filter,
}

impl Mode {
    pub(crate) fn ends_name(self, c: char) -> bool {
        if c.is_whitespace() || matches!(c, '.' | '[' | ']' | '(' | ')' | '\'' | '"') {
            return true;
        }
        match self {
            Mode::Top => false,
            Mode::Argument => c == ',',
            Mode::Filter => is_filter_stop(c),
        }
    }
}

/// Characters that end a name or a bare word inside a filter.
pub(crate) fn is_filter_stop(c: char) -> bool {
    matches!(c, ',' | '<' | '>' | '=' | '~' | '!' | '&' | '|')
}

/// Functions Jayway knows (`PathFunctionFactory`); any other `.name(` is a typo.
const FUNCTIONS: &[&str] = &[
    "min", "max", "avg", "stddev", "length", "size", "sum", "keys", "concat", "append", "first", "last",
    "index",
];

/// Parses a path at the cursor; returns it with the byte offset of each segment.
pub(crate) fn parse_at(cur: &mut Cursor, mode: Mode) -> Result<(JsonPath, Vec<usize>), ExprError> {
    let root = root(cur, mode)?;
    let mut segments = Vec::new();
    let mut offsets = Vec::new();
    loop {
        let at = cur.pos();
        let segment = match cur.peek() {
            Some('.') => dot(cur, mode)?,
            Some('[') => Segment::Child(bracket(cur)?),
            _ => break,
        };
        let is_function = matches!(segment, Segment::Function { .. });
        segments.push(segment);
        offsets.push(at);
        if is_function {
            if matches!(cur.peek(), Some('.' | '[')) {
                return Err(cur.error("a function call must be the last part of a path"));
            }
            break;
        }
    }
    Ok((JsonPath { root, segments }, offsets))
}

fn root(cur: &mut Cursor, mode: Mode) -> Result<PathRoot, ExprError> {
    match cur.peek() {
        Some('@') if mode == Mode::Filter => {
            cur.bump();
            Ok(PathRoot::Current)
        }
        Some('$') => {
            cur.bump();
            if cur.eat('$') {
                Ok(PathRoot::Context)
            } else if cur.peek().is_some_and(is_ident_start) {
                Ok(PathRoot::Variable(cur.take_while(is_ident_continue).to_string()))
            } else {
                Ok(PathRoot::Input)
            }
        }
        _ => Err(cur.error(format!("a path must start with '$', found {}", cur.found()))),
    }
}

pub(crate) fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

pub(crate) fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `.name`, `.*`, `.[...]`, `.fn()`, or the descent forms `..name`, `..*`, `..[...]`.
fn dot(cur: &mut Cursor, mode: Mode) -> Result<Segment, ExprError> {
    cur.bump();
    if cur.eat('.') {
        return match cur.peek() {
            Some('*') => {
                cur.bump();
                Ok(Segment::Descendant(Selector::Wildcard))
            }
            Some('[') => Ok(Segment::Descendant(bracket(cur)?)),
            Some(c) if !mode.ends_name(c) => {
                let name = cur.take_while(|c| !mode.ends_name(c)).to_string();
                if cur.peek() == Some('(') {
                    return Err(cur.error("a function call needs a single '.' before its name"));
                }
                Ok(Segment::Descendant(Selector::Name(name)))
            }
            _ => Err(cur.error(format!("expected a name, '*' or '[' after '..', found {}", cur.found()))),
        };
    }
    match cur.peek() {
        Some('*') => {
            cur.bump();
            Ok(Segment::Child(Selector::Wildcard))
        }
        Some('[') => Ok(Segment::Child(bracket(cur)?)),
        Some(c) if !mode.ends_name(c) => {
            let name_at = cur.pos();
            let name = cur.take_while(|c| !mode.ends_name(c)).to_string();
            if cur.peek() == Some('(') {
                function(cur, name, name_at)
            } else {
                Ok(Segment::Child(Selector::Name(name)))
            }
        }
        None => Err(cur.error("a path must not end with '.'")),
        Some(_) => Err(cur.error(format!("expected a member name after '.', found {}", cur.found()))),
    }
}

/// `name(args)`: the cursor is on `(`.
fn function(cur: &mut Cursor, name: String, name_at: usize) -> Result<Segment, ExprError> {
    if !FUNCTIONS.contains(&name.as_str()) {
        return Err(ExprError::new(format!("unknown path function '{name}()'"), name_at));
    }
    let open = cur.pos();
    cur.bump();
    cur.enter()?;
    let mut args = Vec::new();
    cur.skip_ws();
    if !cur.eat(')') {
        loop {
            args.push(operand(cur)?);
            cur.skip_ws();
            if cur.eat(',') {
                cur.skip_ws();
                continue;
            }
            if cur.eat(')') {
                break;
            }
            if cur.at_end() {
                return Err(ExprError::new("unclosed '(' of a function call", open));
            }
            return Err(
                cur.error(format!("expected ',' or ')' in function arguments, found {}", cur.found()))
            );
        }
    }
    cur.leave();
    Ok(Segment::Function { name, args })
}

/// `[...]`: the cursor is on `[`.
pub(crate) fn bracket(cur: &mut Cursor) -> Result<Selector, ExprError> {
    let open = cur.pos();
    cur.bump();
    cur.skip_ws();
    let selector = match cur.peek() {
        Some('\'' | '"') => names(cur)?,
        Some('*') => {
            cur.bump();
            Selector::Wildcard
        }
        Some('?') => {
            cur.bump();
            cur.skip_ws();
            cur.expect('(', "after '[?' (filters are written [?(...)])")?;
            cur.enter()?;
            let expr = filter(cur)?;
            cur.leave();
            cur.skip_ws();
            cur.expect(')', "to close the filter")?;
            Selector::Filter(expr)
        }
        Some('(') => script(cur)?,
        Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => index_or_slice(cur)?,
        None => return Err(ExprError::new("unclosed '['", open)),
        Some(_) => {
            return Err(cur.error(format!(
                "expected a quoted name, an index, '*', a slice or a filter after '[', found {}",
                cur.found()
            )))
        }
    };
    cur.skip_ws();
    if cur.eat(']') {
        Ok(selector)
    } else if cur.at_end() {
        Err(ExprError::new("unclosed '['", open))
    } else {
        Err(cur.error(format!("expected ']', found {}", cur.found())))
    }
}

/// `'a'` or `'a', "b"`.
fn names(cur: &mut Cursor) -> Result<Selector, ExprError> {
    let mut names = vec![bracket_name(cur)?];
    loop {
        cur.skip_ws();
        if !cur.eat(',') {
            break;
        }
        cur.skip_ws();
        if !matches!(cur.peek(), Some('\'' | '"')) {
            return Err(cur.error(format!("expected a quoted name after ',', found {}", cur.found())));
        }
        names.push(bracket_name(cur)?);
    }
    Ok(match <[String; 1]>::try_from(names) {
        Ok([name]) => Selector::Name(name),
        Err(names) => Selector::Names(names),
    })
}

/// `n`, `n,m,...`, or a slice `start:end:step` with every part optional.
fn index_or_slice(cur: &mut Cursor) -> Result<Selector, ExprError> {
    let first = integer(cur)?;
    cur.skip_ws();
    if cur.eat(':') {
        cur.skip_ws();
        let end = integer(cur)?;
        cur.skip_ws();
        let mut step = None;
        if cur.eat(':') {
            cur.skip_ws();
            let step_at = cur.pos();
            step = integer(cur)?;
            if step == Some(0) {
                return Err(ExprError::new("a slice step must not be 0", step_at));
            }
        }
        return Ok(Selector::Slice { start: first, end, step });
    }
    let Some(first) = first else {
        return Err(cur.error(format!("expected an index, found {}", cur.found())));
    };
    if cur.peek() != Some(',') {
        return Ok(Selector::Index(first));
    }
    let mut indices = vec![first];
    while cur.eat(',') {
        cur.skip_ws();
        match integer(cur)? {
            Some(i) => indices.push(i),
            None => return Err(cur.error(format!("expected an index after ',', found {}", cur.found()))),
        }
        cur.skip_ws();
    }
    Ok(Selector::Indices(indices))
}

/// `(@.length)`, `(@.length-1)`, `(@.length + 2)`: the cursor is on `(`.
fn script(cur: &mut Cursor) -> Result<Selector, ExprError> {
    let unsupported = |cur: &Cursor| cur.error("the only script index supported is (@.length-N)");
    cur.bump();
    cur.skip_ws();
    if !cur.eat_str("@.length") {
        return Err(unsupported(cur));
    }
    cur.skip_ws();
    let sign = match cur.peek() {
        Some('-') => -1,
        Some('+') => 1,
        _ => 0,
    };
    let mut offset = 0;
    if sign != 0 {
        cur.bump();
        cur.skip_ws();
        let at = cur.pos();
        match cur.peek() {
            Some(c) if c.is_ascii_digit() => {
                let n = integer(cur)?.unwrap_or(0);
                offset = n.checked_mul(sign).ok_or_else(|| ExprError::new("integer out of range", at))?;
            }
            _ => return Err(unsupported(cur)),
        }
        cur.skip_ws();
    }
    if !cur.eat(')') {
        return Err(unsupported(cur));
    }
    Ok(Selector::LengthOffset(offset))
}
