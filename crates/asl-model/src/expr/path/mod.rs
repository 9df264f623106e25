//! JSONPath as AWS Step Functions accepts it (the Jayway dialect), and Reference Paths.
//!
//! Decisions, each matching what AWS or real definitions do:
//! - Trailing whitespace is ignored (Jayway trims; `"$$.Execution.Name "` is in deployed
//!   definitions); leading whitespace is an error, as in AWS's language service.
//! - A member name after `.` is any run of characters up to whitespace, `.`, `[`, `]`,
//!   `(`, `)` or a quote (inside filters also `,` and operator characters), so
//!   `$.foo-bar`, `$.a:b`, `$.détail` and `$.123` are names, as in Jayway.
//! - `.[...]` equals `[...]` (the AWS guide writes `$.abc.['def ghi']`).
//! - `$name` is a variable reference (ASL Variables); `$$` is the context object.
//! - `[(@.length-1)]` (a Goessner script index) is accepted in this one arithmetic shape;
//!   validator fixtures use it, and it is the only script form anyone writes.
//! - Filters are parsed into [`FilterExpr`]; an unquoted word on either side of a
//!   comparison (`[?(@.Type==VENDOR_NAME)]`) is kept as [`FilterOperand::Bareword`]
//!   because deployed definitions contain it, although Jayway itself rejects it.

mod display;
mod filter;
mod parse;
#[cfg(test)]
mod tests;

use super::cursor::Cursor;
use super::ExprError;

pub use filter::{CompareOp, FilterExpr, FilterOperand};
pub(crate) use parse::{parse_at, Mode};

/// Where a path starts.
#[derive(Clone, Debug, PartialEq)]
pub enum PathRoot {
    /// `$`: the state input (or the effective input of the field being evaluated).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
    /// `@`: the current node, only inside filters and script indexes.
    Current,
}

/// One step of a path.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    /// `.name`, `['name']`, `[0]`, `.*`, `[*]`, `[1:2]`, `[0,1]`, `[?(...)]`, ...
    Child(Selector),
    /// `..name`, `..*`, `..[...]`: the selector applied at every depth.
    Descendant(Selector),
    /// A Jayway function such as `.length()`; always the last segment.
    Function {
        /// The function name, e.g. `length`.
        name: String,
        /// Its arguments.
        args: Vec<FilterOperand>,
    },
}

/// What a segment selects.
#[derive(Clone, Debug, PartialEq)]
pub enum Selector {
    /// `.name`, `['name']`
    Name(String),
    /// `['a','b']`
    Names(Vec<String>),
    /// `[n]`; negative counts from the end.
    Index(i64),
    /// `[0,1]`
    Indices(Vec<i64>),
    /// `*`, `[*]`
    Wildcard,
    /// `[start:end:step]`; `step` is never `Some(0)`.
    Slice {
        /// First index; `None` when not written.
        start: Option<i64>,
        /// End index (excluded); `None` when not written.
        end: Option<i64>,
        /// Step; `None` when not written.
        step: Option<i64>,
    },
    /// `[?(...)]`
    Filter(FilterExpr),
    /// `[(@.length-1)]`: index `len + offset` of the current array.
    LengthOffset(i64),
}

/// A parsed JSONPath. `Display` prints a canonical text that parses back to an equal path.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonPath {
    /// Where the path starts.
    pub root: PathRoot,
    /// The steps after the root, in order.
    pub segments: Vec<Segment>,
}

impl JsonPath {
    /// True when the path can only ever select one node: no wildcard, descent, slice,
    /// union or filter. AWS returns such a node as is; an indefinite path yields an array.
    pub fn is_definite(&self) -> bool {
        self.segments.iter().all(|segment| match segment {
            Segment::Child(selector) => {
                matches!(selector, Selector::Name(_) | Selector::Index(_) | Selector::LengthOffset(_))
            }
            Segment::Descendant(_) => false,
            Segment::Function { .. } => true,
        })
    }
}

/// Parses a JSONPath (InputPath, OutputPath, the value of a `"key.$"` field, Choice
/// `Variable`, `...Path` fields): roots `$`, `$$` and `$name`, every Jayway segment.
pub fn parse_path(s: &str) -> Result<JsonPath, ExprError> {
    Ok(parse_whole(s)?.0)
}

/// Parses a Reference Path: only `.name`, `['name']` and `[n]` with `n >= 0`, so it
/// names a single node (AWS guide, "Reference Paths"). Roots `$`, `$$` and `$name` are
/// all accepted because ItemsPath (a Reference Path) reads the context object in real
/// definitions (`$$.Execution.Input.items`); use [`parse_result_path`] for ResultPath.
pub fn parse_reference_path(s: &str) -> Result<JsonPath, ExprError> {
    let (path, offsets) = parse_whole(s)?;
    for (segment, offset) in path.segments.iter().zip(offsets) {
        let what = match segment {
            Segment::Child(Selector::Name(_)) => continue,
            Segment::Child(Selector::Index(i)) if *i >= 0 => continue,
            Segment::Child(Selector::Index(_)) => "a negative index",
            Segment::Child(Selector::Wildcard) => "a wildcard",
            Segment::Child(Selector::Names(_) | Selector::Indices(_)) => "a union",
            Segment::Child(Selector::Slice { .. }) => "a slice",
            Segment::Child(Selector::Filter(_)) => "a filter",
            Segment::Child(Selector::LengthOffset(_)) => "a script expression",
            Segment::Descendant(_) => "recursive descent ('..')",
            Segment::Function { .. } => "a function call",
        };
        return Err(ExprError::new(
            format!("a reference path may only use .name, ['name'] and [index]; found {what}"),
            offset,
        ));
    }
    Ok(path)
}

/// Parses a ResultPath: a Reference Path rooted at `$`, since the result is written into
/// the state's input and can never go into the context object or a variable.
pub fn parse_result_path(s: &str) -> Result<JsonPath, ExprError> {
    let path = parse_reference_path(s)?;
    if path.root != PathRoot::Input {
        return Err(ExprError::new("ResultPath must start with '$' (it writes into the state input)", 0));
    }
    Ok(path)
}

/// The whole string as one path, with the byte offset where each segment starts.
fn parse_whole(s: &str) -> Result<(JsonPath, Vec<usize>), ExprError> {
    if s.starts_with(char::is_whitespace) {
        return Err(ExprError::new("a path must start with '$', not with whitespace", 0));
    }
    let mut cur = Cursor::trim_end(s);
    if cur.at_end() {
        return Err(cur.error("empty path: a path starts with '$'"));
    }
    let parsed = parse_at(&mut cur, Mode::Top)?;
    if !cur.at_end() {
        return Err(cur.error(format!("unexpected {} in path", cur.found())));
    }
    Ok(parsed)
}
