//! Values AWS constrains: retriers and catchers, timeouts, Wait durations, Map settings,
//! Task resources and credentials.

use crate::harness::Cases;

fn one(state: &str) -> String {
    format!("{{\"StartAt\": \"A\", \"States\": {{\n  \"A\": {state}\n}}}}")
}

/// A Task `A` whose text continues with `rest` (after `"End": true`).
fn task(rest: &str) -> String {
    one(&format!(r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true{rest}}}"#))
}

/// Column where `rest` starts in `task(rest)`, plus `offset`.
const REST: usize = 82;

#[test]
fn retriers_and_catchers() {
    let mut t = Cases::new();
    let retry = |fields: &str| task(&format!(r#", "Retry": [{{"ErrorEquals": ["E"]{fields}}}]"#));
    // `, "Retry": [{"ErrorEquals": ["E"]` is 33 characters; the next field starts 2 later.
    let field_col = REST + 33 + 2;
    let value_col = |key: &str| field_col + key.len() + 4;
    for (key, bad, code, says) in [
        ("IntervalSeconds", "0", "invalid-interval", "positive integer"),
        ("IntervalSeconds", "1.5", "invalid-interval", "positive integer"),
        ("MaxAttempts", "-1", "invalid-max-attempts", "non-negative integer"),
        ("MaxAttempts", "1.5", "invalid-max-attempts", "non-negative integer"),
        ("BackoffRate", "0.5", "invalid-backoff-rate", "at least 1.0"),
        ("MaxDelaySeconds", "0", "invalid-max-delay", "positive integer"),
        ("JitterStrategy", "\"HALF\"", "invalid-value", "FULL, NONE"),
        ("IntervalSeconds", "\"1\"", "invalid-type", "must be a number"),
        ("JitterStrategy", "1", "invalid-type", "must be a string"),
    ] {
        let pointer = format!("/States/A/Retry/0/{key}");
        t.case(
            &format!("{key} {bad}"),
            &retry(&format!(", \"{key}\": {bad}")),
            &[(code, &pointer, 2, value_col(key))],
        )
        .says(says);
    }
    for (key, good) in [
        ("IntervalSeconds", "1"),
        ("MaxAttempts", "0"),
        ("BackoffRate", "1.0"),
        ("BackoffRate", "2.5"),
        ("MaxDelaySeconds", "1"),
        ("JitterStrategy", "\"FULL\""),
        ("JitterStrategy", "\"NONE\""),
    ] {
        t.case(&format!("{key} {good}"), &retry(&format!(", \"{key}\": {good}")), &[]);
    }
    let error_equals = REST + 28;
    t.case(
        "empty ErrorEquals in a retrier",
        &task(r#", "Retry": [{"ErrorEquals": []}]"#),
        &[("empty-error-equals", "/States/A/Retry/0/ErrorEquals", 2, error_equals)],
    )
    .says("must name at least one error");
    t.case(
        "empty ErrorEquals in a catcher",
        &task(r#", "Catch": [{"ErrorEquals": [], "Next": "A"}]"#),
        &[("empty-error-equals", "/States/A/Catch/0/ErrorEquals", 2, error_equals)],
    );
    t.case(
        "ErrorEquals not an array",
        &task(r#", "Retry": [{"ErrorEquals": "States.ALL"}]"#),
        &[("invalid-type", "/States/A/Retry/0/ErrorEquals", 2, error_equals)],
    )
    .says("an array of strings");
    t.case(
        "States.ALL with another error",
        &task(r#", "Retry": [{"ErrorEquals": ["States.ALL", "E"]}]"#),
        &[("states-all-not-alone", "/States/A/Retry/0/ErrorEquals", 2, error_equals)],
    )
    .says("alone");
    t.case(
        "States.ALL with another error in a catcher",
        &task(r#", "Catch": [{"ErrorEquals": ["E", "States.ALL"], "Next": "A"}]"#),
        &[("states-all-not-alone", "/States/A/Catch/0/ErrorEquals", 2, error_equals)],
    );
    t.case(
        "States.ALL retrier before another",
        &task(r#", "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["E"]}]"#),
        &[("retry-all-not-last", "/States/A/Retry/0/ErrorEquals", 2, error_equals)],
    )
    .says("last");
    t.case("States.ALL catcher before another", &task(r#", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}, {"ErrorEquals": ["E"], "Next": "A"}]"#),
        &[("catch-all-not-last", "/States/A/Catch/0/ErrorEquals", 2, error_equals)]).says("last");
    t.case("States.ALL last", &task(r#", "Retry": [{"ErrorEquals": ["E"]}, {"ErrorEquals": ["States.ALL"]}], "Catch": [{"ErrorEquals": ["E"], "Next": "A"}, {"ErrorEquals": ["States.ALL"], "Next": "A"}]"#), &[]);
    t.case(
        "Retry not an array",
        &task(r#", "Retry": {}"#),
        &[("invalid-type", "/States/A/Retry", 2, REST + 11)],
    );
    t.case(
        "a retrier not an object",
        &task(r#", "Retry": [1]"#),
        &[("invalid-type", "/States/A/Retry/0", 2, REST + 12)],
    );
    t.finish();
}

#[test]
fn timeouts_and_credentials() {
    let mut t = Cases::new();
    t.case(
        "HeartbeatSeconds equal to TimeoutSeconds",
        &task(r#", "TimeoutSeconds": 10, "HeartbeatSeconds": 10"#),
        &[("heartbeat-not-below-timeout", "/States/A/HeartbeatSeconds", 2, REST + 44)],
    )
    .says("smaller than \"TimeoutSeconds\"");
    t.case(
        "HeartbeatSeconds above TimeoutSeconds",
        &task(r#", "TimeoutSeconds": 10, "HeartbeatSeconds": 11"#),
        &[("heartbeat-not-below-timeout", "/States/A/HeartbeatSeconds", 2, REST + 44)],
    );
    t.case(
        "HeartbeatSeconds below TimeoutSeconds",
        &task(r#", "TimeoutSeconds": 10, "HeartbeatSeconds": 9"#),
        &[],
    );
    t.case(
        "TimeoutSeconds 0",
        &task(r#", "TimeoutSeconds": 0"#),
        &[("invalid-value", "/States/A/TimeoutSeconds", 2, REST + 20)],
    )
    .says("positive integer");
    t.case(
        "TimeoutSeconds a string",
        &task(r#", "TimeoutSeconds": "5""#),
        &[("invalid-type", "/States/A/TimeoutSeconds", 2, REST + 20)],
    );
    t.case(
        "TimeoutSeconds an expression in JSONPath",
        &task(r#", "TimeoutSeconds": "{% 5 %}""#),
        &[("invalid-type", "/States/A/TimeoutSeconds", 2, REST + 20)],
    )
    .says("must be a positive integer, found string");
    t.case(
        "TimeoutSeconds an expression in JSONata",
        &task(r#", "TimeoutSeconds": "{% 5 %}""#).replacen("{", "{\"QueryLanguage\": \"JSONata\", ", 1),
        &[],
    );
    t.case("TimeoutSeconds a placeholder", &task(r#", "TimeoutSeconds": "${Timeout}""#), &[]);
    t.case(
        "Credentials a string",
        &task(r#", "Credentials": "arn:aws:iam::1:role/r""#),
        &[("invalid-type", "/States/A/Credentials", 2, REST + 17)],
    )
    .says("\"Credentials\" must be an object");
    t.case("Credentials an object", &task(r#", "Credentials": {"RoleArn": "arn:aws:iam::1:role/r"}"#), &[]);
    t.finish();
}

#[test]
fn resources() {
    let mut t = Cases::new();
    let resource = |arn: &str| one(&format!(r#"{{"Type": "Task", "Resource": "{arn}", "End": true}}"#));
    for bad in [
        "arn:aws:lambda:us-east-1:123456789012:function:f:al.ias",
        "arn:aws:lambda:us-east-1:123456789012:function:f:a:b",
        "arn:aws:lambda:us-east-1:123456789012:function:",
    ] {
        t.case(
            &format!("Resource {bad}"),
            &resource(bad),
            &[("invalid-resource", "/States/A/Resource", 2, 37)],
        )
        .says("Lambda function ARN");
    }
    t.case(
        "unterminated placeholder",
        &resource("arn:aws:lambda:${Region"),
        &[("invalid-resource", "/States/A/Resource", 2, 37)],
    )
    .says("unterminated");
    for good in [
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:lambda:us-east-1:123456789012:function:f:live_1",
        "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
        "arn:aws:lambda:us-east-1:123456789012:function:f:7",
        "${MyFunctionArn}",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:us-east-1:123456789012:activity:a",
    ] {
        t.case(&format!("Resource {good}"), &resource(good), &[]);
    }
    t.case(
        "Resource not a string",
        &one(r#"{"Type": "Task", "Resource": 1, "End": true}"#),
        &[("invalid-type", "/States/A/Resource", 2, 37)],
    );
    t.finish();
}

#[test]
fn wait_and_map() {
    let mut t = Cases::new();
    let wait = |field: &str| one(&format!(r#"{{"Type": "Wait", "End": true, {field}}}"#));
    for bad in [
        "2026-01-01 09:30:00Z",
        "2026-01-01t09:30:00z",
        "2026-01-01T09:30Z",
        "2026-02-30T09:30:00Z",
        "tomorrow",
    ] {
        t.case(
            &format!("Timestamp {bad}"),
            &wait(&format!("\"Timestamp\": \"{bad}\"")),
            &[("invalid-timestamp", "/States/A/Timestamp", 2, 51)],
        )
        .says("RFC 3339");
    }
    for good in ["2026-01-01T09:30:00Z", "2026-01-01T09:30:00.250+02:00", "${When}"] {
        t.case(&format!("Timestamp {good}"), &wait(&format!("\"Timestamp\": \"{good}\"")), &[]);
    }
    t.case("Seconds -1", &wait("\"Seconds\": -1"), &[("invalid-value", "/States/A/Seconds", 2, 49)])
        .says("non-negative integer");
    t.case("Seconds 1.5", &wait("\"Seconds\": 1.5"), &[("invalid-value", "/States/A/Seconds", 2, 49)]);
    t.case("Seconds a string", &wait("\"Seconds\": \"10\""), &[("invalid-type", "/States/A/Seconds", 2, 49)]);
    t.case(
        "Timestamp an expression in JSONPath",
        &wait("\"Timestamp\": \"{% $now() %}\""),
        &[("invalid-timestamp", "/States/A/Timestamp", 2, 51)],
    );
    t.case(
        "Seconds an expression in JSONPath",
        &wait("\"Seconds\": \"{% 1 %}\""),
        &[("invalid-type", "/States/A/Seconds", 2, 49)],
    )
    .says("\"Seconds\" must be a non-negative integer, found string");
    t.case("Seconds a placeholder", &wait("\"Seconds\": \"${Delay}\""), &[]);
    let map = |fields: &str| {
        one(&format!(
            r#"{{"Type": "Map", "End": true, {fields}"ItemProcessor": {{"StartAt": "I", "States": {{"I": {{"Type": "Succeed"}}}}}}}}"#
        ))
    };
    t.case(
        "MaxConcurrency -1",
        &map(r#""MaxConcurrency": -1, "#),
        &[("invalid-value", "/States/A/MaxConcurrency", 2, 55)],
    );
    t.case("MaxConcurrency 0 (unlimited)", &map(r#""MaxConcurrency": 0, "#), &[]);
    t.case(
        "ToleratedFailurePercentage 101",
        &map(r#""ToleratedFailurePercentage": 101, "#),
        &[("invalid-value", "/States/A/ToleratedFailurePercentage", 2, 67)],
    )
    .says("from 0 to 100");
    t.case("ToleratedFailurePercentage 12.5", &map(r#""ToleratedFailurePercentage": 12.5, "#), &[]);
    t.case(
        "ToleratedFailureCount 1.5",
        &map(r#""ToleratedFailureCount": 1.5, "#),
        &[("invalid-value", "/States/A/ToleratedFailureCount", 2, 62)],
    );
    let mode = |mode: &str| {
        one(&format!(
            r#"{{"Type": "Map", "End": true, "ItemProcessor": {{"ProcessorConfig": {{"Mode": "{mode}"}}, "StartAt": "I", "States": {{"I": {{"Type": "Succeed"}}}}}}}}"#
        ))
    };
    t.case(
        "Mode REMOTE",
        &mode("REMOTE"),
        &[("invalid-value", "/States/A/ItemProcessor/ProcessorConfig/Mode", 2, 83)],
    )
    .says("\"Mode\" must be one of INLINE, DISTRIBUTED");
    t.case(
        "Mode DISTRIBUTED without ExecutionType",
        &mode("DISTRIBUTED"),
        &[("missing-field", "/States/A/ItemProcessor/ProcessorConfig", 2, 55)],
    )
    .says("needs \"ExecutionType\"");
    t.case("Mode DISTRIBUTED with ExecutionType", &mode("DISTRIBUTED\", \"ExecutionType\": \"EXPRESS"), &[]);
    t.case("ExecutionType FAST", &one(r#"{"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "FAST"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#),
        &[("invalid-value", "/States/A/ItemProcessor/ProcessorConfig/ExecutionType", 2, 115)]);
    t.finish();
}
