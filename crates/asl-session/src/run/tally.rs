//! What a big run's canvas shows without its states (issue 14): per state (by pointer) how
//! often it was entered and how its latest execution stands, and the transitions taken.
//! A record read in pages leaves its states out, so a run re-opened after the UI reloads
//! would lose its colours; the tally travels with the record instead. It is the UI's fold
//! of the recorded states (`recordView.ts`), done here: states moved to disk are tallied
//! as they go, the rest when the record is read.

use super::record::RunState;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TallyStatus {
    Running,
    Succeeded,
    Failed,
}

/// One state of the definition, over all its executions in the run.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateTally {
    pub pointer: String,
    /// Times entered: loops, Map iterations and Parallel branches add up.
    pub entered: u64,
    /// How its latest execution stands.
    pub status: TallyStatus,
    /// The latest execution's error, when it failed.
    pub error: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Tally {
    states: Vec<StateTally>,
    at: HashMap<String, usize>,
    /// `from>to`, `^to` (a scope's first state), `from>$` (it ended its scope).
    taken: BTreeSet<String>,
}

impl Tally {
    pub fn add(&mut self, s: &RunState) {
        let Some(pointer) = &s.pointer else { return };
        self.taken.insert(match &s.from {
            None => format!("^{pointer}"),
            Some(from) => format!("{from}>{pointer}"),
        });
        let i = match self.at.get(pointer) {
            Some(&i) => i,
            None => {
                self.at.insert(pointer.clone(), self.states.len());
                self.states.push(StateTally {
                    pointer: pointer.clone(),
                    entered: 0,
                    status: TallyStatus::Running,
                    error: None,
                });
                self.states.len() - 1
            }
        };
        let t = &mut self.states[i];
        t.entered += 1;
        (t.status, t.error) = match (&s.error, &s.record.output) {
            (Some(error), _) => (TallyStatus::Failed, Some(error.clone())),
            (None, Some(output)) if !output.is_null() => {
                if s.ends {
                    self.taken.insert(format!("{pointer}>$"));
                }
                (TallyStatus::Succeeded, None)
            }
            _ => (TallyStatus::Running, None),
        };
    }

    /// The tally with `more` states added after it (the ones still in memory).
    pub fn with<'a>(&self, more: impl IntoIterator<Item = &'a RunState>) -> (Vec<StateTally>, Vec<String>) {
        let mut all = self.clone();
        for s in more {
            all.add(s);
        }
        (all.states, all.taken.into_iter().collect())
    }
}
