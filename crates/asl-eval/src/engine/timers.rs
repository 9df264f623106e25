//! Virtual time for one execution: a discrete-event scheduler over the branches and
//! iterations that run concurrently in it.
//!
//! On AWS every Parallel branch and Map iteration runs at once, and a wait or retry
//! backoff in one holds back none of its siblings. On the virtual clock a sleep therefore
//! may not complete at once (the sleeping branch would run ahead of its siblings and, on
//! failing, cancel them before they ever started): it parks until nothing else in the
//! execution can progress, then the earliest wake-up time is released. Everything
//! running is thus always at the scheduler's `now`, and history events come out in
//! virtual-time order; sleepers due at the same instant wake together and are polled in
//! branch/iteration index order (the join's order), which breaks ties deterministically.
//!
//! A task handler that takes real time (a local command, a Lambda endpoint) takes no
//! virtual time: while one is in flight no sleeper is released ([`VirtualTimers::busy`]).
//! A callback waiting for its answer is not counted: waiting for a person must not stop
//! virtual time for the other branches.

use crate::clock::Timeline;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

/// The parked sleepers of one execution (shared with its Distributed Map children).
#[derive(Debug, Default)]
pub(crate) struct VirtualTimers {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The latest instant released: where every running branch stands.
    now: Duration,
    seq: u64,
    /// Parked sleepers by (wake-up time, order of parking).
    sleepers: BTreeMap<(Duration, u64), Option<Waker>>,
    /// Task invocations in flight that take no virtual time.
    busy: usize,
}

impl VirtualTimers {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The latest released instant: a branch or iteration started now starts there.
    pub fn now(&self) -> Duration {
        self.lock().now
    }

    /// Lets `duration` pass on `timeline`; completes when the scheduler reaches its end.
    /// `offset` is where the timeline's zero lies on the scheduler's (a Distributed Map
    /// child's timeline starts when the Map state started).
    pub fn sleep<'t>(
        &'t self,
        timeline: &mut Timeline,
        duration: Duration,
        offset: Duration,
    ) -> VirtualSleep<'t> {
        timeline.elapsed = timeline.elapsed.saturating_add(duration);
        VirtualSleep { timers: self, wake: offset.saturating_add(timeline.elapsed), key: None }
    }

    /// Marks a task invocation in flight until the guard drops.
    pub fn busy(&self) -> Busy<'_> {
        self.lock().busy += 1;
        Busy(self)
    }

    /// Wakes every sleeper due at the earliest parked instant. False when there is none, or
    /// a task invocation is in flight (its result comes first in virtual time).
    fn release_next(&self) -> bool {
        let mut state = self.lock();
        if state.busy > 0 {
            return false;
        }
        let Some(&(at, _)) = state.sleepers.keys().next() else { return false };
        state.now = state.now.max(at);
        let due: Vec<(Duration, u64)> = state.sleepers.range(..=(at, u64::MAX)).map(|(k, _)| *k).collect();
        let wakers: Vec<Waker> = due.iter().filter_map(|k| state.sleepers.remove(k).flatten()).collect();
        drop(state);
        for w in wakers {
            w.wake();
        }
        true
    }

    /// Runs the execution's future: each time it can go no further, the earliest parked
    /// sleepers are released and it is polled again.
    pub async fn drive<F: Future>(&self, fut: F) -> F::Output {
        let mut fut = std::pin::pin!(fut);
        std::future::poll_fn(|cx| loop {
            let signal = Arc::new(Signal { woken: AtomicBool::new(false), inner: cx.waker().clone() });
            let waker = Waker::from(signal.clone());
            if let Poll::Ready(v) = fut.as_mut().poll(&mut Context::from_waker(&waker)) {
                return Poll::Ready(v);
            }
            // Something became ready while it was polled (it woke us): let it run first.
            if signal.woken.load(Ordering::Acquire) {
                return Poll::Pending;
            }
            if !self.release_next() {
                return Poll::Pending;
            }
        })
        .await
    }
}

/// Notes that the execution's future was woken, and passes the wake on.
struct Signal {
    woken: AtomicBool,
    inner: Waker,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.inner.wake_by_ref();
    }
}

/// A task invocation in flight (see [`VirtualTimers::busy`]).
pub(crate) struct Busy<'t>(&'t VirtualTimers);

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.lock().busy -= 1;
    }
}

/// A parked sleep; dropping it (a cancelled branch) unparks it.
pub(crate) struct VirtualSleep<'t> {
    timers: &'t VirtualTimers,
    wake: Duration,
    key: Option<(Duration, u64)>,
}

impl Future for VirtualSleep<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.timers.lock();
        match self.key {
            None => {
                // Nothing to wait for: the time is already reached.
                if self.wake <= state.now {
                    return Poll::Ready(());
                }
                state.seq += 1;
                let key = (self.wake, state.seq);
                state.sleepers.insert(key, Some(cx.waker().clone()));
                drop(state);
                self.key = Some(key);
                Poll::Pending
            }
            Some(key) => match state.sleepers.get_mut(&key) {
                Some(waker) => {
                    *waker = Some(cx.waker().clone());
                    Poll::Pending
                }
                None => {
                    drop(state);
                    self.key = None;
                    self.wake = Duration::MAX;
                    Poll::Ready(())
                }
            },
        }
    }
}

impl Drop for VirtualSleep<'_> {
    fn drop(&mut self) {
        if let Some(key) = self.key {
            self.timers.lock().sleepers.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::join;

    fn block<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
    }

    #[test]
    fn sleepers_wake_in_virtual_time_order_and_siblings_run_first() {
        let timers = VirtualTimers::default();
        let log = Mutex::new(Vec::new());
        // Branch i sleeps 3 - i seconds twice; every branch logs when it starts.
        block(timers.drive(join::ordered(
            3,
            3,
            |i| {
                let (timers, log) = (&timers, &log);
                Box::pin(async move {
                    let mut t = Timeline::START;
                    log.lock().unwrap().push((i, t.elapsed.as_secs()));
                    for _ in 0..2 {
                        timers.sleep(&mut t, Duration::from_secs(3 - i as u64), Duration::ZERO).await;
                        log.lock().unwrap().push((i, t.elapsed.as_secs()));
                    }
                })
            },
            |_, ()| false,
        )));
        let log = log.into_inner().unwrap();
        assert_eq!(log[..3], [(0, 0), (1, 0), (2, 0)]);
        let times: Vec<u64> = log.iter().map(|e| e.1).collect();
        let mut sorted = times.clone();
        sorted.sort();
        assert_eq!(times, sorted, "{log:?}");
        // Ties (branch 2 at 2 s, branch 1 at 2 s) go in index order.
        assert_eq!(log[3..], [(2, 1), (1, 2), (2, 2), (0, 3), (1, 4), (0, 6)]);
    }

    #[test]
    fn a_cancelled_sleeper_is_forgotten_and_a_busy_task_holds_time() {
        let timers = VirtualTimers::default();
        let mut t = Timeline::START;
        {
            let mut parked = std::pin::pin!(timers.sleep(&mut t, Duration::from_secs(5), Duration::ZERO));
            let waker = Waker::noop();
            assert!(parked.as_mut().poll(&mut Context::from_waker(waker)).is_pending());
            let _busy = timers.busy();
            assert!(!timers.release_next());
        }
        assert!(timers.lock().sleepers.is_empty());
        assert_eq!(timers.lock().busy, 0);
    }
}
