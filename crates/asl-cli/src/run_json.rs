//! The report of `asl run --format json`, written while the execution runs: the state
//! records and history events go out as the engine finishes them ([`RecordSink`]), so
//! memory stays flat however many transitions the run makes (issue 14: a 100,000-iteration
//! loop kept 2.5 GB of records before it printed one byte).
//!
//! The report is the object it always was — `states`, `history`, `status`, `output`,
//! `error`, `cause` — with its keys in this order: both arrays grow at once, and the
//! status is known only at the end. The states go straight to the output; the history
//! waits in a temporary file and is copied in after them.

use asl_eval::history::HistoryEvent;
use asl_eval::{Execution, Options, Outcome, RecordSink, StateRecord, TaskHandler};
use asl_model::Document;
use serde::Serialize;
use serde_json::ser::{PrettyFormatter, Serializer};
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex};

/// How much of the states array is handed to the writing thread at a time, and how many
/// such pieces may wait: what the report holds in memory.
const CHUNK: usize = 64 * 1024;
const CHUNKS_IN_FLIGHT: usize = 8;

/// Runs `doc` and writes its JSON report to `out` as it goes; the outcome returned has no
/// states or history (they were written). `options` should ask for records and history.
pub fn run(
    doc: &Document,
    input: Value,
    handler: &dyn TaskHandler,
    mut options: Options,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let history = TempFile::create()?;
    let (tx, rx) = sync_channel(CHUNKS_IN_FLIGHT);
    let sink = Arc::new(Sink {
        states: Mutex::new(Array::new(Chunks { buf: Vec::with_capacity(CHUNK), tx: Some(tx) })),
        history: Mutex::new(Array::new(BufWriter::new(history.file.try_clone()?))),
    });
    options.sink = Some(sink.clone());
    out.write_all(b"{\n  \"states\": ")?;
    // `out` is not `Send`: the engine runs on a thread of its own and passes the states
    // back through a bounded channel, which also holds the engine back when `out` is slow.
    let (outcome, written) = std::thread::scope(|s| {
        let engine = s.spawn(|| {
            // Ends the channel even if the run panics, so the loop below cannot wait forever.
            let _close = Close(&sink);
            let outcome = Execution::run(doc, input, handler, &options);
            drop(options);
            let mut states = lock(&sink.states);
            let ended = states.end().map(|_| ());
            (outcome, ended.and(states.out.close()))
        });
        let mut written = Ok(());
        for chunk in rx.iter() {
            if let Err(e) = out.write_all(&chunk) {
                // Dropping the receiver makes the engine's sends fail: it stops writing.
                written = Err(e);
                break;
            }
        }
        drop(rx);
        let (outcome, states) = engine.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (outcome, written.and(states))
    });
    written?;
    lock(&sink.history).end()?.flush()?;
    out.write_all(b",\n  \"history\": ")?;
    let mut file = &history.file;
    file.rewind()?;
    io::copy(&mut file, out)?;
    out.write_all(b",\n  \"status\": ")?;
    serde_json::to_writer(&mut *out, &outcome.status)?;
    out.write_all(b",\n  \"output\": ")?;
    pretty(&mut Indented { out: &mut *out, pad: b"  " }, &outcome.output)?;
    out.write_all(b",\n  \"error\": ")?;
    serde_json::to_writer(&mut *out, &outcome.error)?;
    out.write_all(b",\n  \"cause\": ")?;
    serde_json::to_writer(&mut *out, &outcome.cause)?;
    out.write_all(b"\n}\n")?;
    out.flush()?;
    Ok(outcome)
}

/// Writes each record and event into its array as the engine finishes it.
struct Sink {
    states: Mutex<Array<Chunks>>,
    history: Mutex<Array<BufWriter<File>>>,
}

impl RecordSink for Sink {
    fn state(&self, record: StateRecord) {
        lock(&self.states).push(&record);
    }
    fn history_event(&self, event: &HistoryEvent) {
        lock(&self.history).push(event);
    }
}

struct Close<'s>(&'s Sink);

impl Drop for Close<'_> {
    fn drop(&mut self) {
        lock(&self.0.states).out.tx = None;
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A JSON array written one element at a time, laid out as `to_string_pretty` lays out
/// an array member of the report. A write error is kept and returned by [`Array::end`]
/// (the engine cannot be told mid-run); later elements are dropped.
struct Array<W: Write> {
    out: W,
    count: u64,
    error: Option<io::Error>,
}

impl<W: Write> Array<W> {
    fn new(out: W) -> Self {
        Array { out, count: 0, error: None }
    }

    fn push<T: Serialize>(&mut self, value: &T) {
        if self.error.is_some() {
            return;
        }
        let opening: &[u8] = if self.count == 0 { b"[\n    " } else { b",\n    " };
        let written = self
            .out
            .write_all(opening)
            .and_then(|_| pretty(&mut Indented { out: &mut self.out, pad: b"    " }, value));
        self.count += 1;
        self.error = written.err();
    }

    fn end(&mut self) -> io::Result<&mut W> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.out.write_all(if self.count == 0 { b"[]" } else { b"\n  ]" })?;
        Ok(&mut self.out)
    }
}

fn pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut ser = Serializer::with_formatter(out, PrettyFormatter::new());
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Indents every line after the first by `pad`: a value pretty-printed from column 0 then
/// sits at its depth in the report. JSON text has no raw newline inside a string, so every
/// newline is layout.
struct Indented<'w> {
    out: &'w mut dyn Write,
    pad: &'static [u8],
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = buf.split(|b| *b == b'\n');
        if let Some(first) = lines.next() {
            self.out.write_all(first)?;
        }
        for line in lines {
            self.out.write_all(b"\n")?;
            self.out.write_all(self.pad)?;
            self.out.write_all(line)?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Bytes for the writing thread, sent in pieces of about [`CHUNK`].
struct Chunks {
    buf: Vec<u8>,
    tx: Option<SyncSender<Vec<u8>>>,
}

impl Chunks {
    fn send(&mut self) -> io::Result<()> {
        let piece = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        match &self.tx {
            Some(tx) if !piece.is_empty() => {
                tx.send(piece).map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the output was closed"))
            }
            _ => Ok(()),
        }
    }

    /// Sends what is left and ends the channel, so the writing thread finishes.
    fn close(&mut self) -> io::Result<()> {
        let sent = self.send();
        self.tx = None;
        sent
    }
}

impl Write for Chunks {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(buf);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The history's temporary file, removed when dropped.
struct TempFile {
    file: File,
    path: PathBuf,
}

impl TempFile {
    fn create() -> io::Result<TempFile> {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let name = format!("asl-run-{}-{nanos}.history.json", std::process::id());
        let path = std::env::temp_dir().join(name);
        let file = File::options().read(true).write(true).create_new(true).open(&path)?;
        // Where an open file may be unlinked (Unix) it goes now, so even a killed run
        // leaves nothing behind; elsewhere `Drop` removes it.
        let _ = std::fs::remove_file(&path);
        Ok(TempFile { file, path })
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
