//! Syntax tree -> typed model. Never fails: what cannot be read is reported.

use super::choice::{Condition, ConditionKind, Operator};
use super::fields::{Fields, F};
use super::*;
use crate::syntax::{pointer_push, Node};

/// Builds the model of the machine whose `StartAt`/`States` object is `node`.
pub fn build(node: &Node, issues: &mut Vec<ModelIssue>) -> StateMachine {
    machine(node, "", issues)
}

fn machine(node: &Node, pointer: &str, issues: &mut Vec<ModelIssue>) -> StateMachine {
    let mut f = Fields::new(node, pointer, issues);
    let mut m = StateMachine {
        pointer: pointer.to_owned(),
        start_at: f.string(F::StartAt),
        query_language: f.query_language(),
        comment: f.string(F::Comment),
        version: f.string(F::Version),
        timeout_seconds: f.number(F::TimeoutSeconds),
        ..StateMachine::default()
    };
    if let Some(config) = f.raw(F::ProcessorConfig).filter(|n| n.as_object().is_some()) {
        let ptr = f.ptr(F::ProcessorConfig);
        let mut c = Fields::new(config, &ptr, f.issues);
        m.processor_config =
            Some(ProcessorConfig { mode: c.string(F::Mode), execution_type: c.string(F::ExecutionType) });
    }
    if let Some(states) = f.raw(F::States) {
        let states_ptr = f.ptr(F::States);
        match states.as_object() {
            Some(members) => {
                m.states.reserve_exact(members.len());
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
                        _ => format!(
                            "\"{}\" is not a state (a state is an object, found {}); it is ignored",
                            member.key,
                            member.value.kind_name()
                        ),
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
    let mut f = Fields::new(node, &pointer, issues);
    let type_name = f.string(F::Type);
    let kind = match type_name.as_deref() {
        Some("Pass") => StateKind::Pass(Pass { result: f.value(F::Result) }),
        Some("Task") => StateKind::Task(task(&mut f)),
        Some("Choice") => StateKind::Choice(choice(&mut f)),
        Some("Wait") => StateKind::Wait(Wait {
            seconds: f.value(F::Seconds),
            seconds_path: f.string(F::SecondsPath),
            timestamp: f.string(F::Timestamp),
            timestamp_path: f.string(F::TimestampPath),
        }),
        Some("Succeed") => StateKind::Succeed,
        Some("Fail") => StateKind::Fail(Fail {
            error: f.string(F::Error),
            error_path: f.string(F::ErrorPath),
            cause: f.string(F::Cause),
            cause_path: f.string(F::CausePath),
        }),
        Some("Parallel") => {
            let branches = f.objects(F::Branches);
            let branches = branches.into_iter().map(|(n, p)| machine(n, &p, f.issues)).collect();
            StateKind::Parallel(Parallel { branches })
        }
        Some("Map") => StateKind::Map(Box::new(map(&mut f))),
        _ => StateKind::Unknown,
    };
    let io = Io {
        input_path: f.nullable_string(F::InputPath),
        output_path: f.nullable_string(F::OutputPath),
        result_path: f.nullable_string(F::ResultPath),
        parameters: f.value(F::Parameters),
        result_selector: f.value(F::ResultSelector),
        arguments: f.value(F::Arguments),
        output: f.value(F::Output),
        assign: f.value(F::Assign),
    };
    let retry = f.objects(F::Retry).into_iter().map(|(n, p)| retrier(n, p, f.issues)).collect();
    let catch = f.objects(F::Catch).into_iter().map(|(n, p)| catcher(n, p, f.issues)).collect();
    State {
        name: name.to_owned(),
        type_name,
        kind,
        comment: f.string(F::Comment),
        query_language: f.query_language(),
        next: f.string(F::Next),
        end: f.bool(F::End),
        io,
        retry,
        catch,
        pointer,
    }
}

fn task(f: &mut Fields) -> Task {
    Task {
        resource: f.string(F::Resource),
        timeout_seconds: f.value(F::TimeoutSeconds),
        timeout_seconds_path: f.string(F::TimeoutSecondsPath),
        heartbeat_seconds: f.value(F::HeartbeatSeconds),
        heartbeat_seconds_path: f.string(F::HeartbeatSecondsPath),
        credentials: f.value(F::Credentials),
    }
}

fn map(f: &mut Fields) -> Map {
    let processor = f.raw(F::ItemProcessor).map(|n| (n, f.ptr(F::ItemProcessor)));
    let processor = processor.or_else(|| f.raw(F::Iterator).map(|n| (n, f.ptr(F::Iterator))));
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
        items_path: f.string(F::ItemsPath),
        items: f.value(F::Items),
        item_selector: f.value(F::ItemSelector),
        item_processor,
        item_reader: f.value(F::ItemReader),
        item_batcher: f.value(F::ItemBatcher),
        result_writer: f.value(F::ResultWriter),
        max_concurrency: f.value(F::MaxConcurrency),
        max_concurrency_path: f.string(F::MaxConcurrencyPath),
        tolerated_failure_count: f.value(F::ToleratedFailureCount),
        tolerated_failure_count_path: f.string(F::ToleratedFailureCountPath),
        tolerated_failure_percentage: f.value(F::ToleratedFailurePercentage),
        tolerated_failure_percentage_path: f.string(F::ToleratedFailurePercentagePath),
        label: f.string(F::Label),
    }
}

fn choice(f: &mut Fields) -> Choice {
    let rules = f.objects(F::Choices);
    let choices = rules
        .into_iter()
        .map(|(node, pointer)| {
            let mut r = Fields::new(node, &pointer, f.issues);
            let next = r.string(F::Next);
            let assign = r.value(F::Assign);
            let output = r.value(F::Output);
            let comment = r.string(F::Comment);
            ChoiceRule {
                condition: condition(node, pointer.clone(), f.issues),
                next,
                assign,
                output,
                comment,
            }
        })
        .collect();
    Choice { choices, default: f.string(F::Default) }
}

fn condition(node: &Node, pointer: String, issues: &mut Vec<ModelIssue>) -> Condition {
    let members = node.as_object().unwrap_or(&[]);
    let mut operators: Vec<&str> = Vec::new();
    let mut kind = None;
    for m in members {
        let ptr = pointer_push(&pointer, &m.key);
        let found = match m.key.as_str() {
            "And" | "Or" => {
                let mut f = Fields::new(node, &pointer, issues);
                let subs = f.objects(if m.key == "And" { F::And } else { F::Or });
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
                let mut f = Fields::new(node, &pointer, issues);
                let variable = f.string(F::Variable);
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
    let mut f = Fields::new(node, &pointer, issues);
    Retrier {
        error_equals: f.strings(F::ErrorEquals).unwrap_or_default(),
        interval_seconds: f.number(F::IntervalSeconds),
        max_attempts: f.number(F::MaxAttempts),
        backoff_rate: f.number(F::BackoffRate),
        max_delay_seconds: f.number(F::MaxDelaySeconds),
        jitter_strategy: f.string(F::JitterStrategy),
        comment: f.string(F::Comment),
        pointer,
    }
}

fn catcher(node: &Node, pointer: String, issues: &mut Vec<ModelIssue>) -> Catcher {
    let mut f = Fields::new(node, &pointer, issues);
    Catcher {
        error_equals: f.strings(F::ErrorEquals).unwrap_or_default(),
        next: f.string(F::Next),
        result_path: f.nullable_string(F::ResultPath),
        output: f.value(F::Output),
        assign: f.value(F::Assign),
        comment: f.string(F::Comment),
        pointer,
    }
}
