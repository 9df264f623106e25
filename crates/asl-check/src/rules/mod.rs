//! The rules, one module per concern. `run` walks every scope (the machine, Parallel
//! branches, Map item processors) and every state once.

mod choice;
mod expressions;
mod fields;
mod jsonata;
mod structure;
mod values;

use crate::Ctx;
use asl_model::model::{QueryLanguage, State, StateMachine};

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
    for state in &machine.states {
        state_rules(ctx, state);
        for child in state.children() {
            fields::scope_fields(ctx, child);
            scope(ctx, child, &inner);
        }
    }
}

fn state_rules(ctx: &mut Ctx, state: &State) {
    let ql = effective_ql(ctx, state);
    fields::state_fields(ctx, state, ql);
    values::state_values(ctx, state);
    choice::rules(ctx, state, ql);
    match ql {
        QueryLanguage::JsonPath => expressions::state_paths(ctx, state),
        QueryLanguage::Jsonata => jsonata::state_expressions(ctx, state),
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
