//! The definition of a TestState request: one state (run under the name `StateName`, as
//! AWS runs it) or a whole machine with `stateName` naming the state to test (which may
//! sit inside a Parallel branch or a Map's `ItemProcessor`). AWS refuses a definition it
//! would refuse in CreateStateMachine, so it is checked as a machine first.

use crate::ApiError;
use asl_model::model::{QueryLanguage, State, StateMachine};
use asl_model::{Document, Format};
use serde_json::{json, Value};

/// The name AWS gives a state tested on its own (`$$.State.Name`, definition errors).
pub(crate) const SINGLE_STATE_NAME: &str = "StateName";

/// The parsed definition and where the tested state is.
pub(crate) struct Definition {
    pub doc: Document,
    /// Whether the request held a single state (wrapped as a one-state machine).
    pub single: bool,
}

/// The tested state and the query language it runs in.
pub(crate) struct Tested<'d> {
    pub state: &'d State,
    pub jsonata: bool,
}

/// Diagnostics that only say a single state's transitions lead out of the one-state
/// machine it is wrapped in: AWS tests such a state without its neighbours.
const SINGLE_STATE_EXEMPT: [&str; 5] =
    ["dangling-next", "dangling-default", "no-terminal-state", "missing-transition", "unreachable-state"];

impl Definition {
    pub fn read(definition: &Value, state_name: Option<&str>) -> Result<Definition, ApiError> {
        let Value::Object(fields) = definition else {
            return Err(invalid("Definition must be a JSON object".into()));
        };
        // A machine has `States`; anything else is one state (AWS tells them apart so).
        let single = !fields.contains_key("States");
        if !single && state_name.is_none() {
            return Err(ApiError::validation(
                "stateName must be specified when the definition is a whole state machine",
            ));
        }
        let machine = if single {
            json!({"StartAt": SINGLE_STATE_NAME, "States": {SINGLE_STATE_NAME: definition}})
        } else {
            definition.clone()
        };
        let text = serde_json::to_string(&machine).map_err(|e| invalid(e.to_string()))?;
        let doc = Document::parse(text, Format::Json).map_err(|e| invalid(e.to_string()))?;
        let problem = asl_check::check(&doc).into_iter().find(|d| {
            d.severity == asl_check::Severity::Error && !(single && SINGLE_STATE_EXEMPT.contains(&d.code))
        });
        if let Some(d) = problem {
            return Err(invalid(schema_message(&machine, &d.pointer, &d.message)));
        }
        Ok(Definition { doc, single })
    }

    /// The state under test: the single state, or the one `stateName` names anywhere in
    /// the machine.
    pub fn tested(&self, state_name: Option<&str>) -> Result<Tested<'_>, ApiError> {
        let machine = self.doc.machine();
        let name = if self.single { SINGLE_STATE_NAME } else { state_name.unwrap_or_default() };
        let mut scopes = Vec::new();
        let state = find(machine, name, &mut scopes)
            .ok_or_else(|| ApiError::validation("State not found in definition"))?;
        // The state's own QueryLanguage, else the nearest enclosing scope's.
        let language = state
            .query_language
            .or_else(|| scopes.iter().rev().find_map(|s: &&StateMachine| s.query_language))
            .unwrap_or(QueryLanguage::JsonPath);
        Ok(Tested { state, jsonata: language == QueryLanguage::Jsonata })
    }
}

/// Finds `name` in `scope` or its nested scopes; `path` ends holding the scopes that
/// enclose the state, outermost first.
fn find<'m>(scope: &'m StateMachine, name: &str, path: &mut Vec<&'m StateMachine>) -> Option<&'m State> {
    path.push(scope);
    if let Some(state) = scope.state(name) {
        return Some(state);
    }
    for state in &scope.states {
        for child in state.children() {
            if let Some(found) = find(child, name, path) {
                return Some(found);
            }
        }
    }
    path.pop();
    None
}

fn invalid(detail: String) -> ApiError {
    ApiError::new("InvalidDefinition", format!("Invalid State Machine Definition: '{detail}'"))
}

/// AWS's schema message: an empty array reads "Value cannot be empty", anything else
/// keeps the checker's wording; both point where the problem is.
fn schema_message(machine: &Value, pointer: &str, message: &str) -> String {
    let empty = matches!(machine.pointer(pointer), Some(Value::Array(a)) if a.is_empty());
    let what = if empty { "Value cannot be empty" } else { message };
    format!("SCHEMA_VALIDATION_FAILED: {what} at {pointer}")
}
