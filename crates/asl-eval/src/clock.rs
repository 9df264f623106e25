//! Time for executions. Waits, retry backoffs and timeouts go through a [`Clock`], so the
//! CLI and tests run on a virtual clock (everything completes at once while timestamps
//! advance as if the time had passed) and the app can choose the real one.
//!
//! Concurrent branches each keep their own [`Timeline`]: on the virtual clock a wait in one
//! Parallel branch must not delay the timestamps of its sibling, and when branches join
//! the parent continues from the latest of them.

use chrono::{DateTime, Utc};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// Where one sequence of states (the execution, a branch, an iteration) stands in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timeline {
    /// Virtual time that has passed since the execution started.
    pub elapsed: Duration,
}

impl Timeline {
    /// Where every execution begins: no time has passed.
    pub const START: Timeline = Timeline { elapsed: Duration::ZERO };
}

/// A clock's wait, ended when the time has passed on its timeline.
pub type Sleep<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// What time it is and how waiting works: virtual (waits end at once, timestamps move
/// on) or real. The engine asks it for every timestamp, Wait state and retry backoff.
pub trait Clock: Send + Sync {
    /// The wall-clock time on `timeline`, for an execution that started at `start`.
    fn now(&self, start: DateTime<Utc>, timeline: &Timeline) -> DateTime<Utc>;

    /// Lets `duration` pass on `timeline`.
    fn sleep<'a>(&'a self, timeline: &'a mut Timeline, duration: Duration) -> Sleep<'a>;

    /// True when sleeps complete at once (the engine then needs no timer driver).
    fn is_virtual(&self) -> bool;
}

/// Waits complete at once; timestamps advance by the time waited.
#[derive(Clone, Copy, Debug, Default)]
pub struct VirtualClock;

impl Clock for VirtualClock {
    fn now(&self, start: DateTime<Utc>, timeline: &Timeline) -> DateTime<Utc> {
        start + chrono::Duration::from_std(timeline.elapsed).unwrap_or(chrono::Duration::MAX)
    }

    fn sleep<'a>(&'a self, timeline: &'a mut Timeline, duration: Duration) -> Sleep<'a> {
        timeline.elapsed = timeline.elapsed.saturating_add(duration);
        Box::pin(std::future::ready(()))
    }

    fn is_virtual(&self) -> bool {
        true
    }
}

/// Really waits (on tokio's timer); timestamps are the system time.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealClock;

impl Clock for RealClock {
    fn now(&self, _start: DateTime<Utc>, _timeline: &Timeline) -> DateTime<Utc> {
        DateTime::<Utc>::from(std::time::SystemTime::now())
    }

    fn sleep<'a>(&'a self, timeline: &'a mut Timeline, duration: Duration) -> Sleep<'a> {
        timeline.elapsed = timeline.elapsed.saturating_add(duration);
        Box::pin(tokio::time::sleep(duration))
    }

    fn is_virtual(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_sleep_advances_only_its_timeline() {
        let clock = VirtualClock;
        let start = DateTime::<Utc>::from(std::time::SystemTime::now());
        let (mut a, b) = (Timeline::START, Timeline::START);
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(clock.sleep(&mut a, Duration::from_secs(3600)));
        assert_eq!(clock.now(start, &a) - start, chrono::Duration::hours(1));
        assert_eq!(clock.now(start, &b), start);
    }
}
