//! What the server knows: state machines (each execution keeps the version it started
//! on), executions, activities and tags. One lock guards it all; no operation holds it
//! across an await.

use crate::history::HistoryLog;
use asl_model::Document;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// One revision of a state machine, shared by the executions started on it.
#[derive(Debug)]
pub struct MachineVersion {
    /// The machine's ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// The definition as the client sent it.
    pub definition: String,
    /// The definition, read once for every execution of this revision.
    pub doc: Arc<Document>,
    /// `roleArn`.
    pub role_arn: String,
    /// True for EXPRESS.
    pub express: bool,
    /// When the machine was created.
    pub created: DateTime<Utc>,
    /// When this revision was made (the creation date for the first).
    pub updated: DateTime<Utc>,
    /// A new one per revision.
    pub revision_id: String,
    /// `loggingConfiguration` and `tracingConfiguration`, kept as sent.
    pub logging: Value,
    /// See `logging`.
    pub tracing: Value,
}

/// How an execution stands, as AWS spells it.
pub type ExecutionStatus = &'static str;

/// One Standard execution (Express ones are not kept: AWS cannot describe them either).
#[derive(Debug)]
pub struct ExecutionEntry {
    /// Its ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// The machine revision it runs.
    pub machine: Arc<MachineVersion>,
    /// The version it was started on (directly or through an alias), and the alias.
    pub version_arn: Option<String>,
    /// See `version_arn`.
    pub alias_arn: Option<String>,
    /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`.
    pub status: ExecutionStatus,
    /// Start and stop dates.
    pub start: DateTime<Utc>,
    /// See `start`.
    pub stop: Option<DateTime<Utc>>,
    /// The input as JSON text.
    pub input: String,
    /// The output (SUCCEEDED), error and cause (otherwise).
    pub output: Option<String>,
    /// See `output`.
    pub error: Option<String>,
    /// See `output`.
    pub cause: Option<String>,
    /// Its events, appended by the engine while it runs.
    pub history: Arc<Mutex<HistoryLog>>,
    /// Wakes the engine's task to drop the run (StopExecution); none once finished.
    pub stop_signal: Option<Arc<Notify>>,
}

/// A published version: a frozen revision with its number in its ARN.
#[derive(Debug)]
pub struct PublishedVersion {
    /// `...:stateMachine:NAME:N`.
    pub arn: String,
    /// The revision it froze.
    pub version: Arc<MachineVersion>,
    /// `description` / `versionDescription`.
    pub description: Option<String>,
    /// When it was published.
    pub created: DateTime<Utc>,
}

/// An alias: one or two versions with weights adding up to 100.
#[derive(Debug)]
pub struct Alias {
    /// `...:stateMachine:NAME:ALIAS`.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// (version ARN, weight).
    pub routing: Vec<(String, u32)>,
    /// Creation and last update.
    pub created: DateTime<Utc>,
    /// See `created`.
    pub updated: DateTime<Utc>,
}

/// A resource's tags, in the order they were set.
pub type Tags = Vec<(String, String)>;

/// An activity.
#[derive(Debug)]
pub struct Activity {
    /// Its ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// When it was created.
    pub created: DateTime<Utc>,
}

/// Everything, with the orders the list operations return.
#[derive(Debug, Default)]
pub struct Store {
    /// By ARN; `machine_order` lists them by creation.
    pub machines: HashMap<String, Arc<MachineVersion>>,
    /// See `machines`.
    pub machine_order: Vec<String>,
    /// By ARN.
    pub executions: HashMap<String, ExecutionEntry>,
    /// Published versions per machine ARN, oldest first.
    pub versions: HashMap<String, Vec<PublishedVersion>>,
    /// The last version number given per machine (numbers are never reused).
    pub version_counter: HashMap<String, u32>,
    /// Aliases by ARN.
    pub aliases: HashMap<String, Alias>,
    /// Execution ARNs per machine ARN, oldest first (ListExecutions pages newest first).
    pub executions_of: HashMap<String, Vec<String>>,
    /// By ARN; `activity_order` lists them by creation.
    pub activities: HashMap<String, Activity>,
    /// See `activities`.
    pub activity_order: Vec<String>,
    /// Tags of machines and activities, by ARN.
    pub tags: HashMap<String, Tags>,
}
