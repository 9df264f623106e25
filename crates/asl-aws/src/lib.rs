//! AWS Step Functions in the cloud, for the CLI (`asl aws`, `asl replay`) and the app:
//! connect with the standard credential chain, list and pull state machines, deploy
//! (create or update, publish, alias), start executions and follow them live from their
//! history, import histories from files, tell a run state by state, replay it on the
//! local engine and diff the two runs.
//!
//! Calls to AWS are `async` (tokio); the rest is plain functions. Errors are one-line
//! [`AwsError`]s.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod client;
pub mod definition;
pub mod diff;
pub mod error;
pub mod executions;
pub mod history;
pub mod links;
pub mod machines;
pub mod mocks;
pub mod replay;
pub mod steps;

pub use client::{runtime, Connection, Sfn};
pub use definition::{deployable, Deployable};
pub use diff::{definition_diff, run_diff, RunDiff};
pub use error::AwsError;
pub use executions::{follow, start, Ended, FollowError, Polling, Started};
pub use history::{parse_history, to_cli_json, HistoryFileError};
pub use links::Links;
pub use machines::{
    deploy, list, plan, pull, validate, Deployed, Deployment, MachineSummary, Plan, ServerValidation, Target,
};
pub use mocks::{mock_config, HistoryMocks};
pub use replay::run_locally;
pub use steps::{run_of, Run, Step, StepStatus};
