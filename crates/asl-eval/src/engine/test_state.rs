//! The engine's per-state pieces for callers that run one state outside an execution
//! (the TestState API, `asl-teststate`): JSONata evaluation with `$states` bound, which
//! Retrier or Catcher handles an error, and the retry backoff. They are the very
//! functions the run loop uses, so a tested state behaves as it would in an execution.
//!
//! ```
//! use asl_eval::test_state::{JsonataStep, StatesBinding};
//! use serde_json::{json, Map};
//!
//! let (input, context, variables) = (json!({"a": 1}), json!({}), Map::new());
//! let mut step = JsonataStep::new(StatesBinding {
//!     input: &input, result: None, error_output: None, context: &context, variables: &variables,
//! });
//! assert_eq!(step.render(&json!({"b": "{% $states.input.a + 1 %}"}), "Output").unwrap(), json!({"b": 2}));
//! ```

use crate::jsonata::{self, States, Step};
use crate::RuntimeError;
use asl_model::model::{Catcher, Retrier};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

/// What `$states` holds for one evaluation step (absent parts are not bound).
pub struct StatesBinding<'a> {
    /// `$states.input`.
    pub input: &'a Value,
    /// `$states.result` (Task, Parallel and Map ends).
    pub result: Option<&'a Value>,
    /// `$states.errorOutput` (Catchers).
    pub error_output: Option<&'a Value>,
    /// `$states.context`; `null` leaves it unbound.
    pub context: &'a Value,
    /// The workflow variables (`$name`).
    pub variables: &'a Map<String, Value>,
}

/// One step's JSONata evaluations, as the engine runs them (AWS's functions included,
/// errors as `States.QueryEvaluationError` with AWS's causes). Not `Send`: keep it on one
/// thread and drop it before awaiting.
pub struct JsonataStep<'a>(Step<'a>);

impl<'a> JsonataStep<'a> {
    /// A step with `$states` bound as `states` says.
    pub fn new(states: StatesBinding<'a>) -> Self {
        JsonataStep(Step::new(States {
            input: states.input,
            result: states.result,
            error_output: states.error_output,
            context: states.context,
            variables: states.variables,
        }))
    }

    /// A template (`Output`, `Arguments`, `Items`...): `{% %}` strings evaluated, other
    /// values kept. `field` names the place in error messages.
    pub fn render(&mut self, template: &Value, field: &str) -> Result<Value, RuntimeError> {
        self.0.render(template, field)
    }

    /// A field that is a literal or one `{% %}` string: its value and, for an expression,
    /// the expression's body (for messages).
    pub fn field(&mut self, value: &Value, field: &str) -> Result<(Value, Option<String>), RuntimeError> {
        self.0.field(value, field)
    }

    /// `Assign`: an object whose values are templates.
    pub fn assign(&mut self, template: &Value) -> Result<Map<String, Value>, RuntimeError> {
        self.0.assign(template)
    }
}

/// AWS's `States.QueryEvaluationError` for a field whose expression gave the wrong type.
pub fn unexpected_type(body: &str, field: &str, expected: &str, value: &Value) -> RuntimeError {
    jsonata::unexpected_type(body, field, expected, value)
}

/// Whether an `ErrorEquals` list matches `error` (`States.ALL`, `States.TaskFailed` and
/// `States.Timeout` as AWS reads them).
pub fn error_matches(error_equals: &[String], error: &str) -> bool {
    super::retry::matches(error_equals, error)
}

/// The first Retrier that matches `error`, with its index: only that one applies.
pub fn retrier_for<'r>(retriers: &'r [Retrier], error: &str) -> Option<(usize, &'r Retrier)> {
    super::retry::retrier(retriers, error)
}

/// The first Catcher that matches `error`, with its index.
pub fn catcher_for<'c>(catchers: &'c [Catcher], error: &str) -> Option<(usize, &'c Catcher)> {
    super::retry::catcher(catchers, error)
}

/// How many retries a Retrier allows (`MaxAttempts`, default 3).
pub fn max_attempts(retrier: &Retrier) -> u32 {
    super::retry::max_attempts(retrier)
}

/// The wait before retry number `done + 1`, without jitter: IntervalSeconds times
/// BackoffRate to the power of `done`, capped by MaxDelaySeconds.
pub fn retry_delay(retrier: &Retrier, done: u32) -> std::time::Duration {
    // A random draw of 1.0 would be outside jitter's range; the full delay is asked for
    // by leaving jitter out.
    let mut plain = retrier.clone();
    plain.jitter_strategy = None;
    super::retry::delay(&plain, done, 0.0)
}

/// An ISO-8601 extended offset date-time, as Wait's `Timestamp` takes it.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    super::flow::parse_timestamp(text)
}

/// A version-4-shaped UUID from a seed, as the engine names executions and task tokens.
pub fn pseudo_uuid(seed: u64) -> String {
    super::context::pseudo_uuid(seed)
}
