//! A cloud execution followed to its end as a run of this session: its history polled
//! (asl_aws::follow: backoff, throttling only slows it) and fed to the run event by
//! event. Stop in Run mode stops the execution in the cloud; its end then arrives in the
//! history like any other.

use asl_aws::{Polling, Sfn};
use asl_session::run::HistoryFeed;
use std::time::Duration;

/// Follows `execution_arn` in the background until it ends (or following fails: the run
/// then ends ABORTED with what was received, and the reason is its last word).
pub fn follow(sfn: Sfn, execution_arn: String, mut feed: HistoryFeed) {
    let stop = feed.stop_signal();
    let (stopper, arn) = (sfn.clone(), execution_arn.clone());
    let watcher = tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if stop.is_requested() {
                let _ = stopper
                    .client()
                    .stop_execution()
                    .execution_arn(&arn)
                    .cause("stopped from ASL Studio")
                    .send()
                    .await;
                return;
            }
        }
    });
    tauri::async_runtime::spawn(async move {
        let ended = asl_aws::follow(&sfn, &execution_arn, Polling::default(), |e| feed.event(e)).await;
        watcher.abort();
        if let Err(e) = ended {
            eprintln!("asl-studio: {e}");
            feed.abandon();
        }
    });
}
