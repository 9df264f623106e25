//! Lookups built once per execution: each scope's states by name (a 10,000-state machine
//! must not search its states linearly at every transition) and which states read the
//! context object `$$` (the others skip building it).

use asl_model::model::{QueryLanguage, State, StateMachine};
use asl_model::syntax::FastMap as HashMap;
use asl_model::Document;
use std::time::Duration;

pub(crate) struct Index<'a> {
    /// Scope (by address) -> state name -> state.
    scopes: HashMap<usize, HashMap<&'a str, &'a State>>,
    /// States (by address) whose text mentions `$$` (or JSONata's `$states`).
    context_readers: HashMap<usize, bool>,
    /// The machine's TimeoutSeconds.
    pub timeout: Option<Duration>,
    /// The machine's QueryLanguage (states may override it).
    pub query_language: Option<QueryLanguage>,
}

impl<'a> Index<'a> {
    pub fn new(machine: &'a StateMachine, doc: Option<&Document>) -> Index<'a> {
        let mut index = Index {
            scopes: HashMap::default(),
            context_readers: HashMap::default(),
            timeout: machine
                .timeout_seconds
                .filter(|t| t.is_finite() && *t >= 0.0)
                .map(Duration::from_secs_f64),
            query_language: machine.query_language,
        };
        index.add(machine, doc);
        index
    }

    fn add(&mut self, scope: &'a StateMachine, doc: Option<&Document>) {
        let mut names = HashMap::default();
        for state in &scope.states {
            // The first state of a name wins, as the model's own lookup does.
            names.entry(state.name.as_str()).or_insert(state);
            let reads = match doc {
                Some(doc) => {
                    let span = doc.span_of(&state.pointer);
                    doc.text().get(span.start..span.end).is_none_or(|t| t.contains("$$") || t.contains("$states"))
                }
                None => true,
            };
            self.context_readers.insert(state as *const State as usize, reads);
            for child in state.children() {
                self.add(child, doc);
            }
        }
        self.scopes.insert(scope as *const StateMachine as usize, names);
    }

    pub fn state(&self, scope: &StateMachine, name: &str) -> Option<&'a State> {
        self.scopes.get(&(scope as *const StateMachine as usize)).and_then(|m| m.get(name).copied())
    }

    /// True when the state may read `$$` (unknown states count as readers).
    pub fn reads_context(&self, state: &State) -> bool {
        self.context_readers.get(&(state as *const State as usize)).copied().unwrap_or(true)
    }
}
