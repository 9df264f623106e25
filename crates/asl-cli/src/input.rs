//! Reading and writing files with one-line errors that name the file.

use asl_model::{Document, Format, ParseError};
use std::collections::BTreeMap;
use std::path::Path;

pub enum ReadError {
    /// The file could not be read at all (exit 2).
    Io(String),
    /// The file is not a document (exit 1).
    Parse { text: Option<String>, error: ParseError },
}

pub fn read_document(path: &Path) -> Result<Document, ReadError> {
    read_document_as(path, false)
}

/// Reads a document, or the definition of a state machine of an IaC file (`FILE#ID`, or
/// the file's only machine), with its substitutions filled in as for a run when
/// `substitute`.
pub fn read_document_as(path: &Path, substitute: bool) -> Result<Document, ReadError> {
    read_document_with(path, substitute.then(BTreeMap::new).as_ref())
}

/// [`read_document_as`] with the user's own values (`--sub NAME=VALUE`) first.
pub fn read_document_with(path: &Path, substitute: Option<&BTreeMap<String, String>>) -> Result<Document, ReadError> {
    if !path.exists() {
        if let Some(found) = crate::machines::read_machine(path, None, substitute) {
            return found;
        }
    }
    let bytes =
        std::fs::read(path).map_err(|e| ReadError::Io(format!("{}: cannot read: {e}", path.display())))?;
    if let Some(found) = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|t| crate::machines::read_machine(path, Some(t), substitute))
    {
        return found;
    }
    let format = Format::from_path(path);
    Document::from_bytes(&bytes, format)
        .map_err(|error| ReadError::Parse { text: String::from_utf8(bytes).ok(), error })
}

/// One atomic write for app and CLI: temporary file, sync, rename, permissions kept.
pub use asl_session::files::write_atomic;

/// Reads a document for a command that needs one, reporting failure as the commands
/// do: an unreadable file is exit 2 (`asl: FILE: cannot read: ...`), a parse error
/// exit 1 (`FILE:LINE:COL: error[parse-error]: ...`).
pub fn load(path: &Path, io: &mut crate::Io) -> Result<Document, u8> {
    match read_document(path) {
        Ok(doc) => Ok(doc),
        Err(ReadError::Io(message)) => {
            let _ = writeln!(io.err, "asl: {message}");
            Err(crate::exit::USAGE)
        }
        Err(ReadError::Parse { error, .. }) => {
            let p = error.position;
            let _ = writeln!(
                io.err,
                "{}:{}:{}: error[parse-error]: {}",
                path.display(),
                p.line,
                p.column,
                error.message
            );
            Err(crate::exit::INVALID)
        }
    }
}

/// Writes a command's result to `-o FILE` (atomically) or standard output; exit 0, or 2
/// with a one-line error.
pub fn emit(output: Option<&Path>, contents: &[u8], io: &mut crate::Io) -> u8 {
    let written = match output {
        Some(path) => {
            write_atomic(path, contents).map_err(|e| format!("{}: cannot write: {e}", path.display()))
        }
        None => io.out.write_all(contents).map_err(|e| format!("cannot write output: {e}")),
    };
    match written {
        Ok(()) => crate::exit::OK,
        Err(message) => {
            let _ = writeln!(io.err, "asl: {message}");
            crate::exit::USAGE
        }
    }
}
