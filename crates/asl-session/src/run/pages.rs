//! Big runs, read a page at a time (issue #7). A 100,000-transition Express run has some
//! 200,000 history events (44 MB of JSON) and 100,000 state records (21 MB): far too much
//! to send to the webview whole at every pause. Past [`INLINE_LIMIT`] the record leaves
//! both out (its [`Extent`] says so and counts them) and the UI asks for what it shows: a
//! page of the history, optionally filtered, or one state's executions. The whole history
//! still goes to a file, as GetExecutionHistory's JSON, without crossing IPC.

use super::history_index::HistoryIndex;
use super::record::RunState;
use super::registry::{RunId, Runs};
use super::spool::Spool;
use super::RunError;
use crate::SessionError;
use asl_eval::history::HistoryEvent;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize, Serializer};
use std::path::Path;

/// Up to this many history events, and as many state records, the record carries them;
/// past it the UI reads them in pages. At 5,000 the record of a Map paused half way
/// (a few MB with every state's inspection) froze the page for 0.4 s at each fetch; at
/// 1,000 it stays under a frame's work and pages serve the rest.
pub const INLINE_LIMIT: usize = 1_000;

/// The most rows one page answers, whatever was asked: a page is what a screen shows
/// (plus the first events of a timeline), never the whole history by mistake.
pub const MAX_PAGE: usize = 2_000;

/// How big a run's history and state records are, and whether the record left them out.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extent {
    pub event_count: usize,
    pub state_count: usize,
    /// `states` and `history.events` are empty: read them with the page commands.
    pub paged: bool,
}

impl Extent {
    pub(crate) fn of(state_count: usize, event_count: usize) -> Extent {
        let paged = state_count > INLINE_LIMIT || event_count > INLINE_LIMIT;
        Extent { event_count, state_count, paged }
    }
}

/// A page of the history: `limit` rows from `offset` among the events matching `filter`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryQuery {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<usize>", optional))]
    pub offset: usize,
    pub limit: usize,
    /// Words that must all occur (case-insensitive) in the event's type or its state's
    /// name, as the history view's filter box has always matched.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub filter: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryPage {
    /// Events in the history.
    pub total: usize,
    /// Events matching the filter (`total` without one).
    pub matched: usize,
    /// The index of the first row among the matching events.
    pub offset: usize,
    /// The first event's timestamp: the zero of the execution clock the view shows.
    pub started_at: Option<String>,
    pub rows: Vec<HistoryRow>,
}

/// One event with the state it belongs to ("" for execution-level events).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HistoryRow {
    pub state: String,
    pub event: HistoryEvent,
}

/// One state's executions (by JSON pointer, by path, or both), `limit` from `offset`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionsQuery {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub pointer: Option<String>,
    /// `Name`, `Parallel/1/Name`, `Map/3/Name`: one branch's or iteration's runs only.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub path: Option<String>,
    /// None: the newest `limit` executions.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub offset: Option<usize>,
    pub limit: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateExecutions {
    /// Executions of the state in the whole run.
    pub total: usize,
    /// The index (from 0, in the order they were entered) of the first one here.
    pub offset: usize,
    pub executions: Vec<RunState>,
}

/// The filter's words, lower-cased; none: everything matches.
fn words(filter: Option<&str>) -> Vec<String> {
    filter.unwrap_or("").split_whitespace().map(str::to_lowercase).collect()
}

/// A page of `events` (all in memory: tests and benches; runs read theirs from a spool).
pub fn history_page(
    events: &[HistoryEvent],
    index: Option<&HistoryIndex>,
    query: &HistoryQuery,
) -> HistoryPage {
    let made;
    let index = match index {
        Some(index) => index,
        None => {
            made = HistoryIndex::of(events);
            &made
        }
    };
    page(events.len(), index, query, |range| events[range].to_vec(), |i| events.get(i).cloned())
}

