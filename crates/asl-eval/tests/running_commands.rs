//! Stopping local commands (the app's Stop): a command is killed with everything it
//! started, and one that starts after Stop never gets to run.
#![cfg(unix)]

use asl_eval::command::{run_command, COMMAND_OUTPUT_LIMIT};
use asl_eval::{LocalCommand, RunningCommands, TaskFailure};
use std::path::Path;
use std::time::{Duration, Instant};

fn alive(pid: &str) -> bool {
    std::process::Command::new("kill")
        .args(["-0", pid])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(10), "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn stop_kills_a_running_command_and_what_it_started() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    // The shell starts a grandchild and waits for it: killing the shell alone would leave it.
    let script = format!("sleep 60 & echo $! > '{}'; wait", pid_file.display());
    let command = LocalCommand::new("sh", ["-c", script.as_str()]);
    let running = RunningCommands::default();
    let ran = {
        let running = running.clone();
        std::thread::spawn(move || {
            run_command(&command, b"{}".to_vec(), Duration::from_secs(60), COMMAND_OUTPUT_LIMIT, &running)
        })
    };
    wait_for("the command did not start", || pid_file_holds_a_pid(&pid_file));
    let grandchild = std::fs::read_to_string(&pid_file).unwrap().trim().to_owned();
    let stopped = Instant::now();
    running.stop();
    let result = ran.join().unwrap();
    assert!(stopped.elapsed() < Duration::from_secs(10), "the command ran on after Stop");
    assert!(matches!(result, Err(TaskFailure::Error(e)) if e.error == "States.TaskFailed"));
    wait_for("the command's own child still runs", || !alive(&grandchild));
}

#[test]
fn a_command_started_after_stop_is_killed_at_once() {
    let running = RunningCommands::default();
    running.stop();
    assert!(running.is_stopped());
    let started = Instant::now();
    let command = LocalCommand::new("sleep", ["60"]);
    let result = run_command(&command, Vec::new(), Duration::from_secs(60), COMMAND_OUTPUT_LIMIT, &running);
    assert!(started.elapsed() < Duration::from_secs(10), "it ran");
    assert!(result.is_err());
}

fn pid_file_holds_a_pid(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.trim().parse::<u32>().is_ok())
}
