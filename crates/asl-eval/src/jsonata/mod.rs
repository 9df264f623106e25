//! The JSONata query language as AWS Step Functions runs it: `{% ... %}` strings in a
//! state's fields, evaluated with `$states` (`input`, `result`, `errorOutput`,
//! `context`) and the workflow variables bound, plus AWS's own functions
//! ([`functions`]). Every failure is `States.QueryEvaluationError` with AWS's cause text
//! (the engine adds the state prefix).
//!
//! JSONata values are not `Send`: a [`Session`] lives inside one synchronous step of a
//! state and is dropped before the engine awaits anything.
//!
//! ```text
//! let states = States { input: &input, result: None, error_output: None, context: &ctx, variables: &vars };
//! let mut session = Session::new(&states);
//! let output = session.render(&json!({"sum": "{% $states.input.a + 1 %}"}), "Output")?;
//! ```

mod cache;
mod convert;
pub(crate) mod functions;
mod memory;

pub(crate) use convert::type_name;

use crate::RuntimeError;
use convert::{from_jvalue, to_jvalue, NotJson};
use jsonata_core::evaluator::{CancelToken, Context, Evaluator, EvaluatorOptions};
use jsonata_core::value::JValue;
use serde_json::{Map, Value};

pub(crate) const QUERY_ERROR: &str = "States.QueryEvaluationError";

/// Longest sequence one evaluation may build (jsonata-core's D2015): `$append` of two
/// big ranges and the like fail before they allocate. AWS documents no such limit; ten
/// million is jsonata-js's own limit on one range, so no range alone reaches it.
/// Not a memory bound: jsonata-core checks a mapped path's sequence once it is built, so
/// `[1..1000000].([1..1000000])` grows (about 0.5 GB/s) until [`memory`]'s limit stops it.
pub(crate) const MAX_SEQUENCE: usize = 10_000_000;

/// What `$states` holds for one evaluation step; absent parts are not bound.
pub(crate) struct States<'a> {
    pub input: &'a Value,
    pub result: Option<&'a Value>,
    pub error_output: Option<&'a Value>,
    pub context: &'a Value,
    pub variables: &'a Map<String, Value>,
}

/// The body of a JSONata expression string (`{% body %}`), if `s` is one.
pub(crate) fn expression(s: &str) -> Option<&str> {
    let inner = s.strip_prefix("{%")?.strip_suffix("%}")?;
    Some(inner.trim())
}

/// True when `v` holds a `{% %}` string somewhere (literal templates skip evaluation).
pub(crate) fn has_expression(v: &Value) -> bool {
    match v {
        Value::String(s) => expression(s).is_some(),
        Value::Array(items) => items.iter().any(has_expression),
        Value::Object(m) => m.values().any(has_expression),
        _ => false,
    }
}

/// Bindings converted once, shared by the expressions of one step.
pub(crate) struct Session {
    bindings: Vec<(String, JValue)>,
    /// Made on the first evaluation and reused by the step's other expressions (each
    /// `evaluate` runs in a fresh scope); the flag: AWS's functions are installed.
    evaluator: Option<(Evaluator, bool)>,
    /// The evaluator's cancellation, which the memory limit pulls.
    cancel: CancelToken,
}

/// Whether an expression may call one of the functions AWS adds or replaces (installing
/// them costs more than evaluating a small expression, so most evaluations skip it).
/// Functions can only be named in the text, so a substring test is conservative.
fn calls_aws_function(body: &str) -> bool {
    ["partition", "hash", "uuid", "parse", "range", "random", "eval"].iter().any(|n| body.contains(n))
}

impl Session {
    pub fn new(states: &States<'_>) -> Session {
        let mut s = Vec::with_capacity(4);
        s.push(("input".to_string(), to_jvalue(states.input)));
        if let Some(r) = states.result {
            s.push(("result".to_string(), to_jvalue(r)));
        }
        if let Some(e) = states.error_output {
            s.push(("errorOutput".to_string(), to_jvalue(e)));
        }
        if !states.context.is_null() {
            s.push(("context".to_string(), to_jvalue(states.context)));
        }
        let states_obj = JValue::object(s.into_iter().collect());
        let mut bindings = Vec::with_capacity(states.variables.len() + 1);
        for (k, v) in states.variables {
            bindings.push((k.clone(), to_jvalue(v)));
        }
        bindings.push(("states".to_string(), states_obj));
        Session { bindings, evaluator: None, cancel: CancelToken::new() }
    }

