//! Renders new values for a YAML text so they look like their neighbours: plain scalars
//! where YAML reads them back as the same string, block style at the indentation of
//! where they land inside block collections, flow style inside flow ones.

use crate::syntax::read_yaml;
use serde_json::{Map, Value};

/// How the document is laid out, detected once per edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YamlStyle {
    /// Columns one nesting level adds (YAML indents with spaces only).
    pub unit: usize,
    pub eol: &'static str,
    /// A block sequence under a key is indented (`key:\n  - a`) rather than level with
    /// it (`key:\n- a`).
    pub indent_lists: bool,
    /// The document writes short lists of scalars in flow style (`[States.ALL]`).
    pub flow_lists: bool,
    /// The document is JSON read as YAML (`{"StartAt": ...}`): new flow text is JSON too.
    pub json_like: bool,
}

/// Longest flow collection kept on one line when it replaces one.
pub(crate) const FLOW_WIDTH: usize = 100;
/// Longest list of scalars written in flow style where the document does so.
const SHORT_LIST: usize = 60;

impl YamlStyle {
    /// Detects the style from the text's lines: the smallest step from a `key:` line to
    /// the deeper line after it is the unit; a `- ` line right under a `key:` line at the
    /// same column means unindented lists.
    pub fn detect(text: &str) -> YamlStyle {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let (mut unit, mut indented, mut level) = (None::<usize>, 0, 0);
        let mut prev: Option<(usize, &str)> = None;
        for line in text.lines() {
            let body = line.trim_start_matches(' ');
            if body.trim().is_empty() || body.starts_with('#') {
                continue;
            }
            let col = line.len() - body.len();
            if let Some((pcol, pbody)) = prev {
                // A `- key:` line's key is past its dashes.
                let dashes = pbody.len() - pbody.trim_start_matches(['-', ' ']).len();
                let (pcol, pbody) = (pcol + dashes, &pbody[dashes..]);
                let opens = pbody.trim_end().ends_with(':');
                if opens && col > pcol {
                    unit = Some(unit.map_or(col - pcol, |u: usize| u.min(col - pcol)));
                }
                if opens && body.starts_with("- ") {
                    if col > pcol {
                        indented += 1;
                    } else if col == pcol {
                        level += 1;
                    }
                }
            }
            prev = Some((col, body));
        }
        let flow_lists = text.lines().any(|l| {
            let t = l.trim();
            !t.starts_with('#') && (t.contains(": [") || t.starts_with("- ["))
        });
        let body =
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect::<String>();
        let json_like = body.starts_with("{\"");
        YamlStyle { unit: unit.unwrap_or(2), eol, indent_lists: indented >= level, flow_lists, json_like }
    }
}

/// Where a scalar goes: plain scalars in flow collections may not hold `,[]{}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ctx {
    Block,
    Flow,
}

/// How the scalar being replaced was quoted, kept when the new one needs quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quote {
    Plain,
    Single,
    Double,
}

impl Quote {
    pub fn of(written: &str) -> Quote {
        match written.as_bytes().first() {
            Some(b'\'') => Quote::Single,
            Some(b'"') => Quote::Double,
            _ => Quote::Plain,
        }
    }
}

