//! Filter expressions `[?( ... )]` in the Jayway grammar:
//! `||` over `&&` over `!`/parentheses over `operand (op operand)?`, where an operand
//! alone must be a path and means "exists".

use super::parse::{is_filter_stop, parse_at, Mode};
use super::JsonPath;
use crate::expr::cursor::Cursor;
use crate::expr::lexeme::{number, quoted};
use crate::expr::ExprError;
use serde_json::Value;

/// A parsed filter condition.
#[derive(Clone, Debug, PartialEq)]
pub enum FilterExpr {
    /// `a || b`
    Or(Box<FilterExpr>, Box<FilterExpr>),
    /// `a && b`
    And(Box<FilterExpr>, Box<FilterExpr>),
    /// `!a`
    Not(Box<FilterExpr>),
    /// `@.isbn`: true when the path selects something.
    Exists(JsonPath),
    /// `left op right`
    Compare {
        /// The left operand.
        left: FilterOperand,
        /// The operator.
        op: CompareOp,
        /// The right operand.
        right: FilterOperand,
    },
}

/// One side of a comparison (or an argument of a path function).
#[derive(Clone, Debug, PartialEq)]
pub enum FilterOperand {
    /// `@.price`, `$.limit`
    Path(JsonPath),
    /// `'text'`, `10`, `true`, `null`, `[1, 'a']`, `{"a": 1}`
    Literal(Value),
    /// `/abc.*/i`, the right side of `=~`
    Regex {
        /// The pattern between the slashes.
        pattern: String,
        /// The flags after the closing slash, e.g. `i`.
        flags: String,
    },
    /// An unquoted word such as `AMOUNT_PAID`. Jayway rejects it, but deployed
    /// definitions use it; an evaluator should compare it as a string.
    Bareword(String),
}

/// Jayway's relational operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `===`: equal and of the same JSON type
    StrictEq,
    /// `!=`
    Ne,
    /// `!==`
    StrictNe,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `=~`
    Matches,
    /// `in`: the left value is an element of the right array.
    In,
    /// `nin`: the left value is not an element of the right array.
    Nin,
    /// `subsetof`: every element of the left array is in the right one.
    SubsetOf,
    /// `anyof`: the two arrays share an element.
    AnyOf,
    /// `noneof`: the two arrays share no element.
    NoneOf,
    /// `size`: the left array or string has the right length.
    Size,
    /// `empty`: the left array or string is empty (right `true`) or not (`false`).
    Empty,
    /// `contains`: the left string or array contains the right value.
    Contains,
}

impl CompareOp {
    /// The operator as written, e.g. `"=="` or `"subsetof"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::StrictEq => "===",
            CompareOp::Ne => "!=",
            CompareOp::StrictNe => "!==",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::Matches => "=~",
            CompareOp::In => "in",
            CompareOp::Nin => "nin",
            CompareOp::SubsetOf => "subsetof",
            CompareOp::AnyOf => "anyof",
            CompareOp::NoneOf => "noneof",
            CompareOp::Size => "size",
            CompareOp::Empty => "empty",
            CompareOp::Contains => "contains",
        }
    }
}

/// Symbolic operators, longest first so `===` is not read as `==` then `=`.
const SYMBOLS: &[(&str, CompareOp)] = &[
    ("===", CompareOp::StrictEq),
    ("!==", CompareOp::StrictNe),
    ("==", CompareOp::Eq),
    ("!=", CompareOp::Ne),
    ("<=", CompareOp::Le),
    (">=", CompareOp::Ge),
    ("=~", CompareOp::Matches),
    ("<", CompareOp::Lt),
    (">", CompareOp::Gt),
];

const WORDS: &[CompareOp] = &[
    CompareOp::In,
    CompareOp::Nin,
    CompareOp::SubsetOf,
    CompareOp::AnyOf,
    CompareOp::NoneOf,
    CompareOp::Size,
    CompareOp::Empty,
    CompareOp::Contains,
];

/// The condition inside `[?( ... )]`; the cursor is just after `(`.
pub(crate) fn filter(cur: &mut Cursor) -> Result<FilterExpr, ExprError> {
    or(cur)
}

fn or(cur: &mut Cursor) -> Result<FilterExpr, ExprError> {
    chain(cur, "||", and, FilterExpr::Or)
}

fn and(cur: &mut Cursor) -> Result<FilterExpr, ExprError> {
    chain(cur, "&&", unary, FilterExpr::And)
}

/// `operand (op operand)*`, left-associative. Each `op` counts as one nesting level: the
/// tree grows one level deeper per term, and printing or dropping it recurses that deep,
/// so a chain of thousands of terms must be refused like deep parentheses are.
fn chain(
    cur: &mut Cursor,
    op: &str,
    operand: fn(&mut Cursor) -> Result<FilterExpr, ExprError>,
    join: fn(Box<FilterExpr>, Box<FilterExpr>) -> FilterExpr,
) -> Result<FilterExpr, ExprError> {
    let mut left = operand(cur)?;
    let mut levels = 0;
    loop {
        cur.skip_ws();
        if !cur.eat_str(op) {
            break;
        }
        cur.enter()?;
        levels += 1;
        left = join(Box::new(left), Box::new(operand(cur)?));
    }
    for _ in 0..levels {
        cur.leave();
    }
    Ok(left)
}

fn unary(cur: &mut Cursor) -> Result<FilterExpr, ExprError> {
    cur.skip_ws();
    cur.enter()?;
    let expr = if cur.peek() == Some('!') && cur.peek_second() != Some('=') {
        cur.bump();
        FilterExpr::Not(Box::new(unary(cur)?))
    } else if cur.eat('(') {
        let inner = or(cur)?;
        cur.skip_ws();
        cur.expect(')', "to close '('")?;
        inner
    } else {
        comparison(cur)?
    };
    cur.leave();
    Ok(expr)
}

