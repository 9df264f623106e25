//! The Map run viewer's rows (issue 13, item 4): the iterations of a Map state, each with
//! its status, duration, input, output and failure, and the state execution that opens it
//! on the canvas. Rust groups the run's state executions by iteration — a run path
//! `Map/3/State` is iteration 3 of `Map` — so the UI never parses paths.
//!
//! An iteration is the states run in the lane `<map path>/<i>/` (nested containers
//! included) after one entry of the Map state: a Map entered twice (a loop) has two
//! iteration 0s, each under its own entry; a retried Map (one entry) runs its iterations
//! anew, told apart by the scope's first state (entered from nowhere) coming again. Status and duration come from the history's
//! `MapIteration*` events when it has one start per iteration found (the same Map name
//! elsewhere would make the pairing a guess); otherwise from the states themselves, timed
//! from the first state's entry to the last one's end on the execution's clock (a
//! Distributed Map's child executions keep no history: this is how they are timed).

use super::pages::MAX_PAGE;
use super::record::RunState;
use super::registry::{RunId, Runs};
use super::RunError;
use asl_eval::history::HistoryEvent;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// `limit` iterations from `offset` of the Map state at `pointer`, failed ones only if asked.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IterationsQuery {
    pub pointer: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<usize>", optional))]
    pub offset: usize,
    pub limit: usize,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub failed_only: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IterationStatus {
    Succeeded,
    Failed,
    Running,
}

/// One iteration of an inline Map.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapIteration {
    /// Its index among the Map's items, from 0.
    pub index: usize,
    pub status: IterationStatus,
    /// From its `MapIterationStarted` to its end in the history (execution time: virtual
    /// on the virtual clock); none while it runs or when the history cannot tell.
    pub duration_ms: Option<u64>,
    /// The input of its first state.
    pub input: Option<Value>,
    /// The output of the state that ended it.
    pub output: Option<Value>,
    /// How it failed (the last failure of a state in it), when it did.
    pub error: Option<String>,
    pub cause: Option<String>,
    /// The state that opens it on the canvas: the one that failed, else the last one run.
    pub pointer: Option<String>,
    /// Which execution of that state it is (the index `run_state_executions` takes).
    pub execution: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapIterations {
    /// Iterations in all.
    pub total: usize,
    /// Of which failed.
    pub failed: usize,
    /// Iterations the filter keeps (`total` without it).
    pub matched: usize,
    pub offset: usize,
    pub rows: Vec<MapIteration>,
}

