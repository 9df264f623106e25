//! The structural edits, expressed with the primitives so that JSON and YAML documents
//! share one implementation. Every check runs before the first write, so a refused edit
//! never leaves half its work behind.

use super::scope::*;
use super::{DocumentEdit, EditError, ItemList, Primitives, Transition};
use crate::model::{State, StateMachine};
use crate::syntax::pointer_push;
use serde_json::Value;

pub(crate) fn apply(
    doc: &mut dyn Primitives,
    machine: &StateMachine,
    edit: &DocumentEdit,
) -> Result<(), EditError> {
    match edit {
        DocumentEdit::AddState { scope, name, state } => {
            let scope = find_scope(machine, scope)?;
            check_new_name(machine, name)?;
            check_state_value(state)?;
            let has_exit = state.get("Next").is_some() || state.get("End").is_some();
            let state = if has_exit { state.clone() } else { with_exit(state, None) };
            add_state(doc, scope, name, &state, None)
        }
        DocumentEdit::InsertBetween { from, transition: Transition::Start, name, state } => {
            let scope = find_scope(machine, from)?;
            check_new_name(machine, name)?;
            check_state_value(state)?;
            let first = scope.start_at.clone().filter(|s| !s.is_empty());
            // First in `States`, so the text reads in the order it runs.
            add_state(doc, scope, name, &with_exit(state, first), Some(0))?;
            doc.set(&pointer_push(&scope.pointer, "StartAt"), &Value::String(name.clone()))
        }
        DocumentEdit::Connect { from, transition: Transition::Start, target } => {
            let scope = find_scope(machine, from)?;
            if scope.state(target).is_none() {
                return Err(EditError::NotFound(pointer_push(&scope.states_pointer(), target)));
            }
            doc.set(&pointer_push(&scope.pointer, "StartAt"), &Value::String(target.clone()))
        }
        DocumentEdit::Disconnect { transition: Transition::Start, .. } => {
            Err(EditError::Invalid("a scope always starts at one of its states".into()))
        }
        DocumentEdit::InsertBetween { from, transition, name, state } => {
            let (scope, from_state) = find_state(machine, from)?;
            check_transition(from_state, *transition)?;
            check_new_name(machine, name)?;
            check_state_value(state)?;
            let state = with_exit(state, target_of(from_state, *transition));
            // Right after `from` in the text, so the new state reads where it runs.
            let after = member_index(doc, &scope.states_pointer(), &from_state.name).map(|i| i + 1);
            add_state(doc, scope, name, &state, after)?;
            connect(doc, from_state, *transition, name)
        }
        DocumentEdit::Connect { from, transition, target } => {
            let (scope, state) = find_state(machine, from)?;
            check_transition(state, *transition)?;
            // A transition never leaves its scope (a branch cannot jump out, nor in).
            if scope.state(target).is_none() {
                return Err(EditError::NotFound(pointer_push(&scope.states_pointer(), target)));
            }
            connect(doc, state, *transition, target)
        }
        DocumentEdit::Disconnect { from, transition } => {
            let (_, state) = find_state(machine, from)?;
            check_transition(state, *transition)?;
            let ptr = transition_pointer(&state.pointer, *transition);
            if doc.read(&ptr).is_none() {
                return Err(EditError::NotFound(ptr));
            }
            let end = pointer_push(&state.pointer, "End");
            if *transition == Transition::Next && doc.read(&end).is_none() {
                // `"End": true` takes the place of `Next`, so the diff is one line.
                doc.rename_key(&ptr, "End")?;
            } else if *transition == Transition::Next {
                doc.remove(&ptr)?;
            } else {
                return doc.remove(&ptr);
            }
            doc.set(&end, &Value::Bool(true))
        }
        DocumentEdit::SetField { pointer, value } => {
            if pointer.is_empty() && !value.is_object() {
                return Err(EditError::Invalid("the document must stay an object".into()));
            }
            doc.set(pointer, value)
        }
        DocumentEdit::RemoveField { pointer } => {
            if pointer.is_empty() {
                return Err(EditError::Invalid("the document itself cannot be removed".into()));
            }
            doc.remove(pointer)
        }
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
        DocumentEdit::MoveState { pointer, scope: to } => move_state(doc, machine, pointer, to),
        DocumentEdit::InsertItem { state, list, index, value } => {
            let (_, s) = find_state(machine, state)?;
            check_list(s, *list)?;
            if !value.is_object() {
                return Err(EditError::Invalid(format!("an item of {} must be a JSON object", list.field())));
            }
            if *list == ItemList::Branches {
                check_branch(machine, value)?;
            }
            let list_ptr = pointer_push(state, list.field());
            let len = match doc.read(&list_ptr) {
                Some(Value::Array(items)) => Some(items.len()),
                None => None,
                Some(_) => return Err(EditError::Invalid(format!("{list_ptr} is not an array"))),
            };
            let at = index.unwrap_or(len.unwrap_or(0));
            if at > len.unwrap_or(0) {
                return Err(EditError::Invalid(format!("no position {at} in {list_ptr}")));
            }
            match len {
                Some(_) => doc.insert(&list_ptr, at, value),
                None => doc.set(&list_ptr, &Value::Array(vec![value.clone()])),
            }
        }
        DocumentEdit::RemoveItem { state, list, index } => {
            find_state(machine, state)?;
            let list_ptr = pointer_push(state, list.field());
            doc.remove(&format!("{list_ptr}/{index}"))?;
            let empty = matches!(doc.read(&list_ptr), Some(Value::Array(items)) if items.is_empty());
            // An empty Retry/Catch means nothing; an empty Choices or Branches is kept for
            // the user to fill (the checker reports it).
            if empty && matches!(list, ItemList::Retry | ItemList::Catch) {
                doc.remove(&list_ptr)?;
            }
            Ok(())
        }
        DocumentEdit::MoveItem { state, list, from, to } => {
            find_state(machine, state)?;
            let list_ptr = pointer_push(state, list.field());
            let len = match doc.read(&list_ptr) {
                Some(Value::Array(items)) => items.len(),
                _ => return Err(EditError::NotFound(list_ptr)),
            };
            if *from >= len {
                return Err(EditError::NotFound(format!("{list_ptr}/{from}")));
            }
            if *to >= len {
                return Err(EditError::Invalid(format!("no position {to} in {list_ptr}")));
            }
            if from == to {
                return Ok(());
            }
            let taken = doc.take(&format!("{list_ptr}/{from}"))?;
            doc.put(&list_ptr, *to, &taken)
        }
        DocumentEdit::ReplaceText { .. } | DocumentEdit::Batch { .. } => {
            unreachable!("handled by Document::apply_spliced")
        }
    }
}

