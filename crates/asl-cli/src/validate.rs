//! `asl validate [--format text|json] FILE...`

use crate::exit;
use crate::input::{read_document, ReadError};
use crate::report::{render, JsonDiagnostic};
use crate::Io;
use asl_check::{check, parse_error, Diagnostic, Severity};
use asl_model::{LineIndex, Position};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// ASL files (.asl.json, .json, .asl.yaml, .yaml, .yml).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

/// One file's outcome, positions resolved.
struct FileReport {
    name: String,
    text: Option<String>,
    items: Vec<(Position, Diagnostic)>,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let mut reports = Vec::new();
    let mut io_failed = false;
    for path in &args.files.iter().flat_map(|p| crate::machines::expand(p)).collect::<Vec<_>>() {
        let name = path.display().to_string();
        match read_document(path) {
            Ok(doc) => {
                let diagnostics = crate::machines::in_template(path, &doc, check(&doc));
                // A machine of an IaC file is reported at its place in the file holding it.
                if let Some(at) = crate::machines::locate(path, &doc) {
                    let items = diagnostics.into_iter().map(|d| (at.position(d.span.start), d)).collect();
                    reports.push(FileReport { name: at.name, text: Some(at.text), items });
                    continue;
                }
                let items = diagnostics.into_iter().map(|d| (doc.position(d.span.start), d)).collect();
                reports.push(FileReport { name, text: Some(doc.text().to_owned()), items });
            }
            Err(ReadError::Parse { text, error }) => {
                let items = vec![(error.position, parse_error(&error))];
                reports.push(FileReport { name, text, items });
            }
            Err(ReadError::Io(message)) => {
                let _ = writeln!(io.err, "asl: {message}");
                io_failed = true;
            }
        }
    }
    match args.format {
        OutputFormat::Text => print_text(&reports, io),
        OutputFormat::Json => print_json(&reports, io),
    }
    let errors = reports.iter().flat_map(|r| &r.items).filter(|(_, d)| d.severity == Severity::Error).count();
    if io_failed {
        exit::USAGE
    } else if errors > 0 {
        exit::INVALID
    } else {
        exit::OK
    }
}

fn print_text(reports: &[FileReport], io: &mut Io) {
    let (mut errors, mut warnings) = (0, 0);
    for r in reports {
        // Positions are resolved already; the index only serves the snippets.
        let lines = r.text.as_deref().filter(|_| !r.items.is_empty()).map(LineIndex::new);
        for (pos, d) in &r.items {
            let _ = writeln!(io.out, "{}\n", render(&r.name, r.text.as_deref(), lines.as_ref(), *pos, d));
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
    }
    let files = reports.len();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        io.err,
        "{}, {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files, "file")
    );
}

fn print_json(reports: &[FileReport], io: &mut Io) {
    let all: Vec<JsonDiagnostic> = reports
        .iter()
        .flat_map(|r| {
            r.items.iter().map(move |(pos, d)| JsonDiagnostic {
                file: &r.name,
                line: pos.line,
                column: pos.column,
                severity: d.severity,
                code: d.code,
                message: &d.message,
                pointer: &d.pointer,
            })
        })
        .collect();
    let _ = writeln!(io.out, "{}", serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into()));
}
