//! The executions of this app session: start, command, inspect. Runs are numbered from 1
//! and kept until the app closes (the execution list re-opens any of them).

use super::config::{BreakpointSpec, CallbackOutcome, DebugCommand, RunConfig};
use super::driver::{self, Launch, Slot};
use super::event::{CallbackAnswer, Paused, RunEvent};
use super::record::{RunRecord, RunSummary};
use super::rerun;
use super::spool::SpillTo;
use super::RunError;
use crate::Session;
use asl_check::{check, Severity};
use asl_eval::debug::Command;
use asl_model::Document;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub type RunId = u64;

pub struct Runs {
    runs: Mutex<BTreeMap<RunId, Arc<Slot>>>,
    next: AtomicU64,
    /// Where big runs keep their states and history (spool.rs).
    spill: Mutex<SpillTo>,
    /// Entered/exited events carry each state's values (see [`Runs::without_event_values`]).
    event_values: bool,
}

/// Items a run keeps in memory per spool, between one and two chunks. A state record in
/// memory (input, output, stages: maps of their own) costs a few KB: at 16,384 a loop held
/// 170 MB, at 2,048 about 40 MB, and pages read back from disk as fast.
const SPILL_CHUNK: usize = 2_048;

impl Default for Runs {
    /// Big runs spill to a folder of the system's temporary directory.
    fn default() -> Self {
        Runs::spilling_to(std::env::temp_dir().join(format!("asl-studio-runs-{}", std::process::id())))
    }
}

impl Runs {
    /// Runs whose big records go to `dir` (the app's data folder), emptied first of what
    /// an earlier app session left there.
    pub fn spilling_to(dir: PathBuf) -> Runs {
        super::spool::clear_stale(&dir);
        let spill = Mutex::new(SpillTo { dir, chunk: SPILL_CHUNK });
        Runs { runs: Mutex::default(), next: AtomicU64::new(0), spill, event_values: true }
    }

    /// Runs started from now on spill to `dir` (the app knows its data folder only once
    /// it has started), emptied first of what an earlier app session left there.
    pub fn set_spill_dir(&self, dir: PathBuf) {
        super::spool::clear_stale(&dir);
        self.spill.lock().unwrap_or_else(|e| e.into_inner()).dir = dir;
    }

    /// Runs whose entered/exited events carry no state values: the app's page folds them
    /// into colours and transitions and reads values from the record, so the debugger
    /// does not copy every state's input, output and stages for nothing (a 1,000,000-
    /// transition run sent some 2 GB of JSON over IPC).
    pub fn without_event_values(mut self) -> Runs {
        self.event_values = false;
        self
    }

    pub(super) fn event_values(&self) -> bool {
        self.event_values
    }

    /// Spill after `chunk` items instead (tests make small runs spill).
    #[doc(hidden)]
    pub fn with_spill_chunk(self, chunk: usize) -> Runs {
        self.spill.lock().unwrap_or_else(|e| e.into_inner()).chunk = chunk.max(1);
        self
    }

    /// Starts a run of the session's current text (unsaved edits included; nothing is
    /// written). `on_event` gets every event of the run, in order, on a thread of the run.
    /// With `config.rerun_from` the run begins at that state of an earlier run (see
    /// [`RerunFrom`](super::RerunFrom)).
    pub fn start(
        &self,
        session: &Session,
        mut config: RunConfig,
        on_event: impl Fn(RunEvent) + Send + 'static,
    ) -> Result<RunSummary, RunError> {
        let doc = runnable(session)?;
        let start_at = match &config.rerun_from {
            Some(from) => {
                let resolved = rerun::resolve(from, &*self.slot(from.run)?, doc.machine())?;
                config.input = resolved.input;
                Some(resolved.start_at)
            }
            None => None,
        };
        let id = self.next_id();
        let launch = Launch {
            id,
            doc,
            path: session.setup_path().map(std::path::Path::to_path_buf),
            title: session.title(),
            config,
            start_at,
            spill: self.spill_to(),
            event_values: self.event_values,
        };
        let (slot, summary) = driver::start(launch, Box::new(on_event))?;
        self.insert(id, slot);
        Ok(summary)
    }

