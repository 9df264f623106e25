//! Run paths (`Name`, `Parallel/1/Name`, `Map/3/Name`, nested) back to the states of the
//! document they ran from, so the canvas can colour states and the coverage can count
//! them. A path names the state where it ran; the state's pointer names it in the text.

use asl_model::model::{State, StateKind, StateMachine};

/// The state a run path names in `machine`, if the document has it.
pub fn state_at<'m>(machine: &'m StateMachine, path: &str) -> Option<&'m State> {
    walk(machine, path, |_| {})
}

/// The path runs inside a Distributed Map's child execution: the engine keeps no record of
/// it (the hook alone saw it), so the run's record keeps the live one.
pub fn in_child_execution(machine: &StateMachine, path: &str) -> bool {
    let mut inside = false;
    walk(machine, path, |container| {
        inside |= matches!(&container.kind, StateKind::Map(map) if map.item_processor.as_ref()
            .and_then(|p| p.processor_config.as_ref())
            .and_then(|c| c.mode.as_deref()) == Some("DISTRIBUTED"));
    });
    inside
}

/// Follows a path through the document, calling `container` with each Parallel or Map
/// it runs inside (outermost first); answers the state it names.
fn walk<'m>(
    machine: &'m StateMachine,
    path: &str,
    mut container: impl FnMut(&'m State),
) -> Option<&'m State> {
    let mut segments = path.split('/');
    let mut scope = machine;
    loop {
        let state = scope.state(segments.next()?)?;
        let Some(index) = segments.next() else { return Some(state) };
        let index: usize = index.parse().ok()?;
        container(state);
        scope = match &state.kind {
            StateKind::Parallel(parallel) => parallel.branches.get(index)?,
            StateKind::Map(map) => map.item_processor.as_ref()?,
            _ => return None,
        };
    }
}

/// The breakpoint path of the state `pointer` names: its name behind each enclosing
/// container's name and lane — the branch index in a Parallel, `*` (every iteration) in a
/// Map: `P/1/Name`, `M/*/Name`. `None` when no state has that pointer.
pub fn breakpoint_path(machine: &StateMachine, pointer: &str) -> Option<String> {
    fn find(scope: &StateMachine, pointer: &str, prefix: &str) -> Option<String> {
        for state in &scope.states {
            if state.pointer == pointer {
                return Some(format!("{prefix}{}", state.name));
            }
            // Only a container whose pointer leads there can hold it.
            if !pointer.starts_with(&format!("{}/", state.pointer)) {
                continue;
            }
            match &state.kind {
                StateKind::Parallel(parallel) => {
                    for (i, branch) in parallel.branches.iter().enumerate() {
                        if let Some(found) = find(branch, pointer, &format!("{prefix}{}/{i}/", state.name)) {
                            return Some(found);
                        }
                    }
                }
                StateKind::Map(map) => {
                    let processor = map.item_processor.as_ref()?;
                    return find(processor, pointer, &format!("{prefix}{}/*/", state.name));
                }
                _ => {}
            }
        }
        None
    }
    find(machine, pointer, "")
}

/// The branch/iteration prefix of a path: `P/1/` for `P/1/Name`, `` at the top.
pub fn lane(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    }
}

/// Every state of the machine, containers' states after their container.
pub fn all_states(machine: &StateMachine) -> Vec<&State> {
    let mut out = Vec::new();
    collect(machine, &mut out);
    out
}

fn collect<'m>(scope: &'m StateMachine, out: &mut Vec<&'m State>) {
    for state in &scope.states {
        out.push(state);
        match &state.kind {
            StateKind::Parallel(parallel) => parallel.branches.iter().for_each(|b| collect(b, out)),
            StateKind::Map(map) => {
                if let Some(processor) = &map.item_processor {
                    collect(processor, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asl_model::{Document, Format};

    #[test]
    fn paths_resolve_through_branches_and_iterations() {
        let doc = Document::parse(
            r#"{"StartAt": "P", "States": {
                "P": {"Type": "Parallel", "Next": "M", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]},
                "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "C",
                    "States": {"C": {"Type": "Pass", "End": true}}}}}}"#,
            Format::Json,
        )
        .unwrap();
        let m = doc.machine();
        assert_eq!(state_at(m, "P/1/B").unwrap().pointer, "/States/P/Branches/1/States/B");
        assert_eq!(state_at(m, "M/7/C").unwrap().pointer, "/States/M/ItemProcessor/States/C");
        assert!(state_at(m, "P/0/B").is_none());
        assert!(state_at(m, "M/x/C").is_none());
        assert_eq!(breakpoint_path(m, "/States/P/Branches/1/States/B").as_deref(), Some("P/1/B"));
        assert_eq!(breakpoint_path(m, "/States/M/ItemProcessor/States/C").as_deref(), Some("M/*/C"));
        assert_eq!(breakpoint_path(m, "/States/M").as_deref(), Some("M"));
        assert_eq!(breakpoint_path(m, "/States/Gone"), None);
        assert_eq!(lane("M/7/C"), "M/7/");
        assert_eq!(lane("M"), "");
        assert_eq!(all_states(m).len(), 5);
    }
}
