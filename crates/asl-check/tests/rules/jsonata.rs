//! JSONata states: every `{% ... %}` string must be one well-formed JSONata expression.

use crate::harness::Cases;

/// A machine in JSONata whose state `A` is given, on line 2.
fn jsonata(state: &str) -> String {
    format!("{{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {{\n  \"A\": {state}\n}}}}")
}

/// A JSONata Pass state with `"Output": <value>`; the value starts at column 48.
fn output(value: &str) -> String {
    jsonata(&format!(r#"{{"Type": "Pass", "End": true, "Output": {value}}}"#))
}

#[test]
fn expressions() {
    let mut t = Cases::new();
    for (value, says) in [
        ("\"{% $states.input\"", "must end with \"%}\""),
        ("\"$states.input %}\"", "must start with \"{%\""),
        ("\"{% %}\"", "empty"),
        ("\"{%%}\"", "empty"),
        ("\"{% $states.input + %}\"", "invalid JSONata"),
        ("\"{% $states.input.( %}\"", "invalid JSONata"),
    ] {
        t.case(&format!("Output {value}"), &output(value), &[("invalid-jsonata", "/States/A/Output", 2, 48)])
            .says(says);
    }
    for value in [
        "\"{% $states.input.a %}\"",
        "\"{%$states.input%}\"",
        "\"plain text\"",
        "\"100% sure\"",
        "1",
        "null",
        "{\"a\": [\"{% 1 + 1 %}\"]}",
    ] {
        t.case(&format!("Output {value}"), &output(value), &[]);
    }
    t.case(
        "expression nested in Output",
        &output(r#"{"a": [1, {"b": "{% ) %}"}]}"#),
        &[("invalid-jsonata", "/States/A/Output/a/1/b", 2, 64)],
    );
    let task = |rest: &str| {
        jsonata(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, {rest}}}"#
        ))
    };
    t.case(
        "Arguments",
        &task(r#""Arguments": {"Payload": "{% $states.input. %}"}"#),
        &[("invalid-jsonata", "/States/A/Arguments/Payload", 2, 109)],
    );
    t.case(
        "Assign",
        &task(r#""Assign": {"v": "{% %}"}"#),
        &[("invalid-jsonata", "/States/A/Assign/v", 2, 100)],
    );
    t.case(
        "TimeoutSeconds expression",
        &task(r#""TimeoutSeconds": "{% $t + %}""#),
        &[("invalid-jsonata", "/States/A/TimeoutSeconds", 2, 102)],
    );
    t.case("TimeoutSeconds valid expression", &task(r#""TimeoutSeconds": "{% $states.input.t %}""#), &[]);
    t.case("Catch Output", &task(r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A", "Output": "{% $states.errorOutput. %}"}]"#),
        &[("invalid-jsonata", "/States/A/Catch/0/Output", 2, 149)]);
    t.case(
        "Catch Assign",
        &task(r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A", "Assign": {"e": "{% ( %}"}}]"#),
        &[("invalid-jsonata", "/States/A/Catch/0/Assign/e", 2, 155)],
    );
    t.case("Choice rule Output", &jsonata(r#"{"Type": "Choice", "Default": "B", "Choices": [{"Condition": true, "Next": "B", "Output": "{% %}"}]},
  "B": {"Type": "Succeed"}"#), &[("invalid-jsonata", "/States/A/Choices/0/Output", 2, 98)]);
    t.case(
        "Wait Seconds and Timestamp",
        &jsonata(r#"{"Type": "Wait", "End": true, "Seconds": "{% 1 + %}"}"#),
        &[("invalid-jsonata", "/States/A/Seconds", 2, 49)],
    );
    t.case(
        "Wait Timestamp expression",
        &jsonata(r#"{"Type": "Wait", "End": true, "Timestamp": "{% $now() %}"}"#),
        &[],
    );
    t.case(
        "Fail Error and Cause",
        &jsonata(r#"{"Type": "Fail", "Error": "{% 'E' & %}", "Cause": "{% $states.input.c %}"}"#),
        &[("invalid-jsonata", "/States/A/Error", 2, 34)],
    );
    t.case("Map Items", &jsonata(r#"{"Type": "Map", "End": true, "Items": "{% [1, 2 %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#),
        &[("invalid-jsonata", "/States/A/Items", 2, 46)]);
    t.case("Map MaxConcurrency expression", &jsonata(r#"{"Type": "Map", "End": true, "MaxConcurrency": "{% $states.input.n %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#), &[]);
    t.case(
        "a {% %} string in a JSONPath state is plain text",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "End": true, "Result": "{% not jsonata %}"}
}}"#,
        &[],
    );
    t.finish();
}
