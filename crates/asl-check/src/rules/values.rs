//! Values AWS constrains: Retry and Catch, timeouts, Wait timestamps, Map settings,
//! Task resources and credentials.

use super::has_placeholder;
use crate::Ctx;
use asl_model::model::{QueryLanguage, State, StateKind};
use asl_model::syntax::{pointer_push, Node};
use serde_json::Value;

pub(super) fn state_values(ctx: &mut Ctx, state: &State) {
    // Numbers may be given as `{% %}` expressions only in JSONata states.
    let jsonata = super::effective_ql(ctx, state) == QueryLanguage::Jsonata;
    retriers(ctx, state);
    catchers(ctx, state);
    match &state.kind {
        StateKind::Task(task) => {
            let timeout =
                seconds(ctx, &state.pointer, "TimeoutSeconds", task.timeout_seconds.as_ref(), jsonata);
            let heartbeat =
                seconds(ctx, &state.pointer, "HeartbeatSeconds", task.heartbeat_seconds.as_ref(), jsonata);
            if let (Some(t), Some(h)) = (timeout, heartbeat) {
                if h >= t {
                    let message =
                        format!("\"HeartbeatSeconds\" ({h}) must be smaller than \"TimeoutSeconds\" ({t})");
                    ctx.error(
                        "heartbeat-not-below-timeout",
                        &pointer_push(&state.pointer, "HeartbeatSeconds"),
                        message,
                    );
                }
            }
            if let Some(resource) = &task.resource {
                resource_arn(ctx, &pointer_push(&state.pointer, "Resource"), resource);
            }
            if let Some(credentials) = &task.credentials {
                let ptr = pointer_push(&state.pointer, "Credentials");
                match credentials.as_object() {
                    None => ctx.error(
                        "invalid-type",
                        &ptr,
                        "\"Credentials\" must be an object such as {\"RoleArn\": \"...\"}",
                    ),
                    // AWS: "The field 'RoleArn' is required but was missing" (LocalStack's
                    // recording of ValidateStateMachineDefinition, test_credentials_base).
                    Some(c) if !c.contains_key("RoleArn") && !c.contains_key("RoleArn.$") => ctx.error_key(
                        "missing-field",
                        &ptr,
                        "The field 'RoleArn' is required but was missing: \"Credentials\" names the role to assume",
                    ),
                    Some(_) => {}
                }
            }
        }
        StateKind::Wait(wait) => {
            non_negative(ctx, &state.pointer, "Seconds", wait.seconds.as_ref(), None, jsonata);
            if let Some(ts) = &wait.timestamp {
                let accepted = jsonata && is_expression(ts) || has_placeholder(ts) || is_rfc3339(ts);
                if !accepted {
                    let message =
                        format!("\"{ts}\" is not an RFC 3339 timestamp such as 2026-01-31T09:30:00Z");
                    ctx.error("invalid-timestamp", &pointer_push(&state.pointer, "Timestamp"), message);
                }
            }
        }
        StateKind::Map(map) => {
            let p = &state.pointer;
            non_negative(ctx, p, "MaxConcurrency", map.max_concurrency.as_ref(), None, jsonata);
            non_negative(
                ctx,
                p,
                "ToleratedFailureCount",
                map.tolerated_failure_count.as_ref(),
                None,
                jsonata,
            );
            non_negative(
                ctx,
                p,
                "ToleratedFailurePercentage",
                map.tolerated_failure_percentage.as_ref(),
                Some(100.0),
                jsonata,
            );
            super::map::map_objects(ctx, p, map, super::effective_ql(ctx, state));
            if let Some(config) = map.item_processor.as_ref().and_then(|m| m.processor_config.as_ref()) {
                let base = map.item_processor.as_ref().map(|m| m.pointer.clone()).unwrap_or_default();
                one_of(
                    ctx,
                    &format!("{base}/ProcessorConfig/Mode"),
                    config.mode.as_deref(),
                    &["INLINE", "DISTRIBUTED"],
                );
                one_of(
                    ctx,
                    &format!("{base}/ProcessorConfig/ExecutionType"),
                    config.execution_type.as_deref(),
                    &["STANDARD", "EXPRESS"],
                );
                // A Distributed Map runs child workflows, whose type must be named.
                if config.mode.as_deref() == Some("DISTRIBUTED") && config.execution_type.is_none() {
                    let message =
                        "a DISTRIBUTED item processor needs \"ExecutionType\": \"STANDARD\" or \"EXPRESS\"";
                    ctx.error_key("missing-field", &format!("{base}/ProcessorConfig"), message);
                }
            }
        }
        _ => {}
    }
}