/// A new branch is a scope whose state names no state of the machine has (names are
/// unique across the whole machine, nested scopes included) nor repeat among its own.
fn check_branch(machine: &StateMachine, branch: &Value) -> Result<(), EditError> {
    let mut names = Vec::new();
    collect_names(branch, &mut names);
    for (i, name) in names.iter().enumerate() {
        check_new_name(machine, name)?;
        if names[..i].contains(name) {
            return Err(EditError::Conflict(format!("a state named \"{name}\" already exists")));
        }
    }
    Ok(())
}

/// The state names of a scope value and of the scopes nested in its states.
fn collect_names(scope: &Value, out: &mut Vec<String>) {
    let Some(Value::Object(states)) = scope.get("States") else { return };
    for (name, state) in states {
        out.push(name.clone());
        for branch in state.get("Branches").and_then(Value::as_array).into_iter().flatten() {
            collect_names(branch, out);
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(inner) = state.get(key) {
                collect_names(inner, out);
            }
        }
    }
}

/// The new state of an InsertBetween goes where `from` went: its `Next` (a Choice's
/// `Default`), or `"End": true` when `from` ended. Succeed and Fail have no exit.
fn with_exit(state: &Value, target: Option<String>) -> Value {
    let mut state = state.clone();
    if let Value::Object(map) = &mut state {
        map.shift_remove("Next");
        map.shift_remove("End");
        match (map.get("Type").and_then(Value::as_str), target) {
            (Some("Succeed" | "Fail"), _) | (Some("Choice"), None) => {}
            (Some("Choice"), Some(t)) => drop(map.insert("Default".into(), Value::String(t))),
            (_, Some(t)) => drop(map.insert("Next".into(), Value::String(t))),
            (_, None) => drop(map.insert("End".into(), Value::Bool(true))),
        }
    }
    state
}

