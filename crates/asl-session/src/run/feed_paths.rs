//! Where a history event's state runs, in the engine's terms (`Name`, `P/1/Name`,
//! `M/3/Name`): AWS's history names a state but not its branch or iteration. A Parallel
//! branch follows from the definition (state names are unique in a machine, so the
//! branch holding the name is the one); a Map iteration from the event chain: each event
//! inherits the iterations of the event before it (`previousEventId`), and
//! `MapIterationStarted` names its Map and index.

use asl_eval::history::HistoryEvent;
use asl_model::model::{StateKind, StateMachine};
use asl_model::Document;
use serde_json::Value;
use std::collections::HashMap;

/// One container a state sits in, outermost first.
#[derive(Clone, Debug)]
enum Container {
    /// A Parallel and the branch holding the state.
    Branch(String, usize),
    /// A Map (the iteration comes from the events).
    Iteration(String),
}

/// What the definition says of a state.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub pointer: String,
    pub kind: &'static str,
    /// `Next` (or a placeholder for a Choice, which always goes on); `None` when it ends
    /// its scope.
    pub next: Option<String>,
    containers: Vec<Container>,
}

pub(crate) struct FeedPaths {
    places: HashMap<String, Place>,
    /// Per event id: the Map iterations it runs in (map name -> index).
    iterations: HashMap<u64, Vec<(String, u64)>>,
}

impl FeedPaths {
    pub fn new(doc: &Document) -> FeedPaths {
        let mut places = HashMap::new();
        collect(doc.machine(), &[], &mut places);
        FeedPaths { places, iterations: HashMap::new() }
    }

    /// Notes `event` (every event, in id order) and answers the engine path of the state
    /// it enters or exits, with what the definition says of it.
    pub fn observe(&mut self, event: &HistoryEvent) -> Option<(String, &Place)> {
        let mut seen = self.iterations.get(&event.previous_event_id).cloned().unwrap_or_default();
        let details = event.details.as_ref().map(|(_, d)| d);
        if event.kind == "MapIterationStarted" {
            let map = details.and_then(|d| d.get("name")).and_then(Value::as_str).unwrap_or_default();
            let index = details.and_then(|d| d.get("index")).and_then(Value::as_u64).unwrap_or(0);
            seen.retain(|(m, _)| m != map);
            seen.push((map.to_owned(), index));
        }
        let state = (event.kind.ends_with("StateEntered") || event.kind.ends_with("StateExited"))
            .then(|| details.and_then(|d| d.get("name")).and_then(Value::as_str))
            .flatten()
            .map(str::to_owned);
        self.iterations.insert(event.id, seen);
        let name = state?;
        let place = self.places.get(&name)?;
        let seen = &self.iterations[&event.id];
        let mut path = String::new();
        for c in &place.containers {
            let (container, index) = match c {
                Container::Branch(p, b) => (p, *b as u64),
                Container::Iteration(m) => (m, seen.iter().rev().find(|(n, _)| n == m).map_or(0, |(_, i)| *i)),
            };
            path.push_str(&format!("{container}/{index}/"));
        }
        path.push_str(&name);
        Some((path, place))
    }

    /// What the definition says of the state named `name`.
    pub fn place(&self, name: &str) -> Option<&Place> {
        self.places.get(name)
    }
}

fn collect(machine: &StateMachine, containers: &[Container], out: &mut HashMap<String, Place>) {
    for state in &machine.states {
        let kind = state.kind.name();
        let next = match &state.kind {
            StateKind::Succeed | StateKind::Fail(_) => None,
            StateKind::Choice(_) => Some(String::new()),
            _ if state.end == Some(true) => None,
            _ => Some(state.next.clone().unwrap_or_default()),
        };
        out.insert(
            state.name.clone(),
            Place { pointer: state.pointer.clone(), kind, next, containers: containers.to_vec() },
        );
        for (i, child) in state.children().iter().enumerate() {
            let mut inner = containers.to_vec();
            inner.push(match &state.kind {
                StateKind::Parallel(_) => Container::Branch(state.name.clone(), i),
                _ => Container::Iteration(state.name.clone()),
            });
            collect(child, &inner, out);
        }
    }
}
