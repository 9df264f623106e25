//! `asl export FILE [--to json|yaml] [-o OUT]`

use crate::exit;
use crate::input::{read_document, write_atomic, ReadError};
use crate::Io;
use asl_model::{Document, Format};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The ASL file to export.
    file: PathBuf,
    /// Output format; by default the file's own.
    #[arg(long, value_enum)]
    to: Option<Target>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Target {
    Json,
    Yaml,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let doc = match read_document(&args.file) {
        Ok(doc) => doc,
        Err(ReadError::Io(message)) => {
            let _ = writeln!(io.err, "asl: {message}");
            return exit::USAGE;
        }
        Err(ReadError::Parse { error, .. }) => {
            let p = error.position;
            let _ = writeln!(
                io.err,
                "{}:{}:{}: error[parse-error]: {}",
                args.file.display(),
                p.line,
                p.column,
                error.message
            );
            return exit::INVALID;
        }
    };
    let iac_json = match args.to {
        Some(Target::Json) => crate::machines::export_json(&args.file, &doc),
        _ => None,
    };
    let text = iac_json.unwrap_or_else(|| render(&doc, args.to));
    let written = match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes()).map_err(|e| format!("{}: cannot write: {e}", path.display()))
        }
        None => io.out.write_all(text.as_bytes()).map_err(|e| format!("cannot write output: {e}")),
    };
    match written {
        Ok(()) => exit::OK,
        Err(message) => {
            let _ = writeln!(io.err, "asl: {message}");
            exit::USAGE
        }
    }
}

/// The document in the target format (by default its own, byte-identical).
fn render(doc: &Document, to: Option<Target>) -> String {
    doc.to_format(match to {
        None => doc.format(),
        Some(Target::Json) => Format::Json,
        Some(Target::Yaml) => Format::Yaml,
    })
}
