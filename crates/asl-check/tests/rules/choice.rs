//! Choice rules: one condition per rule, operand types per operator family, nested
//! rules, JSONata `Condition`.

use crate::harness::Cases;

/// A Choice state `A` whose only rule is `rule` (its text), with `B` as target and default.
fn rule(rule: &str) -> String {
    format!("{{\"StartAt\": \"A\", \"States\": {{\n  \"A\": {{\"Type\": \"Choice\", \"Default\": \"B\", \"Choices\": [\n    {rule}]}},\n  \"B\": {{\"Type\": \"Succeed\"}}\n}}}}")
}

fn jsonata_rule(r: &str) -> String {
    rule(r).replacen("{\"StartAt\"", "{\"QueryLanguage\": \"JSONata\", \"StartAt\"", 1)
}

/// Column of the operand of the first operator in `{"Variable": "$.x", "<op>": ...` on line 3.
fn operand(op: &str) -> usize {
    5 + r#"{"Variable": "$.x", ""#.len() + op.len() + 3
}

#[test]
fn operators() {
    let mut t = Cases::new();
    t.case(
        "no operator",
        &rule(r#"{"Variable": "$.x", "Next": "B"}"#),
        &[("choice-rule-operators", "/States/A/Choices/0", 3, 5)],
    )
    .says("no condition");
    t.case(
        "two operators",
        &rule(r#"{"Variable": "$.x", "IsNull": true, "IsPresent": true, "Next": "B"}"#),
        &[("choice-rule-operators", "/States/A/Choices/0", 3, 5)],
    )
    .says("only one comparison operator; found IsNull, IsPresent");
    t.case(
        "empty And",
        &rule(r#"{"And": [], "Next": "B"}"#),
        &[("choice-rule-operators", "/States/A/Choices/0/And", 3, 13)],
    )
    .says("\"And\" needs at least one rule");
    t.case(
        "nested rule without an operator",
        &rule(r#"{"Or": [{"Variable": "$.x"}], "Next": "B"}"#),
        &[("choice-rule-operators", "/States/A/Choices/0/Or/0", 3, 13)],
    );
    t.case("And, Or and Not nest", &rule(r#"{"And": [{"Not": {"Variable": "$.x", "IsNull": true}}, {"Or": [{"Variable": "$.y", "NumericGreaterThan": 1}, {"Variable": "$.y", "StringMatches": "a*"}]}], "Next": "B"}"#), &[]);
    t.case(
        "Not is not an object",
        &rule(r#"{"Not": [], "Next": "B"}"#),
        &[("invalid-type", "/States/A/Choices/0/Not", 3, 13)],
    );
    t.case(
        "Or is not an array",
        &rule(r#"{"Or": {}, "Next": "B"}"#),
        &[("invalid-type", "/States/A/Choices/0/Or", 3, 12)],
    );
    t.case(
        "unknown operator",
        &rule(r#"{"Variable": "$.x", "NumericEqual": 1, "Next": "B"}"#),
        &[
            ("field-not-allowed", "/States/A/Choices/0/NumericEqual", 3, 25),
            ("choice-rule-operators", "/States/A/Choices/0", 3, 5),
        ],
    );
    t.case(
        "Choices not an array",
        &rule("").replace("\"Choices\": [\n    ]", "\"Choices\": {}"),
        &[("invalid-type", "/States/A/Choices", 2, 54)],
    );
    t.finish();
}

#[test]
fn operand_types() {
    let mut t = Cases::new();
    for (op, bad, expected) in [
        ("NumericEquals", "\"1\"", "a number, found \"1\""),
        ("NumericLessThan", "true", "a number"),
        ("StringEquals", "1", "a string"),
        ("StringMatches", "null", "a string"),
        ("BooleanEquals", "1", "a boolean"),
        ("IsPresent", "\"true\"", "a boolean"),
        ("IsNull", "0", "a boolean"),
        ("TimestampEquals", "\"2026-01-01\"", "an RFC 3339 timestamp"),
        ("TimestampLessThan", "\"2026-01-01T00:00:00\"", "an RFC 3339 timestamp"),
        ("TimestampGreaterThan", "1767225600", "an RFC 3339 timestamp"),
    ] {
        let pointer = format!("/States/A/Choices/0/{op}");
        t.case(
            &format!("{op} {bad}"),
            &rule(&format!(r#"{{"Variable": "$.x", "{op}": {bad}, "Next": "B"}}"#)),
            &[("invalid-type", &pointer, 3, operand(op))],
        )
        .says(&format!("\"{op}\" must be {expected}"));
    }
    for (op, good) in [
        ("NumericEquals", "1.5"),
        ("StringEquals", "\"1\""),
        ("StringMatches", "\"log-*.txt\""),
        ("BooleanEquals", "false"),
        ("IsTimestamp", "true"),
        ("TimestampEquals", "\"2026-01-01T00:00:00Z\""),
        ("TimestampEquals", "\"${When}\""),
        ("StringEqualsPath", "\"$.y\""),
        ("NumericLessThanEqualsPath", "\"$$.Execution.Input.n\""),
        ("TimestampGreaterThanPath", "\"$limit\""),
    ] {
        t.case(
            &format!("{op} {good}"),
            &rule(&format!(r#"{{"Variable": "$.x", "{op}": {good}, "Next": "B"}}"#)),
            &[],
        );
    }
    t.case(
        "Path operator with a number",
        &rule(r#"{"Variable": "$.x", "NumericEqualsPath": 1, "Next": "B"}"#),
        &[("invalid-type", "/States/A/Choices/0/NumericEqualsPath", 3, operand("NumericEqualsPath"))],
    )
    .says("must be a path");
    t.case(
        "Path operator with a bad path",
        &rule(r#"{"Variable": "$.x", "StringEqualsPath": "y", "Next": "B"}"#),
        &[("invalid-json-path", "/States/A/Choices/0/StringEqualsPath", 3, operand("StringEqualsPath"))],
    )
    .says("\"y\" is not a valid JSONPath");
    t.case(
        "Variable not a path",
        &rule(r#"{"Variable": "x", "IsNull": true, "Next": "B"}"#),
        &[("invalid-json-path", "/States/A/Choices/0/Variable", 3, 18)],
    );
    t.case(
        "Variable an intrinsic",
        &rule(r#"{"Variable": "States.Format('{}', $.x)", "IsNull": true, "Next": "B"}"#),
        &[("invalid-json-path", "/States/A/Choices/0/Variable", 3, 18)],
    )
    .says("intrinsic function is not allowed here");
    t.case(
        "Variable not a string",
        &rule(r#"{"Variable": 1, "IsNull": true, "Next": "B"}"#),
        &[("invalid-type", "/States/A/Choices/0/Variable", 3, 18)],
    );
    t.case("Variable a placeholder", &rule(r#"{"Variable": "${Field}", "IsNull": true, "Next": "B"}"#), &[]);
    t.finish();
}

#[test]
fn jsonata_conditions() {
    let mut t = Cases::new();
    t.case(
        "Condition expression",
        &jsonata_rule(r#"{"Condition": "{% $states.input.x > 1 %}", "Next": "B"}"#),
        &[],
    );
    t.case("Condition boolean", &jsonata_rule(r#"{"Condition": true, "Next": "B"}"#), &[]);
    t.case(
        "Condition a number",
        &jsonata_rule(r#"{"Condition": 1, "Next": "B"}"#),
        &[("invalid-type", "/States/A/Choices/0/Condition", 3, 19)],
    )
    .says("JSONata expression");
    t.case(
        "Condition a plain string",
        &jsonata_rule(r#"{"Condition": "$states.input.x", "Next": "B"}"#),
        &[("invalid-type", "/States/A/Choices/0/Condition", 3, 19)],
    );
    t.case(
        "Condition not valid JSONata",
        &jsonata_rule(r#"{"Condition": "{% $states.input.x > %}", "Next": "B"}"#),
        &[("invalid-jsonata", "/States/A/Choices/0/Condition", 3, 19)],
    );
    t.case(
        "JSONata rule without Condition",
        &jsonata_rule(r#"{"Next": "B"}"#),
        &[("choice-rule-operators", "/States/A/Choices/0", 3, 5)],
    )
    .says("it needs a \"Condition\"");
    t.case(
        "JSONPath operator in a JSONata rule",
        &jsonata_rule(r#"{"Variable": "$.x", "IsNull": true, "Next": "B"}"#),
        &[
            ("field-not-allowed", "/States/A/Choices/0/Variable", 3, 6),
            ("field-not-allowed", "/States/A/Choices/0/IsNull", 3, 25),
        ],
    )
    .says("not supported in a JSONata Choice rule: use \"Condition\"");
    t.case(
        "And in a JSONata rule",
        &jsonata_rule(r#"{"And": [{"Variable": "x"}], "Next": "B"}"#),
        &[("field-not-allowed", "/States/A/Choices/0/And", 3, 6)],
    );
    t.case(
        "Condition with an operator in a JSONata rule: the operator is the one problem",
        &jsonata_rule(r#"{"Condition": "{% true %}", "IsNull": true, "Next": "B"}"#),
        &[("field-not-allowed", "/States/A/Choices/0/IsNull", 3, 33)],
    );
    t.case(
        "bad Condition beside an operator is still checked",
        &jsonata_rule(r#"{"Condition": "{% ( %}", "IsNull": true, "Next": "B"}"#),
        &[
            ("field-not-allowed", "/States/A/Choices/0/IsNull", 3, 30),
            ("invalid-jsonata", "/States/A/Choices/0/Condition", 3, 19),
        ],
    );
    t.case(
        "Output and Assign in a JSONata rule",
        &jsonata_rule(r#"{"Condition": true, "Output": "{% 1 %}", "Assign": {"v": "{% 2 %}"}, "Next": "B"}"#),
        &[],
    );
    t.case(
        "Assign in a JSONPath rule",
        &rule(r#"{"Variable": "$.x", "IsNull": true, "Assign": {"v.$": "$.x"}, "Next": "B"}"#),
        &[],
    );
    t.case(
        "Output in a JSONPath rule",
        &rule(r#"{"Variable": "$.x", "IsNull": true, "Output": 1, "Next": "B"}"#),
        &[("field-not-allowed", "/States/A/Choices/0/Output", 3, 41)],
    );
    t.finish();
}