fn comparison(cur: &mut Cursor) -> Result<FilterExpr, ExprError> {
    let start = cur.pos();
    let left = operand(cur)?;
    cur.skip_ws();
    let Some(op) = operator(cur)? else {
        return match left {
            FilterOperand::Path(path) => Ok(FilterExpr::Exists(path)),
            _ => Err(ExprError::new("a value alone is not a condition: compare it with an operator", start)),
        };
    };
    cur.skip_ws();
    let right_at = cur.pos();
    let right = operand(cur)?;
    if op == CompareOp::Matches && !matches!(right, FilterOperand::Regex { .. }) {
        return Err(ExprError::new("'=~' needs a regular expression such as /abc/i", right_at));
    }
    Ok(FilterExpr::Compare { left, op, right })
}

fn operator(cur: &mut Cursor) -> Result<Option<CompareOp>, ExprError> {
    for (symbol, op) in SYMBOLS {
        if cur.eat_str(symbol) {
            return Ok(Some(*op));
        }
    }
    if !cur.peek().is_some_and(char::is_alphabetic) {
        return Ok(None);
    }
    let at = cur.pos();
    let word = cur.take_while(char::is_alphabetic);
    match WORDS.iter().find(|op| op.as_str().eq_ignore_ascii_case(word)) {
        Some(op) => Ok(Some(*op)),
        None => Err(ExprError::new(format!("unknown filter operator '{word}'"), at)),
    }
}

/// A path, literal, regex or bare word.
pub(crate) fn operand(cur: &mut Cursor) -> Result<FilterOperand, ExprError> {
    cur.skip_ws();
    match cur.peek() {
        Some('@' | '$') => Ok(FilterOperand::Path(parse_at(cur, Mode::Filter)?.0)),
        Some('/') => regex(cur),
        Some(c) if c.is_alphabetic() || c == '_' => {
            let word = cur.take_while(is_word_char);
            Ok(match word {
                "true" => FilterOperand::Literal(Value::Bool(true)),
                "false" => FilterOperand::Literal(Value::Bool(false)),
                "null" => FilterOperand::Literal(Value::Null),
                _ => FilterOperand::Bareword(word.to_string()),
            })
        }
        Some(_) => Ok(FilterOperand::Literal(literal(cur)?)),
        None => Err(cur.error("expected a value, found the end")),
    }
}

/// Characters of a bare word: anything that cannot end an operand.
fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !is_filter_stop(c) && !matches!(c, '(' | ')' | '[' | ']' | '\'' | '"' | '/')
}

/// A JSON-like literal: quoted strings with either quote, numbers, `true`/`false`/`null`,
/// arrays and objects (Jayway accepts `['a','b']` for `in`, so not plain JSON).
fn literal(cur: &mut Cursor) -> Result<Value, ExprError> {
    cur.skip_ws();
    match cur.peek() {
        Some('\'' | '"') => Ok(Value::String(quoted(cur)?)),
        Some(c) if c == '-' || c.is_ascii_digit() => Ok(Value::Number(number(cur)?)),
        Some('[') => {
            cur.bump();
            cur.enter()?;
            let mut items = Vec::new();
            cur.skip_ws();
            if !cur.eat(']') {
                loop {
                    items.push(literal(cur)?);
                    cur.skip_ws();
                    if cur.eat(']') {
                        break;
                    }
                    cur.expect(',', "between array items")?;
                }
            }
            cur.leave();
            Ok(Value::Array(items))
        }
        Some('{') => {
            cur.bump();
            cur.enter()?;
            let mut map = serde_json::Map::new();
            cur.skip_ws();
            if !cur.eat('}') {
                loop {
                    cur.skip_ws();
                    if !matches!(cur.peek(), Some('\'' | '"')) {
                        return Err(cur.error(format!("expected a quoted key, found {}", cur.found())));
                    }
                    let key = quoted(cur)?;
                    cur.skip_ws();
                    cur.expect(':', "after an object key")?;
                    map.insert(key, literal(cur)?);
                    cur.skip_ws();
                    if cur.eat('}') {
                        break;
                    }
                    cur.expect(',', "between object members")?;
                }
            }
            cur.leave();
            Ok(Value::Object(map))
        }
        Some(c) if c.is_alphabetic() => {
            let at = cur.pos();
            match cur.take_while(char::is_alphanumeric) {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                "null" => Ok(Value::Null),
                word => Err(ExprError::new(format!("expected a JSON value, found '{word}'"), at)),
            }
        }
        _ => Err(cur.error(format!("expected a value, found {}", cur.found()))),
    }
}

/// `/pattern/flags`; the pattern keeps its backslashes for the regex engine.
fn regex(cur: &mut Cursor) -> Result<FilterOperand, ExprError> {
    let open = cur.pos();
    cur.bump();
    let mut pattern = String::new();
    loop {
        match cur.bump() {
            None => return Err(ExprError::new("unterminated regular expression", open)),
            Some('/') => break,
            Some('\\') => {
                pattern.push('\\');
                match cur.bump() {
                    Some(c) => pattern.push(c),
                    None => return Err(ExprError::new("unterminated regular expression", open)),
                }
            }
            Some(c) => pattern.push(c),
        }
    }
    let flags = cur.take_while(|c| c.is_ascii_alphabetic()).to_string();
    Ok(FilterOperand::Regex { pattern, flags })
}
