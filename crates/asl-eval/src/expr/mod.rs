//! The JSONPath query language at run time: selecting with paths (the AWS/Jayway dialect
//! parsed by `asl_model::expr`), writing results with Reference Paths, payload templates
//! (`"key.$"`), intrinsic functions and Choice rule conditions.
//!
//! Everything here is a pure function of its inputs; the engine supplies the [`Scope`].
//! Errors are [`RuntimeError`](crate::RuntimeError)s with AWS's error names and cause
//! texts, *without* the prefix `An error occurred while executing the state 'S'
//! (entered at the event id #N). ` that AWS puts before `States.*` causes: only the
//! engine knows the state and the event id, so it adds it.
//!
//! ```
//! use asl_eval::expr::{apply_result_path, render_template, select, Scope};
//! use serde_json::{json, Map};
//!
//! let input = json!({"order": {"id": 7, "items": [{"sku": "a"}, {"sku": "b"}]}});
//! let (context, variables) = (json!({"Execution": {"Name": "run-1"}}), Map::new());
//! let scope = Scope { input: &input, context: &context, variables: &variables };
//!
//! let effective = select("$.order", &scope).unwrap(); // InputPath
//! let parameters = json!({"id.$": "$.id", "skus.$": "$.items[*].sku",
//!                         "label.$": "States.Format('{}#{}', $$.Execution.Name, $.id)"});
//! let scope = Scope { input: &effective, ..scope };
//! let result = render_template(&parameters, &scope).unwrap();
//! assert_eq!(result, json!({"id": 7, "skus": ["a", "b"], "label": "run-1#7"}));
//!
//! let output = apply_result_path(&input, Some("$.summary"), result).unwrap(); // ResultPath
//! assert_eq!(output["summary"]["id"], 7);
//!
//! let missing = select("$.nope", &scope).unwrap_err();
//! assert_eq!(missing.error, "States.Runtime");
//! assert_eq!(missing.cause, "Invalid path '$.nope' : No results for path: $['nope']");
//! ```

use serde_json::{Map, Value};

/// What paths can see while a state runs.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    /// `$`: the current value (effective input, raw result, ... depending on the step).
    pub input: &'a Value,
    /// `$$`: the context object (Execution, State, StateMachine, Map.Item, Task).
    pub context: &'a Value,
    /// `$name`: workflow variables visible to the state.
    pub variables: &'a Map<String, Value>,
}

mod cache;
mod choice;
mod intrinsics;
mod jsonpath;
mod reference;
mod select;
mod template;
mod value;

pub use choice::evaluate_condition;
pub use intrinsics::call_intrinsic;
pub use reference::{apply_result_path, write_result};
pub use select::{evaluate_expression, select, select_field};
pub use template::render_template;
pub(crate) use value::compact;
