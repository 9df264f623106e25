//! The shape of the graph: StartAt, transitions and their targets, reachability,
//! terminal states, unique names.

use super::has_placeholder;
use super::reach::{self, Cut};
use crate::{Ctx, Fix};
use asl_model::model::{State, StateKind, StateMachine};
use asl_model::syntax::FastMap;

/// AWS's limit on state names.
const MAX_NAME: usize = 80;

pub(super) fn scope<'m>(ctx: &mut Ctx, machine: &'m StateMachine, outer: &[&StateMachine]) {
    let names: FastMap<&'m str, &'m State> = machine.states.iter().map(|s| (s.name.as_str(), s)).collect();
    let start_ptr = format!("{}/StartAt", machine.pointer);
    let tree = ctx.doc.tree();
    let states_node = tree.at(&format!("{}/States", machine.pointer));
    let has_start_at = tree.at(&start_ptr).is_some();
    match &machine.start_at {
        // A `StartAt` of the wrong type is reported as such by the model.
        None if !has_start_at => {
            ctx.error_key("missing-field", &machine.pointer, "missing \"StartAt\": name the first state")
        }
        None => {}
        // With no states at all, the missing states are the one problem to report.
        Some(_) if machine.states.is_empty() => {}
        Some(start) if !names.contains_key(start.as_str()) => {
            let message =
                format!("\"StartAt\" names \"{start}\", which is not a state of {}", scope_name(machine));
            ctx.error("unknown-start-at", &start_ptr, message)
        }
        Some(_) => {}
    }
    if states_node.is_none() {
        ctx.error_key(
            "missing-field",
            &machine.pointer,
            "missing \"States\": an object of the states by name",
        );
    } else if machine.states.is_empty() && states_node.is_some_and(|n| n.as_object().is_some()) {
        ctx.error("missing-field", &machine.states_pointer(), "\"States\" must hold at least one state");
    }

    let mut cuts = Vec::new();
    for state in &machine.states {
        transitions(ctx, state);
        // Pointers are only built for a transition that dangles (this loop is hot).
        if !state.target_names().all(|t| names.contains_key(t)) {
            dangling(ctx, machine, outer, state, &names, &mut cuts);
        }
        if state.name.chars().count() > MAX_NAME {
            let message = format!(
                "state name is {} characters long; AWS allows at most {MAX_NAME}",
                state.name.chars().count()
            );
            ctx.error_key("name-too-long", &state.pointer, message);
        }
    }

    // A dangling transition may name the very state meant to end the machine, so the
    // missing terminal state is only reported once every transition lands.
    let all_land = machine.states.iter().all(|s| s.target_names().all(|t| names.contains_key(t)));
    if all_land && !machine.states.is_empty() && !machine.states.iter().any(State::is_terminal) {
        ctx.error(
            "no-terminal-state",
            &machine.states_pointer(),
            format!(
                "{} has no terminal state: one needs \"End\": true or a Succeed or Fail type",
                scope_name(machine)
            ),
        );
    }
    reach::unreachable(ctx, machine, &names, &cuts);
}

fn dangling<'m>(
    ctx: &mut Ctx,
    machine: &StateMachine,
    outer: &[&StateMachine],
    state: &'m State,
    names: &FastMap<&str, &State>,
    cuts: &mut Vec<Cut<'m>>,
) {
    for (target, ptr) in state.targets() {
        if names.contains_key(target) {
            continue;
        }
        let field = ptr.rsplit('/').next().unwrap_or("Next");
        let outside = outer.iter().any(|o| o.state(target).is_some());
        let message = if outside {
            format!(
                "\"{field}\" names \"{target}\", which is outside {}: a transition cannot leave a Parallel branch or Map item processor",
                scope_name(machine)
            )
        } else {
            format!("\"{field}\" names \"{target}\", which is not a state of {}", scope_name(machine))
        };
        let code = if field == "Default" { "dangling-default" } else { "dangling-next" };
        cuts.push(Cut { index: ctx.out.len(), state: &state.name, target, pointer: ptr.clone(), outside });
        ctx.error(code, &ptr, message);
    }
}

/// Every state must say where it goes next, in exactly one way.
fn transitions(ctx: &mut Ctx, state: &State) {
    let ptr = &state.pointer;
    let ends = state.end == Some(true);
    match &state.kind {
        StateKind::Choice(_) | StateKind::Succeed | StateKind::Fail(_) | StateKind::Unknown => {}
        _ => {
            if ends && state.next.is_some() {
                ctx.error_key(
                    "end-with-next",
                    &format!("{ptr}/End"),
                    "a state cannot have both \"Next\" and \"End\"",
                );
            } else if !ends && state.next.is_none() {
                let message = if state.end == Some(false) {
                    "\"End\": false needs a \"Next\"; set \"End\": true or add \"Next\""
                } else {
                    "the state has no transition: add \"Next\" or \"End\": true"
                };
                ctx.error_key("missing-transition", ptr, message);
                let title = if state.end.is_some() { "Set End to true" } else { "Add End" };
                ctx.last().fix =
                    Some(Fix { title: title.into(), pointer: format!("{ptr}/End"), value: true.into() });
            }
        }
    }
    if state.type_name.is_none() {
        ctx.error_key("missing-field", ptr, format!("state \"{}\" has no \"Type\"", state.name));
    } else if matches!(state.kind, StateKind::Unknown) {
        let t = state.type_name.as_deref().unwrap_or_default();
        if !has_placeholder(t) {
            const TYPES: [&str; 8] = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];
            let message = match TYPES.iter().find(|k| k.eq_ignore_ascii_case(t)) {
                Some(k) => format!("unknown state type \"{t}\": did you mean \"{k}\"? (types are case-sensitive)"),
                None => format!("unknown state type \"{t}\": expected Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map"),
            };
            ctx.error("unknown-state-type", &format!("{ptr}/Type"), message);
        }
    }
}

/// AWS requires state names to be unique across the whole machine, branches included.
pub(super) fn unique_names(ctx: &mut Ctx) {
    fn walk<'m>(
        scope: &'m StateMachine,
        seen: &mut FastMap<&'m str, &'m str>,
        dupes: &mut Vec<(&'m str, &'m str, &'m str)>,
    ) {
        for state in &scope.states {
            match seen.get(state.name.as_str()) {
                Some(first) => dupes.push((&state.pointer, &state.name, first)),
                None => drop(seen.insert(&state.name, &state.pointer)),
            }
            for child in state.children() {
                walk(child, seen, dupes);
            }
        }
    }
    let mut seen = FastMap::default();
    let mut dupes = Vec::new();
    walk(ctx.doc.machine(), &mut seen, &mut dupes);
    for (ptr, name, first) in dupes {
        // Duplicate keys in one States object are reported as duplicate keys already.
        let same_object = ptr.rsplit_once('/').map(|p| p.0) == first.rsplit_once('/').map(|p| p.0);
        if !same_object {
            let message = format!(
                "state name \"{name}\" is already used at {first}; names must be unique in the whole machine"
            );
            ctx.error_key("duplicate-state-name", ptr, message);
        }
    }
}

fn scope_name(machine: &StateMachine) -> &'static str {
    match machine.pointer.rsplit('/').next() {
        _ if machine.pointer.is_empty() => "the machine",
        Some(last) if last.parse::<usize>().is_ok() => "this Parallel branch",
        _ => "this Map item processor",
    }
}
