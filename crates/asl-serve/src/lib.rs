//! `asl serve`: the AWS Step Functions API on localhost, on the ASL Studio engine. Speaks
//! AWS JSON 1.0 as the SDKs send it (`POST /`, `X-Amz-Target: AWSStepFunctions.<Op>`),
//! accepts any signature and any Host header (botocore sends StartSyncExecution to a
//! `sync-` prefixed host), and answers errors as AWS does. Step Functions Local
//! compatible: a `MockConfigFile` with `stateMachineArn#TestCase`, a Lambda endpoint for
//! unmocked Lambda tasks, its history shape on request ([`Compat`]).
//!
//! The pipeline of a request: `http` (hyper, body limits, AWS errors) -> `request` (typed
//! members) -> one operation module (`machines`, `versions`, `executions` and `queries`,
//! `activities`, TestState in `asl-teststate`) -> the `store` under one
//! lock, written through to SQLite by `durable` with `--data-dir`. Executions run on
//! engine threads (`runner`), their tasks answered by `tasks` (mocks, callbacks and
//! activities, `lambda`), their events kept compactly in a [`history::HistoryLog`].
//!
//! ```
//! use asl_serve::{Config, Server};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
//! rt.block_on(async {
//!     let server = Server::bind(Config { port: 0, ..Config::default() }).await.unwrap();
//!     let addr = server.local_addr();
//!     let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
//!     let running = tokio::spawn(server.run(async { let _ = stopped.await; }));
//!     // What an SDK sends, less the signature (any is accepted).
//!     let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
//!     socket.write_all(b"POST / HTTP/1.1\r\nHost: sync-localhost\r\n\
//!         X-Amz-Target: AWSStepFunctions.ListStateMachines\r\n\
//!         Content-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\
//!         Connection: close\r\n\r\n{}").await.unwrap();
//!     let mut answer = String::new();
//!     socket.read_to_string(&mut answer).await.unwrap();
//!     assert!(answer.starts_with("HTTP/1.1 200"));
//!     assert!(answer.ends_with(r#"{"stateMachines":[]}"#));
//!     let _ = stop.send(());
//!     running.await.unwrap();
//! });
//! ```
#![forbid(unsafe_code)]

mod activities;
pub mod attach;
pub mod compat;
mod durable;
pub mod error;
mod executions;
pub mod history;
mod http;
mod lambda;
mod machines;
pub mod names;
mod queries;
mod request;
mod runner;
mod store;
mod tasks;
mod versions;

pub use compat::Compat;
pub use error::ApiError;
pub use names::Account;

use serde_json::Value;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address to listen on (default 127.0.0.1).
    pub host: String,
    /// The port (default 8083, Step Functions Local's); 0 picks a free one.
    pub port: u16,
    /// A Step Functions Local `MockConfigFile`, already read: executions started on
    /// `stateMachineArn#TestCase` take that test case's mocks.
    pub mock_config: Option<Value>,
    /// Unmocked Lambda tasks call this Lambda Invoke endpoint (`http://host:port`).
    pub lambda_endpoint: Option<String>,
    /// Really wait in Wait states and backoffs (default: the virtual clock).
    pub real_time: bool,
    /// Region and account of the ARNs.
    pub account: Account,
    /// Engine threads (default: one per core).
    pub workers: usize,
    /// Keep everything in an SQLite database in this folder (default: memory only).
    pub data_dir: Option<std::path::PathBuf>,
    /// Histories in AWS's shape, or with Step Functions Local's known differences.
    pub compat: Compat,
    /// How long GetActivityTask waits for a task before answering without one (AWS: 60 s).
    pub activity_poll: std::time::Duration,
    /// Something that may watch (and debug) executions as they start: the desktop app.
    pub attach: Option<attach::Watcher>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8083,
            mock_config: None,
            lambda_endpoint: None,
            real_time: false,
            account: Account::from_env(),
            workers: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
            data_dir: None,
            compat: Compat::Aws,
            activity_poll: std::time::Duration::from_secs(60),
            attach: None,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address is taken (or not ours to bind).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// `host:port` as asked.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// The engine threads could not be started.
    #[error("cannot start the engine threads: {0}")]
    Workers(std::io::Error),
    /// The data folder's database could not be opened or read.
    #[error("--data-dir: {0}")]
    Data(String),
}

/// The state every request shares.
pub(crate) struct Service {
    pub config: Config,
    pub store: Mutex<store::Store>,
    pub board: Arc<tasks::TaskBoard>,
    pub workers: runner::Workers,
    pub durable: Option<durable::Durable>,
}

impl Service {
    pub fn store(&self) -> std::sync::MutexGuard<'_, store::Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn account(&self) -> &Account {
        &self.config.account
    }

    /// Writes through to the data folder, when there is one, before the request is
    /// answered (a request whose write failed is refused: nothing unkept is acknowledged).
    pub fn persist(
        &self,
        write: impl FnOnce(&durable::Durable) -> rusqlite::Result<()>,
    ) -> Result<(), ApiError> {
        match &self.durable {
            None => Ok(()),
            Some(d) => write(d).map_err(|e| ApiError {
                kind: "ServiceException".into(),
                message: format!("cannot write to the data folder: {e}"),
                status: 500,
            }),
        }
    }
}

/// A bound server, ready to [`Server::run`].
pub struct Server {
    listener: tokio::net::TcpListener,
    service: Arc<Service>,
}

impl Server {
    /// Binds the address and starts the engine threads.
    pub async fn bind(config: Config) -> Result<Server, ServeError> {
        let addr = format!("{}:{}", config.host, config.port);
        let listener =
            tokio::net::TcpListener::bind(&addr).await.map_err(|source| ServeError::Bind { addr, source })?;
        let durable =
            config.data_dir.as_deref().map(durable::Durable::open).transpose().map_err(ServeError::Data)?;
        let store = match &durable {
            Some(d) => d.load().map_err(|e| ServeError::Data(e.to_string()))?,
            None => store::Store::default(),
        };
        let workers = runner::Workers::new(config.workers.max(1)).map_err(ServeError::Workers)?;
        let service = Arc::new(Service {
            config,
            store: Mutex::new(store),
            durable,
            board: Arc::new(tasks::TaskBoard::default()),
            workers,
        });
        Ok(Server { listener, service })
    }

    /// The address it listens on (the real port when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Answers requests until `shutdown` completes.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        http::serve(self.listener, self.service, shutdown).await
    }
}

/// Serves until Ctrl+C (or SIGTERM) on a runtime of its own (what `asl serve` does);
/// `ready` is told the address once requests are answered and the signals are watched.
pub fn run_until_ctrl_c(config: Config, ready: &mut dyn FnMut(SocketAddr)) -> Result<(), ServeError> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(ServeError::Workers)?;
    rt.block_on(async {
        let server = Server::bind(config).await?;
        // Listening before `ready`: a Ctrl+C right after the address is printed still
        // stops the server cleanly instead of killing it.
        let stop = signals();
        ready(server.local_addr());
        server.run(stop).await;
        Ok(())
    })
}

#[cfg(unix)]
fn signals() -> impl Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    async move {
        let wait = |s: Option<tokio::signal::unix::Signal>| async move {
            match s {
                Some(mut s) => {
                    s.recv().await;
                }
                // No handler could be installed: serve until killed.
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = wait(interrupt) => {}
            _ = wait(terminate) => {}
        }
    }
}

#[cfg(not(unix))]
fn signals() -> impl Future<Output = ()> {
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
