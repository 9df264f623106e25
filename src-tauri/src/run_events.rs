//! A run's events go to the page in batches: one `Channel` message per event made the
//! webview evaluate tens of thousands of scripts for a 10,000-item Map and froze the page
//! (event-loop stalls over a second). Here events wait at most one frame's time and go out
//! together, in order; the page folds a batch at once.

use asl_session::run::RunEvent;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;
use tauri::ipc::Channel;

/// How long the first event of a batch waits for others (about a frame).
const BATCH_WINDOW: Duration = Duration::from_millis(16);

struct Queue<T> {
    events: Vec<T>,
    /// The run has finished: send what is left and end the thread.
    closed: bool,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue { events: Vec::new(), closed: false }
    }
}

/// Takes items one by one (on a run's forwarder thread) and sends them in batches from
/// its own thread: one run's events, or (the app's server) those of every run it watches.
pub struct Batcher<T> {
    queue: Arc<(Mutex<Queue<T>>, Condvar)>,
}

pub type EventBatcher = Batcher<RunEvent>;

impl<T: serde::Serialize + Send + Clone + 'static> Batcher<T> {
    pub fn new(channel: Channel<Vec<T>>) -> Batcher<T> {
        let queue: Arc<(Mutex<Queue<T>>, Condvar)> = Arc::default();
        let shared = queue.clone();
        thread::Builder::new()
            .name("run-events".into())
            .spawn(move || send_batches(&shared, |batch| channel.send(batch).is_ok()))
            .expect("spawning the run-events thread");
        Batcher { queue }
    }

    /// Queues `item`; `last`: nothing follows it (the thread ends once it is sent).
    pub fn push_item(&self, item: T, last: bool) {
        let (lock, ready) = &*self.queue;
        let mut q = lock.lock().unwrap_or_else(|e| e.into_inner());
        q.closed |= last;
        q.events.push(item);
        ready.notify_one();
    }
}

impl Batcher<RunEvent> {
    pub fn push(&self, event: RunEvent) {
        let last = matches!(event, RunEvent::Finished { .. });
        self.push_item(event, last);
    }
}

impl<T> Drop for Batcher<T> {
    fn drop(&mut self) {
        let (lock, ready) = &*self.queue;
        lock.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        ready.notify_one();
    }
}

/// Waits for a first event, lets the window fill, sends the batch; until closed and empty
/// (or the page is gone).
fn send_batches<T>(queue: &(Mutex<Queue<T>>, Condvar), mut send: impl FnMut(Vec<T>) -> bool) {
    let (lock, ready) = queue;
    loop {
        let mut q = lock.lock().unwrap_or_else(|e| e.into_inner());
        while q.events.is_empty() && !q.closed {
            q = ready.wait(q).unwrap_or_else(|e| e.into_inner());
        }
        if q.events.is_empty() {
            return;
        }
        if !q.closed {
            drop(q);
            thread::sleep(BATCH_WINDOW);
            q = lock.lock().unwrap_or_else(|e| e.into_inner());
        }
        let batch = std::mem::take(&mut q.events);
        let closed = q.closed;
        drop(q);
        if !send(batch) || (closed && lock.lock().map(|q| q.events.is_empty()).unwrap_or(true)) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn finished() -> RunEvent {
        RunEvent::Finished {
            status: asl_session::run::Status::Succeeded,
            output: None,
            error: None,
            cause: None,
        }
    }

    #[test]
    fn events_arrive_in_order_in_few_batches_and_the_thread_ends_after_finished() {
        let queue: Arc<(Mutex<Queue<RunEvent>>, Condvar)> = Arc::default();
        let shared = queue.clone();
        let (tx, rx) = std::sync::mpsc::channel::<Vec<String>>();
        let sender = thread::spawn(move || {
            send_batches(&shared, |batch| {
                tx.send(batch.iter().map(|e| serde_json::to_value(e).unwrap()["event"].to_string()).collect())
                    .is_ok()
            })
        });
        let batcher: EventBatcher = Batcher { queue };
        for _ in 0..1000 {
            batcher.push(RunEvent::Resumed {
                path: "A".into(),
                pointer: "/States/A".into(),
                command: "continue",
            });
        }
        batcher.push(finished());
        sender.join().unwrap();
        let batches: Vec<Vec<String>> = rx.iter().collect();
        let all: Vec<String> = batches.concat();
        assert_eq!(all.len(), 1001);
        assert!(all[..1000].iter().all(|e| e == "\"resumed\""));
        assert_eq!(all[1000], "\"finished\"");
        assert!(batches.len() < 10, "1,001 events went out in {} messages", batches.len());
    }
}
