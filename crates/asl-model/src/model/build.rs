//! Syntax tree -> typed model. Never fails: what cannot be read is reported.

use super::choice::{Condition, ConditionKind, Operator};
use super::fields::Fields;
use super::*;
use crate::syntax::{pointer_push, Node};

/// Builds the model of the machine whose `StartAt`/`States` object is `node`.
pub fn build(node: &Node, issues: &mut Vec<ModelIssue>) -> StateMachine {
    machine(node, "", issues)
}

fn machine(node: &Node, pointer: &str, issues: &mut Vec<ModelIssue>) -> StateMachine {
    let mut f = Fields { node, pointer, issues };
    let mut m = StateMachine {
        pointer: pointer.to_owned(),
        start_at: f.string("StartAt"),
        query_language: f.query_language(),
        comment: f.string("Comment"),
        version: f.string("Version"),
        timeout_seconds: f.number("TimeoutSeconds"),
        ..StateMachine::default()
    };
    if let Some(config) = f.raw("ProcessorConfig").filter(|n| n.as_object().is_some()) {
        let ptr = f.ptr("ProcessorConfig");
        let mut c = Fields { node: config, pointer: &ptr, issues: f.issues };
        m.processor_config =
            Some(ProcessorConfig { mode: c.string("Mode"), execution_type: c.string("ExecutionType") });
    }
    if let Some(states) = f.raw("States") {
        let states_ptr = f.ptr("States");
        match states.as_object() {
            Some(members) => {
                for member in members {
                    let ptr = pointer_push(&states_ptr, &member.key);
                    if member.value.as_object().is_some() {
                        m.states.push(state(&member.key, &member.value, ptr, issues));
                        continue;
                    }
                    // Real machines (one of AWS's own samples) put `"QueryLanguage"` inside
                    // `States`; AWS deploys them, so it is honoured, with a warning.
                    let ql = member.value.as_str().and_then(QueryLanguage::from_name);
                    let message = match ql {
                        Some(_) if member.key == "QueryLanguage" => {
                            m.query_language = m.query_language.or(ql);
                            "\"QueryLanguage\" belongs beside \"States\", not inside it".to_owned()
                        }
                        _ => format!("\"{}\" is not a state (a state is an object, found {}); it is ignored", member.key, member.value.kind_name()),
                    };
                    issues.push(ModelIssue { pointer: ptr, code: "not-a-state", message, warning: true });
                }
            }
            None => issues.push(ModelIssue {
                pointer: states_ptr,
                code: "invalid-type",
                message: format!("\"States\" must be an object, found {}", states.kind_name()),
                warning: false,
            }),
        }
    }
    m
}

fn state(name: &str, node: &Node, pointer: String, issues: &mut Vec<ModelIssue>) -> State {
    let mut f = Fields { node, pointer: &pointer, issues };
    let type_name = f.string("Type");
    let kind = match type_name.as_deref() {
        Some("Pass") => StateKind::Pass(Pass { result: f.value("Result") }),
        Some("Task") => StateKind::Task(task(&mut f)),
        Some("Choice") => StateKind::Choice(choice(&mut f)),
        Some("Wait") => StateKind::Wait(Wait {
            seconds: f.value("Seconds"),
            seconds_path: f.string("SecondsPath"),
            timestamp: f.string("Timestamp"),
            timestamp_path: f.string("TimestampPath"),
        }),
        Some("Succeed") => StateKind::Succeed,
        Some("Fail") => StateKind::Fail(Fail {
            error: f.string("Error"),
            error_path: f.string("ErrorPath"),
            cause: f.string("Cause"),
            cause_path: f.string("CausePath"),
        }),
        Some("Parallel") => {
            let branches = f.objects("Branches");
            let branches = branches.into_iter().map(|(n, p)| machine(n, &p, f.issues)).collect();
            StateKind::Parallel(Parallel { branches })
        }
        Some("Map") => StateKind::Map(Box::new(map(&mut f))),
        _ => StateKind::Unknown,
    };
    let io = Io {
        input_path: f.nullable_string("InputPath"),
        output_path: f.nullable_string("OutputPath"),
        result_path: f.nullable_string("ResultPath"),
        parameters: f.value("Parameters"),
        result_selector: f.value("ResultSelector"),
        arguments: f.value("Arguments"),
        output: f.value("Output"),
        assign: f.value("Assign"),
    };
    let retry = f.objects("Retry").into_iter().map(|(n, p)| retrier(n, p, f.issues)).collect();
    let catch = f.objects("Catch").into_iter().map(|(n, p)| catcher(n, p, f.issues)).collect();
    State {
        name: name.to_owned(),
        type_name,
        kind,
        comment: f.string("Comment"),
        query_language: f.query_language(),
        next: f.string("Next"),
        end: f.bool("End"),
        io,
        retry,
        catch,
        pointer,
    }
}

