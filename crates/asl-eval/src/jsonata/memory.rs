//! The memory bound of one JSONata evaluation: [`MEMORY_LIMIT`] bytes held by the
//! evaluating thread, counted by `asl_alloc` (installed by the `asl` binary, the app and
//! the fuzz targets). Crossing it cancels the evaluator through its `CancelToken`, which
//! jsonata-core checks at every node and loop step, and the step fails with
//! `States.QueryEvaluationError` saying so.

use jsonata_core::evaluator::CancelToken;
use std::cell::RefCell;

/// AWS documents no memory limit for JSONata; its payloads are 256 KiB, so a query that
/// holds 256 MiB (a thousand times more) has run away (a nested mapped range, say).
pub(crate) const MEMORY_LIMIT: usize = 256 << 20;

thread_local! {
    /// The token of the evaluation being watched on this thread. Set before the watch is
    /// armed, so the allocator only ever reads an initialised cell.
    static CANCEL: RefCell<Option<CancelToken>> = const { RefCell::new(None) };
}

/// Called by the allocator, inside the allocation that crossed the limit: an atomic
/// store, no allocation.
fn trip() {
    let _ = CANCEL.try_with(|c| {
        if let Ok(token) = c.try_borrow() {
            if let Some(token) = token.as_ref() {
                token.cancel();
            }
        }
    });
}

/// The armed limit of one evaluation; dropping it disarms.
pub(crate) struct Guard {
    watch: Option<asl_alloc::Watch>,
}

pub(crate) fn guard(token: &CancelToken) -> Guard {
    CANCEL.with(|c| *c.borrow_mut() = Some(token.clone()));
    Guard { watch: Some(asl_alloc::watch(MEMORY_LIMIT, trip)) }
}

impl Guard {
    /// Whether the evaluation crossed the limit (its cancellation was ours).
    pub fn tripped(&self) -> bool {
        self.watch.as_ref().is_some_and(asl_alloc::Watch::tripped)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // Disarm before the token goes, so the allocator never sees a half-cleared cell.
        drop(self.watch.take());
        CANCEL.with(|c| *c.borrow_mut() = None);
    }
}

/// The cause's last sentence when the limit stopped an evaluation.
pub(crate) fn exceeded() -> String {
    format!("The evaluation used more than {} MiB of memory.", MEMORY_LIMIT >> 20)
}
