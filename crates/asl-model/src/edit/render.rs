//! Renders new JSON values so they look like their neighbours: the document's indent
//! unit and line ending, nested at the indentation of the line they land on.

use serde_json::Value;

/// How the document is laid out, detected once per edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    /// One level of indentation: a tab or some spaces.
    pub unit: String,
    /// Line ending: `"
    /// "` or `"\r
    /// "`.
    pub eol: &'static str,
}

impl Style {
    /// Detects the style of `text`: CRLF if any line ends so, the smallest indentation (a tab
    /// if a line starts with one); two spaces when nothing is indented.
    pub fn detect(text: &str) -> Style {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        // The smallest non-zero indentation is the unit; tabs win if a line starts with one.
        let mut smallest: Option<usize> = None;
        for line in text.lines() {
            let ws: &str = &line[..line.len() - line.trim_start().len()];
            // Comment lines say nothing: ` * text` inside a block comment is not a unit.
            let rest = line.trim_start();
            if ws.is_empty() || rest.is_empty() || rest.starts_with('*') || rest.starts_with("//") {
                continue;
            }
            if ws.starts_with('\t') {
                return Style { unit: "\t".into(), eol };
            }
            let n = ws.chars().take_while(|c| *c == ' ').count();
            if n > 0 {
                smallest = Some(smallest.map_or(n, |s| s.min(n)));
            }
        }
        Style { unit: " ".repeat(smallest.unwrap_or(2)), eol }
    }
}

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

/// Single-line form: `{"a": 1, "b": [2, 3]}`.
pub fn compact(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            format!("[{}]", items.iter().map(compact).collect::<Vec<_>>().join(", "))
        }
        Value::Object(map) => {
            let members: Vec<String> =
                map.iter().map(|(k, v)| format!("{}: {}", quote(k), compact(v))).collect();
            format!("{{{}}}", members.join(", "))
        }
        scalar => scalar.to_string(),
    }
}

/// Multi-line form; `indent` is the indentation of the line the value starts on.
/// Longest list of scalars kept on one line.
const SHORT: usize = 60;

pub fn pretty(value: &Value, indent: &str, style: &Style) -> String {
    let inner = format!("{indent}{}", style.unit);
    match value {
        // Short lists of scalars (`"ErrorEquals": ["States.ALL"]`) stay on one line, as
        // people write them.
        Value::Array(items)
            if items.iter().all(|v| !v.is_object() && !v.is_array()) && compact(value).len() <= SHORT =>
        {
            compact(value)
        }
        Value::Array(items) if !items.is_empty() => {
            let parts: Vec<String> =
                items.iter().map(|v| format!("{inner}{}", pretty(v, &inner, style))).collect();
            format!("[{eol}{}{eol}{indent}]", parts.join(&format!(",{}", style.eol)), eol = style.eol)
        }
        Value::Object(map) if !map.is_empty() => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{inner}{}: {}", quote(k), pretty(v, &inner, style)))
                .collect();
            format!("{{{eol}{}{eol}{indent}}}", parts.join(&format!(",{}", style.eol)), eol = style.eol)
        }
        other => compact(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_units_and_line_endings() {
        assert_eq!(Style::detect("{\r\n    \"a\": {\r\n        \"b\": 1}}").unit, "    ");
        assert_eq!(Style::detect("{\r\n    \"a\": 1}").eol, "\r\n");
        assert_eq!(Style::detect("{\n\t\"a\": 1\n}").unit, "\t");
        assert_eq!(Style::detect("{}").unit, "  ");
        // A block comment's ` * ` lines are not one-space indentation.
        assert_eq!(Style::detect("/*\n * note\n */\n{\n    \"a\": 1\n}").unit, "    ");
    }

    #[test]
    fn pretty_nests_from_the_given_indent() {
        let style = Style { unit: "  ".into(), eol: "\n" };
        let v = json!({"Type": "Pass", "Result": {"x": [1]}, "End": true});
        assert_eq!(
            pretty(&v, "  ", &style),
            "{\n    \"Type\": \"Pass\",\n    \"Result\": {\n      \"x\": [1]\n    },\n    \"End\": true\n  }"
        );
        assert_eq!(compact(&v), r#"{"Type": "Pass", "Result": {"x": [1]}, "End": true}"#);
    }
}
