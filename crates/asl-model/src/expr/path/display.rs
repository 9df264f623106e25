//! Canonical text of paths and filters. Invariant (tested): parsing the printed text gives
//! back an equal AST, so the printer is safe to use for rewriting documents.
//!
//! Canonical choices: dotted names where they read back unchanged, otherwise
//! `['...']` with single quotes; `[*]` for wildcards; no space inside brackets; one space
//! around filter operators.

use super::filter::{CompareOp, FilterExpr, FilterOperand};
use super::parse::Mode;
use super::{JsonPath, PathRoot, Segment, Selector};
use crate::expr::lexeme::fits_bracket_name;
use std::fmt::{self, Display, Formatter, Write};

impl Display for JsonPath {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.root {
            PathRoot::Input => f.write_char('$')?,
            PathRoot::Context => f.write_str("$$")?,
            PathRoot::Variable(name) => write!(f, "${name}")?,
            PathRoot::Current => f.write_char('@')?,
        }
        for segment in &self.segments {
            match segment {
                Segment::Child(Selector::Name(name)) if is_plain_name(name) => write!(f, ".{name}")?,
                Segment::Child(selector) => write_bracketed(f, selector)?,
                Segment::Descendant(Selector::Name(name)) if is_plain_name(name) => write!(f, "..{name}")?,
                Segment::Descendant(Selector::Wildcard) => f.write_str("..*")?,
                Segment::Descendant(selector) => {
                    f.write_str("..")?;
                    write_bracketed(f, selector)?;
                }
                Segment::Function { name, args } => {
                    write!(f, ".{name}(")?;
                    for (i, arg) in args.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{arg}")?;
                    }
                    f.write_char(')')?;
                }
            }
        }
        Ok(())
    }
}

/// A name that reads back as the same name after `.` in every mode, filters included.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('*') && !name.chars().any(|c| Mode::Filter.ends_name(c))
}

fn write_bracketed(f: &mut Formatter<'_>, selector: &Selector) -> fmt::Result {
    f.write_char('[')?;
    match selector {
        Selector::Name(name) => write_quoted(f, name)?,
        Selector::Names(names) => {
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                write_quoted(f, name)?;
            }
        }
        Selector::Index(i) => write!(f, "{i}")?,
        Selector::Indices(indices) => {
            for (i, index) in indices.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                write!(f, "{index}")?;
            }
        }
        Selector::Wildcard => f.write_char('*')?,
        Selector::Slice { start, end, step } => {
            if let Some(start) = start {
                write!(f, "{start}")?;
            }
            f.write_char(':')?;
            if let Some(end) = end {
                write!(f, "{end}")?;
            }
            if let Some(step) = step {
                write!(f, ":{step}")?;
            }
        }
        Selector::Filter(expr) => write!(f, "?({expr})")?,
        Selector::LengthOffset(0) => f.write_str("(@.length)")?,
        Selector::LengthOffset(n) if *n < 0 => write!(f, "(@.length-{})", n.unsigned_abs())?,
        Selector::LengthOffset(n) => write!(f, "(@.length+{n})")?,
    }
    f.write_char(']')
}

/// A bracketed name is read as written (`lexeme::bracket_name`): it is written as it is,
/// between the quotes it fits in. A parsed name always fits the quotes it was read in.
fn write_quoted(f: &mut Formatter<'_>, s: &str) -> fmt::Result {
    let delim = if fits_bracket_name(s, '\'') { '\'' } else { '"' };
    f.write_char(delim)?;
    f.write_str(s)?;
    f.write_char(delim)
}

impl Display for FilterExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_expr(f, self, 0)
    }
}

/// Precedence: `||` 1, `&&` 2, everything else 3. Right operands get one level more,
/// so `a || (b || c)` keeps its grouping when printed.
fn write_expr(f: &mut Formatter<'_>, expr: &FilterExpr, min: u8) -> fmt::Result {
    let (prec, left, op, right) = match expr {
        FilterExpr::Or(l, r) => (1, l, "||", r),
        FilterExpr::And(l, r) => (2, l, "&&", r),
        FilterExpr::Not(inner) => {
            return match inner.as_ref() {
                FilterExpr::Exists(path) => write!(f, "!{path}"),
                other => {
                    f.write_str("!(")?;
                    write_expr(f, other, 0)?;
                    f.write_char(')')
                }
            };
        }
        FilterExpr::Exists(path) => return write!(f, "{path}"),
        FilterExpr::Compare { left, op, right } => return write!(f, "{left} {op} {right}"),
    };
    if prec < min {
        f.write_char('(')?;
    }
    write_expr(f, left, prec)?;
    write!(f, " {op} ")?;
    write_expr(f, right, prec + 1)?;
    if prec < min {
        f.write_char(')')?;
    }
    Ok(())
}

impl Display for CompareOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Display for FilterOperand {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FilterOperand::Path(path) => write!(f, "{path}"),
            FilterOperand::Literal(value) => write!(f, "{value}"),
            FilterOperand::Regex { pattern, flags } => write!(f, "/{pattern}/{flags}"),
            FilterOperand::Bareword(word) => f.write_str(word),
        }
    }
}