    /// A template: `{% %}` strings evaluated, other strings and scalars kept, objects
    /// and arrays walked. `field` names the place for messages (`Output`, `Assign/x`).
    pub fn render(&mut self, template: &Value, field: &str) -> Result<Value, RuntimeError> {
        match template {
            Value::String(s) => match expression(s) {
                Some(body) => self.evaluate(body, field),
                None => Ok(template.clone()),
            },
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.render(item, &format!("{field}/{i}"))?);
                }
                Ok(Value::Array(out))
            }
            Value::Object(m) => {
                let mut out = Map::new();
                for (k, v) in m {
                    out.insert(k.clone(), self.render(v, &format!("{field}/{k}"))?);
                }
                Ok(Value::Object(out))
            }
            other => Ok(other.clone()),
        }
    }

    /// One expression body; its result must be JSON.
    pub fn evaluate(&mut self, body: &str, field: &str) -> Result<Value, RuntimeError> {
        let result = self.evaluate_raw(body, field)?;
        match from_jvalue(&result) {
            Ok(v) => Ok(v),
            Err(NotJson::Undefined) => Err(query_error(format!(
                "The JSONata expression '{body}' specified for the field '{field}' returned nothing (undefined)."
            ))),
            Err(NotJson::Unsupported) => Err(query_error(format!(
                "The JSONata expression '{body}' specified for the field '{field}' returned an unsupported result type."
            ))),
            Err(NotJson::TooDeep) => Err(query_error(format!(
                "The JSONata expression '{body}' specified for the field '{field}' returned a value nested more than {} levels deep.",
                convert::MAX_DEPTH
            ))),
        }
    }

    fn evaluate_raw(&mut self, body: &str, field: &str) -> Result<JValue, RuntimeError> {
        let threw = |message: &str| {
            query_error(format!(
                "The JSONata expression '{body}' specified for the field '{field}' threw an error during evaluation. {message}"
            ))
        };
        let ast = cache::parse(body).map_err(|m| threw(&m))?;
        let bindings = &self.bindings;
        let cancel = &self.cancel;
        let (ev, installed) = self.evaluator.get_or_insert_with(|| {
            let mut context = Context::new();
            for (k, v) in bindings {
                context.bind(k.clone(), v.clone());
            }
            // A runaway expression ends with an error instead of hanging the execution.
            let options = EvaluatorOptions {
                timeout_ms: Some(10_000),
                max_sequence_length: Some(MAX_SEQUENCE),
                cancel: Some(cancel.clone()),
                ..EvaluatorOptions::default()
            };
            (Evaluator::with_options(context, options), false)
        });
        if !*installed && calls_aws_function(body) {
            functions::install(ev).map_err(|e| threw(e.message()))?;
            *installed = true;
        }
        let guard = memory::guard(&self.cancel);
        let result = ev.evaluate(&ast, &JValue::Undefined);
        if guard.tripped() {
            // A token stays cancelled: the session's later expressions get a new one.
            drop(guard);
            (self.evaluator, self.cancel) = (None, CancelToken::new());
            return Err(threw(&memory::exceeded()));
        }
        result.map_err(|e| threw(js_message(e.message())))
    }
}

/// jsonata-js's wording where jsonata-core adds detail AWS does not print.
fn js_message(message: &str) -> &str {
    const NON_FUNCTION: &str = "T1006: Attempted to invoke a non-function";
    if message.starts_with(NON_FUNCTION) {
        return NON_FUNCTION;
    }
    message
}

/// One step's evaluations: the session is made on the first expression (templates
/// without any are returned as written, with no conversion).
pub(crate) struct Step<'a> {
    pub states: States<'a>,
    session: Option<Session>,
}

