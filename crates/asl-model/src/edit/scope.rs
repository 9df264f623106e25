//! Finding states and scopes in the model, and the checks every structural edit makes
//! before it touches the text.

use super::{EditError, ItemList, Primitives, Transition};
use crate::model::{State, StateKind, StateMachine};
use crate::syntax::pointer_push;
use serde_json::Value;

pub(crate) fn find_scope<'m>(
    machine: &'m StateMachine,
    pointer: &str,
) -> Result<&'m StateMachine, EditError> {
    fn walk<'m>(scope: &'m StateMachine, pointer: &str) -> Option<&'m StateMachine> {
        if scope.pointer == pointer {
            return Some(scope);
        }
        scope.states.iter().flat_map(State::children).find_map(|child| walk(child, pointer))
    }
    walk(machine, pointer).ok_or_else(|| EditError::NotFound(format!("scope {pointer:?}")))
}

/// The state at `pointer` and the scope holding it.
pub(crate) fn find_state<'m>(
    machine: &'m StateMachine,
    pointer: &str,
) -> Result<(&'m StateMachine, &'m State), EditError> {
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
    walk(machine, pointer).ok_or_else(|| EditError::NotFound(format!("state {pointer:?}")))
}

/// State names are unique in the whole machine, branches and processors included.
pub(crate) fn check_new_name(machine: &StateMachine, name: &str) -> Result<(), EditError> {
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

/// A state is an object; anything else would sit in `States` as "not a state".
pub(crate) fn check_state_value(value: &Value) -> Result<(), EditError> {
    match value {
        Value::Object(_) => Ok(()),
        _ => Err(EditError::Invalid("a state must be a JSON object".into())),
    }
}

/// Refuses transitions the state cannot have, before anything is written: a `Next` on a
/// Choice, Succeed or Fail, a `Default` outside a Choice, a rule or catcher that is not
/// there.
pub(crate) fn check_transition(state: &State, transition: Transition) -> Result<(), EditError> {
    let missing = || EditError::NotFound(transition_pointer(&state.pointer, transition));
    match (transition, &state.kind) {
        (Transition::Start, _) => Err(EditError::Invalid(format!(
            "Start is a scope's transition, not a state's ({})",
            state.pointer
        ))),
        (Transition::Next, StateKind::Choice(_) | StateKind::Succeed | StateKind::Fail(_)) => {
            Err(EditError::Invalid(format!("a {} state has no Next", state.kind.name())))
        }
        (Transition::Default | Transition::ChoiceRule(_), kind) if !matches!(kind, StateKind::Choice(_)) => {
            Err(EditError::Invalid(format!("only a Choice state has {transition:?} transitions")))
        }
        (Transition::ChoiceRule(i), StateKind::Choice(c)) if i >= c.choices.len() => Err(missing()),
        (Transition::Catch(i), _) if i >= state.catch.len() => Err(missing()),
        _ => Ok(()),
    }
}

/// Choices belong to Choice states; Retry and Catch to Task, Parallel and Map (a state of
/// unknown type is let be: its type may be what the user fixes next).
pub(crate) fn check_list(state: &State, list: ItemList) -> Result<(), EditError> {
    let ok = match (list, &state.kind) {
        (_, StateKind::Unknown) => true,
        (ItemList::Choices, kind) => matches!(kind, StateKind::Choice(_)),
        (ItemList::Branches, kind) => matches!(kind, StateKind::Parallel(_)),
        (_, kind) => matches!(kind, StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_)),
    };
    if ok {
        return Ok(());
    }
    Err(EditError::Invalid(format!("a {} state has no {}", state.kind.name(), list.field())))
}

pub(crate) fn transition_pointer(state: &str, transition: Transition) -> String {
    match transition {
        Transition::Start => pointer_push(state, "StartAt"),
        Transition::Next => pointer_push(state, "Next"),
        Transition::Default => pointer_push(state, "Default"),
        Transition::ChoiceRule(i) => format!("{state}/Choices/{i}/Next"),
        Transition::Catch(i) => format!("{state}/Catch/{i}/Next"),
    }
}

pub(crate) fn target_of(state: &State, transition: Transition) -> Option<String> {
    match (transition, &state.kind) {
        (Transition::Next, _) => state.next.clone(),
        (Transition::Default, StateKind::Choice(c)) => c.default.clone(),
        (Transition::ChoiceRule(i), StateKind::Choice(c)) => c.choices.get(i).and_then(|r| r.next.clone()),
        (Transition::Catch(i), _) => state.catch.get(i).and_then(|c| c.next.clone()),
        _ => None,
    }
}

/// Pointers of every field in `scope` naming `name` (StartAt, Next, Default, rule and
/// Catch targets), with the name of the state holding it (`None` for StartAt).
pub(crate) fn references<'m>(scope: &'m StateMachine, name: &str) -> Vec<(String, Option<&'m str>)> {
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

/// Position of `key` among the members of the object at `pointer`.
pub(crate) fn member_index(doc: &dyn Primitives, pointer: &str, key: &str) -> Option<usize> {
    match doc.read(pointer) {
        Some(Value::Object(map)) => map.keys().position(|k| k == key),
        _ => None,
    }
}

pub(crate) fn member_count(doc: &dyn Primitives, pointer: &str) -> usize {
    match doc.read(pointer) {
        Some(Value::Object(map)) => map.len(),
        _ => 0,
    }
}
