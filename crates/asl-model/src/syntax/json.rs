//! JSON reader on jsonc-parser: comments and trailing commas are tolerated (JSONC, as
//! editors write it); the other JSON5 liberties are refused because AWS refuses them.

use super::{Member, Node, NodeValue};
use crate::error::ParseError;
use crate::text::{LineIndex, Span};
use jsonc_parser::ast::{ObjectPropName, Value as Ast};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

/// Reads JSON text (a leading byte-order mark is skipped; spans stay relative to `text`).
pub fn read_json(text: &str) -> Result<Node, ParseError> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let body = &text[bom..];
    let options = ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions { comments: CommentCollectionStrategy::Off, tokens: false };
    // jsonc-parser limits nesting to 512 levels itself, so the recursion below is bounded.
    let parsed = jsonc_parser::parse_to_ast(body, &collect, &options).map_err(|e| {
        let offset = bom + e.range().start;
        error_at(text, offset, e.kind().to_string())
    })?;
    match parsed.value {
        Some(value) => Ok(convert(value, bom)),
        None => Err(error_at(text, text.len(), "the file is empty: expected a JSON object".into())),
    }
}

pub(crate) fn error_at(text: &str, offset: usize, message: String) -> ParseError {
    let position = LineIndex::new(text).position(text, offset);
    ParseError { message, offset, position }
}

fn span(range: jsonc_parser::common::Range, shift: usize) -> Span {
    Span::new(range.start + shift, range.end + shift)
}

fn convert(value: Ast<'_>, shift: usize) -> Node {
    match value {
        Ast::StringLit(s) => Node::new(span(s.range, shift), NodeValue::String(s.value.into_owned())),
        Ast::NumberLit(n) => Node::new(span(n.range, shift), NodeValue::Number(n.value.to_owned())),
        Ast::BooleanLit(b) => Node::new(span(b.range, shift), NodeValue::Bool(b.value)),
        Ast::NullKeyword(n) => Node::new(span(n.range, shift), NodeValue::Null),
        Ast::Array(a) => {
            let items = a.elements.into_iter().map(|v| convert(v, shift)).collect();
            Node::new(span(a.range, shift), NodeValue::Array(items))
        }
        Ast::Object(o) => {
            let members = o
                .properties
                .into_iter()
                .map(|p| {
                    let (key, key_range) = match p.name {
                        ObjectPropName::String(s) => (s.value.into_owned(), s.range),
                        ObjectPropName::Word(w) => (w.value.to_owned(), w.range),
                    };
                    Member { key, key_span: span(key_range, shift), value: convert(p.value, shift) }
                })
                .collect();
            Node::new(span(o.range, shift), NodeValue::Object(members))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_tokens() {
        let text = "{\n  // c\n  \"a\": [1, \"x\"],\n}";
        let node = read_json(text).unwrap();
        let m = node.member("a").unwrap();
        assert_eq!(&text[m.key_span.start..m.key_span.end], "\"a\"");
        assert_eq!(&text[m.value.span.start..m.value.span.end], "[1, \"x\"]");
        assert_eq!(node.at("/a/1").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn bom_is_skipped_but_offsets_stay_in_the_text() {
        let text = "\u{feff}{\"a\": 1}";
        let node = read_json(text).unwrap();
        let a = node.get("a").unwrap();
        assert_eq!(&text[a.span.start..a.span.end], "1");
    }

    #[test]
    fn errors_have_positions() {
        let e = read_json("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!(e.position.line, 3);
        let e = read_json("").unwrap_err();
        assert!(e.message.contains("empty"));
        let deep = "[".repeat(100_000);
        let e = read_json(&deep).unwrap_err();
        assert!(e.message.contains("nesting"), "{}", e.message);
        assert!(read_json("{'a': 1}").is_err());
        assert!(read_json("{\"a\": 1} {}").is_err());
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let node = read_json(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(node.as_object().unwrap().len(), 2);
        assert_eq!(node.get("a").unwrap().as_u64(), Some(2));
    }
}
