//! The state each history event belongs to, kept per run. The history view shows it and
//! filters on it, but the events do not say it: it comes from following `previousEventId`
//! back to a StateEntered. Walking 200,000 events for that (each event's details are a map
//! of their own on the heap) takes some 50 ms; done once per run, on its first filter, and
//! extended as a live history grows, a filter then scans a compact array instead. A page
//! without a filter walks back from its own few events ([`state_of`]).

use asl_eval::history::HistoryEvent;
use std::collections::HashMap;

/// Which state each event belongs to, as an index into `names` (0: none, ""), and each
/// event's type: a filter reads these, not the events (which may be on disk, spool.rs).
#[derive(Debug)]
pub struct HistoryIndex {
    names: Vec<String>,
    /// `names`, lower-cased once for filters.
    lower: Vec<String>,
    by_name: HashMap<String, u32>,
    of: Vec<u32>,
    /// Each event's type, as an index into `kind_names`.
    kinds: Vec<u16>,
    kind_names: Vec<&'static str>,
    /// Event ids, kept only once one is not its position + 1 (the engine's never are).
    ids: Option<Vec<u64>>,
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
            kinds: Vec::new(),
            kind_names: Vec::new(),
            ids: None,
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

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }

    /// Indexes the events not indexed yet (all of them when `events` does not extend
    /// what was indexed).
    pub fn update(&mut self, events: &[HistoryEvent]) {
        let indexed = self.of.len();
        let extends = match self.last_id {
            None => indexed == 0,
            Some(id) => events.len() >= indexed && events[indexed - 1].id == id,
        };
        if !extends {
            *self = HistoryIndex::default();
        }
        for event in &events[self.of.len()..] {
            self.push(event);
        }
    }

    /// Indexes the next event. The rule, as the UI's `historyRows`: its own name for
    /// `*StateEntered` and `*StateExited`; none for execution-level events; else that of
    /// the event it follows, unless that one is an exit (its chain has ended).
    pub fn push(&mut self, event: &HistoryEvent) {
        let i = self.of.len();
        let state = match own_state(event) {
            Some(name) => self.intern(name),
            None if event.kind.starts_with("Execution") => 0,
            None => match self.position(event.previous_event_id).filter(|&p| p < i) {
                Some(p) if !self.kind(p).ends_with("StateExited") => self.of[p],
                _ => 0,
            },
        };
        if self.ids.is_none() && event.id != i as u64 + 1 {
            self.ids = Some((1..=i as u64).collect());
        }
        if let Some(ids) = &mut self.ids {
            ids.push(event.id);
        }
        let kind = self.kind_id(event.kind);
        self.kinds.push(kind);
        self.of.push(state);
        self.last_id = Some(event.id);
    }

    /// The last event's type changed (a stopped run's ExecutionFailed made ExecutionAborted).
    pub fn relabel_last(&mut self, kind: &'static str) {
        let id = self.kind_id(kind);
        if let Some(last) = self.kinds.last_mut() {
            *last = id;
        }
    }

    /// The state of event `i` (by position).
    pub fn state(&self, i: usize) -> &str {
        self.of.get(i).map_or("", |&s| &self.names[s as usize])
    }

    fn kind(&self, i: usize) -> &'static str {
        self.kinds.get(i).map_or("", |&k| self.kind_names[k as usize])
    }

    /// A test of event `i` against a filter's words (lower-case; the first 64 count): all
    /// must occur in the event's type or its state's name. Each distinct type and name is
    /// looked at once per filter, not once per event.
    pub fn matcher<'a>(&'a self, words: &[String]) -> impl Fn(usize) -> bool + 'a {
        let words: Vec<String> = words.iter().take(64).cloned().collect();
        let all = if words.is_empty() { 0 } else { u64::MAX >> (64 - words.len()) };
        let by_state: Vec<u64> = self.lower.iter().map(|name| mask(&words, name)).collect();
        let by_kind: Vec<u64> = self.kind_names.iter().map(|k| mask(&words, &k.to_lowercase())).collect();
        move |i| {
            let kind = self.kinds.get(i).map_or(0, |&k| by_kind[k as usize]);
            let state = self.of.get(i).map_or(0, |&s| by_state[s as usize]);
            (kind | state) & all == all
        }
    }

    /// Where event `id` sits: the engine numbers events from 1 in the order it records
    /// them, so it is `id - 1`; a history numbered otherwise is searched (ids ascend).
    fn position(&self, id: u64) -> Option<usize> {
        match &self.ids {
            None => usize::try_from(id.checked_sub(1)?).ok().filter(|&p| p < self.of.len()),
            Some(ids) => ids.binary_search(&id).ok(),
        }
    }

    fn kind_id(&mut self, kind: &'static str) -> u16 {
        match self.kind_names.iter().position(|&k| k == kind) {
            Some(k) => k as u16,
            None => {
                self.kind_names.push(kind);
                (self.kind_names.len() - 1) as u16
            }
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

#[cfg(test)]
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

#[cfg(test)]
/// Where event `id` sits: the engine numbers events from 1 in the order it records them,
/// so it is `id - 1`; a history numbered otherwise is still searched (ids ascend).
fn position(events: &[HistoryEvent], id: u64) -> Option<usize> {
    let guess = usize::try_from(id.checked_sub(1)?).ok()?;
    match events.get(guess) {
        Some(e) if e.id == id => Some(guess),
        _ => events.binary_search_by_key(&id, |e| e.id).ok(),
    }
}
