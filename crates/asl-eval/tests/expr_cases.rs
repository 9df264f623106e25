//! The AWS-recorded conformance cases that the expression layer alone can replay:
//! JSONPath machines made only of Pass, Choice, Succeed and Fail states. A tiny runner
//! below chains the states with the public `asl_eval::expr` functions (InputPath,
//! Parameters, Result, ResultPath, OutputPath, Assign, Choice rules, ErrorPath/CausePath)
//! and checks the final outcome and every state's input and output against AWS's.
//!
//! Set `ASL_CONFORMANCE_DIR` to the corpus' `cases` folder; unset, the test says it
//! skipped. `cargo test -p asl-eval --test expr_cases -- --nocapture` prints the
//! per-topic table.

use asl_eval::expr::{
    apply_result_path, evaluate_condition, evaluate_expression, render_template, select, Scope,
};
use asl_eval::RuntimeError;
use asl_model::expr::{parse_path, Segment, Selector};
use asl_model::model::{State, StateKind, StateMachine};
use asl_model::{Document, Format};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Cases this layer should pass but does not yet. Keep it empty: a fix removes a line,
/// a regression fails the test.
const STILL_FAILING: &[&str] = &[];

/// Cases no interpreter can pass: the corpus replaced run-time values by placeholders
/// without listing them in `normalize`. In the Timestamp operator tables the timestamps
/// became "date", so e.g. `test_timestamp_equals__14` (T0 = T0, true) and `__16`
/// (T1 = T0, false) have the same definition and input but opposite outcomes; "date"
/// is no timestamp, so the ones listed are those whose recorded outcome was `true`.
const UNSATISFIABLE: &[&str] = &[
    // The recorded $$ times were replaced by "start-time"/"entered-time" without a
    // normalize entry (likewise in the engine's list).
    "base__test_query_context_object_values",
    "choice_operators__test_timestamp_equals__14",
    "choice_operators__test_timestamp_equals_path__0",
    "choice_operators__test_timestamp_greater_than__2",
    "choice_operators__test_timestamp_greater_than_equals__0",
    "choice_operators__test_timestamp_less_than_equals__0",
];

/// Cases made of the right states that test something else: the engine's part.
const ENGINE_ONLY: &[&str] = &[
    // States.DataLimitExceeded: the 256 KiB payload limit is checked by the engine.
    "error_handling__test_start_large_input",
];

/// Placeholder for values the corpus masked (see `normalize`): equal to anything.
const ANY: &str = "\u{0}any\u{0}";

#[test]
fn expression_layer_replays_pass_and_choice_cases() {
    let Some(dir) = std::env::var_os("ASL_CONFORMANCE_DIR") else {
        // Written to the real stderr, past libtest's capture, so the skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED expr_cases: ASL_CONFORMANCE_DIR is not set (it names ../shared/conformance/cases) ***\n"
        );
        return;
    };
    let dir = Path::new(&dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("ASL_CONFORMANCE_DIR={}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut table: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut unexpected, mut fixed) = (Vec::new(), Vec::new());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = case["name"].as_str().unwrap_or_default().to_string();
        if ENGINE_ONLY.contains(&name.as_str()) {
            continue;
        }
        let Some(machine) = replayable(&case) else { continue };
        let verdict = check(&case, &machine);
        let row = table.entry(case["topic"].as_str().unwrap_or("?").to_string()).or_default();
        let known = STILL_FAILING.contains(&name.as_str()) || UNSATISFIABLE.contains(&name.as_str());
        match (verdict, known) {
            (Ok(()), false) => row.0 += 1,
            (Ok(()), true) => fixed.push(name),
            (Err(why), false) => unexpected.push(format!("{name}: {why}")),
            (Err(_), true) => row.1 += 1,
        }
    }
    eprintln!("{:<20} {:>6} {:>6}", "topic", "passed", "failed");
    for (topic, (passed, failed)) in &table {
        eprintln!("{topic:<20} {passed:>6} {failed:>6}");
    }
    let passed: usize = table.values().map(|r| r.0).sum();
    let failed: usize = table.values().map(|r| r.1).sum::<usize>() + unexpected.len();
    eprintln!("{passed} passed, {failed} failed (known: {})", STILL_FAILING.len() + UNSATISFIABLE.len());
    assert!(unexpected.is_empty(), "cases failing that are not listed:\n{}", unexpected.join("\n"));
    assert!(fixed.is_empty(), "listed cases that pass now; remove them from the list: {fixed:?}");
}

