//! A deterministic scheduler for Parallel branches and Map iterations: futures run
//! concurrently on the current task (no spawning, so nothing needs to be `'static`, and
//! JSONata values that are not `Send` may stay where they are), at most `limit` at a time,
//! started and polled in index order. With instant task handlers and the virtual clock the
//! interleaving is therefore the same on every run.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs `make(0..count)` with at most `limit` in flight, handing each result to
/// `sink(index, result)` as it completes. `sink` returning true stops everything: no more
/// are started, the ones running go on until none can progress (on AWS every branch
/// started at once, so a sibling's work at the instant of the failure happens before the
/// failure ends it), then they are dropped (cancelled); their results are not handed on.
pub async fn ordered<'a, R>(
    count: usize,
    limit: usize,
    mut make: impl FnMut(usize) -> BoxFuture<'a, R>,
    sink: impl FnMut(usize, R) -> bool,
) {
    streamed(limit, |i| (i < count).then(|| make(i)), sink).await
}

/// [`ordered`] over inputs made on demand: `make(i)` is called only when a place is free,
/// in index order, and `None` means there are no more. So a producer reading its items
/// lazily holds at most `limit` of them at a time.
pub async fn streamed<'a, R>(
    limit: usize,
    mut make: impl FnMut(usize) -> Option<BoxFuture<'a, R>>,
    mut sink: impl FnMut(usize, R) -> bool,
) {
    let limit = limit.max(1);
    let mut active: VecDeque<(usize, BoxFuture<'a, R>)> = VecDeque::new();
    let mut next = 0;
    let mut exhausted = false;
    let mut halting = false;
    std::future::poll_fn(|cx| loop {
        while active.len() < limit && !exhausted {
            match make(next) {
                Some(fut) => {
                    active.push_back((next, fut));
                    next += 1;
                }
                None => exhausted = true,
            }
        }
        if active.is_empty() {
            return Poll::Ready(());
        }
        let mut progressed = false;
        for _ in 0..active.len() {
            let Some((index, mut fut)) = active.pop_front() else { break };
            match fut.as_mut().poll(cx) {
                Poll::Ready(r) => {
                    progressed = true;
                    if !halting && sink(index, r) {
                        halting = true;
                        exhausted = true;
                    }
                }
                Poll::Pending => active.push_back((index, fut)),
            }
        }
        if halting && (!progressed || active.is_empty()) {
            active.clear();
            return Poll::Ready(());
        }
        if !progressed {
            return Poll::Pending;
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn block<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(f)
    }

    #[test]
    fn results_come_back_in_index_order_and_concurrency_is_bounded() {
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut out = vec![None; 10];
        block(ordered(
            10,
            3,
            |i| {
                let (running, peak) = (running.clone(), peak.clone());
                Box::pin(async move {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    // Later items finish first.
                    tokio::time::sleep(std::time::Duration::from_millis((10 - i) as u64)).await;
                    running.fetch_sub(1, Ordering::SeqCst);
                    i * 10
                })
            },
            |i, r| {
                out[i] = Some(r);
                false
            },
        ));
        assert_eq!(out, (0..10).map(|i| Some(i * 10)).collect::<Vec<_>>());
        assert_eq!(peak.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn halting_starts_no_more_and_drops_what_cannot_progress() {
        let mut out = vec![None; 5];
        block(ordered(
            5,
            2,
            |i| Box::pin(async move { i }),
            |i, r| {
                out[i] = Some(r);
                r == 1
            },
        ));
        assert_eq!(out, vec![Some(0), Some(1), None, None, None]);

        // Item 0 halts at once; item 1 still runs up to where it waits, then is dropped.
        let reached = Arc::new(AtomicUsize::new(0));
        let mut seen = Vec::new();
        block(ordered(
            2,
            2,
            |i| {
                let reached = reached.clone();
                Box::pin(async move {
                    if i == 1 {
                        tokio::task::yield_now().await;
                        reached.fetch_add(1, Ordering::SeqCst);
                        std::future::pending::<()>().await;
                    }
                    i
                })
            },
            |i, _| {
                seen.push(i);
                true
            },
        ));
        assert_eq!(seen, vec![0]);
        assert_eq!(reached.load(Ordering::SeqCst), 1);
    }
}