/// One iteration while its states are gathered.
struct Group<'r> {
    map_name: &'r str,
    index: usize,
    input: Option<&'r Value>,
    output: Option<&'r Value>,
    /// The last state with a failure: (state, its execution index).
    failure: Option<(&'r RunState, usize)>,
    /// The last state run (in the iteration's own lane): (state, execution).
    last: Option<(&'r RunState, usize)>,
    /// A state of its own lane ended it with an output.
    ended: bool,
    /// Its lane's last state failed without an output (nothing after it).
    lane_failed: bool,
    /// The first entry and the last exit among its states (epoch ms, execution clock).
    entered_at: Option<i64>,
    left_at: Option<i64>,
}

/// The iterations of the Map at `pointer`, in the order of the Map's entries and indexes.
pub fn map_iterations(
    states: &[RunState],
    history: &[HistoryEvent],
    query: &IterationsQuery,
) -> MapIterations {
    let groups = groups(states, &query.pointer);
    let mut timing = Timing::of(history, &groups);
    let mut rows: Vec<MapIteration> = groups.iter().map(|g| row(g, &mut timing)).collect();
    let total = rows.len();
    let failed = rows.iter().filter(|r| r.status == IterationStatus::Failed).count();
    if query.failed_only {
        rows.retain(|r| r.status == IterationStatus::Failed);
    }
    let matched = rows.len();
    let rows = rows.into_iter().skip(query.offset).take(query.limit.min(MAX_PAGE)).collect();
    MapIterations { total, failed, matched, offset: query.offset, rows }
}

fn groups<'r>(states: &'r [RunState], pointer: &str) -> Vec<Group<'r>> {
    // The latest entry (position) of the Map at each of its paths.
    let mut entries: HashMap<&str, usize> = HashMap::new();
    let mut executions: HashMap<&str, usize> = HashMap::new();
    // By (the Map's entry, the attempt of a retried Map, index): the rows' order.
    let mut by_key: BTreeMap<(usize, usize, usize), Group<'r>> = BTreeMap::new();
    let mut attempts: HashMap<(usize, usize), usize> = HashMap::new();
    for (position, state) in states.iter().enumerate() {
        let own = state.pointer.as_deref().unwrap_or("");
        let execution = {
            let n = executions.entry(own).or_insert(0);
            *n += 1;
            *n - 1
        };
        let path = state.record.path.as_str();
        if own == pointer {
            entries.insert(path, position);
            continue;
        }
        let Some((map_path, index, rest)) = iteration_of(path, &entries) else { continue };
        let entry = entries[map_path];
        let map_name = map_path.rsplit('/').next().unwrap_or(map_path);
        let own_lane = !rest.contains('/');
        // The first state of the iteration's scope again: the Map is retried (one entry,
        // its iterations run anew), so this is another iteration with the same index.
        let attempt = attempts.entry((entry, index)).or_insert(0);
        if own_lane
            && state.from.is_none()
            && by_key.get(&(entry, *attempt, index)).is_some_and(|g| g.last.is_some())
        {
            *attempt += 1;
        }
        let group = by_key.entry((entry, *attempt, index)).or_insert_with(|| Group {
            map_name,
            index,
            input: None,
            output: None,
            failure: None,
            last: None,
            ended: false,
            lane_failed: false,
            entered_at: None,
            left_at: None,
        });
        group.entered_at = match (group.entered_at, state.entered_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        group.left_at = group.left_at.max(state.left_at);
        if state.error.is_some() {
            group.failure = Some((state, execution));
        }
        // Only the iteration's own lane (not a container's insides) begins and ends it.
        if own_lane {
            if group.input.is_none() {
                group.input = Some(&state.record.input);
            }
            group.last = Some((state, execution));
            group.ended = state.ends && state.record.output.is_some();
            group.lane_failed = state.error.is_some() && state.record.output.is_none();
            if group.ended {
                group.output = state.record.output.as_ref();
            }
        }
    }
    by_key.into_values().collect()
}

/// `path` inside an iteration of one of the Map's `entries`: (the Map's path, the index,
/// the path within the iteration). The innermost such Map wins (a Map inside its own
/// iteration is another state, so at most one matches anyway).
fn iteration_of<'p>(path: &'p str, entries: &HashMap<&str, usize>) -> Option<(&'p str, usize, &'p str)> {
    let mut found = None;
    let mut at = 0;
    while let Some(slash) = path[at..].find('/') {
        let prefix = &path[..at + slash];
        let after = &path[at + slash + 1..];
        if let Some((number, rest)) = after.split_once('/') {
            if let (Ok(index), true) = (number.parse::<usize>(), entries.contains_key(prefix)) {
                found = Some((prefix, index, rest));
            }
        }
        at += slash + 1;
    }
    found
}

/// One iteration in the history: its start and its end with whether it failed (epoch ms).
type Span = (Option<i64>, Option<(i64, bool)>);

/// The history's start and end of each iteration, by the Map's name and index, in order.
struct Timing {
    /// (name, index) → its spans in history order.
    spans: HashMap<(String, usize), Vec<Span>>,
    /// The history has exactly the iterations found, so the k-th span is the k-th group.
    usable: bool,
    /// How many groups of each (name, index) were seen so far.
    seen: HashMap<(String, usize), usize>,
}

