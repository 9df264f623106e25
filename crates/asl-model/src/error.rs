//! Why a text could not be read as an ASL document.

use crate::text::Position;

/// A syntax error: the text is not JSON/YAML, or its top level is not an object.
/// Always carries the position, so every caller can print `file:line:col`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// Byte offset of the problem in the original text.
    pub offset: usize,
    /// Line and column of the problem.
    pub position: Position,
}
