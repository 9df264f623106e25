//! Reachability, and what explains it: a state nothing reaches because a dangling
//! transition was meant to reach it names that transition as its cause, so one typo reads
//! as one problem. The dangling transitions get their fix (the closest state name) here
//! too, since which name was meant is a question of what is reached.

use super::names::closest;
use crate::{Ctx, Fix};
use asl_model::model::{State, StateMachine};
use asl_model::syntax::{FastMap, Fnv};
use std::collections::HashSet;

type Seen<'m> = HashSet<&'m str, std::hash::BuildHasherDefault<Fnv>>;

/// A transition whose target is not a state of its scope, as reported.
pub(super) struct Cut<'m> {
    /// Where its diagnostic is in `ctx.out`.
    pub index: usize,
    pub state: &'m str,
    pub target: &'m str,
    pub pointer: String,
    /// The target is a state of an enclosing scope: a transition that cannot leave, not
    /// a typo.
    pub outside: bool,
}

pub(super) fn unreachable<'m>(
    ctx: &mut Ctx,
    machine: &'m StateMachine,
    names: &FastMap<&'m str, &'m State>,
    cuts: &[Cut<'m>],
) {
    let seen = reached(machine, names);
    let meant: Vec<Option<&'m str>> = cuts
        .iter()
        .map(|cut| {
            if cut.outside {
                return None;
            }
            let unreached = |name: &str| seen.as_ref().is_some_and(|s| !s.contains(name));
            closest(cut.target, machine.states.iter().map(|s| (s.name.as_str(), unreached(&s.name))))
        })
        .collect();
    for (cut, name) in cuts.iter().zip(&meant) {
        let Some(name) = name else { continue };
        let d = &mut ctx.out[cut.index];
        d.message.push_str(&format!(": did you mean \"{name}\"?"));
        d.fix = Some(Fix {
            title: format!("Change to \"{name}\""),
            pointer: cut.pointer.clone(),
            value: (*name).into(),
        });
    }
    let Some(seen) = seen else { return };
    if seen.len() == machine.states.len() {
        return;
    }

    // Only a transition of a reached state can have cut anything off.
    let live: Vec<(&Cut, Option<&str>)> =
        cuts.iter().zip(meant).filter(|(c, _)| !c.outside && seen.contains(c.state)).collect();
    let mut cause: FastMap<&str, &str> = FastMap::default();
    for (cut, name) in &live {
        // What the meant state reaches, among the unreached, is what the typo cut off.
        let Some(name) = name.filter(|n| !seen.contains(n)) else { continue };
        let mut stack = vec![name];
        while let Some(n) = stack.pop() {
            if seen.contains(n) || cause.contains_key(n) {
                continue;
            }
            cause.insert(n, &cut.pointer);
            stack.extend(
                names.get(n).into_iter().flat_map(|s| s.target_names()).filter(|t| names.contains_key(t)),
            );
        }
    }
    // A lone dangling transition whose name resembles no state is the only way into the
    // unreached part that the machine shows, whatever it was meant to name.
    if let [(cut, None)] = live.as_slice() {
        for state in &machine.states {
            if !seen.contains(state.name.as_str()) {
                cause.entry(&state.name).or_insert(&cut.pointer);
            }
        }
    }

    for state in &machine.states {
        if !seen.contains(state.name.as_str()) {
            let message = format!("state \"{}\" cannot be reached from \"StartAt\"", state.name);
            ctx.error_key("unreachable-state", &state.pointer, message);
            ctx.last().caused_by = cause.get(state.name.as_str()).map(|p| (*p).to_owned());
        }
    }
}

/// The names reached from `StartAt` (None when it names no state: nothing is).
fn reached<'m>(machine: &'m StateMachine, names: &FastMap<&'m str, &'m State>) -> Option<Seen<'m>> {
    let start = machine.start_at.as_deref().filter(|s| names.contains_key(s))?;
    let mut seen = Seen::default();
    seen.insert(start);
    let mut stack = vec![start];
    while let Some(name) = stack.pop() {
        let Some(state) = names.get(name) else { continue };
        for target in state.target_names() {
            if names.contains_key(target) && seen.insert(target) {
                stack.push(target);
            }
        }
    }
    Some(seen)
}
