//! A run's states and history past a threshold live on disk (issue 14): a 1,000,000-
//! transition run has some 2,000,000 history events and 1,000,000 state records, a few GB
//! as values in memory. [`Spool`] keeps the newest items in memory and moves older ones,
//! a chunk at a time, to an append-only file of JSON lines in the app's data folder, with
//! each item's offset kept as the index: a page, one state's executions or the inspector
//! read back just the items they show. The file is removed with the run (when the spool
//! is dropped). Only finished items are moved: the caller says up to where.

use super::record::RunState;
use asl_eval::history::HistoryEvent;
use asl_eval::{Inspection, StateRecord};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// How an item is written to and read back from its line.
pub(crate) trait Spilled: Sized + Clone {
    fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    fn read(line: &[u8]) -> serde_json::Result<Self>;
}

/// Where runs spill, and how many items a spool keeps in memory before it spills.
#[derive(Clone, Debug)]
pub(crate) struct SpillTo {
    pub dir: PathBuf,
    /// Items moved at once; the spool keeps between one and two chunks in memory.
    pub chunk: usize,
}

/// Items `0..len()`: the first `offsets.len()` on disk, the rest in `tail`.
pub(crate) struct Spool<T> {
    name: &'static str,
    file: Option<SpoolFile>,
    /// Where each item on disk starts; the last one ends at the file's end.
    offsets: Vec<u64>,
    tail: Vec<T>,
}

struct SpoolFile {
    path: PathBuf,
    file: File,
    len: u64,
}

impl Drop for SpoolFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl<T: Spilled> Spool<T> {
    pub fn new(name: &'static str) -> Spool<T> {
        Spool { name, file: None, offsets: Vec::new(), tail: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.offsets.len() + self.tail.len()
    }

    /// How many of the first items are on disk.
    pub fn spilled(&self) -> usize {
        self.offsets.len()
    }

    pub fn push(&mut self, item: T) {
        self.tail.push(item);
    }

    /// The items in memory: `spilled()..len()`.
    pub fn tail(&self) -> &[T] {
        &self.tail
    }

    pub fn tail_mut(&mut self) -> &mut Vec<T> {
        &mut self.tail
    }

    /// Item `i` when it is in memory.
    pub fn in_memory(&self, i: usize) -> Option<&T> {
        i.checked_sub(self.offsets.len()).and_then(|t| self.tail.get(t))
    }

    /// Items `range`, read back from disk where they are there (a missing or unreadable
    /// file ends the list early rather than failing the page).
    pub fn range(&self, range: std::ops::Range<usize>) -> Vec<T> {
        let end = range.end.min(self.len());
        let mut out = Vec::with_capacity(end.saturating_sub(range.start));
        let spilled = self.offsets.len();
        if range.start < spilled {
            let last = end.min(spilled);
            let from = self.offsets[range.start];
            let to =
                self.offsets.get(last).copied().unwrap_or_else(|| self.file.as_ref().map_or(0, |f| f.len));
            let Some(bytes) = self.read_bytes(from, to) else { return out };
            out.extend(
                bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).filter_map(|l| T::read(l).ok()),
            );
        }
        let start = range.start.max(spilled);
        if start < end {
            out.extend_from_slice(&self.tail[start - spilled..end - spilled]);
        }
        out
    }

    pub fn get(&self, i: usize) -> Option<T> {
        match self.in_memory(i) {
            Some(item) => Some(item.clone()),
            None => self.range(i..i + 1).pop(),
        }
    }

    /// Every item in order, the spilled ones read back one line at a time (for the rare
    /// question about all of them: a re-run's start, a Map's iterations).
    pub fn for_each(&self, mut f: impl FnMut(usize, &T)) {
        let mut i = 0;
        if let Some(file) = &self.file {
            if let Ok(mut handle) = file.file.try_clone() {
                if handle.seek(SeekFrom::Start(0)).is_ok() {
                    let reader = BufReader::new(handle.take(file.len));
                    for line in reader.split(b'\n') {
                        let Ok(item) = line
                            .map_err(io::Error::other)
                            .and_then(|l| T::read(&l).map_err(io::Error::other))
                        else {
                            break;
                        };
                        f(i, &item);
                        i += 1;
                    }
                }
            }
        }
        for (k, item) in self.tail.iter().enumerate() {
            f(self.offsets.len() + k, item);
        }
    }

    /// Moves a chunk of the items before `finished` to disk once two chunks are in memory;
    /// `moved` sees each item moved. A disk that refuses (full, read-only) keeps them in
    /// memory: the run goes on.
    pub fn spill(&mut self, finished: usize, to: &SpillTo, mut moved: impl FnMut(&T)) {
        let spilled = self.offsets.len();
        if self.tail.len() < 2 * to.chunk || finished < spilled + to.chunk {
            return;
        }
        let count = (finished - spilled).min(self.tail.len() - to.chunk);
        let mut bytes = Vec::new();
        let mut offsets = Vec::with_capacity(count);
        let base = self.file.as_ref().map_or(0, |f| f.len);
        for item in &self.tail[..count] {
            offsets.push(base + bytes.len() as u64);
            if item.write(&mut bytes).is_err() {
                return;
            }
            bytes.push(b'\n');
        }
        if self.append(&bytes, to).is_err() {
            return;
        }
        self.offsets.extend(offsets);
        for item in self.tail.drain(..count) {
            moved(&item);
        }
    }

