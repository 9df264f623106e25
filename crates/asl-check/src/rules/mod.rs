//! The rules, one module per concern. `run` walks every scope (the machine, Parallel
//! branches, Map item processors) and every state once.

mod choice;
mod expressions;
mod fields;
mod jsonata;
mod names;
mod reach;
mod structure;
mod values;

use crate::Ctx;
use asl_model::model::{QueryLanguage, State, StateMachine};
use asl_model::syntax::Node;

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
        let (first, second) = machine.states.split_at(half);
        let other = std::thread::scope(|threads| {
            let handle = threads.spawn(|| {
                let mut sub = Ctx::new(doc);
                states(&mut sub, machine, second, &inner);
                sub.out
            });
            states(ctx, machine, first, &inner);
            handle.join()
        });
        match other {
            Ok(out) => ctx.out.extend(out),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        return;
    }
    states(ctx, machine, &machine.states, &inner);
}

/// Scopes with at least this many states are checked on two threads.
const PARALLEL_FROM: usize = 1_000;

/// The rules of some states of `machine`, and of the scopes nested in them.
fn states<'m>(ctx: &mut Ctx, machine: &'m StateMachine, list: &'m [State], inner: &[&'m StateMachine]) {
    let doc = ctx.doc;
    let states = doc.tree().at(&machine.states_pointer());
    for state in list {
        // Each state's object, looked up once for all the rules that read its fields.
        if let Some(node) = states.and_then(|n| n.get(&state.name)) {
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
