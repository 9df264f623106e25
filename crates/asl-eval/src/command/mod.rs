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

use crate::handler::{TaskFailure, TaskFuture, TaskHandler, TaskRequest};
use crate::RuntimeError;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// A task result may have 256 KiB, as on AWS.
pub const COMMAND_OUTPUT_LIMIT: usize = 256 * 1024;
/// How long a command may run when its state sets no TimeoutSeconds.
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// How much of stderr is kept for the cause.
const STDERR_LIMIT: usize = 32 * 1024;

/// One program to run: `program args...`, optionally in `dir`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalCommand {
    pub program: String,
    pub args: Vec<String>,
    pub dir: Option<PathBuf>,
    /// Overrides [`DEFAULT_COMMAND_TIMEOUT`] when the state has no TimeoutSeconds.
    pub timeout: Option<Duration>,
}

impl LocalCommand {
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

    fn find(&self, request: &TaskRequest<'_>) -> Option<&LocalCommand> {
        self.commands.get(request.state_name).or_else(|| self.commands.get(request.resource))
    }
}

/// Whether the user allowed the commands of this file to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandConsent {
    Denied,
    Allowed,
}

/// A [`TaskHandler`] running mapped Tasks as local commands; the others go to `inner`.
pub struct CommandHandler<H> {
    config: CommandConfig,
    consent: CommandConsent,
    inner: H,
    default_timeout: Duration,
    output_limit: usize,
}

impl<H: TaskHandler> CommandHandler<H> {
    pub fn new(config: CommandConfig, consent: CommandConsent, inner: H) -> CommandHandler<H> {
        CommandHandler {
            config,
            consent,
            inner,
            default_timeout: DEFAULT_COMMAND_TIMEOUT,
            output_limit: COMMAND_OUTPUT_LIMIT,
        }
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
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new().name(format!("asl-command-{}", request.state_name)).spawn(
            move || {
                let _ = tx.send(run_command(&command, input, timeout, limit));
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

fn task_error(error: &str, cause: String) -> TaskFailure {
    TaskFailure::Error(RuntimeError::new(error, cause))
}

/// Runs `command` to its end (or kills it), on the calling thread.
pub fn run_command(
    command: &LocalCommand,
    input: Vec<u8>,
    timeout: Duration,
    limit: usize,
) -> Result<Value, TaskFailure> {
    let name = &command.program;
    let mut cmd = Command::new(name);
    cmd.args(&command.args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(dir) = &command.dir {
        cmd.current_dir(dir);
    }
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd
        .spawn()
        .map_err(|e| TaskFailure::Unhandled(format!("cannot run the local command '{name}': {e}")))?;
    let (mut stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&input);
        }
    });
    let overflow = Arc::new(AtomicBool::new(false));
    let (out_tx, out_rx) = mpsc::channel();
    {
        let overflow = overflow.clone();
        std::thread::spawn(move || {
            let _ = out_tx.send(read_capped(stdout, limit, Some(&overflow)));
        });
    }
    let (err_tx, err_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = err_tx.send(read_capped(stderr, STDERR_LIMIT, None));
    });

    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(e) => {
                kill(&mut child);
                return Err(TaskFailure::Unhandled(format!(
                    "cannot wait for the local command '{name}': {e}"
                )));
            }
        }
        if overflow.load(Ordering::Relaxed) {
            kill(&mut child);
            return Err(task_error(
                "States.DataLimitExceeded",
                format!("The local command '{name}' wrote more than {limit} bytes on stdout, the limit of a task result; it was stopped."),
            ));
        }
        if Instant::now() >= deadline {
            kill(&mut child);
            break None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let Some(status) = status else {
        return Err(task_error(
            "States.Timeout",
            format!("The local command '{name}' did not finish within {} s and was stopped.", secs(timeout)),
        ));
    };
    // The pipes close when the process (group) is gone; a descendant that left the group
    // could keep them open, so do not wait for them for long.
    let grace = Duration::from_secs(2);
    let (stdout, overflowed) = out_rx.recv_timeout(grace).unwrap_or_default();
    let (stderr, _) = err_rx.recv_timeout(grace).unwrap_or_default();
    if overflowed {
        return Err(task_error(
            "States.DataLimitExceeded",
            format!("The local command '{name}' wrote more than {limit} bytes on stdout, the limit of a task result."),
        ));
    }
    if !status.success() {
        let stderr = String::from_utf8_lossy(&stderr).trim().to_owned();
        let cause = if stderr.is_empty() {
            format!("The local command '{name}' failed ({status}) and wrote nothing on stderr.")
        } else {
            stderr
        };
        return Err(task_error("States.TaskFailed", cause));
    }
    serde_json::from_slice(&stdout).map_err(|e| {
        let text = String::from_utf8_lossy(&stdout);
        let start: String = text.trim().chars().take(200).collect();
        let cause = if start.is_empty() {
            format!("The local command '{name}' printed nothing on stdout; it must print the task result as JSON.")
        } else {
            format!("The local command '{name}' printed invalid JSON on stdout ({e}): {start}")
        };
        task_error("States.TaskFailed", cause)
    })
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{}", s as u64)
    } else {
        format!("{s}")
    }
}

/// Reads up to `limit` bytes; on more, sets `overflow` (when given) and stops reading.
/// Without `overflow` the rest is read and dropped, so the writer never blocks.
fn read_capped(pipe: Option<impl Read>, limit: usize, overflow: Option<&AtomicBool>) -> (Vec<u8>, bool) {
    let Some(mut pipe) = pipe else { return (Vec::new(), false) };
    let mut kept = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match pipe.read(&mut buf) {
            Ok(0) | Err(_) => return (kept, false),
            Ok(n) => n,
        };
        let room = limit.saturating_sub(kept.len());
        if n > room {
            kept.extend_from_slice(&buf[..room]);
            if let Some(flag) = overflow {
                flag.store(true, Ordering::Relaxed);
                return (kept, true);
            }
        } else {
            kept.extend_from_slice(&buf[..n]);
        }
    }
}

/// Kills the command and, on Unix, its process group (what a shell started).
fn kill(child: &mut Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}
