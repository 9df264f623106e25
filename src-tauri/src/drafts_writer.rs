//! Drafts are written on a thread of their own: a draft is a whole document, synced to
//! disk, and an edit must not wait for that. Jobs queued while one is written collapse to
//! the newest per draft.

use asl_session::drafts::{Draft, Drafts};
use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};

enum Job {
    Write(Draft),
    Discard(String),
    /// Answered once every earlier job is done.
    Flush(SyncSender<()>),
}

pub struct DraftsWriter {
    jobs: Sender<Job>,
}

impl DraftsWriter {
    pub fn start(drafts: Drafts) -> DraftsWriter {
        let (jobs, rx) = channel();
        std::thread::Builder::new()
            .name("asl-studio-drafts".into())
            .spawn(move || run(drafts, rx))
            .expect("a thread for drafts");
        DraftsWriter { jobs }
    }

    pub fn write(&self, draft: Draft) {
        let _ = self.jobs.send(Job::Write(draft));
    }

    pub fn discard(&self, id: String) {
        let _ = self.jobs.send(Job::Discard(id));
    }

    /// Waits until what was queued before is on disk (before listing or reading drafts).
    pub fn flush(&self) {
        let (done, wait) = sync_channel(1);
        if self.jobs.send(Job::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
    }
}

fn run(drafts: Drafts, rx: Receiver<Job>) {
    while let Ok(first) = rx.recv() {
        // Everything queued so far, newest job per draft id, in id order.
        let mut latest: BTreeMap<String, Option<Draft>> = BTreeMap::new();
        let mut flushes = Vec::new();
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Write(d) => {
                    latest.insert(d.id.clone(), Some(d));
                }
                Job::Discard(id) => {
                    latest.insert(id, None);
                }
                Job::Flush(done) => flushes.push(done),
            }
        }
        for (id, draft) in latest {
            // A draft that cannot be written must not stop editing; the document is in
            // memory and the next edit tries again.
            let _ = match draft {
                Some(d) => drafts.write(&d),
                None => drafts.discard(&id),
            };
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}
