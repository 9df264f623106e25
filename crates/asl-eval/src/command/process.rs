//! Running one local command: input on stdin, a JSON result on stdout, the failures as a
//! task reports them (see the parent module).

use super::{LocalCommand, RunningCommands};
use crate::handler::TaskFailure;
use crate::RuntimeError;
use serde_json::Value;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How much of stderr is kept for the cause.
const STDERR_LIMIT: usize = 32 * 1024;

fn task_error(error: &str, cause: String) -> TaskFailure {
    TaskFailure::Error(RuntimeError::new(error, cause))
}

/// Runs `command` to its end (or kills it), on the calling thread, registered in `running`
/// while it runs.
pub fn run_command(
    command: &LocalCommand,
    input: Vec<u8>,
    timeout: Duration,
    limit: usize,
    running: &RunningCommands,
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
    running.started(&mut child);
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
        match running.try_wait(&mut child) {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(e) => {
                running.kill(&mut child);
                return Err(TaskFailure::Unhandled(format!(
                    "cannot wait for the local command '{name}': {e}"
                )));
            }
        }
        if overflow.load(Ordering::Relaxed) {
            running.kill(&mut child);
            return Err(task_error(
                "States.DataLimitExceeded",
                format!("The local command '{name}' wrote more than {limit} bytes on stdout, the limit of a task result; it was stopped."),
            ));
        }
        if Instant::now() >= deadline {
            running.kill(&mut child);
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