/// A page of a history of `total` events: the rows are read with `range` (a window
/// without a filter) or `one` (the scattered matches of a filter, tested on the index).
fn page(
    total: usize,
    index: &HistoryIndex,
    query: &HistoryQuery,
    range: impl Fn(std::ops::Range<usize>) -> Vec<HistoryEvent>,
    one: impl Fn(usize) -> Option<HistoryEvent>,
) -> HistoryPage {
    let limit = query.limit.min(MAX_PAGE);
    let words = words(query.filter.as_deref());
    let row = |i: usize, event: HistoryEvent| HistoryRow { state: index.state(i).to_owned(), event };
    let (matched, rows) = if words.is_empty() {
        let start = query.offset.min(total);
        let end = total.min(start.saturating_add(limit));
        (total, range(start..end).into_iter().enumerate().map(|(k, e)| row(start + k, e)).collect())
    } else {
        let test = index.matcher(&words);
        let mut matched = 0;
        let mut rows = Vec::new();
        for i in (0..total).filter(|&i| test(i)) {
            if matched >= query.offset && rows.len() < limit {
                rows.extend(one(i).map(|e| row(i, e)));
            }
            matched += 1;
        }
        (matched, rows)
    };
    HistoryPage {
        total,
        matched,
        offset: query.offset,
        started_at: if total == 0 { None } else { one(0).map(|e| e.timestamp) },
        rows,
    }
}

pub fn state_executions(states: &[RunState], query: &ExecutionsQuery) -> StateExecutions {
    let of_state = |s: &&RunState| {
        query.pointer.as_ref().is_none_or(|p| s.pointer.as_ref() == Some(p))
            && query.path.as_ref().is_none_or(|p| &s.record.path == p)
    };
    let total = states.iter().filter(of_state).count();
    let limit = query.limit.min(MAX_PAGE);
    let offset = query.offset.unwrap_or(total.saturating_sub(limit));
    let executions = states.iter().filter(of_state).skip(offset).take(limit).cloned().collect();
    StateExecutions { total, offset, executions }
}

/// Serializes `ExecutionHistory` as it is read back, event by event: a spilled history of
/// 2,000,000 events is never in memory at once.
#[derive(Serialize)]
struct HistoryJson<'a> {
    events: Events<'a>,
}

struct Events<'a>(&'a Spool<HistoryEvent>);

impl Serialize for Events<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        let mut failed = None;
        self.0.for_each(|_, event| {
            if failed.is_none() {
                failed = seq.serialize_element(event).err();
            }
        });
        match failed {
            Some(e) => Err(e),
            None => seq.end(),
        }
    }
}

impl Runs {
    /// A page of the run's history (as recorded so far while it runs).
    pub fn history_page(&self, id: RunId, query: &HistoryQuery) -> Result<HistoryPage, RunError> {
        let slot = self.slot(id)?;
        let live = slot.live();
        let history = &live.history;
        Ok(page(history.len(), &live.index, query, |r| history.range(r), |i| history.get(i)))
    }

    /// Some executions of one state of the run.
    pub fn state_executions(&self, id: RunId, query: &ExecutionsQuery) -> Result<StateExecutions, RunError> {
        let slot = self.slot(id)?;
        let live = slot.live();
        let found = live.find_states(|pointer, path| {
            query.pointer.as_ref().is_none_or(|p| pointer == Some(p.as_str()))
                && query.path.as_ref().is_none_or(|p| path == p)
        });
        let total = found.len();
        let limit = query.limit.min(MAX_PAGE);
        let offset = query.offset.unwrap_or(total.saturating_sub(limit));
        let executions = found.iter().skip(offset).take(limit).filter_map(|&i| live.states.get(i)).collect();
        Ok(StateExecutions { total, offset, executions })
    }

    /// Writes the run's whole history to `path` as GetExecutionHistory's JSON (what the
    /// history view exported in the page before runs grew to 44 MB of it), streamed from
    /// memory and disk. Answers the number of events written.
    pub fn write_history(&self, id: RunId, path: &Path) -> Result<usize, SessionError> {
        let slot = self.slot(id)?;
        let live = slot.live();
        let json = HistoryJson { events: Events(&live.history) };
        crate::files::save_with(path, |out| {
            serde_json::to_writer_pretty(out, &json).map_err(std::io::Error::other)
        })?;
        Ok(live.history.len())
    }
}

#[cfg(test)]
#[path = "pages_tests.rs"]
mod tests;