/// The machine, if the case uses only what this layer covers.
fn replayable(case: &Value) -> Option<StateMachine> {
    let definition = &case["definition"];
    if definition.to_string().contains("JSONata") {
        return None;
    }
    let doc = Document::parse(definition.to_string(), Format::Json).ok()?;
    let machine = doc.machine().clone();
    let simple = |s: &State| {
        matches!(s.kind, StateKind::Pass(_) | StateKind::Choice(_) | StateKind::Succeed | StateKind::Fail(_))
    };
    machine.states.iter().all(simple).then_some(machine)
}

/// What one state did, as the corpus records it.
struct Record {
    name: String,
    input: Value,
    output: Option<Value>,
}

fn check(case: &Value, machine: &StateMachine) -> Result<(), String> {
    let expected = masked(case);
    let mut records = Vec::new();
    let outcome = run(machine, &case["input"], &mut records);
    let expect = &expected["expect"];
    match (expect["status"].as_str(), outcome) {
        (Some("SUCCEEDED"), Ok(output)) => same("output", &expect["output"], &output)?,
        (Some("FAILED"), Err(e)) => {
            if let Some(error) = expect.get("error") {
                same("error", error, &json!(e.error))?;
            }
            if let Some(cause) = expect.get("cause") {
                same("cause", cause, &json!(e.cause))?;
            }
        }
        (status, Ok(output)) => {
            return Err(format!("expected {status:?}, succeeded with {}", short(&output)))
        }
        (status, Err(e)) => return Err(format!("expected {status:?}, failed with {}: {}", e.error, e.cause)),
    }
    if let Some(states) = expected["states"].as_array() {
        if states.len() != records.len() {
            return Err(format!("{} state records, expected {}", records.len(), states.len()));
        }
        for (want, got) in states.iter().zip(&records) {
            same("state name", &want["name"], &json!(got.name))?;
            same(&format!("{} input", got.name), &want["input"], &got.input)?;
            if let Some(out) = want.get("output") {
                same(&format!("{} output", got.name), out, got.output.as_ref().unwrap_or(&Value::Null))?;
            }
        }
    }
    Ok(())
}

fn same(what: &str, expected: &Value, actual: &Value) -> Result<(), String> {
    if matches_expected(expected, actual) {
        Ok(())
    } else {
        Err(format!("{what}: expected {}, got {}", short(expected), short(actual)))
    }
}

/// A value's JSON text, cut to a readable length for failure messages.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(300) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

/// Deep equality with the corpus' rules: numbers by value, key order ignored, [`ANY`]
/// matches anything.
fn matches_expected(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::String(s), _) if s == ANY => true,
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| matches_expected(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| matches_expected(v, w)))
        }
        _ => expected == actual,
    }
}

/// The case with every `normalize` path replaced by [`ANY`].
fn masked(case: &Value) -> Value {
    let mut case = case.clone();
    for path in case["normalize"].as_array().cloned().unwrap_or_default() {
        let Some(path) = path.as_str() else { continue };
        let Ok(parsed) = parse_path(path.split('#').next().unwrap_or(path)) else { continue };
        let mut slot = Some(&mut case);
        for segment in &parsed.segments {
            slot = match (segment, slot) {
                (Segment::Child(Selector::Name(n)), Some(Value::Object(map))) => map.get_mut(n),
                (Segment::Child(Selector::Index(i)), Some(Value::Array(items))) => {
                    usize::try_from(*i).ok().and_then(|i| items.get_mut(i))
                }
                _ => None,
            };
        }
        if let Some(slot) = slot {
            *slot = json!(ANY);
        }
    }
    case
}

/// Runs the machine: Pass, Choice, Succeed and Fail in JSONPath mode.
fn run(machine: &StateMachine, input: &Value, records: &mut Vec<Record>) -> Result<Value, RuntimeError> {
    let mut variables = Map::new();
    let mut input = input.clone();
    let mut name = machine.start_at.clone().unwrap_or_default();
    for step in 0..1000 {
        let state = machine.state(&name).ok_or_else(|| RuntimeError::runtime(format!("no state {name}")))?;
        records.push(Record { name: name.clone(), input: input.clone(), output: None });
        let context = context(&name, &records[0].input);
        let entered = 2 + 2 * step;
        let (output, next) = run_state(state, &input, &context, &mut variables).map_err(|e| {
            // The engine's job, done here the same way: AWS prefixes runtime causes.
            if e.error.starts_with("States.") {
                let prefix = format!("An error occurred while executing the state '{name}' (entered at the event id #{entered}). ");
                RuntimeError::new(e.error, prefix + &e.cause)
            } else {
                e
            }
        })?;
        if let Some(record) = records.last_mut() {
            record.output = Some(output.clone());
        }
        match next {
            Some(next) => (name, input) = (next, output),
            None => return Ok(output),
        }
    }
    Err(RuntimeError::runtime("more than 1000 transitions"))
}

