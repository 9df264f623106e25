//! JSONPath, Reference Paths, intrinsic functions and JSONata expressions on JSON values.
//! The input is text: the expression on the first line, the JSON input after it (so the
//! seeds are expressions taken from the project's machines). By the expression's shape:
//! `States.…(…)` is an intrinsic, `{% … %}` JSONata, anything else a path, used both to
//! select and as a ResultPath. Nothing may panic, and errors carry a `States.` name.
#![no_main]

use asl_eval::expr::{apply_result_path, call_intrinsic, select, Scope};
use asl_eval::{Execution, Mocks, Options};
use asl_fuzz::{split_line, value_or};
use asl_model::{Document, Format};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

fn named(error: &str, expression: &str) {
    assert!(error.starts_with("States."), "{expression:?} failed with {error:?}");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (expression, rest) = split_line(&text);
    let input = value_or(rest, json!({"a": [1, "two", {"b": null}], "n": 3}));
    let context = json!({"Execution": {"Name": "run", "Input": input.clone()}, "State": {"Name": "S"}});
    let mut variables = Map::new();
    variables.insert("x".into(), input.clone());
    variables.insert("n".into(), json!(2));
    let scope = Scope { input: &input, context: &context, variables: &variables };
    if expression.starts_with("{%") {
        jsonata(expression, &input);
    } else if expression.starts_with("States.") {
        if let Err(e) = call_intrinsic(expression, &scope) {
            named(&e.error, expression);
        }
    } else {
        if let Err(e) = select(expression, &scope) {
            named(&e.error, expression);
        }
        if let Err(e) = apply_result_path(&input, Some(expression), json!({"r": 1})) {
            named(&e.error, expression);
        }
    }
});

/// JSONata runs inside a state (its adapter is the engine's): a Pass state's Output.
fn jsonata(expression: &str, input: &Value) {
    let machine = json!({"QueryLanguage": "JSONata", "StartAt": "P",
        "States": {"P": {"Type": "Pass", "Output": expression, "End": true}}});
    let Ok(doc) = Document::parse(machine.to_string(), Format::Json) else { return };
    let options = Options { max_transitions: Some(10), ..Options::default() };
    let outcome = Execution::run(&doc, input.clone(), &Mocks::default(), &options);
    if let Some(error) = &outcome.error {
        named(error, expression);
    }
}
