//! Why a file or a machine could not be read: every message names the file, and the
//! position where there is one.

use std::path::PathBuf;

/// A problem reading an IaC file or one of its definitions.
#[derive(Debug, thiserror::Error)]
pub enum IacError {
    /// The file could not be read.
    #[error("{path}: cannot read: {reason}", path = .0.display(), reason = .1)]
    Io(PathBuf, String),
    /// The file is not UTF-8 text.
    #[error("{}: the file is not UTF-8 text", .0.display())]
    NotUtf8(PathBuf),
    /// The file does not parse as its kind.
    #[error("{}:{line}:{column}: {message}", file.display())]
    Parse { file: PathBuf, line: usize, column: usize, message: String },
    /// A referenced definition file is not there.
    #[error("{}: the definition file '{reference}' ({}) cannot be read: {reason}", file.display(), resolved.display())]
    MissingFile { file: PathBuf, reference: String, resolved: PathBuf, reason: String },
    /// The definition cannot be known from the files.
    #[error("{}: state machine {id}: {reason}", file.display())]
    Unknowable { file: PathBuf, id: String, reason: String },
    /// The definition cannot be written back.
    #[error("{}: the definition is read-only: {reason}", file.display())]
    ReadOnly { file: PathBuf, reason: String },
    /// This edit cannot be written back as the definition is written (it would lose a
    /// CloudFormation tag, or a line break in a one-line string).
    #[error("{}: cannot write the edit back: {reason}", file.display())]
    Refused { file: PathBuf, reason: String },
    /// The file changed since the definition was read.
    #[error("{}: the file changed since the definition was read", .0.display())]
    Changed(PathBuf),
    /// `FILE#ID` names no machine of the file.
    #[error("{}: no state machine '{id}' (the file has: {known})", file.display())]
    NoSuchMachine { file: PathBuf, id: String, known: String },
}

impl IacError {
    /// A parse error at a byte offset of `text`.
    pub(crate) fn parse(
        file: &std::path::Path,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let p = crate::position(text, offset);
        IacError::Parse { file: file.to_path_buf(), line: p.line, column: p.column, message: message.into() }
    }
}