/// The context object as AWS shows it: ids are the corpus' placeholders, times are
/// real-looking timestamps as an engine would give.
fn context(state: &str, execution_input: &Value) -> Value {
    json!({
        "Execution": {
            "Id": "arn:aws:states:us-east-1:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
            "Input": execution_input,
            "StartTime": "2024-05-01T12:00:00.000Z",
            "Name": "<ExecArnPart_0idx>",
            "RoleArn": "snf_role_arn",
            "RedriveCount": 0
        },
        "StateMachine": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:<ArnPart_0idx>", "Name": "<ArnPart_0idx>"},
        "State": {"Name": state, "EnteredTime": "2024-05-01T12:00:00.010Z"}
    })
}

/// One state: its output and the next state's name (`None` at the end).
fn run_state(
    state: &State,
    raw: &Value,
    context: &Value,
    variables: &mut Map<String, Value>,
) -> Result<(Value, Option<String>), RuntimeError> {
    let io = &state.io;
    let effective = match &io.input_path {
        None => raw.clone(),
        Some(None) => json!({}),
        Some(Some(path)) => select(path, &Scope { input: raw, context, variables })?,
    };
    let (result, next, assign) = match &state.kind {
        StateKind::Pass(pass) => {
            let result = match (&io.parameters, &pass.result) {
                (Some(template), _) => {
                    render_template(template, &Scope { input: &effective, context, variables })?
                }
                (None, Some(result)) => result.clone(),
                (None, None) => effective.clone(),
            };
            (Some(result), state.next.clone(), io.assign.clone())
        }
        StateKind::Choice(choice) => {
            let scope = Scope { input: &effective, context, variables };
            let mut chosen = None;
            for rule in &choice.choices {
                if evaluate_condition(&rule.condition, &scope)? {
                    chosen = Some((rule.next.clone(), rule.assign.clone()));
                    break;
                }
            }
            match chosen.or_else(|| choice.default.clone().map(|d| (Some(d), io.assign.clone()))) {
                Some((next, assign)) => (None, next, assign),
                None => return Err(RuntimeError::new("States.NoChoiceMatched", "No Choice rule matched")),
            }
        }
        StateKind::Fail(fail) => {
            let scope = Scope { input: raw, context, variables };
            let text = |literal: &Option<String>,
                        path: &Option<String>,
                        field: &str|
             -> Result<Option<String>, RuntimeError> {
                Ok(match (literal, path) {
                    (Some(l), _) => Some(l.clone()),
                    (None, Some(p)) => Some(match evaluate_expression(p, &scope, field)? {
                        Value::String(s) => s,
                        other => other.to_string(),
                    }),
                    (None, None) => None,
                })
            };
            let error = text(&fail.error, &fail.error_path, "ErrorPath")?;
            let cause = text(&fail.cause, &fail.cause_path, "CausePath")?;
            return Err(RuntimeError::new(error.unwrap_or_default(), cause.unwrap_or_default()));
        }
        _ => (None, None, None),
    };
    // Assign reads `$` = the state's result (Pass) or its effective input (Choice), and
    // the variables as they were before this state.
    let assigned = match &assign {
        Some(template) => {
            let dollar = result.as_ref().unwrap_or(&effective);
            Some(render_template(template, &Scope { input: dollar, context, variables })?)
        }
        None => None,
    };
    let output = match result {
        Some(result) => {
            let path = match &io.result_path {
                None => Some("$"),
                Some(p) => p.as_deref(),
            };
            apply_result_path(raw, path, result)?
        }
        None => effective,
    };
    let output = match &io.output_path {
        None => output,
        Some(None) => json!({}),
        Some(Some(path)) => select(path, &Scope { input: &output, context, variables })?,
    };
    if let Some(Value::Object(values)) = assigned {
        variables.extend(values);
    }
    Ok((output, next))
}
