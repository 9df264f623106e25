//! The structural edits, expressed with the primitives so that JSON and YAML documents
//! share one implementation.

use super::{DocumentEdit, EditError, ItemList, Primitives, Transition};
use crate::model::{State, StateKind, StateMachine};
use crate::syntax::pointer_push;
use serde_json::Value;

pub(crate) fn apply(doc: &mut dyn Primitives, machine: &StateMachine, edit: &DocumentEdit) -> Result<(), EditError> {
    match edit {
        DocumentEdit::AddState { scope, name, state } => {
            let scope = find_scope(machine, scope).ok_or_else(|| EditError::NotFound(scope.clone()))?;
            check_new_name(machine, name)?;
            add_state(doc, scope, name, state, None)
        }
        DocumentEdit::InsertBetween { from, transition, name, state } => {
            let (scope, from_state) = find_state(machine, from)?;
            check_new_name(machine, name)?;
            let old_target = target_of(from_state, *transition);
            let mut state = state.clone();
            if let Value::Object(map) = &mut state {
                map.shift_remove("Next");
                map.shift_remove("End");
                match old_target {
                    Some(t) => drop(map.insert("Next".into(), Value::String(t))),
                    None if !matches!(map.get("Type").and_then(Value::as_str), Some("Choice" | "Succeed" | "Fail")) => {
                        drop(map.insert("End".into(), Value::Bool(true)))
                    }
                    None => {}
                }
            }
            let after = scope.states.iter().position(|s| s.pointer == *from).map(|i| i + 1);
            add_state(doc, scope, name, &state, after)?;
            connect(doc, from_state, *transition, name)
        }
        DocumentEdit::Connect { from, transition, target } => {
            let (_, state) = find_state(machine, from)?;
            connect(doc, state, *transition, target)
        }
        DocumentEdit::Disconnect { from, transition } => {
            let (_, state) = find_state(machine, from)?;
            let ptr = transition_pointer(&state.pointer, *transition);
            if *transition == Transition::Next && state.next.is_some() {
                doc.rename_key(&ptr, "End")?;
                doc.set(&pointer_push(&state.pointer, "End"), &Value::Bool(true))
            } else {
                doc.remove(&ptr)
            }
        }
        DocumentEdit::SetField { pointer, value } => doc.set(pointer, value),
        DocumentEdit::RemoveField { pointer } => doc.remove(pointer),
        DocumentEdit::RenameState { pointer, new_name } => {
            let (scope, state) = find_state(machine, pointer)?;
            if *new_name == state.name {
                return Ok(());
            }
            check_new_name(machine, new_name)?;
            // References first, while every pointer is still valid; the key last.
            for (ptr, _) in references(scope, &state.name) {
                doc.set(&ptr, &Value::String(new_name.clone()))?;
            }
            doc.rename_key(pointer, new_name)
        }
        DocumentEdit::DeleteState { pointer } => {
            let (scope, state) = find_state(machine, pointer)?;
            unlink(doc, scope, state)?;
            doc.remove(pointer)
        }
        DocumentEdit::MoveState { pointer, scope: to } => {
            let (from_scope, state) = find_state(machine, pointer)?;
            let target = find_scope(machine, to).ok_or_else(|| EditError::NotFound(to.clone()))?;
            if target.pointer == from_scope.pointer {
                return Ok(());
            }
            if to.starts_with(&format!("{pointer}/")) {
                return Err(EditError::Invalid(format!("cannot move \"{}\" into itself", state.name)));
            }
            let mut value = doc.read(pointer).ok_or_else(|| EditError::NotFound(pointer.clone()))?;
            if let (Value::Object(map), Some(next)) = (&mut value, &state.next) {
                if target.state(next).is_none() {
                    map.shift_remove("Next");
                    map.insert("End".into(), Value::Bool(true));
                }
            }
            unlink(doc, from_scope, state)?;
            doc.remove(pointer)?;
            add_state(doc, target, &state.name, &value, None)
        }
        DocumentEdit::InsertItem { state, list, index, value } => {
            find_state(machine, state)?;
            let list_ptr = pointer_push(state, list.field());
            match doc.read(&list_ptr) {
                Some(Value::Array(items)) => doc.insert(&list_ptr, index.unwrap_or(items.len()).min(items.len()), value),
                _ => doc.set(&list_ptr, &Value::Array(vec![value.clone()])),
            }
        }
        DocumentEdit::RemoveItem { state, list, index } => {
            let list_ptr = pointer_push(state, list.field());
            doc.remove(&format!("{list_ptr}/{index}"))?;
            let empty = matches!(doc.read(&list_ptr), Some(Value::Array(items)) if items.is_empty());
            // An empty Retry/Catch means nothing; an empty Choices is kept for the user to fill.
            if empty && *list != ItemList::Choices {
                doc.remove(&list_ptr)?;
            }
            Ok(())
        }
        DocumentEdit::MoveItem { state, list, from, to } => {
            let list_ptr = pointer_push(state, list.field());
            let item_ptr = format!("{list_ptr}/{from}");
            let raw = doc.raw(&item_ptr).ok_or_else(|| EditError::NotFound(item_ptr.clone()))?;
            doc.remove(&item_ptr)?;
            doc.insert_raw(&list_ptr, *to, &raw)
        }
        DocumentEdit::ReplaceText { .. } => unreachable!("handled by Document::apply"),
    }
}

