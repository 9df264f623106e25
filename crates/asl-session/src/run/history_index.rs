//! The state each history event belongs to, kept per run. The history view shows it and
//! filters on it, but the events do not say it: it comes from following `previousEventId`
//! back to a StateEntered. Walking 200,000 events for that (each event's details are a map
//! of their own on the heap) takes some 50 ms; done once per run, on its first filter, and
//! extended as a live history grows, a filter then scans a compact array instead. A page
//! without a filter walks back from its own few events ([`state_of`]).

use super::registry::RunId;
use asl_eval::history::HistoryEvent;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Which state each event belongs to, as an index into `names` (0: none, "").
#[derive(Debug)]
pub struct HistoryIndex {
    names: Vec<String>,
    /// `names`, lower-cased once for filters.
    lower: Vec<String>,
    by_name: HashMap<String, u32>,
    of: Vec<u32>,
    /// The id of the last event indexed: a history that is not an extension of what was
    /// indexed (the engine's own one replacing the live one) is indexed anew.
    last_id: Option<u64>,
}

impl Default for HistoryIndex {
    fn default() -> Self {
        HistoryIndex {
            names: vec![String::new()],
            lower: vec![String::new()],
            by_name: HashMap::new(),
            of: Vec::new(),
            last_id: None,
        }
    }
}

impl HistoryIndex {
    pub fn of(events: &[HistoryEvent]) -> HistoryIndex {
        let mut index = HistoryIndex::default();
        index.update(events);
        index
    }

    /// Indexes the events not indexed yet. The rule, as the UI's `historyRows`: its own
    /// name for `*StateEntered` and `*StateExited`; none for execution-level events; else
    /// that of the event it follows, unless that one is an exit (its chain has ended).
    pub fn update(&mut self, events: &[HistoryEvent]) {
        let indexed = self.of.len();
        let extends = match self.last_id {
            None => indexed == 0,
            Some(id) => events.len() >= indexed && events[indexed - 1].id == id,
        };
        if !extends {
            *self = HistoryIndex::default();
        }
        for i in self.of.len()..events.len() {
            let event = &events[i];
            let state = match own_state(event) {
                Some(name) => self.intern(name),
                None if event.kind.starts_with("Execution") => 0,
                None => match position(events, event.previous_event_id).filter(|&p| p < i) {
                    Some(p) if !events[p].kind.ends_with("StateExited") => self.of[p],
                    _ => 0,
                },
            };
            self.of.push(state);
        }
        self.last_id = events.last().map(|e| e.id);
    }

    /// The state of event `i` (by position).
    pub fn state(&self, i: usize) -> &str {
        self.of.get(i).map_or("", |&s| &self.names[s as usize])
    }

    /// A test of event `i` against a filter's words (lower-case; the first 64 count): all
    /// must occur in the event's type or its state's name. Each distinct type and name is
    /// looked at once per filter, not once per event.
    pub fn matcher<'a>(&'a self, words: &[String]) -> impl FnMut(&HistoryEvent, usize) -> bool + 'a {
        let words: Vec<String> = words.iter().take(64).cloned().collect();
        let all = if words.is_empty() { 0 } else { u64::MAX >> (64 - words.len()) };
        let by_state: Vec<u64> = self.lower.iter().map(|name| mask(&words, name)).collect();
        let mut by_kind: HashMap<&'static str, u64> = HashMap::new();
        move |event, i| {
            let kind = *by_kind.entry(event.kind).or_insert_with(|| mask(&words, &event.kind.to_lowercase()));
            let state = self.of.get(i).map_or(0, |&s| by_state[s as usize]);
            (kind | state) & all == all
        }
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.by_name.get(name) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.lower.push(name.to_lowercase());
        self.by_name.insert(name.to_owned(), n);
        n
    }
}

/// The state of event `i` found by walking its chain back, by the same rule as the index:
/// for the few events of a page, without indexing the whole history first.
pub fn state_of(events: &[HistoryEvent], i: usize) -> &str {
    let mut at = i;
    loop {
        let event = &events[at];
        if at != i && event.kind.ends_with("StateExited") {
            return "";
        }
        if let Some(name) = own_state(event) {
            return name;
        }
        if event.kind.starts_with("Execution") {
            return "";
        }
        match position(events, event.previous_event_id).filter(|&p| p < at) {
            Some(p) => at = p,
            None => return "",
        }
    }
}

/// Bit k: word k occurs in `text`.
fn mask(words: &[String], text: &str) -> u64 {
    words.iter().enumerate().fold(0, |m, (k, w)| m | (u64::from(text.contains(w.as_str())) << k))
}

fn own_state(event: &HistoryEvent) -> Option<&str> {
    match &event.details {
        Some(("stateEnteredEventDetails" | "stateExitedEventDetails", details)) => details["name"].as_str(),
        _ => None,
    }
}

/// Where event `id` sits: the engine numbers events from 1 in the order it records them,
/// so it is `id - 1`; a history numbered otherwise is still searched (ids ascend).
fn position(events: &[HistoryEvent], id: u64) -> Option<usize> {
    let guess = usize::try_from(id.checked_sub(1)?).ok()?;
    match events.get(guess) {
        Some(e) if e.id == id => Some(guess),
        _ => events.binary_search_by_key(&id, |e| e.id).ok(),
    }
}

/// The index of each run read in pages, made on its first page.
#[derive(Debug, Default)]
pub(crate) struct HistoryIndexes(Mutex<HashMap<RunId, Arc<Mutex<HistoryIndex>>>>);

impl HistoryIndexes {
    /// Run `id`'s index, brought up to `events`.
    pub fn get(&self, id: RunId, events: &[HistoryEvent]) -> Arc<Mutex<HistoryIndex>> {
        let index = self.0.lock().unwrap_or_else(|e| e.into_inner()).entry(id).or_default().clone();
        index.lock().unwrap_or_else(|e| e.into_inner()).update(events);
        index
    }
}
