//! Diagnostics as text (`file:line:col: error[code]: message` plus a source snippet) and
//! as JSON. Hand-written rather than miette: the first line's shape is a stable
//! interface that editors and CI parse, and miette's layout would replace it.

use asl_check::{Diagnostic, Severity};
use asl_model::{LineIndex, Position};
use serde::Serialize;

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub code: &'a str,
    pub message: &'a str,
    pub pointer: &'a str,
}

pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One diagnostic as text; `text` (when readable) adds the snippet.
pub fn render(
    file: &str,
    text: Option<&str>,
    lines: Option<&LineIndex>,
    pos: Position,
    d: &Diagnostic,
) -> String {
    let mut out = format!(
        "{file}:{}:{}: {}[{}]: {}",
        pos.line,
        pos.column,
        severity_name(d.severity),
        d.code,
        d.message
    );
    if let (Some(text), Some(lines)) = (text, lines) {
        out.push_str(&snippet(text, lines, pos, d.span.len()));
    }
    out
}

/// The line of the problem with a caret line under the span (clipped to that line).
fn snippet(text: &str, lines: &LineIndex, pos: Position, span_len: usize) -> String {
    let line_span = lines.line_span(text, pos.line);
    let line = &text[line_span.start..line_span.end];
    // Long lines (minified files) are cut around the column so the snippet stays readable.
    const WIDTH: usize = 120;
    let chars: Vec<char> = line.chars().collect();
    let col = pos.column.saturating_sub(1).min(chars.len());
    let from = col.saturating_sub(WIDTH / 2);
    let shown: String = chars[from..chars.len().min(from + WIDTH)]
        .iter()
        .map(|c| match *c {
            '\t' => ' ',
            // Control characters from a binary file would garble the terminal.
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect();
    let caret_start = col - from;
    let carets = span_len.max(1).min(shown.chars().count().saturating_sub(caret_start)).max(1);
    let gutter = pos.line.to_string().len();
    format!(
        "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
        "",
        pos.line,
        shown,
        "",
        " ".repeat(caret_start),
        "^".repeat(carets),
    )
}
