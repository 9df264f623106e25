//! Path coverage of the tests: which states, Choice rules (and Defaults), Retriers and
//! Catchers of the machine the test cases exercised, with how often. Every item of the
//! machine is listed, exercised or not, so the canvas can draw both.
//!
//! States come from the state records; a Choice's rule from the state that followed it in
//! the same branch/iteration (when several rules lead there, the rules are evaluated on
//! the Choice's effective input to tell which one matched); Retriers and Catchers from the
//! engine's hook, which names the one that matched.

use super::paths::{all_states, lane, state_at};
use asl_eval::Outcome;
use asl_eval::{CatchPoint, Hook, Resume, RetryPoint};
use asl_model::model::{State, StateKind, StateMachine};
use serde::{Serialize, Serializer};
use serde_json::Map;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

/// What the engine's [`Hook`] methods return.
type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub states: Vec<StateCoverage>,
    pub choice_rules: Vec<ChoiceRuleCoverage>,
    pub retriers: Vec<HandlerCoverage>,
    pub catchers: Vec<HandlerCoverage>,
    /// The test cases that ran this machine (only they count).
    pub cases: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateCoverage {
    pub pointer: String,
    pub name: String,
    pub hits: u64,
}

/// A Choice rule by its index in `Choices`, or the Choice's `Default`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number | \"Default\""))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleRef {
    Index(usize),
    Default,
}

impl Serialize for RuleRef {
    /// As the UI reads it: the index, or `"Default"`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RuleRef::Index(i) => s.serialize_u64(*i as u64),
            RuleRef::Default => s.serialize_str("Default"),
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceRuleCoverage {
    pub state_pointer: String,
    pub state_name: String,
    pub rule: RuleRef,
    /// The rule's pointer (`/States/C/Choices/1`), or the Choice's for its Default.
    pub pointer: String,
    pub next: Option<String>,
    pub hits: u64,
}

/// A Retrier or Catcher by its index in the state's `Retry` / `Catch`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandlerCoverage {
    pub state_pointer: String,
    pub state_name: String,
    pub index: usize,
    pub pointer: String,
    pub hits: u64,
}

impl Coverage {
    /// Every item of `machine`, none exercised yet.
    pub fn of(machine: &StateMachine) -> Coverage {
        let mut c = Coverage::default();
        for state in all_states(machine) {
            c.states.push(StateCoverage {
                pointer: state.pointer.clone(),
                name: state.name.clone(),
                hits: 0,
            });
            if let StateKind::Choice(choice) = &state.kind {
                for (i, rule) in choice.choices.iter().enumerate() {
                    c.choice_rules.push(rule_coverage(
                        state,
                        RuleRef::Index(i),
                        &rule.condition.pointer,
                        &rule.next,
                    ));
                }
                if choice.default.is_some() {
                    c.choice_rules.push(rule_coverage(
                        state,
                        RuleRef::Default,
                        &state.pointer,
                        &choice.default,
                    ));
                }
            }
            for (i, r) in state.retry.iter().enumerate() {
                c.retriers.push(handler_coverage(state, i, &r.pointer));
            }
            for (i, k) in state.catch.iter().enumerate() {
                c.catchers.push(handler_coverage(state, i, &k.pointer));
            }
        }
        c
    }

    /// Counts what one execution of `machine` exercised.
    pub(crate) fn add(&mut self, machine: &StateMachine, outcome: &Outcome, tally: &Tally) {
        self.cases += 1;
        let records = &outcome.states;
        for (i, record) in records.iter().enumerate() {
            let Some(state) = state_at(machine, &record.path) else { continue };
            bump(self.states.iter_mut().filter(|s| s.pointer == state.pointer));
            let StateKind::Choice(choice) = &state.kind else { continue };
            let here = lane(&record.path);
            let Some(next) = records[i + 1..].iter().find(|r| lane(&r.path) == here) else { continue };
            let Some(rule) = taken_rule(choice, &next.name, record) else { continue };
            bump(self.choice_rules.iter_mut().filter(|r| r.state_pointer == state.pointer && r.rule == rule));
        }
        let seen = tally.seen.lock().unwrap_or_else(|e| e.into_inner());
        for (kind, path, index) in seen.iter() {
            let Some(state) = state_at(machine, path) else { continue };
            let list = if *kind == Handler::Retrier { &mut self.retriers } else { &mut self.catchers };
            bump(list.iter_mut().filter(|h| h.state_pointer == state.pointer && h.index == *index));
        }
    }
}