    pub(super) fn next_id(&self) -> RunId {
        self.next.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub(super) fn spill_to(&self) -> SpillTo {
        self.spill.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub(super) fn insert(&self, id: RunId, slot: Arc<Slot>) {
        self.lock().insert(id, slot);
    }

    /// A debugger command. Stop always applies (also to a finished run: nothing to do);
    /// the others say when they do not apply now (Continue while running, ...).
    pub fn command(&self, id: RunId, command: DebugCommand) -> Result<(), RunError> {
        let slot = self.slot(id)?;
        let Some(engine) = command.to_engine() else {
            match command {
                DebugCommand::SkipWait => slot.signals.skip_waits(),
                _ => self.stop(id)?,
            }
            return Ok(());
        };
        if slot.live().summary.status.is_finished() {
            return Err(RunError::Finished(id));
        }
        // The debugger's pause is the status's one truth: nothing to update here.
        if !slot.session.command(engine) {
            return Err(RunError::NotApplied { run: id, command: command.name() });
        }
        Ok(())
    }

    /// Replaces the run's breakpoints (they apply from the next point on); pointers
    /// resolve in the text the run executes, and those naming no state of it are left out.
    pub fn set_breakpoints(&self, id: RunId, breakpoints: &[BreakpointSpec]) -> Result<(), RunError> {
        let slot = self.slot(id)?;
        let machine = slot.doc.machine();
        slot.session.set_breakpoints(breakpoints.iter().filter_map(|b| b.to_breakpoint(machine)).collect());
        Ok(())
    }

    /// At a pause: replaces the pending input (before entering; the output after exit)
    /// and/or the variables. Answers the pending point as it now is.
    pub fn edit(
        &self,
        id: RunId,
        input: Option<Value>,
        variables: Option<Map<String, Value>>,
    ) -> Result<Paused, RunError> {
        let slot = self.slot(id)?;
        if slot.session.paused().is_none() {
            return Err(RunError::NotPaused(id));
        }
        let applied = input.is_none_or(|v| slot.session.set_input(v))
            && variables.is_none_or(|v| slot.session.set_variables(v));
        let paused = slot.session.paused().ok_or(RunError::NotPaused(id))?;
        if !applied {
            return Err(RunError::NotApplied { run: id, command: "edit" });
        }
        Ok(paused)
    }

    /// Answers a waiting callback: SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat.
    pub fn send_callback(&self, id: RunId, token: &str, outcome: CallbackOutcome) -> Result<(), RunError> {
        let slot = self.slot(id)?;
        if !slot.callbacks.pending().iter().any(|t| t.token == token) {
            return Err(asl_eval::CallbackError::TaskDoesNotExist(token.to_owned()).into());
        }
        // Told before the answer wakes the task, so it precedes what the task does next.
        let kind = match &outcome {
            CallbackOutcome::Success { .. } => CallbackAnswer::Success,
            CallbackOutcome::Failure { .. } => CallbackAnswer::Failure,
            CallbackOutcome::Heartbeat => CallbackAnswer::Heartbeat,
        };
        slot.answered(token, kind);
        match outcome {
            CallbackOutcome::Success { output } => slot.callbacks.send_task_success(token, output)?,
            CallbackOutcome::Failure { error, cause } => {
                slot.callbacks.send_task_failure(token, &error, &cause)?
            }
            CallbackOutcome::Heartbeat => slot.callbacks.send_task_heartbeat(token)?,
        }
        Ok(())
    }

    /// Stops the run: ABORTED, also while a callback waits or a local command hangs (it
    /// is killed). Returns at once; the `finished` event follows.
    pub fn stop(&self, id: RunId) -> Result<(), RunError> {
        let slot = self.slot(id)?;
        stop_slot(&slot);
        Ok(())
    }

    /// Every run of this app session, oldest first.
    pub fn list(&self) -> Vec<RunSummary> {
        self.lock().values().map(|s| s.summary()).collect()
    }

    /// The run's record (the live one while it runs); a big run's without its states and
    /// history, which [`Runs::history_page`] and [`Runs::state_executions`] read.
    pub fn get(&self, id: RunId) -> Result<RunRecord, RunError> {
        Ok(self.slot(id)?.record())
    }

    /// Waits until the run finished, at most `timeout`; answers its summary then.
    pub fn wait(&self, id: RunId, timeout: Duration) -> Result<RunSummary, RunError> {
        Ok(self.slot(id)?.wait(timeout))
    }

    pub(super) fn slot(&self, id: RunId) -> Result<Arc<Slot>, RunError> {
        self.lock().get(&id).cloned().ok_or(RunError::NoSuchRun(id))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<RunId, Arc<Slot>>> {
        self.runs.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn stop_slot(slot: &Slot) {
    if slot.live().summary.status.is_finished() {
        return;
    }
    // The debugger first: the signal ends a wait in progress, and a state that then exits
    // must meet the Stop at its exit (the other way round a stopped wait could complete
    // the run: SUCCEEDED where AWS says ABORTED).
    slot.session.command(Command::Stop);
    slot.signals.stop();
}

impl Drop for Runs {
    /// Local commands run in process groups of their own: stop them with the app.
    fn drop(&mut self) {
        for slot in self.lock().values() {
            stop_slot(slot);
        }
        // The runs' spill files go with them; their folder too when nothing else is in it.
        self.lock().clear();
        let _ = std::fs::remove_dir(&self.spill.lock().unwrap_or_else(|e| e.into_inner()).dir);
    }
}

/// The session's current text as a document that can run: it parses and has no errors.
pub(crate) fn runnable(session: &Session) -> Result<Document, RunError> {
    // An IaC machine runs with its template's substitutions resolved.
    let doc = Document::parse(session.run_text(), session.format()).map_err(|e| {
        RunError::Invalid(format!("{}:{}: {}", e.position.line, e.position.column, e.message))
    })?;
    if let Some(d) = check(&doc).into_iter().find(|d| d.severity == Severity::Error) {
        let p = doc.position(d.span.start);
        return Err(RunError::Invalid(format!("{}:{}: error[{}]: {}", p.line, p.column, d.code, d.message)));
    }
    Ok(doc)
}
