//! Reading a host file (JSON or YAML with CloudFormation tags) and a definition's data,
//! and placing a definition value found in a host: where its text is and how it is written.

use crate::encoding::{decode, Encoding};
use crate::tags::read_tagged_yaml;
use crate::IacError;
use asl_model::syntax::{read_json, Node};
use asl_model::{Format, ParseError, Span};
use std::path::Path;

/// Whether the host is JSON: by name, or by its first character.
pub(crate) fn is_json(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    ext == "json"
        || (ext != "yaml"
            && ext != "yml"
            && text.trim_start_matches('\u{feff}').trim_start().starts_with('{'))
}

/// The host's syntax tree, intrinsics in their long forms.
pub(crate) fn read_host(path: &Path, text: &str) -> Result<Node, IacError> {
    let tree = if is_json(path, text) { read_json(text) } else { read_yaml_host(text) };
    tree.map_err(|e| IacError::Parse {
        file: path.to_path_buf(),
        line: e.position.line,
        column: e.position.column,
        message: e.message,
    })
}

/// The top-level sections that can declare state machines.
const MACHINE_SECTIONS: &[&str] = &["Resources", "stepFunctions", "Transform"];

/// Reads a YAML host. granit-parser follows the YAML 1.2 spec where PyYAML (which SAM CLI
/// and the CloudFormation tooling use) is lenient, e.g. on the indentation of a quoted
/// scalar's continuation lines; an error inside a top-level section that declares no
/// machine (`Outputs`, `Parameters`, ...) is therefore skipped: that section is blanked
/// (same length, so every offset stays) and the text read again. An error inside
/// `Resources` stands.
fn read_yaml_host(text: &str) -> Result<Node, ParseError> {
    let mut scratch: Option<String> = None;
    for _ in 0..8 {
        let current = scratch.as_deref().unwrap_or(text);
        let error = match read_tagged_yaml(current) {
            Ok(tree) => return Ok(tree),
            Err(e) => e,
        };
        let Some((start, end)) = section_around(current, error.offset) else { return Err(error) };
        let name = current[start..].split(':').next().unwrap_or_default().trim();
        if MACHINE_SECTIONS.contains(&name) {
            return Err(error);
        }
        let blanked: String =
            current[start..end].chars().map(|c| if c == '\n' || c == '\r' { c } else { ' ' }).collect();
        let mut next = current.to_owned();
        // Multi-byte characters become one space each: pad to keep the length.
        let pad = end - start - blanked.len();
        next.replace_range(start..end, &(blanked + &" ".repeat(pad)));
        scratch = Some(next);
    }
    read_tagged_yaml(scratch.as_deref().unwrap_or(text))
}

/// The byte range of the top-level section (a key at column 0 and the lines indented under
/// it) holding `offset`.
fn section_around(text: &str, offset: usize) -> Option<(usize, usize)> {
    let is_key_line = |line: &str| line.starts_with(|c: char| c.is_ascii_alphabetic()) && line.contains(':');
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if is_key_line(line) {
            starts.push(at);
        }
        at += line.len();
    }
    let i = starts.iter().rposition(|&s| s <= offset)?;
    Some((starts[i], starts.get(i + 1).copied().unwrap_or(text.len())))
}

/// A definition text's data as JSON, CloudFormation short forms in their long forms (what
/// `asl export --to json` prints for an IaC machine).
pub fn definition_value(text: &str, format: Format) -> Result<serde_json::Value, ParseError> {
    match format {
        Format::Json => read_json(text).map(|n| n.to_value()),
        Format::Yaml => read_tagged_yaml(text).map(|n| n.to_value()),
    }
}

/// A definition found in a host: its span, how it is written there (`None`: in a form
/// that cannot be written back), its decoded text and that text's syntax.
pub(crate) struct Placed {
    pub span: Span,
    pub encoding: Option<Encoding>,
    pub text: String,
    pub format: Format,
}

/// Where an object-valued definition (`Definition:`, Serverless `definition:`) is written.
pub(crate) fn place_object(text: &str, json_host: bool, node: &Node) -> Placed {
    let span = node.span;
    let raw = text.get(span.start..span.end).unwrap_or_default().to_owned();
    if json_host {
        return Placed { span, encoding: Some(Encoding::Verbatim), text: raw, format: Format::Json };
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = span.start - line_start;
    let spaces_only = text[line_start..span.start].bytes().all(|b| b == b' ');
    if raw.starts_with('{') && spaces_only && raw.contains('\n') {
        // JSON written as a YAML flow mapping on lines of its own: edited as JSON (exact
        // splices), each line keeping the block's indentation.
        let encoding = Encoding::Indented { indent };
        let whole = Span::new(line_start, span.end);
        if let Some(d) = decode(text, whole, &encoding).filter(|d| read_json(&d.text).is_ok()) {
            return Placed { span: whole, encoding: Some(encoding), text: d.text, format: Format::Json };
        }
    }
    if raw.starts_with(['{', '[']) || !spaces_only {
        // A flow collection (or a block after other text on its line): kept verbatim.
        let encoding = (!raw.contains('\n')).then_some(Encoding::Verbatim);
        return Placed { span, encoding, text: raw, format: Format::Yaml };
    }
    let encoding = Encoding::Indented { indent };
    let whole = Span::new(line_start, span.end);
    match decode(text, whole, &encoding) {
        Some(d) => Placed { span: whole, encoding: Some(encoding), text: d.text, format: Format::Yaml },
        None => Placed { span, encoding: None, text: raw, format: Format::Yaml },
    }
}

/// Where a string-valued definition (`DefinitionString`, `Fn::Sub`'s template) is written:
/// its decoded text must be the string's value, else it is kept read-only (folded blocks).
pub(crate) fn place_string(text: &str, json_host: bool, node: &Node) -> Placed {
    let value = node.as_str().unwrap_or_default().to_owned();
    let span = node.span;
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let candidate = if json_host {
        Some((span, Encoding::JsonString))
    } else if raw.starts_with('|') {
        literal_block(text, span)
    } else if raw.starts_with('"') {
        Some((span, Encoding::JsonString))
    } else if raw.starts_with('\'') {
        Some((span, Encoding::SingleQuoted))
    } else if raw.starts_with('>') {
        None
    } else {
        Some((span, Encoding::Verbatim))
    };
    if let Some((span, encoding)) = candidate {
        if let Some(d) = decode(text, span, &encoding) {
            // A literal block's value ends with its line break (clip chomping); the span
            // ends at the last content character.
            if d.text == value || d.text.trim_end() == value.trim_end() {
                return Placed { span, encoding: Some(encoding), text: d.text, format: Format::Json };
            }
        }
    }
    Placed { span, encoding: None, text: value, format: Format::Json }
}

/// The content lines of a `|` block scalar whose header starts `span`.
fn literal_block(text: &str, span: Span) -> Option<(Span, Encoding)> {
    let header_end = span.start + text[span.start..].find('\n')? + 1;
    let header = &text[span.start..header_end];
    let explicit = header.trim_start_matches('|').chars().find(|c| c.is_ascii_digit());
    let body = text.get(header_end..span.end)?;
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    let indent = match explicit {
        // An explicit indentation indicator counts from the parent's indentation.
        Some(_) => return None,
        None => first.len() - first.trim_start_matches(' ').len(),
    };
    Some((Span::new(header_end, span.end), Encoding::Indented { indent }))
}
