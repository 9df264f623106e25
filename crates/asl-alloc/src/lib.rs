//! Per-thread memory accounting for the engine's resource limits (issue #19).
//!
//! A JSONata expression such as `$count([1..1e6].([1..1e6]))` stays under every limit
//! the evaluator has (sequence length, time) while it allocates gigabytes: jsonata-core
//! checks a mapped path's length only once it is built. The evaluator can be stopped
//! from outside (its `CancelToken`), so what is missing is someone who notices the
//! memory. [`Counting`] wraps the process's allocator; [`watch`] arms a limit on the
//! current thread, which then counts the bytes it allocates and frees, and the
//! allocation that crosses the limit calls the watcher's `trip` function (which cancels
//! the evaluation). Unwatched threads count nothing: what users run pays one
//! thread-local read per allocation (measured in the #19 note).
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

/// This thread's watch. A const-initialised struct of cells without a destructor:
/// reading it inside the allocator neither allocates nor registers anything, even while
/// the thread is ending.
struct State {
    /// Bytes allocated minus bytes freed by this thread since the watch was armed (a
    /// block freed by another thread lowers that other thread's count).
    live: Cell<isize>,
    /// The count at which the watch trips; `isize::MAX` when none is armed, and then
    /// nothing is counted (one thread-local read and a compare per allocation).
    limit: Cell<isize>,
    /// Called once when the count crosses `limit`.
    trip: Cell<Option<fn()>>,
    tripped: Cell<bool>,
}

const UNARMED: isize = isize::MAX;

thread_local! {
    static STATE: State = const {
        State { live: Cell::new(0), limit: Cell::new(UNARMED), trip: Cell::new(None), tripped: Cell::new(false) }
    };
}

#[inline]
fn count(delta: isize) {
    STATE.with(|s| {
        let limit = s.limit.get();
        if limit == UNARMED {
            return;
        }
        let live = s.live.get().wrapping_add(delta);
        s.live.set(live);
        if live > limit && !s.tripped.get() {
            s.tripped.set(true);
            // `trip` must not allocate much: it runs inside the allocation that crossed.
            if let Some(trip) = s.trip.get() {
                trip();
            }
        }
    })
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
/// was nested in, which counts what this one counted).
pub struct Watch {
    outer: (isize, isize, Option<fn()>, bool),
}

/// Arms a limit: once this thread holds `bytes` more than it does now, `trip` is called
/// (once, from inside the allocator: it must only do something small such as setting a
/// flag). Nothing trips where [`Counting`] is not the global allocator.
pub fn watch(bytes: usize, trip: fn()) -> Watch {
    STATE.with(|s| {
        let outer = (s.live.get(), s.limit.get(), s.trip.get(), s.tripped.get());
        s.live.set(0);
        s.limit.set(bytes.min(UNARMED as usize - 1) as isize);
        s.trip.set(Some(trip));
        s.tripped.set(false);
        Watch { outer }
    })
}

impl Watch {
    /// Whether the limit was crossed while this watch was armed.
    pub fn tripped(&self) -> bool {
        STATE.with(|s| s.tripped.get())
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let (live, limit, trip, tripped) = self.outer;
        STATE.with(|s| {
            s.live.set(live.wrapping_add(s.live.get()));
            s.limit.set(limit);
            s.trip.set(trip);
            s.tripped.set(tripped);
        });
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