fn connect(
    doc: &mut dyn Primitives,
    state: &State,
    transition: Transition,
    target: &str,
) -> Result<(), EditError> {
    let ptr = transition_pointer(&state.pointer, transition);
    let end = pointer_push(&state.pointer, "End");
    if transition == Transition::Next && doc.read(&ptr).is_none() && doc.read(&end).is_some() {
        // Next takes End's place, so the diff is one line.
        doc.rename_key(&end, "Next")?;
    }
    doc.set(&ptr, &Value::String(target.to_owned()))
}

/// The scope's `States` object, created (empty) if the scope has none.
fn states_object(doc: &mut dyn Primitives, scope: &StateMachine) -> Result<String, EditError> {
    let states_ptr = scope.states_pointer();
    match doc.read(&states_ptr) {
        Some(Value::Object(_)) => Ok(states_ptr),
        // Replacing it would destroy what the user wrote there.
        Some(_) => Err(EditError::Invalid(format!("{states_ptr} is not an object"))),
        None => {
            doc.set(&states_ptr, &Value::Object(serde_json::Map::new()))?;
            Ok(states_ptr)
        }
    }
}

fn add_state(
    doc: &mut dyn Primitives,
    scope: &StateMachine,
    name: &str,
    state: &Value,
    index: Option<usize>,
) -> Result<(), EditError> {
    let states_ptr = states_object(doc, scope)?;
    let count = member_count(doc, &states_ptr);
    doc.insert_member(&states_ptr, index.unwrap_or(count).min(count), name, state)?;
    start_if_none(doc, scope, name)
}

/// Makes `name` the scope's `StartAt` when the scope has no usable one: none, empty, or
/// naming nothing in a scope that had no states. `StartAt` goes before `States`, where
/// people write it.
fn start_if_none(doc: &mut dyn Primitives, scope: &StateMachine, name: &str) -> Result<(), EditError> {
    let start_missing = match &scope.start_at {
        None => true,
        Some(s) => s.is_empty() || scope.state(s).is_none() && scope.states.is_empty(),
    };
    if !start_missing {
        return Ok(());
    }
    let start_ptr = pointer_push(&scope.pointer, "StartAt");
    let value = Value::String(name.to_owned());
    match member_index(doc, &scope.pointer, "States") {
        Some(i) if doc.read(&start_ptr).is_none() => doc.insert_member(&scope.pointer, i, "StartAt", &value),
        _ => doc.set(&start_ptr, &value),
    }
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

/// Moves a state's text (comments included, re-indented) to the end of another scope.
fn move_state(
    doc: &mut dyn Primitives,
    machine: &StateMachine,
    pointer: &str,
    to: &str,
) -> Result<(), EditError> {
    let (from_scope, state) = find_state(machine, pointer)?;
    let target = find_scope(machine, to)?;
    if to == pointer || to.starts_with(&format!("{pointer}/")) {
        return Err(EditError::Invalid(format!("cannot move \"{}\" into itself", state.name)));
    }
    if target.pointer == from_scope.pointer {
        return Ok(());
    }
    unlink(doc, from_scope, state)?;
    let taken = doc.take(pointer)?;
    let states_ptr = states_object(doc, target)?;
    let count = member_count(doc, &states_ptr);
    doc.put(&states_ptr, count, &taken)?;
    // A Next naming no state of the new scope would be a jump across scopes: the state
    // ends there instead, in place of its Next.
    let moved = pointer_push(&states_ptr, &state.name);
    if state.next.as_ref().is_some_and(|n| target.state(n).is_none()) {
        let next = pointer_push(&moved, "Next");
        let end = pointer_push(&moved, "End");
        if doc.read(&end).is_some() {
            doc.remove(&next)?;
        } else {
            doc.rename_key(&next, "End")?;
        }
        doc.set(&end, &Value::Bool(true))?;
    }
    start_if_none(doc, target, &state.name)
}
