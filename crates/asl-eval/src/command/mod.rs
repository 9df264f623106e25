//! Local commands as task handlers: a Task is mapped (by state name or resource ARN, in a
//! run configuration next to the machine, never in the ASL) to a program that gets the
//! task's input as JSON on stdin and prints its result as JSON on stdout.
//!
//! Running a command needs explicit consent ([`CommandConsent::Allowed`], given by the user
//! for that file); without it a mapped Task ends the execution with a message saying so.
//!
//! Failures as a task reports them (Retry and Catch see them):
//! - non-zero exit: `States.TaskFailed`, the cause is the command's stderr (or its status);
//! - stdout not JSON: `States.TaskFailed`, the cause says so and quotes the start of it;
//! - still running at the state's TimeoutSeconds (or [`DEFAULT_COMMAND_TIMEOUT`]): killed
//!   (with its process group), `States.Timeout`;
//! - more than [`COMMAND_OUTPUT_LIMIT`] bytes on stdout: killed, `States.DataLimitExceeded`.
//!
//! Commands run in real time on a thread of their own, whatever the execution's clock.
//! Each runs in a process group of its own, which [`RunningCommands::stop`] kills with
//! everything the command started (the app's Stop; the CLI never stops one early).

mod process;
mod running;

pub use process::run_command;
pub use running::RunningCommands;

use crate::handler::{TaskFailure, TaskFuture, TaskHandler, TaskRequest};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// A task result may have 256 KiB, as on AWS.
pub const COMMAND_OUTPUT_LIMIT: usize = 256 * 1024;
/// How long a command may run when its state sets no TimeoutSeconds.
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// One program to run: `program args...`, optionally in `dir`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalCommand {
    /// The program, found on PATH like a shell would.
    pub program: String,
    /// Its arguments, passed as they are (no shell).
    pub args: Vec<String>,
    /// The working directory (the run configuration's folder by default).
    pub dir: Option<PathBuf>,
    /// Overrides [`DEFAULT_COMMAND_TIMEOUT`] when the state has no TimeoutSeconds.
    pub timeout: Option<Duration>,
}

impl LocalCommand {
    /// `program args...`, in the current directory, with the default timeout.
    pub fn new(
        program: impl Into<String>,
        args: impl IntoIterator<Item = impl Into<String>>,
    ) -> LocalCommand {
        LocalCommand {
            program: program.into(),
            args: args.into_iter().map(Into::into).collect(),
            dir: None,
            timeout: None,
        }
    }
}

/// Which Tasks run which command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandConfig {
    commands: HashMap<String, LocalCommand>,
}

impl CommandConfig {
    /// Maps a state name or a resource ARN to a command (a state name wins over a resource).
    pub fn insert(&mut self, key: impl Into<String>, command: LocalCommand) -> &mut Self {
        self.commands.insert(key.into(), command);
        self
    }

    /// Reads `{"commands": {"<state or resource>": {"command": ["prog", "arg", ...],
    /// "dir": "...", "timeoutSeconds": 10}}}`; relative `dir`s are taken from `base`.
    pub fn from_value(value: &Value, base: Option<&std::path::Path>) -> Result<CommandConfig, String> {
        let commands = value
            .get("commands")
            .and_then(Value::as_object)
            .ok_or("a run configuration needs a \"commands\" object")?;
        let mut config = CommandConfig::default();
        for (key, entry) in commands {
            let argv: Vec<String> = match entry.get("command") {
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("commands.{key}.command must be an array of strings"))?,
                _ => return Err(format!("commands.{key} needs \"command\": [\"program\", \"arg\", ...]")),
            };
            let Some((program, args)) = argv.split_first() else {
                return Err(format!("commands.{key}.command is empty"));
            };
            let mut command = LocalCommand::new(program.clone(), args.iter().cloned());
            if let Some(dir) = entry.get("dir") {
                let dir = dir.as_str().ok_or_else(|| format!("commands.{key}.dir must be a string"))?;
                command.dir = Some(base.map(|b| b.join(dir)).unwrap_or_else(|| dir.into()));
            } else {
                command.dir = base.map(PathBuf::from);
            }
            if let Some(t) = entry.get("timeoutSeconds") {
                let t = t
                    .as_f64()
                    .filter(|t| *t > 0.0 && *t < 1e9)
                    .ok_or_else(|| format!("commands.{key}.timeoutSeconds must be a positive number"))?;
                command.timeout = Some(Duration::from_secs_f64(t));
            }
            config.insert(key.clone(), command);
        }
        Ok(config)
    }

    /// The command mapped to a state name or resource ARN.
    pub fn get(&self, key: &str) -> Option<&LocalCommand> {
        self.commands.get(key)
    }

    /// The state names and resources mapped, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.commands.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    fn find(&self, request: &TaskRequest<'_>) -> Option<&LocalCommand> {
        self.commands.get(request.state_name).or_else(|| self.commands.get(request.resource))
    }
}