fn transition_pointer(state: &str, transition: Transition) -> String {
    match transition {
        Transition::Next => pointer_push(state, "Next"),
        Transition::Default => pointer_push(state, "Default"),
        Transition::ChoiceRule(i) => format!("{state}/Choices/{i}/Next"),
        Transition::Catch(i) => format!("{state}/Catch/{i}/Next"),
    }
}

fn target_of(state: &State, transition: Transition) -> Option<String> {
    match (transition, &state.kind) {
        (Transition::Next, _) => state.next.clone(),
        (Transition::Default, StateKind::Choice(c)) => c.default.clone(),
        (Transition::ChoiceRule(i), StateKind::Choice(c)) => c.choices.get(i).and_then(|r| r.next.clone()),
        (Transition::Catch(i), _) => state.catch.get(i).and_then(|c| c.next.clone()),
        _ => None,
    }
}

fn connect(doc: &mut dyn Primitives, state: &State, transition: Transition, target: &str) -> Result<(), EditError> {
    let ptr = transition_pointer(&state.pointer, transition);
    let end = pointer_push(&state.pointer, "End");
    if transition == Transition::Next && state.next.is_none() && doc.read(&end).is_some() {
        // Next takes End's place, so the diff is one line.
        doc.rename_key(&end, "Next")?;
    }
    doc.set(&ptr, &Value::String(target.to_owned()))
}

fn add_state(
    doc: &mut dyn Primitives,
    scope: &StateMachine,
    name: &str,
    state: &Value,
    index: Option<usize>,
) -> Result<(), EditError> {
    if name.is_empty() {
        return Err(EditError::Invalid("a state name cannot be empty".into()));
    }
    let states_ptr = scope.states_pointer();
    match doc.read(&states_ptr) {
        Some(Value::Object(map)) => {
            doc.insert_member(&states_ptr, index.unwrap_or(map.len()).min(map.len()), name, state)?
        }
        _ => {
            let mut map = serde_json::Map::new();
            map.insert(name.to_owned(), state.clone());
            doc.set(&states_ptr, &Value::Object(map))?
        }
    }
    let start_ptr = pointer_push(&scope.pointer, "StartAt");
    let start_missing = match &scope.start_at {
        None => true,
        Some(s) => s.is_empty() || scope.state(s).is_none() && scope.states.is_empty(),
    };
    if start_missing {
        doc.set(&start_ptr, &Value::String(name.to_owned()))?;
    }
    Ok(())
}

/// Redirects the references to `state` in its scope to its `Next`, if it has one.
fn unlink(doc: &mut dyn Primitives, scope: &StateMachine, state: &State) -> Result<(), EditError> {
    let Some(next) = state.next.as_ref().filter(|n| **n != state.name) else { return Ok(()) };
    for (ptr, owner) in references(scope, &state.name) {
        if owner != Some(state.name.as_str()) {
            doc.set(&ptr, &Value::String(next.clone()))?;
        }
    }
    Ok(())
}

/// Pointers of every field in `scope` naming `name` (StartAt, Next, Default, rule and
/// Catch targets), with the name of the state holding it (`None` for StartAt).
fn references<'m>(scope: &'m StateMachine, name: &str) -> Vec<(String, Option<&'m str>)> {
    let mut out = Vec::new();
    if scope.start_at.as_deref() == Some(name) {
        out.push((pointer_push(&scope.pointer, "StartAt"), None));
    }
    for s in &scope.states {
        for (target, ptr) in s.targets() {
            if target == name {
                out.push((ptr, Some(s.name.as_str())));
            }
        }
    }
    out
}

fn find_scope<'m>(machine: &'m StateMachine, pointer: &str) -> Option<&'m StateMachine> {
    if machine.pointer == pointer {
        return Some(machine);
    }
    machine.states.iter().flat_map(State::children).find_map(|child| find_scope(child, pointer))
}

fn find_state<'m>(machine: &'m StateMachine, pointer: &str) -> Result<(&'m StateMachine, &'m State), EditError> {
    fn walk<'m>(scope: &'m StateMachine, pointer: &str) -> Option<(&'m StateMachine, &'m State)> {
        for s in &scope.states {
            if s.pointer == pointer {
                return Some((scope, s));
            }
            if let Some(found) = s.children().iter().find_map(|c| walk(c, pointer)) {
                return Some(found);
            }
        }
        None
    }
    walk(machine, pointer).ok_or_else(|| EditError::NotFound(format!("state {pointer}")))
}

/// State names are unique in the whole machine, branches and processors included.
fn check_new_name(machine: &StateMachine, name: &str) -> Result<(), EditError> {
    fn taken(scope: &StateMachine, name: &str) -> bool {
        scope.states.iter().any(|s| s.name == name || s.children().iter().any(|c| taken(c, name)))
    }
    if name.is_empty() {
        return Err(EditError::Invalid("a state name cannot be empty".into()));
    }
    if taken(machine, name) {
        return Err(EditError::Conflict(format!("a state named \"{name}\" already exists")));
    }
    Ok(())
}
