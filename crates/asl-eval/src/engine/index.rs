//! Lookups built once per execution: each scope's states by name (a 10,000-state machine
//! must not search its states linearly at every transition) and which states read the
//! context object `$$` (the others skip building it).

use asl_model::model::{QueryLanguage, State, StateMachine};
use asl_model::syntax::FastMap as HashMap;
use asl_model::Document;
use std::time::Duration;

#[derive(Clone)]
pub(crate) struct Index<'a> {
    /// Scope (by address) -> state name -> state.
    scopes: HashMap<usize, HashMap<&'a str, &'a State>>,
    /// States (by address) whose text mentions `$$` (or JSONata's `$states.context`, or
    /// `$states` as a whole).
    context_readers: HashMap<usize, bool>,
    /// Some state may read the context (false: the text never mentions it).
    contexts: bool,
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
            contexts: true,
            timeout: machine
                .timeout_seconds
                .filter(|t| t.is_finite() && *t >= 0.0)
                .map(Duration::from_secs_f64),
            query_language: machine.query_language,
        };
        // A text that never mentions `$$` or `$states` has no state that reads the context:
        // one scan of the text instead of a pointer lookup and a scan per state.
        let doc = doc.map(|d| (d, d.text().contains("$$") || d.text().contains("$states")));
        index.contexts = doc.is_none_or(|(_, mentioned)| mentioned);
        index.add(machine, doc);
        index
    }

    fn add(&mut self, scope: &'a StateMachine, doc: Option<(&Document, bool)>) {
        let mut names = HashMap::default();
        names.reserve(scope.states.len());
        self.context_readers.reserve(scope.states.len());
        for state in &scope.states {
            // The first state of a name wins, as the model's own lookup does.
            names.entry(state.name.as_str()).or_insert(state);
            let reads = match doc {
                Some((_, false)) => false,
                Some((doc, true)) => {
                    let span = doc.span_of(&state.pointer);
                    doc.text().get(span.start..span.end).is_none_or(reads_context)
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

    /// The lookups of one scope and those inside it (a Distributed Map's child machine).
    pub fn scoped(&self, machine: &'a StateMachine) -> Index<'a> {
        let mut index = Index {
            scopes: HashMap::default(),
            context_readers: HashMap::default(),
            contexts: true,
            timeout: machine
                .timeout_seconds
                .filter(|t| t.is_finite() && *t >= 0.0)
                .map(Duration::from_secs_f64),
            query_language: machine.query_language.or(self.query_language),
        };
        index.contexts = self.contexts;
        index.copy(self, machine);
        index
    }

    fn copy(&mut self, from: &Index<'a>, scope: &'a StateMachine) {
        let key = scope as *const StateMachine as usize;
        if let Some(names) = from.scopes.get(&key) {
            self.scopes.insert(key, names.clone());
        }
        for state in &scope.states {
            let key = state as *const State as usize;
            self.context_readers.insert(key, from.context_readers.get(&key).copied().unwrap_or(true));
            for child in state.children() {
                self.copy(from, child);
            }
        }
    }

    pub fn state(&self, scope: &StateMachine, name: &str) -> Option<&'a State> {
        self.scopes.get(&(scope as *const StateMachine as usize)).and_then(|m| m.get(name).copied())
    }

    /// True when the state may read `$$` (unknown states count as readers).
    pub fn reads_context(&self, state: &State) -> bool {
        // No lookup per state when no state of the text reads it (`contexts` is then false).
        self.contexts && self.context_readers.get(&(state as *const State as usize)).copied().unwrap_or(true)
    }
}

/// True when a state's text may read the context object: `$$`, `$states.context`, or
/// `$states` not followed by a field (the whole object, e.g. `$lookup($states, ...)`).
fn reads_context(text: &str) -> bool {
    if text.contains("$$") {
        return true;
    }
    let mut rest = text;
    while let Some(at) = rest.find("$states") {
        let after = rest[at + "$states".len()..].trim_start();
        match after.strip_prefix('.') {
            Some(field) if !field.trim_start().starts_with("context") => {}
            _ => return true,
        }
        rest = &rest[at + 1..];
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn context_readers() {
        use super::reads_context as r;
        assert!(r(r#""x.$": "$$.Map.Item.Value""#));
        assert!(r("{% $states.context.Execution.Id %}"));
        assert!(r("{% $states . context %}"));
        assert!(r("{% $keys($states) %}"));
        assert!(!r("{% $states.input.i + $states.result.n %}"));
    }
}