/// Whether the user allowed the commands of this file to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandConsent {
    /// A mapped Task fails, saying how to allow commands.
    Denied,
    /// Mapped Tasks run their commands.
    Allowed,
}

impl From<bool> for CommandConsent {
    /// `--allow-commands`, or the app's per-file consent.
    fn from(allowed: bool) -> Self {
        if allowed {
            CommandConsent::Allowed
        } else {
            CommandConsent::Denied
        }
    }
}

/// A [`TaskHandler`] running mapped Tasks as local commands; the others go to `inner`.
pub struct CommandHandler<H> {
    config: CommandConfig,
    consent: CommandConsent,
    inner: H,
    default_timeout: Duration,
    output_limit: usize,
    running: RunningCommands,
}

impl<H: TaskHandler> CommandHandler<H> {
    /// The Tasks `config` maps run as commands when `consent` allows; others go to `inner`.
    pub fn new(config: CommandConfig, consent: CommandConsent, inner: H) -> CommandHandler<H> {
        CommandHandler {
            config,
            consent,
            inner,
            default_timeout: DEFAULT_COMMAND_TIMEOUT,
            output_limit: COMMAND_OUTPUT_LIMIT,
            running: RunningCommands::default(),
        }
    }

    /// Registers the commands this handler starts in `running`, so that its owner can
    /// kill them all at once.
    pub fn with_running(mut self, running: RunningCommands) -> Self {
        self.running = running;
        self
    }

    /// The run configuration this handler reads its commands from.
    pub fn config(&self) -> &CommandConfig {
        &self.config
    }

    /// The limit for states without TimeoutSeconds and commands without `timeoutSeconds`.
    pub fn with_default_timeout(mut self, timeout: Duration) -> Self {
        self.default_timeout = timeout;
        self
    }
}

impl<H: TaskHandler> TaskHandler for CommandHandler<H> {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        let Some(command) = self.config.find(&request) else {
            return self.inner.invoke(request);
        };
        if self.consent != CommandConsent::Allowed {
            let message = format!(
                "the Task state '{}' is mapped to the local command '{}', but running local commands was not allowed for this file (asl run --allow-commands, or allow it in the app)",
                request.state_name, command.program
            );
            return Box::pin(std::future::ready(Err(TaskFailure::Unhandled(message))));
        }
        let command = command.clone();
        let timeout = request.timeout.or(command.timeout).unwrap_or(self.default_timeout);
        let input = request.input.to_string().into_bytes();
        let limit = self.output_limit;
        let running = self.running.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new().name(format!("asl-command-{}", request.state_name)).spawn(
            move || {
                let _ = tx.send(run_command(&command, input, timeout, limit, &running));
            },
        );
        Box::pin(async move {
            if let Err(e) = spawned {
                return Err(TaskFailure::Unhandled(format!(
                    "cannot start a thread for the local command: {e}"
                )));
            }
            rx.await.unwrap_or_else(|_| {
                Err(TaskFailure::Unhandled("the local command's thread ended without a result".into()))
            })
        })
    }
}