fn retriers(ctx: &mut Ctx, state: &State) {
    for r in &state.retry {
        let p = &r.pointer;
        error_equals(ctx, p, &r.error_equals, state.retry.len(), "retrier");
        if let Some(v) = r.interval_seconds {
            if v < 1.0 || v.fract() != 0.0 {
                ctx.error(
                    "invalid-interval",
                    &pointer_push(p, "IntervalSeconds"),
                    format!("\"IntervalSeconds\" must be a positive integer, found {v}"),
                );
            }
        }
        if let Some(v) = r.max_attempts {
            if v < 0.0 || v.fract() != 0.0 {
                ctx.error(
                    "invalid-max-attempts",
                    &pointer_push(p, "MaxAttempts"),
                    format!("\"MaxAttempts\" must be a non-negative integer, found {v}"),
                );
            }
        }
        if let Some(v) = r.backoff_rate {
            if v < 1.0 {
                ctx.error(
                    "invalid-backoff-rate",
                    &pointer_push(p, "BackoffRate"),
                    format!("\"BackoffRate\" must be at least 1.0, found {v}"),
                );
            }
        }
        if let Some(v) = r.max_delay_seconds {
            if v <= 0.0 || v.fract() != 0.0 {
                ctx.error(
                    "invalid-max-delay",
                    &pointer_push(p, "MaxDelaySeconds"),
                    format!("\"MaxDelaySeconds\" must be a positive integer, found {v}"),
                );
            }
        }
        one_of(ctx, &pointer_push(p, "JitterStrategy"), r.jitter_strategy.as_deref(), &["FULL", "NONE"]);
    }
    all_last(ctx, state.retry.iter().map(|r| (&r.pointer, &r.error_equals)), "retrier");
}

fn catchers(ctx: &mut Ctx, state: &State) {
    for c in &state.catch {
        error_equals(ctx, &c.pointer, &c.error_equals, state.catch.len(), "catcher");
    }
    all_last(ctx, state.catch.iter().map(|c| (&c.pointer, &c.error_equals)), "catcher");
}

fn error_equals(ctx: &mut Ctx, pointer: &str, names: &[String], _count: usize, what: &str) {
    let ptr = pointer_push(pointer, "ErrorEquals");
    let present = ctx.doc.tree().at(&ptr).and_then(Node::as_array).is_some();
    if present && names.is_empty() {
        ctx.error(
            "empty-error-equals",
            &ptr,
            format!("a {what}'s \"ErrorEquals\" must name at least one error, e.g. [\"States.ALL\"]"),
        );
    }
    if names.len() > 1 && names.iter().any(|n| n == "States.ALL") {
        ctx.error("states-all-not-alone", &ptr, "\"States.ALL\" must appear alone in \"ErrorEquals\"");
    }
}

/// `States.ALL` only in the last retrier or catcher.
fn all_last<'a>(ctx: &mut Ctx, items: impl Iterator<Item = (&'a String, &'a Vec<String>)>, what: &str) {
    let items: Vec<_> = items.collect();
    for (i, (ptr, names)) in items.iter().enumerate() {
        if i + 1 < items.len() && names.iter().any(|n| n == "States.ALL") {
            let code = if what == "retrier" { "retry-all-not-last" } else { "catch-all-not-last" };
            ctx.error(
                code,
                &pointer_push(ptr, "ErrorEquals"),
                format!("a {what} with \"States.ALL\" must be the last one"),
            );
        }
    }
}

