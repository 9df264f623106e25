//! "Re-run from this state": a new run that begins at a state of an earlier run, with the
//! input that state received and the variables it saw there, instead of at `StartAt`.
//!
//! A state inside a Parallel or Map cannot begin an execution by itself (its branch or
//! iteration exists only within its container's run), so the re-run begins at its
//! outermost container — the top-level state its path starts with — with the input that
//! container's execution received.

use super::driver::Slot;
use super::RunError;
use asl_eval::StartAt;
use asl_model::model::StateMachine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A state's execution in an earlier run of this session, as the inspector names it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RerunFrom {
    pub run: u64,
    /// The state's JSON pointer in the text that ran (`/States/P/Branches/1/States/A`).
    pub pointer: String,
    /// Which of its executions (from 0, in the order entered; every branch and iteration
    /// counts): a state in a loop or a Map runs more than once.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<usize>", optional))]
    pub execution: usize,
}

/// Where a re-run begins, and its execution input.
#[derive(Debug, PartialEq)]
pub(crate) struct Resolved {
    pub input: Value,
    pub start_at: StartAt,
}

/// Finds the execution `from` names in `slot`'s run, and its top-level container's input
/// and variables; `machine` (the document about to run) must still have that state.
pub(crate) fn resolve(from: &RerunFrom, slot: &Slot, machine: &StateMachine) -> Result<Resolved, RunError> {
    let live = slot.live();
    let missing = || {
        RunError::Config(format!(
            "run {} has no execution {} of the state at {}",
            from.run,
            from.execution + 1,
            from.pointer
        ))
    };
    let target = live
        .find_states(|pointer, _| pointer == Some(from.pointer.as_str()))
        .get(from.execution)
        .copied()
        .ok_or_else(missing)?;
    let path = live.states.get(target).ok_or_else(missing)?.record.path;
    let top = path.split('/').next().unwrap_or(&path).to_owned();
    if machine.state(&top).is_none() {
        return Err(RunError::Config(format!("the machine has no top-level state {top} any more")));
    }
    // The container's execution holding the target is its latest one entered up to it.
    let containers: Vec<usize> =
        live.find_states(|_, path| path == top).into_iter().filter(|&i| i <= target).collect();
    let nth = containers.len().checked_sub(1).ok_or_else(missing)?;
    let container = live.states.get(containers[nth]).ok_or_else(missing)?;
    let variables = live
        .entered
        .iter()
        .filter(|e| *e.path == *top)
        .nth(nth)
        .map(|e| (*e.variables).clone())
        .ok_or_else(missing)?;
    Ok(Resolved { input: container.record.input, start_at: StartAt { state: top, variables } })
}
