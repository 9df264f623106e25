//! The rules, one module per concern. `run` walks every scope (the machine, Parallel
//! branches, Map item processors) and every state once.

mod choice;
mod expressions;
mod fields;
mod jsonata;
mod map;
mod names;
mod reach;
mod structure;
mod values;

use crate::Ctx;
use asl_model::model::{QueryLanguage, State, StateMachine};
use asl_model::syntax::Node;
use std::ops::Range;

pub(crate) fn run(ctx: &mut Ctx) {
    for issue in ctx.doc.model_issues() {
        if issue.warning {
            ctx.warn_key(issue.code, &issue.pointer, issue.message.clone());
        } else {
            ctx.error(issue.code, &issue.pointer, issue.message.clone());
        }
    }
    fields::duplicate_keys(ctx);
    fields::machine_fields(ctx);
    structure::unique_names(ctx);
    let machine = ctx.doc.machine();
    scope(ctx, machine, &[]);
}

/// Checks one scope; `outer` holds the enclosing scopes, innermost last, so a transition
/// to a state of an enclosing scope can be named as such.
fn scope<'m>(ctx: &mut Ctx, machine: &'m StateMachine, outer: &[&'m StateMachine]) {
    structure::scope(ctx, machine, outer);
    let mut inner: Vec<&StateMachine> = outer.to_vec();
    inner.push(machine);
    // Large scopes are checked on two threads: the per-state rules are independent, and
    // validation runs on every keystroke in the editor. Results are merged and sorted,
    // so the output does not depend on scheduling.
    if machine.states.len() >= PARALLEL_FROM {
        let half = machine.states.len() / 2;
        let doc = ctx.doc;
        let other = std::thread::scope(|threads| {
            let handle = threads.spawn(|| {
                let mut sub = Ctx::new(doc);
                states(&mut sub, machine, half..machine.states.len(), &inner);
                sub.out
            });
            states(ctx, machine, 0..half, &inner);
            handle.join()
        });
        match other {
            Ok(out) => ctx.out.extend(out),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        return;
    }
    states(ctx, machine, 0..machine.states.len(), &inner);
}

/// Scopes with at least this many states are checked on two threads.
const PARALLEL_FROM: usize = 1_000;

/// The rules of some states of `machine`, and of the scopes nested in them.
fn states<'m>(ctx: &mut Ctx, machine: &'m StateMachine, range: Range<usize>, inner: &[&'m StateMachine]) {
    let doc = ctx.doc;
    let states = doc.tree().at(&machine.states_pointer());
    // The model has a state per object member of `States`, in text order: walking the
    // members alongside finds each state's object without a lookup by name (10,000 hash
    // probes, most of them cache misses). A repeated key needs the lookup, which sees the
    // last member of that name.
    let members = states.and_then(Node::as_object).unwrap_or(&[]);
    let mut objects = members.iter().filter(|m| m.value.as_object().is_some()).skip(range.start);
    let repeated = !doc.duplicate_keys().is_empty();
    for state in &machine.states[range] {
        let next = objects.next().filter(|m| !repeated && m.key == state.name.as_str());
        // Each state's object, looked up once for all the rules that read its fields.
        if let Some(node) = next.map(|m| &m.value).or_else(|| states.and_then(|n| n.get(&state.name))) {
            state_rules(ctx, state, node);
        }
        for child in state.children() {
            fields::scope_fields(ctx, child);
            scope(ctx, child, inner);
        }
    }
}

fn state_rules(ctx: &mut Ctx, state: &State, node: &Node) {
    let ql = effective_ql(ctx, state);
    fields::state_fields(ctx, state, node, ql);
    values::state_values(ctx, state);
    choice::rules(ctx, state, ql);
    match ql {
        QueryLanguage::JsonPath => expressions::state_paths(ctx, state, node),
        QueryLanguage::Jsonata => jsonata::state_expressions(ctx, state, node),
    }
}

/// A state's query language: its own, or the machine's.
pub(crate) fn effective_ql(ctx: &Ctx, state: &State) -> QueryLanguage {
    state.query_language.unwrap_or(ctx.top_ql)
}

/// CloudFormation/SAM `DefinitionSubstitutions` placeholders (`${Name}`) stand for text
/// filled in at deploy time: a value holding one is accepted wherever a string may stand.
pub(crate) fn has_placeholder(s: &str) -> bool {
    s.find("${").is_some_and(|i| s[i..].contains('}'))
}
