//! An editing session of one ASL document, as the desktop app shows it. The shell
//! (`src-tauri`) delegates every command here; this crate knows nothing of Tauri.
//!
//! A [`Session`] keeps the exact text (which may not parse while the user types), the
//! undo [`History`](asl_model::History) of its good versions, and what the file holds on
//! disk. After every change the UI gets one [`Snapshot`]: the text, the states, the
//! problems and the layout of the last good version.
//!
//! ```
//! use asl_session::Session;
//! use asl_model::{DocumentEdit, Format};
//!
//! let mut session = Session::new_document(Format::Json);
//! session.edit(&DocumentEdit::RenameState { pointer: "/States/Hello".into(), new_name: "Greet".into() }).unwrap();
//! let snapshot = session.snapshot();
//! assert!(snapshot.dirty && snapshot.can_undo);
//! assert_eq!(snapshot.states[0].name, "Greet");
//!
//! session.set_text("{ not json".into(), true); // mid-typing: kept, diagram stays
//! let snapshot = session.snapshot();
//! assert!(snapshot.parse_error.is_some());
//! assert_eq!(snapshot.states[0].name, "Greet");
//! ```
#![forbid(unsafe_code)]

pub mod delta;
pub mod drafts;
pub mod dto;
mod error;
pub mod files;
mod offsets;
pub mod run;
pub mod samples;
mod session;
pub mod setup;
mod state_diff;
mod view;

pub use delta::{SnapshotDelta, Update};
pub use dto::{DiskDiff, FormatDto, Problem, ScopeInfo, Snapshot, StateInfo, TextRange};
pub use error::SessionError;
pub use offsets::Utf16Index;
pub use state_diff::{state_diff, StateDiff};
pub use session::{machines, with_asl_extension, DiskChange, MachineEntry, MachinePick, Session};
