//! The document: its text (the truth), the syntax tree with spans, and the typed model.

use crate::error::ParseError;
use crate::model::{self, ModelIssue, StateMachine};
use crate::syntax::{self, Duplicate, Node};
use crate::text::{LineIndex, Position, Span};

/// The syntax a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON, with comments and trailing commas tolerated (JSONC).
    Json,
    /// YAML.
    Yaml,
}

impl Format {
    /// By file name: `.yaml`/`.yml` (including `.asl.yaml`) is YAML, anything else JSON.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("yaml") | Some("yml") => Format::Yaml,
            _ => Format::Json,
        }
    }
}

/// An ASL document: its text, kept byte for byte, the syntax tree with spans, and the
/// typed StateMachine model built from it. Immutable: edits produce a new one.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    format: Format,
    tree: Node,
    duplicates: Vec<Duplicate>,
    machine: StateMachine,
    issues: Vec<ModelIssue>,
    /// Built on first use: only diagnostics need positions.
    lines: std::sync::OnceLock<LineIndex>,
}

impl Document {
    /// Reads a document. Fails only when the text is not JSON/YAML or its top level is
    /// not an object; every other problem is left for `asl-check` to report.
    pub fn parse(text: impl Into<String>, format: Format) -> Result<Document, ParseError> {
        let text = text.into();
        let (tree, duplicates) = match format {
            Format::Json => syntax::read_json_with_duplicates(&text)?,
            Format::Yaml => {
                let tree = syntax::read_yaml(&text)?;
                let duplicates = syntax::find_duplicates(&tree);
                (tree, duplicates)
            }
        };
        if tree.as_object().is_none() {
            let message = format!(
                "the top level must be an object with \"StartAt\" and \"States\", found {}",
                tree.kind_name()
            );
            let lines = LineIndex::new(&text);
            let position = lines.position(&text, tree.span.start);
            return Err(ParseError { message, offset: tree.span.start, position });
        }
        let mut issues = Vec::new();
        let machine = model::build(&tree, &mut issues);
        Ok(Document { text, format, tree, duplicates, machine, issues, lines: std::sync::OnceLock::new() })
    }

    /// Reads raw file bytes: refuses text that is not UTF-8, naming the first bad byte.
    pub fn from_bytes(bytes: &[u8], format: Format) -> Result<Document, ParseError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Document::parse(text, format),
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                // The prefix is valid UTF-8 by construction.
                let prefix = std::str::from_utf8(valid).unwrap_or_default();
                let position = LineIndex::new(prefix).position(prefix, prefix.len());
                Err(ParseError {
                    message: format!(
                        "the file is not UTF-8 text (invalid byte 0x{:02x})",
                        bytes[e.valid_up_to()]
                    ),
                    offset: e.valid_up_to(),
                    position,
                })
            }
        }
    }

    /// The text, exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax it is written in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The syntax tree, with a byte span on every value and key.
    pub fn tree(&self) -> &Node {
        &self.tree
    }

    /// The typed model of the top-level StateMachine.
    pub fn machine(&self) -> &StateMachine {
        &self.machine
    }

    /// Keys repeated within one object.
    pub fn duplicate_keys(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// Wrong-typed fields met while building the model.
    pub fn model_issues(&self) -> &[ModelIssue] {
        &self.issues
    }

    /// The plain JSON value of the whole document.
    pub fn to_value(&self) -> serde_json::Value {
        self.tree.to_value()
    }

    /// The document written in a format (Export): its own text, byte for byte, in its own
    /// format; otherwise its data re-emitted (pretty JSON, or YAML).
    pub fn to_format(&self, format: Format) -> String {
        match (self.format, format) {
            (Format::Json, Format::Json) | (Format::Yaml, Format::Yaml) => self.text.clone(),
            (Format::Yaml, Format::Json) => {
                let mut s = serde_json::to_string_pretty(&self.to_value()).unwrap_or_default();
                s.push('\n');
                s
            }
            (Format::Json, Format::Yaml) => crate::syntax::write_yaml(&self.to_value()),
        }
    }

    /// Span of the value at a JSON pointer. A pointer to a missing member resolves to
    /// its nearest existing ancestor, so a diagnostic about a missing field still lands.
    pub fn span_of(&self, pointer: &str) -> Span {
        let mut p = pointer;
        loop {
            if let Some(node) = self.tree.at(p) {
                return node.span;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return self.tree.span,
            }
        }
    }

    /// Span of the key naming the member at `pointer` (falls back to the value's span).
    pub fn key_span_of(&self, pointer: &str) -> Span {
        if let Some(i) = pointer.rfind('/') {
            let parent = &pointer[..i];
            let key = crate::syntax::pointer_tokens(&pointer[i..]).and_then(|t| t.into_iter().next());
            if let (Some(node), Some(key)) = (self.tree.at(parent), key) {
                if let Some(m) = node.member(&key) {
                    return m.key_span;
                }
            }
        }
        self.span_of(pointer)
    }

    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.text, offset)
    }

    /// The line index of the text (built on first use).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}
