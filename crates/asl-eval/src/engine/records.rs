//! Where per-state records live while their states run: kept for the [`Outcome`]
//! (`crate::Outcome::states`), or handed to a [`RecordSink`] as soon as they are finished.
//!
//! A record is made when its state is entered and completed when it exits, so inside a
//! Parallel or Map the records finish out of entry order. Streaming keeps entry order
//! (the order of `Outcome::states`) by holding the finished records behind the oldest
//! open one: at most what the running branches and iterations have open, not the run.

use crate::history::HistoryEvent;
use crate::record::StateRecord;
use std::collections::VecDeque;
use std::sync::Arc;

/// Receives what an execution records as it is made, instead of the [`Outcome`]
/// (`crate::Outcome`) keeping it: a run's memory then stays flat however long it runs
/// (`asl run --format json` writes them out as they come).
///
/// Calls come in order and one at a time (under the engine's locks), so a sink may write
/// straight to a file; it should not call back into the engine.
pub trait RecordSink: Send + Sync {
    /// A state's record once the state has exited, failed or been cancelled, in the order
    /// `Outcome::states` would have it (entry order). Needs `Options::record_states`.
    fn state(&self, record: StateRecord);
    /// A history event as it is made, in id order. Needs `Options::record_history`.
    fn history_event(&self, event: &HistoryEvent);
}

/// One execution's records: all of them, or (streaming) those not yet handed on.
pub(crate) struct Records {
    /// Entry order; `open[0]` has the sequence number `base`.
    open: VecDeque<Slot>,
    base: usize,
    sink: Option<Arc<dyn RecordSink>>,
}

struct Slot {
    record: StateRecord,
    finished: bool,
}

impl Records {
    pub fn new(sink: Option<Arc<dyn RecordSink>>) -> Records {
        Records { open: VecDeque::new(), base: 0, sink }
    }

    /// Adds the record of a state just entered; returns its sequence number.
    pub fn push(&mut self, record: StateRecord) -> usize {
        self.open.push_back(Slot { record, finished: false });
        self.base + self.open.len() - 1
    }

    /// The record `i`, while it is still held.
    pub fn get(&self, i: usize) -> Option<&StateRecord> {
        self.open.get(i.checked_sub(self.base)?).map(|s| &s.record)
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut StateRecord> {
        self.open.get_mut(i.checked_sub(self.base)?).map(|s| &mut s.record)
    }

    /// The state of record `i` is done with it; streaming hands on every finished record
    /// no open one precedes.
    pub fn finish(&mut self, i: usize) {
        let Some(sink) = &self.sink else { return };
        if let Some(slot) = i.checked_sub(self.base).and_then(|k| self.open.get_mut(k)) {
            slot.finished = true;
        }
        while self.open.front().is_some_and(|s| s.finished) {
            if let Some(slot) = self.open.pop_front() {
                self.base += 1;
                sink.state(slot.record);
            }
        }
    }

    /// At the end of the run: the kept records, or (streaming) none, after handing on
    /// whatever is still held (in order, open or not).
    pub fn take(&mut self) -> Vec<StateRecord> {
        let held = std::mem::take(&mut self.open);
        match &self.sink {
            None => held.into_iter().map(|s| s.record).collect(),
            Some(sink) => {
                self.base += held.len();
                for slot in held {
                    sink.state(slot.record);
                }
                Vec::new()
            }
        }
    }
}

/// Finishes a state's record when the state's run ends, however it ends: returned, failed,
/// or dropped because a sibling branch failed or the execution timed out.
pub(crate) struct Finish<'e> {
    pub records: &'e std::sync::Mutex<Records>,
    pub index: Option<usize>,
}

impl Drop for Finish<'_> {
    fn drop(&mut self) {
        if let Some(i) = self.index {
            self.records.lock().unwrap_or_else(|e| e.into_inner()).finish(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Inspection;
    use serde_json::Value;
    use std::sync::Mutex;

    fn record(name: &str) -> StateRecord {
        StateRecord {
            name: name.into(),
            kind: "Pass",
            path: name.into(),
            input: Value::Null,
            output: None,
            variables: None,
            inspection: Inspection::default(),
        }
    }

    #[derive(Default)]
    struct Names(Mutex<Vec<String>>);

    impl RecordSink for Names {
        fn state(&self, record: StateRecord) {
            self.0.lock().unwrap().push(record.name);
        }
        fn history_event(&self, _: &HistoryEvent) {}
    }

    #[test]
    fn records_finished_out_of_order_come_out_in_entry_order_and_are_not_held_after() {
        let names = Arc::new(Names::default());
        let mut records = Records::new(Some(names.clone()));
        let (p, a, b) = (records.push(record("P")), records.push(record("A")), records.push(record("B")));
        records.finish(b);
        records.finish(a);
        assert!(names.0.lock().unwrap().is_empty(), "P is still open");
        records.get_mut(p).expect("held").output = Some(Value::Bool(true));
        records.finish(p);
        assert_eq!(*names.0.lock().unwrap(), ["P", "A", "B"]);
        assert!(records.get(p).is_none());
        let c = records.push(record("C"));
        assert_eq!(c, 3);
        assert!(records.take().is_empty());
        assert_eq!(*names.0.lock().unwrap(), ["P", "A", "B", "C"]);
    }

    #[test]
    fn without_a_sink_every_record_is_kept() {
        let mut records = Records::new(None);
        let a = records.push(record("A"));
        records.finish(a);
        records.push(record("B"));
        let kept: Vec<_> = records.take().into_iter().map(|r| r.name).collect();
        assert_eq!(kept, ["A", "B"]);
    }
}
