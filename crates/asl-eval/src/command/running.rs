//! The local commands running now, so that the app's Stop can end them all.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};

/// The local commands running now (their process groups), shared by the threads that run
/// them and whoever may have to end them all: the app's Stop.
///
/// Invariant: a command is listed from just after it started until it is reaped, and it
/// is reaped only under the lock, so [`RunningCommands::stop`] never signals a process id
/// that may already belong to another process. Once stopped, a command that starts
/// afterwards (its thread was past the consent check as Stop came) is killed at once.
#[derive(Clone, Debug, Default)]
pub struct RunningCommands(Arc<Mutex<Running>>);

#[derive(Debug, Default)]
struct Running {
    /// Process ids of the commands, each the leader of its own process group.
    groups: Vec<u32>,
    stopped: bool,
}

impl RunningCommands {
    /// Kills every command running now and every one started from now on, each with its
    /// process group.
    pub fn stop(&self) {
        let mut running = self.lock();
        running.stopped = true;
        for group in &running.groups {
            kill_group(*group);
        }
    }

    /// True once [`RunningCommands::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.lock().stopped
    }

    fn lock(&self) -> MutexGuard<'_, Running> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn started(&self, child: &mut Child) {
        let mut running = self.lock();
        if running.stopped {
            kill_group(child.id());
            let _ = child.kill();
        }
        running.groups.push(child.id());
    }

    /// `child.try_wait()`, forgetting the command once it has ended.
    pub(super) fn try_wait(&self, child: &mut Child) -> std::io::Result<Option<std::process::ExitStatus>> {
        let mut running = self.lock();
        let status = child.try_wait();
        if !matches!(status, Ok(None)) {
            running.groups.retain(|g| *g != child.id());
        }
        status
    }

    /// Kills the command and its process group (what a shell started), and reaps it.
    pub(super) fn kill(&self, child: &mut Child) {
        let mut running = self.lock();
        kill_group(child.id());
        let _ = child.kill();
        let _ = child.wait();
        running.groups.retain(|g| *g != child.id());
    }
}

/// Kills the process group led by `leader` (Unix; elsewhere the command's own kill and
/// its timeout are all there is).
fn kill_group(leader: u32) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{leader}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    #[cfg(not(unix))]
    let _ = leader;
}
