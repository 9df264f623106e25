//! JSONPath states: paths, Reference Paths, payload templates and intrinsic functions.

use crate::harness::Cases;

fn one(state: &str) -> String {
    format!("{{\"StartAt\": \"A\", \"States\": {{\n  \"A\": {state}\n}}}}")
}

/// A Pass state `A` with one more field, which starts at column 38 of line 2.
fn pass(field: &str) -> String {
    one(&format!(r#"{{"Type": "Pass", "End": true, {field}}}"#))
}

/// Column of the value of `"key": ` when the field starts at column 38.
fn value(key: &str) -> usize {
    38 + key.len() + 4
}

/// A Pass state whose `Parameters` hold `"p.$": <expr>`, with the value at column 60.
fn dynamic(expr: &str) -> String {
    pass(&format!(r#""Parameters": {{"p.$": "{expr}"}}"#))
}

#[test]
fn paths() {
    let mut t = Cases::new();
    for key in ["InputPath", "OutputPath"] {
        t.case(
            &format!("{key} not a path"),
            &pass(&format!(r#""{key}": "foo""#)),
            &[("invalid-json-path", &format!("/States/A/{key}"), 2, value(key))],
        )
        .says("\"foo\" is not a valid JSONPath");
        t.case(
            &format!("{key} unterminated bracket"),
            &pass(&format!(r#""{key}": "$.a[""#)),
            &[("invalid-json-path", &format!("/States/A/{key}"), 2, value(key))],
        );
        for good in ["$", "$.a.b[0]", "$['a b']", "$$.Execution.Input", "$var.field", "${Placeholder}"] {
            t.case(&format!("{key} {good}"), &pass(&format!(r#""{key}": "{good}""#)), &[]);
        }
        t.case(&format!("{key} null"), &pass(&format!(r#""{key}": null"#)), &[]);
    }
    let map = |field: &str| {
        one(&format!(
            r#"{{"Type": "Map", "End": true, {field}, "ItemProcessor": {{"StartAt": "I", "States": {{"I": {{"Type": "Succeed"}}}}}}}}"#
        ))
    };
    t.case(
        "ItemsPath not a path",
        &map(r#""ItemsPath": "items""#),
        &[("invalid-json-path", "/States/A/ItemsPath", 2, 50)],
    );
    t.case(
        "ItemsPath an intrinsic",
        &map(r#""ItemsPath": "States.ArrayRange(1, 3, 1)""#),
        &[("invalid-json-path", "/States/A/ItemsPath", 2, 50)],
    )
    .says("an intrinsic function is not allowed here");
    t.case(
        "MaxConcurrencyPath not a path",
        &map(r#""MaxConcurrencyPath": "n""#),
        &[("invalid-json-path", "/States/A/MaxConcurrencyPath", 2, 59)],
    );
    let wait = |field: &str| one(&format!(r#"{{"Type": "Wait", "End": true, {field}}}"#));
    t.case(
        "SecondsPath not a path",
        &wait(r#""SecondsPath": "s""#),
        &[("invalid-json-path", "/States/A/SecondsPath", 2, 53)],
    );
    t.case("TimestampPath a placeholder", &wait(r#""TimestampPath": "${When}""#), &[]);
    let fail = |field: &str| one(&format!(r#"{{"Type": "Fail", {field}}}"#));
    t.case(
        "ErrorPath not a path",
        &fail(r#""ErrorPath": "error""#),
        &[("invalid-json-path", "/States/A/ErrorPath", 2, 38)],
    )
    .says("neither a JSONPath");
    t.case(
        "CausePath not a path",
        &fail(r#""CausePath": "$.a[""#),
        &[("invalid-json-path", "/States/A/CausePath", 2, 38)],
    );
    t.case("ErrorPath an intrinsic", &fail(r#""ErrorPath": "States.Format('E{}', $.code)""#), &[]);
    t.case("CausePath a context path", &fail(r#""CausePath": "$$.Execution.Id""#), &[]);
    t.case(
        "InputPath not a string",
        &pass(r#""InputPath": 1"#),
        &[("invalid-type", "/States/A/InputPath", 2, value("InputPath"))],
    );
    t.finish();
}

#[test]
fn reference_paths() {
    let mut t = Cases::new();
    t.case(
        "ResultPath a variable",
        &pass(r#""ResultPath": "$foo""#),
        &[("invalid-reference-path", "/States/A/ResultPath", 2, value("ResultPath"))],
    )
    .says("a variable cannot be written here; use \"$.foo\"");
    t.case(
        "ResultPath the context object",
        &pass(r#""ResultPath": "$$.Execution""#),
        &[("invalid-reference-path", "/States/A/ResultPath", 2, value("ResultPath"))],
    )
    .says("context object");
    for bad in [".guid", "$.a[*]", "$..a", "a"] {
        t.case(
            &format!("ResultPath {bad}"),
            &pass(&format!(r#""ResultPath": "{bad}""#)),
            &[("invalid-reference-path", "/States/A/ResultPath", 2, value("ResultPath"))],
        )
        .says("is not a valid Reference Path");
    }
    for good in ["$", "$.a", "$.a.b[2]", "$['a-b'].c", "${Target}"] {
        t.case(&format!("ResultPath {good}"), &pass(&format!(r#""ResultPath": "{good}""#)), &[]);
    }
    t.case("ResultPath null", &pass(r#""ResultPath": null"#), &[]);
    let catch = |path: &str| {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "r", "End": true, "Catch": [{{"ErrorEquals": ["States.ALL"], "Next": "A", "ResultPath": "{path}"}}]}}"#
        ))
    };
    t.case(
        "Catch ResultPath $foo",
        &catch("$foo"),
        &[("invalid-reference-path", "/States/A/Catch/0/ResultPath", 2, 124)],
    );
    t.case("Catch ResultPath $.error", &catch("$.error"), &[]);
    t.finish();
}

#[test]
fn templates() {
    let mut t = Cases::new();
    t.case(
        "dynamic value not a path",
        &dynamic("x"),
        &[("invalid-json-path", "/States/A/Parameters/p.$", 2, 60)],
    )
    .says("\"x\" is neither a JSONPath (starting with \"$\") nor an intrinsic function call");
    t.case(
        "dynamic value a bad path",
        &dynamic("$.a["),
        &[("invalid-json-path", "/States/A/Parameters/p.$", 2, 60)],
    );
    t.case(
        "dynamic value not a string",
        &pass(r#""Parameters": {"p.$": 1}"#),
        &[("invalid-type", "/States/A/Parameters/p.$", 2, 60)],
    )
    .says("ends in \".$\"");
    t.case(
        "static and dynamic key for one field",
        &pass(r#""Parameters": {"p": 1, "p.$": "$.p"}"#),
        &[("duplicate-key", "/States/A/Parameters/p.$", 2, 61)],
    )
    .says("both set the field \"p\"");
    t.case(
        "nested template",
        &pass(r#""Parameters": {"a": [{"b.$": "bad"}]}"#),
        &[("invalid-json-path", "/States/A/Parameters/a/0/b.$", 2, 67)],
    );
    // `RoleArn.$`, as Credentials needs a RoleArn.
    for field in ["ResultSelector", "Assign", "Credentials"] {
        let state = one(&format!(
            r#"{{"Type": "Task", "Resource": "r", "End": true, "{field}": {{"RoleArn.$": "bad"}}}}"#
        ));
        t.case(
            &format!("{field} template"),
            &state,
            &[("invalid-json-path", &format!("/States/A/{field}/RoleArn.$"), 2, 73 + field.len())],
        );
    }
    t.case("ItemSelector template", &one(r#"{"Type": "Map", "End": true, "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#), &[]);
    t.case("ItemReader Parameters template", &one(r#"{"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket.$": "bucket"}}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#),
        &[("invalid-json-path", "/States/A/ItemReader/Parameters/Bucket.$", 2, 124)]);
    t.case("catcher Assign template", &one(r#"{"Type": "Task", "Resource": "r", "End": true, "Catch": [{"ErrorEquals": ["E"], "Next": "A", "Assign": {"e.$": "oops"}}]}"#),
        &[("invalid-json-path", "/States/A/Catch/0/Assign/e.$", 2, 119)]);
    t.case("Choice rule Assign template", &one(r#"{"Type": "Choice", "Default": "B", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "B", "Assign": {"e.$": "oops"}}]},
  "B": {"Type": "Succeed"}"#), &[("invalid-json-path", "/States/A/Choices/0/Assign/e.$", 2, 122)]);
    t.case("dynamic value a placeholder", &dynamic("${Path}"), &[]);
    t.finish();
}

#[test]
fn intrinsics() {
    let mut t = Cases::new();
    for (expr, says) in [
        ("States.MathAdd(1)", "States.MathAdd takes"),
        ("States.MathAdd('a', 1)", "argument 1 of States.MathAdd must be"),
        ("States.Foo($.a)", "unknown intrinsic function 'States.Foo'"),
        ("States.Format('{} and {}', $.a)", "placeholder"),
        ("States.Format('{}', States.MathAdd('a', 1))", "argument 1 of States.MathAdd"),
        ("States.StringToJson($.a", "invalid intrinsic function call: missing ')'"),
        ("States.Hash($.a, 'SHA-999')", "States.Hash"),
        ("States.UUID(1)", "States.UUID takes"),
    ] {
        t.case(expr, &dynamic(expr), &[("invalid-intrinsic", "/States/A/Parameters/p.$", 2, 60)]).says(says);
    }
    for good in [
        "States.Format('{} and {}', $.a, $.b)",
        "States.Array($.a, 1, 'x', true, null)",
        "States.MathAdd($.n, -1)",
        "States.JsonToString(States.StringToJson($.s))",
        "States.UUID()",
        "States.Hash($.a, 'SHA-256')",
        "States.ArrayGetItem($.a, $index)",
        "States.Format('{}', ${Name})",
        "States.Format('Hello {}', $$.Execution.Name)",
    ] {
        t.case(good, &dynamic(good), &[]);
    }
    t.finish();
}
