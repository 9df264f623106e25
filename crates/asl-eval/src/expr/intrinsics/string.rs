//! Format, StringSplit and UUID.

use super::args::Args;
use crate::expr::value::java_number;
use crate::RuntimeError;
use asl_model::expr::{ArgValue, FormatPiece, IntrinsicCall, StringLiteral};
use serde_json::Value;

/// `States.Format(template, values...)`: each `{}` of the template replaced by the next
/// value. `\{`, `\}`, `\'` and `\\` are escapes. Values print as Java prints them, which
/// is what AWS shows: strings bare, `null`, numbers as written, objects as
/// `{Arg1=1, Arg2=[]}` and arrays as `[a, b]` (the corpus records both shapes).
pub(super) fn format(call: &IntrinsicCall, args: Args) -> Result<Value, RuntimeError> {
    if args.len() == 0 {
        return Err(args.fail("expected at least 1 argument, found 0"));
    }
    // A literal template keeps its escapes as written (`raw`); one read from the input is
    // raw text already.
    let pieces = match call.args.first().map(|a| &a.value) {
        Some(ArgValue::String(literal)) => literal.format_pieces(),
        _ => {
            let text = args.string(0)?;
            StringLiteral { value: text.to_string(), raw: text.to_string() }.format_pieces()
        }
    };
    let placeholders = pieces.iter().filter(|p| **p == FormatPiece::Placeholder).count();
    let values = args.len() - 1;
    if placeholders != values {
        return Err(args.fail(format!(
            "the template has {placeholders} placeholder(s) '{{}}' but {values} value(s) follow it"
        )));
    }
    let mut out = String::new();
    let mut next = 1;
    for piece in pieces {
        match piece {
            FormatPiece::Text(text) => out.push_str(&text),
            FormatPiece::Placeholder => {
                java_text(args.get(next)?, &mut out);
                next += 1;
            }
        }
    }
    Ok(Value::String(out))
}

/// `String.valueOf` of the Java object AWS holds for a JSON value.
fn java_text(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                java_text(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                java_text(item, out);
            }
            out.push('}');
        }
        Value::Number(n) => out.push_str(&java_number(n)),
        other => out.push_str(&other.to_string()),
    }
}

/// `States.StringSplit(text, delimiters)`: splits at every character of `delimiters`
/// and drops empty pieces, as Java's `StringTokenizer` does (the corpus: `", , ,"` split
/// on `","` gives `[" ", " "]`, and `".+,="` splits at each of the four characters).
pub(super) fn string_split(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(2, 2)?;
    let text = args.string(0)?;
    let delimiters = args.string(1)?;
    let pieces = text
        .split(|c: char| delimiters.contains(c))
        .filter(|piece| !piece.is_empty())
        .map(|piece| Value::String(piece.to_string()))
        .collect();
    Ok(Value::Array(pieces))
}

/// `States.UUID()`: a random version 4 UUID, lowercase with hyphens.
pub(super) fn uuid(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(0, 0)?;
    let id = uuid::Builder::from_random_bytes(rand::random::<[u8; 16]>()).into_uuid();
    Ok(Value::String(id.hyphenated().to_string()))
}