    fn append(&mut self, bytes: &[u8], to: &SpillTo) -> io::Result<()> {
        if self.file.is_none() {
            std::fs::create_dir_all(&to.dir)?;
            static NEXT: AtomicU64 = AtomicU64::new(0);
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = to.dir.join(format!("run-{}-{n}-{}.jsonl", std::process::id(), self.name));
            let file = OpenOptions::new().create(true).truncate(true).read(true).write(true).open(&path)?;
            self.file = Some(SpoolFile { path, file, len: 0 });
        }
        let file = self.file.as_mut().expect("opened above");
        file.file.seek(SeekFrom::Start(file.len))?;
        // On failure, whatever part was written is ignored: the next append starts at
        // `len` again.
        file.file.write_all(bytes)?;
        file.len += bytes.len() as u64;
        Ok(())
    }

    fn read_bytes(&self, from: u64, to: u64) -> Option<Vec<u8>> {
        let file = self.file.as_ref()?;
        let mut handle = &file.file;
        handle.seek(SeekFrom::Start(from)).ok()?;
        let mut bytes = vec![0; usize::try_from(to.checked_sub(from)?).ok()?];
        handle.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }

    /// The file, while there is one (tests check it goes with the run).
    #[cfg(test)]
    pub fn file_path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }
}

/// Removes what a previous app session left in `dir` (it ended without dropping its runs).
pub(crate) fn clear_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("run-") && name.ends_with(".jsonl") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The engine names kinds, types and detail keys with `&'static str`; read back from disk,
/// each distinct one is leaked once (there are a few dozen: the engine's own names).
fn intern(s: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = seen.get(s) {
        return known;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(leaked);
    leaked
}

impl Spilled for HistoryEvent {
    fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }

    fn read(line: &[u8]) -> serde_json::Result<Self> {
        let mut map: Map<String, Value> = serde_json::from_slice(line)?;
        let field = |map: &mut Map<String, Value>, key: &str| map.remove(key).unwrap_or(Value::Null);
        let timestamp = field(&mut map, "timestamp").as_str().unwrap_or_default().to_owned();
        let kind = intern(field(&mut map, "type").as_str().unwrap_or_default());
        let id = field(&mut map, "id").as_u64().unwrap_or_default();
        let previous_event_id = field(&mut map, "previousEventId").as_u64().unwrap_or_default();
        let details = map.into_iter().next().map(|(key, value)| (intern(&key), value));
        Ok(HistoryEvent { id, previous_event_id, timestamp, kind, details })
    }
}

/// A state record on disk: what the app sends, plus the times it does not. Borrowed to
/// write, owned when read back.
#[derive(Serialize, Deserialize)]
struct StateLine<'a> {
    name: Cow<'a, str>,
    kind: Cow<'a, str>,
    path: Cow<'a, str>,
    input: Cow<'a, Value>,
    #[serde(default, deserialize_with = "present_cow")]
    output: Cow<'a, Option<Value>>,
    variables: Cow<'a, Option<Map<String, Value>>>,
    inspection: Cow<'a, Inspection>,
    pointer: Cow<'a, Option<String>>,
    from: Cow<'a, Option<String>>,
    ends: bool,
    error: Cow<'a, Option<String>>,
    cause: Cow<'a, Option<String>>,
    entered_at: Option<i64>,
    left_at: Option<i64>,
}

/// An output that is there stays there, `null` included (see `asl_eval::record::present`).
fn present_cow<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Cow<'static, Option<Value>>, D::Error> {
    asl_eval::present(d).map(Cow::Owned)
}

impl Spilled for RunState {
    fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let r = &self.record;
        let line = StateLine {
            name: Cow::Borrowed(&r.name),
            kind: Cow::Borrowed(r.kind),
            path: Cow::Borrowed(&r.path),
            input: Cow::Borrowed(&r.input),
            output: Cow::Borrowed(&r.output),
            variables: Cow::Borrowed(&r.variables),
            inspection: Cow::Borrowed(&r.inspection),
            pointer: Cow::Borrowed(&self.pointer),
            from: Cow::Borrowed(&self.from),
            ends: self.ends,
            error: Cow::Borrowed(&self.error),
            cause: Cow::Borrowed(&self.cause),
            entered_at: self.entered_at,
            left_at: self.left_at,
        };
        serde_json::to_writer(out, &line)
    }

    fn read(line: &[u8]) -> serde_json::Result<Self> {
        let l: StateLine = serde_json::from_slice(line)?;
        Ok(RunState {
            record: StateRecord {
                name: l.name.into_owned(),
                kind: intern(&l.kind),
                path: l.path.into_owned(),
                input: l.input.into_owned(),
                output: l.output.into_owned(),
                variables: l.variables.into_owned(),
                inspection: l.inspection.into_owned(),
            },
            pointer: l.pointer.into_owned(),
            from: l.from.into_owned(),
            ends: l.ends,
            error: l.error.into_owned(),
            cause: l.cause.into_owned(),
            entered_at: l.entered_at,
            left_at: l.left_at,
        })
    }
}

#[cfg(test)]
#[path = "spool_tests.rs"]
mod tests;
