//! The ASL interpreter: runs state machines locally as AWS Step Functions does — JSONPath
//! processing, intrinsics, Choice, Retry/Catch, Parallel, Map, a virtual clock, mocked
//! Tasks, an AWS-shaped history and per-state records.
//!
//! ```
//! use asl_eval::{Execution, Mocks, Options, Status};
//! use asl_model::{Document, Format};
//! use serde_json::json;
//!
//! let doc = Document::parse(r#"{"StartAt": "Hello", "States": {
//!     "Hello": {"Type": "Pass", "Result": "world", "ResultPath": "$.hello", "End": true}}}"#,
//!     Format::Json).unwrap();
//! let outcome = Execution::run(&doc, json!({"n": 1}), &Mocks::default(), &Options::default());
//! assert_eq!(outcome.status, Status::Succeeded);
//! assert_eq!(outcome.output, Some(json!({"n": 1, "hello": "world"})));
//! assert_eq!(outcome.history[1].kind, "PassStateEntered");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod callback;
pub mod clock;
pub mod command;
pub mod debug;
mod engine;
pub mod handler;
pub mod history;
pub mod mocks;
pub mod record;
pub mod s3;
pub mod testing;
pub mod validated;

mod error;
pub mod expr;
mod jsonata;

pub use callback::{CallbackError, CallbackHandle, Callbacks, PendingTask};
pub use clock::{Clock, RealClock, Timeline, VirtualClock};
pub use command::{CommandConfig, CommandConsent, CommandHandler, LocalCommand, RunningCommands};
pub use engine::test_state;
pub use engine::{
    CatchPoint, Execution, ExecutionType, FailurePoint, Hook, MapRunProgress, Options, RecordSink, Resume,
    RetryPoint, StartAt, StatePoint, MAX_TRANSITIONS, PROGRESS_EVERY,
};
pub use error::RuntimeError;
pub use handler::{NoTasks, TaskFailure, TaskHandler, TaskRequest};
pub use mocks::{MockError, Mocks};
pub use validated::{FieldValidated, FieldValidation};
pub use record::{present, ErrorDetails, Inspection, Outcome, StateRecord, Status};
pub use s3::S3Folders;
