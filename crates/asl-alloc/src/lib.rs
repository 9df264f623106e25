//! Per-thread memory accounting for the engine's resource limits (issue #19).
//!
//! A JSONata expression such as `$count([1..1e6].([1..1e6]))` stays under every limit
//! the evaluator has (sequence length, time) while it allocates gigabytes: jsonata-core
//! checks a mapped path's length only once it is built. The evaluator can be stopped
//! from outside (its `CancelToken`), so what is missing is someone who notices the
//! memory. [`Counting`] wraps the process's allocator and keeps, per thread, the bytes
//! it holds; [`watch`] arms a limit on the current thread, and the allocation that
//! crosses it calls the watcher's `trip` function (which cancels the evaluation).
//!
//! Written by hand: the allocator crates that count (stats_alloc, cap, divan's profiler)
//! keep process-wide totals or abort at a global cap; none offers a per-thread limit
//! with a callback, and a run's evaluation shares the process with the app and with
//! other runs. Everything here is a few thread-local cells.
//!
//! Only binaries that install [`Counting`] as `#[global_allocator]` (the `asl` CLI, the
//! app, the fuzz targets) count; elsewhere a watch never trips.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// The allocator `A`, counting each thread's live bytes.
pub struct Counting<A>(pub A);

thread_local! {
    // Const-initialised cells without destructors: reading them inside the allocator
    // neither allocates nor registers anything, even while the thread is ending.
    /// Bytes allocated minus bytes freed by this thread (a block freed by another
    /// thread than its allocator's lowers that other thread's count).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The count at which the armed watch trips; `isize::MAX` when none is armed.
    static LIMIT: Cell<isize> = const { Cell::new(isize::MAX) };
    /// Called once when the count crosses `LIMIT`.
    static TRIP: Cell<Option<fn()>> = const { Cell::new(None) };
    static TRIPPED: Cell<bool> = const { Cell::new(false) };
}

fn count(delta: isize) {
    let live = LIVE.get().wrapping_add(delta);
    LIVE.set(live);
    if live > LIMIT.get() && !TRIPPED.get() {
        TRIPPED.set(true);
        // `trip` must not allocate much: it runs inside the allocation that crossed.
        if let Some(trip) = TRIP.get() {
            trip();
        }
    }
}

// SAFETY: every call is forwarded unchanged to `A`; the counting only reads and writes
// this thread's cells and never allocates.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// An armed limit on the current thread; dropping it disarms (restoring any watch it
/// was nested in).
pub struct Watch {
    outer: (isize, Option<fn()>, bool),
}

/// Arms a limit: once this thread holds `bytes` more than it does now, `trip` is called
/// (once, from inside the allocator: it must only do something small such as setting a
/// flag). Nothing trips where [`Counting`] is not the global allocator.
pub fn watch(bytes: usize, trip: fn()) -> Watch {
    let outer = (LIMIT.get(), TRIP.get(), TRIPPED.get());
    LIMIT.set(LIVE.get().saturating_add(bytes.min(isize::MAX as usize) as isize));
    TRIP.set(Some(trip));
    TRIPPED.set(false);
    Watch { outer }
}

impl Watch {
    /// Whether the limit was crossed while this watch was armed.
    pub fn tripped(&self) -> bool {
        TRIPPED.get()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let (limit, trip, tripped) = self.outer;
        LIMIT.set(limit);
        TRIP.set(trip);
        TRIPPED.set(tripped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[global_allocator]
    static GLOBAL: Counting<std::alloc::System> = Counting(std::alloc::System);

    static TRIPS: AtomicUsize = AtomicUsize::new(0);
    fn trip() {
        TRIPS.fetch_add(1, Ordering::Relaxed);
    }

    #[test]
    fn a_watch_trips_once_when_the_thread_holds_more_than_its_limit() {
        let before = TRIPS.load(Ordering::Relaxed);
        let w = watch(1 << 20, trip);
        let small = vec![0u8; 1000];
        assert!(!w.tripped(), "1000 bytes are under 1 MiB");
        let big: Vec<Vec<u8>> = (0..4).map(|_| vec![1u8; 1 << 19]).collect();
        assert!(w.tripped(), "2 MiB are over 1 MiB");
        let more = vec![2u8; 1 << 20];
        assert_eq!(TRIPS.load(Ordering::Relaxed) - before, 1, "trips once");
        drop((small, big, more));
        drop(w);
        // Disarmed: a big allocation after the watch trips nothing.
        let after = vec![0u8; 4 << 20];
        assert_eq!(TRIPS.load(Ordering::Relaxed) - before, 1);
        drop(after);
    }

    #[test]
    fn memory_freed_inside_the_watch_does_not_count() {
        let w = watch(1 << 20, trip);
        for _ in 0..64 {
            drop(vec![0u8; 1 << 19]);
        }
        assert!(!w.tripped(), "32 MiB allocated in all, never more than 512 KiB held");
    }

    #[test]
    fn other_threads_do_not_count_against_this_one() {
        let w = watch(1 << 20, trip);
        let held = std::thread::spawn(|| vec![0u8; 8 << 20]).join().unwrap();
        assert!(!w.tripped(), "8 MiB allocated by another thread");
        drop(held);
    }
}
