//! Engine threads. An execution's future is not `Send` (JSONata values live on the task
//! that evaluates them), so each engine thread runs its own current-thread runtime with a
//! `LocalSet`, and executions are handed to the threads in turn. HTTP stays on the
//! server's runtime; the two meet through channels.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::mpsc;

/// Builds an execution's future on the engine thread that runs it.
pub type Job = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = ()>>> + Send>;

/// The engine threads; they end when this is dropped.
pub struct Workers {
    senders: Vec<mpsc::UnboundedSender<Job>>,
    next: AtomicUsize,
}

impl Workers {
    pub fn new(count: usize) -> std::io::Result<Workers> {
        let mut senders = Vec::with_capacity(count);
        for i in 0..count {
            let (tx, mut rx) = mpsc::unbounded_channel::<Job>();
            // Time is enabled even on the virtual clock: callbacks' HeartbeatSeconds and
            // TimeoutSeconds are real waits for the clients that answer them.
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            std::thread::Builder::new().name(format!("asl-serve-engine-{i}")).spawn(move || {
                let local = tokio::task::LocalSet::new();
                local.block_on(&rt, async {
                    while let Some(job) = rx.recv().await {
                        tokio::task::spawn_local(job());
                    }
                });
            })?;
            senders.push(tx);
        }
        Ok(Workers { senders, next: AtomicUsize::new(0) })
    }

    /// Runs `job` on the next engine thread.
    pub fn spawn(&self, job: Job) {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.senders.len();
        // A thread only stops when `senders` is dropped, so the send cannot fail while
        // `self` lives; if it somehow does, the job (and its reply channel) is dropped and
        // the caller sees the execution end.
        let _ = self.senders[i].send(job);
    }
}