fn bump<'a, T: Hits + 'a>(items: impl Iterator<Item = &'a mut T>) {
    items.for_each(|i| *i.hits() += 1);
}

trait Hits {
    fn hits(&mut self) -> &mut u64;
}

impl Hits for StateCoverage {
    fn hits(&mut self) -> &mut u64 {
        &mut self.hits
    }
}
impl Hits for ChoiceRuleCoverage {
    fn hits(&mut self) -> &mut u64 {
        &mut self.hits
    }
}
impl Hits for HandlerCoverage {
    fn hits(&mut self) -> &mut u64 {
        &mut self.hits
    }
}

fn rule_coverage(state: &State, rule: RuleRef, pointer: &str, next: &Option<String>) -> ChoiceRuleCoverage {
    ChoiceRuleCoverage {
        state_pointer: state.pointer.clone(),
        state_name: state.name.clone(),
        rule,
        pointer: pointer.to_owned(),
        next: next.clone(),
        hits: 0,
    }
}

fn handler_coverage(state: &State, index: usize, pointer: &str) -> HandlerCoverage {
    HandlerCoverage {
        state_pointer: state.pointer.clone(),
        state_name: state.name.clone(),
        index,
        pointer: pointer.to_owned(),
        hits: 0,
    }
}

/// Which rule sent the Choice to `target`.
fn taken_rule(
    choice: &asl_model::model::Choice,
    target: &str,
    record: &asl_eval::StateRecord,
) -> Option<RuleRef> {
    let mut candidates: Vec<RuleRef> = (choice.choices.iter().enumerate())
        .filter(|(_, r)| r.next.as_deref() == Some(target))
        .map(|(i, _)| RuleRef::Index(i))
        .collect();
    if choice.default.as_deref() == Some(target) {
        candidates.push(RuleRef::Default);
    }
    if candidates.len() <= 1 {
        return candidates.pop();
    }
    // Several lead there: the first rule that holds on the effective input is the one.
    let input = record.inspection.after_input_path.as_ref().unwrap_or(&record.input);
    let (context, variables) = (serde_json::Value::Null, Map::new());
    let scope = asl_eval::expr::Scope { input, context: &context, variables: &variables };
    let first_true = choice
        .choices
        .iter()
        .position(|r| asl_eval::expr::evaluate_condition(&r.condition, &scope).unwrap_or(false));
    match first_true {
        Some(i) if candidates.contains(&RuleRef::Index(i)) => Some(RuleRef::Index(i)),
        None if candidates.contains(&RuleRef::Default) => Some(RuleRef::Default),
        _ => candidates.first().copied(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Handler {
    Retrier,
    Catcher,
}

/// A hook that notes every Retrier and Catcher that matched (by state path and index).
#[derive(Default)]
pub(crate) struct Tally {
    seen: Mutex<Vec<(Handler, String, usize)>>,
}

impl Tally {
    fn note(&self, kind: Handler, path: &str, index: usize) {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).push((kind, path.to_owned(), index));
    }
}

impl Hook for Tally {
    fn retry<'a>(&'a self, point: RetryPoint<'a>) -> BoxFuture<'a, Resume> {
        self.note(Handler::Retrier, point.path, point.retrier);
        Box::pin(async { Resume::Continue })
    }

    fn caught<'a>(&'a self, point: CatchPoint<'a>) -> BoxFuture<'a, Resume> {
        self.note(Handler::Catcher, point.path, point.catcher);
        Box::pin(async { Resume::Continue })
    }
}