fn task(f: &mut Fields) -> Task {
    Task {
        resource: f.string("Resource"),
        timeout_seconds: f.value("TimeoutSeconds"),
        timeout_seconds_path: f.string("TimeoutSecondsPath"),
        heartbeat_seconds: f.value("HeartbeatSeconds"),
        heartbeat_seconds_path: f.string("HeartbeatSecondsPath"),
        credentials: f.value("Credentials"),
    }
}

fn map(f: &mut Fields) -> Map {
    let processor = f.raw("ItemProcessor").map(|n| (n, f.ptr("ItemProcessor")));
    let processor = processor.or_else(|| f.raw("Iterator").map(|n| (n, f.ptr("Iterator"))));
    let item_processor = match processor {
        Some((node, ptr)) if node.as_object().is_some() => Some(machine(node, &ptr, f.issues)),
        Some((node, ptr)) => {
            f.issues.push(ModelIssue {
                pointer: ptr,
                code: "invalid-type",
                message: format!("the item processor must be an object, found {}", node.kind_name()),
                warning: false,
            });
            None
        }
        None => None,
    };
    Map {
        items_path: f.string("ItemsPath"),
        items: f.value("Items"),
        item_selector: f.value("ItemSelector"),
        item_processor,
        item_reader: f.value("ItemReader"),
        item_batcher: f.value("ItemBatcher"),
        result_writer: f.value("ResultWriter"),
        max_concurrency: f.value("MaxConcurrency"),
        max_concurrency_path: f.string("MaxConcurrencyPath"),
        tolerated_failure_count: f.value("ToleratedFailureCount"),
        tolerated_failure_count_path: f.string("ToleratedFailureCountPath"),
        tolerated_failure_percentage: f.value("ToleratedFailurePercentage"),
        tolerated_failure_percentage_path: f.string("ToleratedFailurePercentagePath"),
        label: f.string("Label"),
    }
}

fn choice(f: &mut Fields) -> Choice {
    let rules = f.objects("Choices");
    let choices = rules
        .into_iter()
        .map(|(node, pointer)| {
            let mut r = Fields { node, pointer: &pointer, issues: f.issues };
            let next = r.string("Next");
            let assign = r.value("Assign");
            let output = r.value("Output");
            let comment = r.string("Comment");
            ChoiceRule { condition: condition(node, pointer.clone(), f.issues), next, assign, output, comment }
        })
        .collect();
    Choice { choices, default: f.string("Default") }
}

fn condition(node: &Node, pointer: String, issues: &mut Vec<ModelIssue>) -> Condition {
    let members = node.as_object().unwrap_or(&[]);
    let mut operators: Vec<&str> = Vec::new();
    let mut kind = None;
    for m in members {
        let ptr = pointer_push(&pointer, &m.key);
        let found = match m.key.as_str() {
            "And" | "Or" => {
                let mut f = Fields { node, pointer: &pointer, issues };
                let subs = f.objects(&m.key);
                let subs = subs.into_iter().map(|(n, p)| condition(n, p, issues)).collect();
                Some(if m.key == "And" { ConditionKind::And(subs) } else { ConditionKind::Or(subs) })
            }
            "Not" if m.value.as_object().is_some() => {
                Some(ConditionKind::Not(Box::new(condition(&m.value, ptr, issues))))
            }
            "Not" => {
                let message = format!("\"Not\" must be an object, found {}", m.value.kind_name());
                issues.push(ModelIssue { pointer: ptr, code: "invalid-type", message, warning: false });
                None
            }
            "Condition" => Some(ConditionKind::Jsonata(m.value.to_value())),
            key => Operator::from_name(key).map(|operator| {
                let mut f = Fields { node, pointer: &pointer, issues };
                let variable = f.string("Variable");
                ConditionKind::Comparison { variable, operator, operand: m.value.to_value() }
            }),
        };
        if let Some(found) = found {
            operators.push(&m.key);
            kind = Some(found);
        }
    }
    let kind = match (kind, operators.len()) {
        (Some(kind), 1) => kind,
        _ => ConditionKind::Invalid { operators: operators.iter().map(|s| s.to_string()).collect() },
    };
    Condition { pointer, kind }
}

fn retrier(node: &Node, pointer: String, issues: &mut Vec<ModelIssue>) -> Retrier {
    let mut f = Fields { node, pointer: &pointer, issues };
    Retrier {
        error_equals: f.strings("ErrorEquals").unwrap_or_default(),
        interval_seconds: f.number("IntervalSeconds"),
        max_attempts: f.number("MaxAttempts"),
        backoff_rate: f.number("BackoffRate"),
        max_delay_seconds: f.number("MaxDelaySeconds"),
        jitter_strategy: f.string("JitterStrategy"),
        comment: f.string("Comment"),
        pointer,
    }
}

fn catcher(node: &Node, pointer: String, issues: &mut Vec<ModelIssue>) -> Catcher {
    let mut f = Fields { node, pointer: &pointer, issues };
    Catcher {
        error_equals: f.strings("ErrorEquals").unwrap_or_default(),
        next: f.string("Next"),
        result_path: f.nullable_string("ResultPath"),
        output: f.value("Output"),
        assign: f.value("Assign"),
        comment: f.string("Comment"),
        pointer,
    }
}
