//! A run's states and history kept once (issue 14). The engine hands each state record to
//! [`LiveSink`] as the state finishes (`asl_eval::Options::sink`, in entry order) instead
//! of keeping its own copy until the end; the sink merges it into the live record, whose
//! hook already holds the history events. Before, both copies lived for the whole run.

use super::driver::{Live, Slot};
use super::paths::in_child_execution;
use super::record::RunState;
use asl_eval::history::HistoryEvent;
use asl_eval::{RecordSink, StateRecord};
use asl_model::model::StateMachine;
use std::sync::Arc;

pub(crate) struct LiveSink {
    pub slot: Arc<Slot>,
}

impl RecordSink for LiveSink {
    fn state(&self, record: StateRecord) {
        let machine = self.slot.doc.machine();
        self.slot.live().merge_record(record, machine);
    }

    /// The live hook records every event (`LiveHook::history_event`).
    fn history_event(&self, _event: &HistoryEvent) {}
}

impl Live {
    /// The engine's record of the next state (entry order) replaces the live one it
    /// describes, keeping what only the live one knew (failures, transitions, times).
    /// States of a Distributed Map's children have no engine record: they are passed.
    fn merge_record(&mut self, record: StateRecord, machine: &StateMachine) {
        // Merged states may be on disk; the ones still to merge never are.
        let base = self.states.spilled();
        let states = self.states.tail_mut();
        let mut at = self.merged - base;
        while at < states.len()
            && states[at].record.path != record.path
            && in_child_execution(machine, &states[at].record.path)
        {
            at += 1;
        }
        match states.get_mut(at) {
            // The engine's record, with the live extras kept.
            Some(seen) if seen.record.path == record.path => seen.record = record,
            // A live state the engine did not record (it never does) gives way, as the
            // merge at the end did.
            Some(other) => *other = RunState::new(record, machine),
            None => states.push(RunState::new(record, machine)),
        }
        self.merged = base + at + 1;
        // What is merged is final: past a threshold it goes to disk, tallied and keyed.
        let Live { states, spilled, spill, merged, .. } = self;
        states.spill(*merged, spill, |s| spilled.add(s));
    }

    /// At the end: what follows the last merged record stays only if it is a child
    /// execution's (the engine's records are all merged by now).
    pub(crate) fn end_merge(&mut self, machine: &StateMachine) {
        let base = self.states.spilled();
        let states = self.states.tail_mut();
        let tail = states.split_off((self.merged - base).min(states.len()));
        states.extend(tail.into_iter().filter(|s| in_child_execution(machine, &s.record.path)));
    }
}