impl<'a> Step<'a> {
    pub fn new(states: States<'a>) -> Step<'a> {
        Step { states, session: None }
    }

    fn session(&mut self) -> &mut Session {
        let states = &self.states;
        self.session.get_or_insert_with(|| Session::new(states))
    }

    pub fn render(&mut self, template: &Value, field: &str) -> Result<Value, RuntimeError> {
        if !has_expression(template) {
            return Ok(template.clone());
        }
        self.session().render(template, field)
    }

    /// A field that is either a literal or one `{% %}` string: its value and, for an
    /// expression, the body (for messages).
    pub fn field(&mut self, value: &Value, field: &str) -> Result<(Value, Option<String>), RuntimeError> {
        match value {
            Value::String(s) => match expression(s) {
                Some(body) => Ok((self.session().evaluate(body, field)?, Some(body.to_string()))),
                None => Ok((value.clone(), None)),
            },
            other => Ok((other.clone(), None)),
        }
    }

    /// `Assign`: an object whose values are templates.
    pub fn assign(&mut self, template: &Value) -> Result<Map<String, Value>, RuntimeError> {
        let Value::Object(m) = template else {
            return Err(query_error("The value of the field 'Assign' must be an object."));
        };
        let mut out = Map::new();
        for (k, v) in m {
            out.insert(k.clone(), self.render(v, &format!("Assign/{k}"))?);
        }
        Ok(out)
    }
}

pub(crate) fn query_error(cause: impl Into<String>) -> RuntimeError {
    RuntimeError::new(QUERY_ERROR, cause)
}

/// AWS's message for a result of the wrong type.
pub(crate) fn unexpected_type(body: &str, field: &str, expected: &str, value: &Value) -> RuntimeError {
    query_error(format!(
        "The JSONata expression '{body}' specified for the field '{field}' returned an unexpected result type. Expected '{expected}', but was '{}' for value: {value}",
        type_name(value)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn session(input: Value, vars: Map<String, Value>) -> Session {
        let ctx = json!({"State": {"Name": "S"}});
        Session::new(&States {
            input: &input,
            result: None,
            error_output: None,
            context: &ctx,
            variables: &vars,
        })
    }

    #[test]
    fn templates_evaluate_only_whole_expression_strings() {
        let mut vars = Map::new();
        vars.insert("x".into(), json!(2));
        let mut s = session(json!({"a": 1}), vars);
        let t = json!({"sum": "{% $states.input.a + $x %}", "lit": "$x", "n": 1.0,
                       "l": ["{% $states.context.State.Name %}"]});
        assert_eq!(s.render(&t, "Output").unwrap(), json!({"sum": 3, "lit": "$x", "n": 1.0, "l": ["S"]}));
    }

    #[test]
    fn errors_read_as_aws_writes_them() {
        let mut s = session(json!({}), Map::new());
        let e = s.render(&json!({"r": "{% $doesNotExist %}"}), "Output").unwrap_err();
        assert_eq!(e.error, "States.QueryEvaluationError");
        assert_eq!(
            e.cause,
            "The JSONata expression '$doesNotExist' specified for the field 'Output/r' returned nothing (undefined)."
        );
        let e = s.evaluate("$randomSeeded(1)", "Output").unwrap_err();
        assert!(
            e.cause.ends_with("threw an error during evaluation. T1006: Attempted to invoke a non-function"),
            "{}",
            e.cause
        );
        let e = s.evaluate("function($x){$x}", "Items").unwrap_err();
        assert!(e.cause.ends_with("returned an unsupported result type."));
        assert!(s.evaluate("$eval('1')", "Output").is_err());
        assert!(s.evaluate("1 +", "Output").unwrap_err().cause.contains("threw an error"));
        assert_eq!(s.evaluate("$partition([1,2,3], 2)", "Output").unwrap(), json!([[1, 2], [3]]));
        assert_eq!(s.evaluate("$partition([0], 4)", "Output").unwrap(), json!([[0]]));
        assert_eq!(s.evaluate("$range(1, 9, 9)", "Output").unwrap(), json!(1));
        assert_eq!(s.evaluate("$range(0, 10, 3)", "Output").unwrap(), json!([0, 3, 6, 9]));
    }
}