/// A scalar (or a key): null, booleans and numbers as JSON writes them; a string plain
/// when YAML reads it back as that string (and an older YAML 1.1 reader would too),
/// else double-quoted; a scalar replacing a quoted one keeps its quotes.
pub(crate) fn scalar(value: &Value, ctx: Ctx, quote: Quote) -> String {
    let s = match value {
        Value::String(s) => s,
        other => return other.to_string(),
    };
    if quote == Quote::Plain && plain_ok(s, ctx) {
        return s.clone();
    }
    let printable =
        s.chars().all(|c| !c.is_control() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'));
    if quote == Quote::Single && printable {
        return format!("'{}'", s.replace('\'', "''"));
    }
    // A JSON string literal is a YAML double-quoted scalar with the same escapes.
    yaml_escaped(Value::String(s.clone()).to_string())
}

/// JSON text made YAML: JSON strings may hold DEL, C1 controls and noncharacters as they
/// are, YAML text may not (they are not `c-printable`), so they are escaped; and NEL,
/// LS, PS and BOM too, which YAML 1.1 readers take for line breaks or a byte order mark.
/// Outside strings JSON text is ASCII, so escaping every such character is safe.
fn yaml_escaped(json: String) -> String {
    let escape = |c: char| {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
    };
    if !json.contains(escape) {
        return json;
    }
    json.chars().fold(String::with_capacity(json.len() + 8), |mut out, c| {
        match escape(c) {
            true => out.push_str(&format!("\\u{:04x}", c as u32)),
            false => out.push(c),
        }
        out
    })
}

/// Whether `s` can be written plain: read back by the YAML reader as exactly `s`, in a
/// mapping and in a flow sequence as needed, and not a spelling YAML 1.1 readers
/// (CloudFormation, PyYAML) take for a boolean, number or date.
fn plain_ok(s: &str, ctx: Ctx) -> bool {
    let first = s.chars().next().unwrap_or(' ');
    let risky_start = "-?:,[]{}#&*!|>'\"%@`<=~".contains(first) || first.is_whitespace();
    let numberish =
        first.is_ascii_digit() || "+-.".contains(first) && s[1..].starts_with(|c: char| c.is_ascii_digit());
    let yaml11 = matches!(
        s.to_ascii_lowercase().as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
    );
    let plain_chars = s.chars().all(|c| c == ' ' || !c.is_whitespace() && !c.is_control() && c != '\u{feff}');
    if s.is_empty() || risky_start || numberish || yaml11 || !plain_chars || s.ends_with([' ', ':']) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || ctx == Ctx::Flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    // The reader is the judge of everything the checks above do not rule out.
    let want = Value::String(s.to_owned());
    let reads = |text: String, pick: fn(Value) -> Option<Value>| {
        read_yaml(&text).ok().and_then(|n| pick(n.to_value())).as_ref() == Some(&want)
    };
    reads(format!("{s}: {s}\n"), |v| v.as_object().and_then(|m| m.values().next().cloned()))
        && reads(format!("{s}: x\n"), |v| {
            v.as_object().and_then(|m| m.keys().next().cloned()).map(Value::String)
        })
        && (ctx == Ctx::Block || reads(format!("[{s}]"), |v| v.get(0).cloned()))
}

/// Flow style as the document writes it: `{Type: Pass, End: true}`, `[a, b]`, or JSON.
pub(crate) fn flow_as(value: &Value, ctx: Ctx, style: &YamlStyle) -> String {
    if style.json_like {
        yaml_escaped(super::render::compact(value))
    } else {
        flow(value, ctx)
    }
}

/// Flow style: `{Type: Pass, End: true}`, `[a, b]`.
pub(crate) fn flow(value: &Value, ctx: Ctx) -> String {
    match value {
        Value::Array(items) => {
            format!("[{}]", items.iter().map(|v| flow(v, Ctx::Flow)).collect::<Vec<_>>().join(", "))
        }
        Value::Object(map) => {
            let members: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", key(k, Ctx::Flow, Quote::Plain), flow(v, Ctx::Flow)))
                .collect();
            format!("{{{}}}", members.join(", "))
        }
        scalar_value => scalar(scalar_value, ctx, Quote::Plain),
    }
}

pub(crate) fn key(k: &str, ctx: Ctx, quote: Quote) -> String {
    scalar(&Value::String(k.to_owned()), ctx, quote)
}

/// Whether a value is written on lines of its own in block style (a non-empty
/// collection, save short scalar lists where the document writes those in flow style).
pub(crate) fn is_block(value: &Value, style: &YamlStyle) -> bool {
    match value {
        Value::Object(map) => !map.is_empty(),
        Value::Array(items) => !items.is_empty() && !short_list(items, style),
        _ => false,
    }
}

fn short_list(items: &[Value], style: &YamlStyle) -> bool {
    style.flow_lists
        && items.iter().all(|v| !v.is_object() && !v.is_array())
        && flow(&Value::Array(items.to_vec()), Ctx::Block).len() <= SHORT_LIST
}

/// What follows `key:` for `value`, the key written at column `col`: ` scalar`, or a line
/// break and the block lines (no line break after the last).
pub(crate) fn after_key(value: &Value, col: usize, style: &YamlStyle) -> String {
    match value {
        Value::Object(map) if is_block(value, style) => {
            format!("{}{}", style.eol, members(map, col + style.unit, style))
        }
        Value::Array(items) if is_block(value, style) => {
            let dash = if style.indent_lists { col + style.unit } else { col };
            format!("{}{}", style.eol, elements(items, dash, style))
        }
        other => format!(" {}", flow(other, Ctx::Block)),
    }
}

/// What follows a `-` at column `col` for `value`: a mapping's first member or a nested
/// list's first element on the dash's line, the rest below it.
pub(crate) fn after_dash(value: &Value, col: usize, style: &YamlStyle) -> String {
    match value {
        Value::Object(map) if is_block(value, style) => {
            format!(" {}", members(map, col + 2, style).trim_start())
        }
        Value::Array(items) if is_block(value, style) => {
            format!(" {}", elements(items, col + 2, style).trim_start())
        }
        other => format!(" {}", flow(other, Ctx::Block)),
    }
}

/// Block mapping lines at column `col`, joined by line breaks.
pub(crate) fn members(map: &Map<String, Value>, col: usize, style: &YamlStyle) -> String {
    let pad = " ".repeat(col);
    let lines: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{pad}{}:{}", key(k, Ctx::Block, Quote::Plain), after_key(v, col, style)))
        .collect();
    lines.join(style.eol)
}

/// Block sequence lines with their dashes at column `col`, joined by line breaks.
pub(crate) fn elements(items: &[Value], col: usize, style: &YamlStyle) -> String {
    let pad = " ".repeat(col);
    let lines: Vec<String> = items.iter().map(|v| format!("{pad}-{}", after_dash(v, col, style))).collect();
    lines.join(style.eol)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn style() -> YamlStyle {
        YamlStyle { unit: 2, eol: "\n", indent_lists: true, flow_lists: false, json_like: false }
    }

    #[test]
    fn strings_are_plain_only_when_they_read_back_as_strings() {
        let plain =
            ["Pass", "States.ALL", "$.total", "$$.Task.Token", "arn:aws:states:::lambda:invoke", "a b"];
        for s in plain {
            assert_eq!(scalar(&json!(s), Ctx::Block, Quote::Plain), s);
        }
        let quoted = [
            ("yes", "\"yes\""),
            ("true", "\"true\""),
            ("12", "\"12\""),
            ("2024-01-01", "\"2024-01-01\""),
            ("", "\"\""),
            ("a: b", "\"a: b\""),
            ("a #b", "\"a #b\""),
            ("- x", "\"- x\""),
            ("*x", "\"*x\""),
            ("two\nlines", "\"two\\nlines\""),
            (" lead", "\" lead\""),
            ("<<", "\"<<\""),
        ];
        for (s, want) in quoted {
            assert_eq!(scalar(&json!(s), Ctx::Block, Quote::Plain), want, "{s:?}");
        }
        let format = "States.Format('{}', $.x)";
        assert_eq!(scalar(&json!(format), Ctx::Block, Quote::Plain), format);
        assert_eq!(scalar(&json!(format), Ctx::Flow, Quote::Plain), format!("\"{format}\""));
        assert_eq!(scalar(&json!("it's"), Ctx::Block, Quote::Single), "'it''s'");
        assert_eq!(scalar(&json!("x"), Ctx::Block, Quote::Double), "\"x\"");
        assert_eq!(scalar(&json!(1.5), Ctx::Block, Quote::Single), "1.5");
        // Characters JSON writes raw and YAML text may not hold.
        assert_eq!(scalar(&json!("h\u{7f}\u{85}é"), Ctx::Block, Quote::Single), "\"h\\u007f\\u0085é\"");
    }

    #[test]
    fn block_values_nest_under_keys_and_dashes() {
        let v = json!({"Type": "Pass", "Result": {"x": [1, {"a": "b", "c": "d"}]}, "End": true});
        let got = format!("S:{}", after_key(&v, 0, &style()));
        let want = "S:\n  Type: Pass\n  Result:\n    x:\n      - 1\n      - a: b\n        c: d\n  End: true";
        assert_eq!(got, want);
        let flow_style = YamlStyle { flow_lists: true, indent_lists: false, ..style() };
        let catch = json!([{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]);
        let want = "Catch:\n- ErrorEquals: [States.ALL]\n  Next: Failed";
        assert_eq!(format!("Catch:{}", after_key(&catch, 0, &flow_style)), want);
        assert_eq!(flow(&v, Ctx::Block), "{Type: Pass, Result: {x: [1, {a: b, c: d}]}, End: true}");
    }

    #[test]
    fn detects_units_list_indentation_and_flow_lists() {
        let s = YamlStyle::detect("a:\n    b:\n        - x\nc: [y]\n");
        assert_eq!((s.unit, s.indent_lists, s.flow_lists, s.eol, s.json_like), (4, true, true, "\n", false));
        assert!(YamlStyle::detect("# c\n{\n  \"a\": 1}").json_like);
        let s = YamlStyle::detect("a:\r\n  b:\r\n  - x\r\n  - y:\r\n    - z\r\n");
        assert_eq!((s.unit, s.indent_lists, s.flow_lists, s.eol), (2, false, false, "\r\n"));
    }
}