impl Timing {
    fn of(history: &[HistoryEvent], groups: &[Group<'_>]) -> Timing {
        let mut spans: HashMap<(String, usize), Vec<Span>> = HashMap::new();
        for event in history {
            let ended = match event.kind {
                "MapIterationStarted" => None,
                "MapIterationSucceeded" => Some(false),
                "MapIterationFailed" => Some(true),
                _ => continue,
            };
            let Some((_, details)) = &event.details else { continue };
            let (Some(name), Some(index)) = (details["name"].as_str(), details["index"].as_u64()) else {
                continue;
            };
            let at = millis(&event.timestamp);
            let list = spans.entry((name.to_owned(), index as usize)).or_default();
            match ended {
                None => list.push((at, None)),
                Some(failed) => {
                    if let Some(open) = list.iter_mut().find(|s| s.1.is_none()) {
                        open.1 = Some((at.unwrap_or(0), failed));
                    }
                }
            }
        }
        let mut wanted: HashMap<(String, usize), usize> = HashMap::new();
        for g in groups {
            *wanted.entry((g.map_name.to_owned(), g.index)).or_default() += 1;
        }
        let usable =
            !history.is_empty() && wanted.iter().all(|(key, n)| spans.get(key).map_or(0, Vec::len) == *n);
        Timing { spans, usable, seen: HashMap::new() }
    }
}

fn millis(timestamp: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(timestamp).ok().map(|t| t.timestamp_millis())
}

/// The row of `g`; rows are made in the groups' order, so the k-th group of a (name,
/// index) takes the k-th span.
fn row(g: &Group<'_>, timing: &mut Timing) -> MapIteration {
    let key = (g.map_name.to_owned(), g.index);
    let k = timing.seen.entry(key.clone()).or_default();
    let span = if timing.usable { timing.spans.get(&key).and_then(|s| s.get(*k)).copied() } else { None };
    *k += 1;
    let status = match span {
        Some((_, Some((_, true)))) => IterationStatus::Failed,
        Some((_, Some((_, false)))) => IterationStatus::Succeeded,
        Some((_, None)) => IterationStatus::Running,
        None if g.ended => IterationStatus::Succeeded,
        None if g.lane_failed => IterationStatus::Failed,
        None => IterationStatus::Running,
    };
    let duration_ms = match (span, g.entered_at, g.left_at) {
        (Some((Some(start), Some((end, _)))), _, _) => u64::try_from(end - start).ok(),
        (None, Some(start), Some(end)) if status != IterationStatus::Running => {
            u64::try_from(end - start).ok()
        }
        _ => None,
    };
    let failed = status == IterationStatus::Failed;
    let failure = g.failure.filter(|_| failed);
    let (open, execution) = failure.or(g.last).map_or((None, 0), |(s, e)| (s.pointer.clone(), e));
    MapIteration {
        index: g.index,
        status,
        duration_ms,
        input: g.input.cloned(),
        output: if failed { None } else { g.output.cloned() },
        error: failure.and_then(|(s, _)| s.error.clone()),
        cause: failure.and_then(|(s, _)| s.cause.clone()),
        pointer: open,
        execution,
    }
}

impl Runs {
    /// A page of the iterations of the Map state at `query.pointer` (so far, while it runs).
    pub fn map_iterations(&self, id: RunId, query: &IterationsQuery) -> Result<MapIterations, RunError> {
        let slot = self.slot(id)?;
        let live = slot.live();
        if live.states.spilled() == 0 && live.history.spilled() == 0 {
            return Ok(map_iterations(live.states.tail(), live.history.tail(), query));
        }
        // A run partly on disk: read back only what the rows are made of — the Map's own
        // entries, the states inside containers and the iterations' events.
        let mut states = Vec::new();
        live.states.for_each(|_, s| {
            if s.pointer.as_deref() == Some(query.pointer.as_str()) || s.record.path.contains('/') {
                states.push(s.clone());
            }
        });
        let mut history = Vec::new();
        live.history.for_each(|_, e| {
            if e.kind.starts_with("MapIteration") {
                history.push(e.clone());
            }
        });
        Ok(map_iterations(&states, &history, query))
    }
}
