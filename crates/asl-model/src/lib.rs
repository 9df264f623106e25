//! The ASL document: text <-> typed model with spans, lossless edits and undo history.
//!
//! The text is the truth: a [`Document`] keeps it byte for byte, a spanned syntax tree
//! and the typed [`model`]. Edits ([`DocumentEdit`]) rewrite only the bytes they must.
//!
//! ```
//! use asl_model::{Document, DocumentEdit, Format};
//!
//! let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Succeed\"}\n  }\n}\n";
//! let doc = Document::parse(text, Format::Json).unwrap();
//! assert_eq!(doc.text(), text); // lossless
//! assert_eq!(doc.machine().states[0].name, "A");
//!
//! let edit = DocumentEdit::RenameState { pointer: "/States/A".into(), new_name: "Done".into() };
//! let doc = doc.apply(&edit).unwrap();
//! assert!(doc.text().contains("\"StartAt\": \"Done\""));
//! ```
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod document;
pub mod edit;
pub mod error;
pub mod expr;
mod history;
pub mod model;
pub mod syntax;
pub mod text;

pub use document::{Document, Format};
pub use edit::{Applied, DocumentEdit, EditError, Splice};
pub use error::ParseError;
pub use history::History;
pub use text::{LineIndex, Position, Span};