/// A positive integer number of seconds (or, in JSONata, an expression); returns the number.
fn seconds(ctx: &mut Ctx, pointer: &str, key: &str, value: Option<&Value>, jsonata: bool) -> Option<f64> {
    let value = value?;
    let ptr = pointer_push(pointer, key);
    match value {
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            if f < 1.0 || f.fract() != 0.0 {
                ctx.error("invalid-value", &ptr, format!("\"{key}\" must be a positive integer, found {n}"));
            }
            Some(f)
        }
        Value::String(s) if jsonata && is_expression(s) || has_placeholder(s) => None,
        other => {
            let message = format!(
                "\"{key}\" must be a positive integer{}, found {}",
                or_expression(jsonata),
                kind(other)
            );
            ctx.error("invalid-type", &ptr, message);
            None
        }
    }
}

fn or_expression(jsonata: bool) -> &'static str {
    if jsonata {
        " or a JSONata expression {% ... %}"
    } else {
        ""
    }
}

/// A non-negative integer, or with `max` a number from 0 to `max` (or, in JSONata, an
/// expression).
fn non_negative(
    ctx: &mut Ctx,
    pointer: &str,
    key: &str,
    value: Option<&Value>,
    max: Option<f64>,
    jsonata: bool,
) {
    let Some(value) = value else { return };
    let ptr = pointer_push(pointer, key);
    match value {
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(-1.0);
            let integer = max.is_some() || f.fract() == 0.0;
            if f < 0.0 || !integer || max.is_some_and(|m| f > m) {
                ctx.error("invalid-value", &ptr, format!("\"{key}\" must be {}, found {n}", range(max)));
            }
        }
        Value::String(s) if jsonata && is_expression(s) || has_placeholder(s) => {}
        other => {
            let message =
                format!("\"{key}\" must be {}{}, found {}", range(max), or_expression(jsonata), kind(other));
            ctx.error("invalid-type", &ptr, message);
        }
    }
}

fn range(max: Option<f64>) -> String {
    max.map_or("a non-negative integer".to_owned(), |m| format!("a number from 0 to {m}"))
}

fn one_of(ctx: &mut Ctx, pointer: &str, value: Option<&str>, allowed: &[&str]) {
    if let Some(v) = value {
        if !allowed.contains(&v) && !has_placeholder(v) {
            let key = pointer.rsplit('/').next().unwrap_or_default();
            let message = format!("\"{key}\" must be one of {}, found \"{v}\"", allowed.join(", "));
            ctx.error("invalid-value", pointer, message);
        }
    }
}

pub(super) fn is_expression(s: &str) -> bool {
    s.starts_with("{%") && s.ends_with("%}")
}

use asl_model::syntax::value_kind as kind;

/// AWS's profile of RFC 3339: uppercase `T` and `Z`, seconds required.
pub(crate) fn is_rfc3339(s: &str) -> bool {
    static SHAPE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let shape = SHAPE.get_or_init(|| {
        regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
            .expect("static regex")
    });
    shape.is_match(s) && chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

/// A Task `Resource` names the service integration, activity or function. AWS's own
/// validators accept non-ARN names in their fixtures, so only what is certainly broken is
/// reported: an unterminated `${...}` placeholder and a malformed Lambda qualifier.
fn resource_arn(ctx: &mut Ctx, pointer: &str, resource: &str) {
    if has_placeholder(resource) || is_expression(resource) {
        return;
    }
    if resource.contains("${") {
        ctx.error(
            "invalid-resource",
            pointer,
            format!("\"{resource}\" has an unterminated ${{...}} placeholder"),
        );
        return;
    }
    let parts: Vec<&str> = resource.split(':').collect();
    if parts.len() >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function" {
        let qualifier_ok = match parts.get(7) {
            None => true,
            Some(q) => {
                *q == "$LATEST"
                    || !q.is_empty() && q.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            }
        };
        if parts[6].is_empty() || !qualifier_ok || parts.len() > 8 {
            let message = format!(
                "\"{resource}\" is not a valid Lambda function ARN (name, then an optional version or alias)"
            );
            ctx.error("invalid-resource", pointer, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_follow_aws_profile() {
        assert!(is_rfc3339("2016-03-14T01:59:00Z"));
        assert!(is_rfc3339("2016-03-14T01:59:00.123+01:00"));
        assert!(!is_rfc3339("2016-03-14t01:59:00z"));
        assert!(!is_rfc3339("2016-13-14T01:59:00Z"));
        assert!(!is_rfc3339("2016-03-14 01:59:00Z"));
        assert!(!is_rfc3339("2016-03-14T01:59Z"));
    }
}
