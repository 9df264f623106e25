//! The small languages inside ASL strings: JSONPath, Reference Paths, intrinsic functions.
//!
//! Every parser here takes one string value of the document (without its JSON quotes) and
//! returns an AST or an [`ExprError`] whose `offset` is a byte offset *inside that
//! (decoded) string*; the caller maps it into the file (add the offset of the string's
//! first content byte, and account for JSON escapes such as `\n` before it). None of
//! them panics on any input: user text is only read through a cursor that moves by whole
//! characters, and recursion is bounded.
//!
//! ```
//! use asl_model::expr::{check_intrinsic, parse_intrinsic, parse_path, parse_reference_path};
//!
//! let path = parse_path("$..book[?(@.price < 10)].title").unwrap();
//! assert!(!path.is_definite());
//! assert!(parse_reference_path("$.a['b c'][0]").is_ok());
//!
//! let call = parse_intrinsic("States.MathAdd('a', 1)").unwrap();
//! assert_eq!(check_intrinsic(&call).len(), 1); // a string where a number is required
//! ```

mod cursor;
pub mod intrinsic;
mod lexeme;
pub mod path;
mod payload;

#[cfg(test)]
mod corpus_tests;

pub use intrinsic::{
    check_intrinsic, is_intrinsic_call, parse_intrinsic, signature, ArgKind, ArgValue, FormatPiece,
    IntrinsicArg, IntrinsicCall, IntrinsicSignature, StringLiteral, HASH_ALGORITHMS, SIGNATURES,
};
pub use path::{
    parse_path, parse_reference_path, parse_result_path, CompareOp, FilterExpr, FilterOperand, JsonPath,
    PathRoot, Segment, Selector,
};
pub use payload::check_payload_path;

/// Why a string is not a valid path or intrinsic call, and where.
///
/// `offset` is a byte offset into the string that was parsed (always on a character
/// boundary, at most the string's length).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExprError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the parsed string.
    pub offset: usize,
}

impl ExprError {
    /// An error at `offset`.
    pub fn new(message: impl Into<String>, offset: usize) -> Self {
        ExprError { message: message.into(), offset }
    }
}
