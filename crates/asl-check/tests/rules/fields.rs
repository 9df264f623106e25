//! Which fields may stand where: required fields, fields per state type, per query
//! language, in retriers, catchers and Choice rules, and mutually exclusive pairs.

use crate::harness::Cases;

/// A machine of one state `A` (given as the text of its object) on line 2.
fn one(state: &str) -> String {
    format!("{{\"StartAt\": \"A\", \"States\": {{\n  \"A\": {state}\n}}}}")
}

/// The same in a machine whose top-level `QueryLanguage` is JSONata.
fn jsonata(state: &str) -> String {
    format!("{{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {{\n  \"A\": {state}\n}}}}")
}

const LAMBDA: &str = "arn:aws:states:::lambda:invoke";

#[test]
fn required_fields() {
    let mut t = Cases::new();
    t.case(
        "Task without Resource",
        &one(r#"{"Type": "Task", "End": true}"#),
        &[("missing-field", "/States/A", 2, 3)],
    )
    .says("a Task state needs \"Resource\"");
    t.case(
        "Task with Resource",
        &one(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true}}"#)),
        &[],
    );
    t.case(
        "Choice without Choices",
        &one(r#"{"Type": "Choice", "Default": "A"}"#),
        &[("missing-field", "/States/A", 2, 3), ("no-terminal-state", "/States", 1, 28)],
    )
    .says("\"Choices\"");
    t.case(
        "Choice with empty Choices",
        &one(r#"{"Type": "Choice", "Choices": [], "Default": "B"},
  "B": {"Type": "Succeed"}"#),
        &[("missing-field", "/States/A/Choices", 2, 38)],
    )
    .says("at least one rule");
    t.case(
        "Parallel without Branches",
        &one(r#"{"Type": "Parallel", "End": true}"#),
        &[("missing-field", "/States/A", 2, 3)],
    )
    .says("\"Branches\"");
    t.case(
        "Parallel with empty Branches",
        &one(r#"{"Type": "Parallel", "End": true, "Branches": []}"#),
        &[("missing-field", "/States/A/Branches", 2, 54)],
    );
    t.case(
        "Map without ItemProcessor",
        &one(r#"{"Type": "Map", "End": true}"#),
        &[("missing-field", "/States/A", 2, 3)],
    )
    .says("\"ItemProcessor\"");
    t.case("Map with the deprecated Iterator", &one(r#"{"Type": "Map", "End": true, "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#), &[]);
    t.case(
        "Map with the deprecated Iterator and a ProcessorConfig (AWS runs these)",
        &one(r#"{"Type": "Map", "End": true, "Iterator": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#),
        &[],
    );
    t.case(
        "Wait without a duration",
        &one(r#"{"Type": "Wait", "End": true}"#),
        &[("missing-field", "/States/A", 2, 3)],
    )
    .says("a Wait state needs one of \"Seconds\", \"SecondsPath\", \"Timestamp\" or \"TimestampPath\"");
    t.case("Wait with Seconds", &one(r#"{"Type": "Wait", "Seconds": 0, "End": true}"#), &[]);
    t.case(
        "retrier without ErrorEquals",
        &one(&format!(
            r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "Retry": [{{"MaxAttempts": 1}}]}}"#
        )),
        &[("missing-field", "/States/A/Retry/0", 2, 94)],
    )
    .says("a retrier needs \"ErrorEquals\"");
    t.case(
        "catcher without ErrorEquals",
        &one(&format!(
            r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "Catch": [{{"Next": "A"}}]}}"#
        )),
        &[("missing-field", "/States/A/Catch/0", 2, 94)],
    )
    .says("a catcher needs \"ErrorEquals\"");
    t.case("catcher without Next", &one(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "Catch": [{{"ErrorEquals": ["States.ALL"]}}]}}"#)),
        &[("missing-field", "/States/A/Catch/0", 2, 94)]).says("a catcher needs \"Next\"");
    t.case(
        "Choice rule without Next",
        &one(r#"{"Type": "Choice", "Default": "B", "Choices": [{"Variable": "$.x", "IsNull": true}]},
  "B": {"Type": "Succeed"}"#),
        &[("missing-field", "/States/A/Choices/0", 2, 55)],
    )
    .says("a Choice rule needs \"Next\"");
    t.case(
        "comparison without Variable",
        &one(r#"{"Type": "Choice", "Default": "B", "Choices": [{"IsNull": true, "Next": "B"}]},
  "B": {"Type": "Succeed"}"#),
        &[("missing-field", "/States/A/Choices/0", 2, 55)],
    )
    .says("\"IsNull\" needs a \"Variable\"");
    t.finish();
}

#[test]
fn fields_per_state_type() {
    let mut t = Cases::new();
    for (ty, extra) in [
        ("Pass", r#""End": true"#),
        ("Choice", r#""Default": "B", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "B"}]"#),
        ("Wait", r#""Seconds": 1, "End": true"#),
        ("Succeed", ""),
        ("Fail", ""),
    ] {
        let comma = if extra.is_empty() { "" } else { ", " };
        let state = format!("{{\"Type\": \"{ty}\"{comma}{extra}, \"ResultSelector\": {{}}}},\n  \"B\": {{\"Type\": \"Succeed\"}}");
        let col = 17 + ty.len() + comma.len() + extra.len() + 2 + 2;
        let unreachable: &[_] =
            if ty == "Choice" { &[] } else { &[("unreachable-state", "/States/B", 3, 3)] };
        let mut expected = vec![("field-not-allowed", "/States/A/ResultSelector", 2, col)];
        expected.extend_from_slice(unreachable);
        t.case(&format!("ResultSelector on {ty}"), &one(&state), &expected)
            .says(&format!("not supported in a {ty} state"));
    }
    for ty in ["Succeed", "Fail"] {
        t.case(
            &format!("Parameters on {ty}"),
            &one(&format!(r#"{{"Type": "{ty}", "Parameters": {{}}}}"#)),
            &[("field-not-allowed", "/States/A/Parameters", 2, 21 + ty.len())],
        );
    }
    t.case(
        "Parameters on Wait",
        &one(r#"{"Type": "Wait", "Seconds": 1, "End": true, "Parameters": {}}"#),
        &[("field-not-allowed", "/States/A/Parameters", 2, 52)],
    );
    t.case(
        "Assign on Fail",
        &one(r#"{"Type": "Fail", "Assign": {"x": 1}}"#),
        &[("field-not-allowed", "/States/A/Assign", 2, 25)],
    );
    t.case(
        "InputPath on Fail",
        &one(r#"{"Type": "Fail", "InputPath": "$"}"#),
        &[("field-not-allowed", "/States/A/InputPath", 2, 25)],
    );
    t.case(
        "Assign on Succeed",
        &one(r#"{"Type": "Succeed", "Assign": {"x": 1}}"#),
        &[("field-not-allowed", "/States/A/Assign", 2, 28)],
    );
    t.case(
        "Assign and Output on Pass",
        &jsonata(r#"{"Type": "Pass", "Assign": {"x": 1}, "Output": 1, "End": true}"#),
        &[],
    );
    t.case(
        "End on Succeed",
        &one(r#"{"Type": "Succeed", "End": true}"#),
        &[("field-not-allowed", "/States/A/End", 2, 28)],
    );
    t.case(
        "End on Fail",
        &one(r#"{"Type": "Fail", "End": true}"#),
        &[("field-not-allowed", "/States/A/End", 2, 25)],
    );
    t.case("Next on Choice", &one(r#"{"Type": "Choice", "Next": "B", "Default": "B", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "B"}]},
  "B": {"Type": "Succeed"}"#), &[("field-not-allowed", "/States/A/Next", 2, 27)]);
    t.case(
        "Next on Succeed",
        &one(r#"{"Type": "Succeed", "Next": "A"}"#),
        &[("field-not-allowed", "/States/A/Next", 2, 28)],
    );
    t.case(
        "unknown field on a state",
        &one(r#"{"Type": "Pass", "End": true, "Foo": 1}"#),
        &[("field-not-allowed", "/States/A/Foo", 2, 38)],
    )
    .says("field \"Foo\" is not supported in a Pass state");
    t.case(
        "unknown field at the top level",
        "{\"StartAt\": \"A\", \"Foo\": 1, \"States\": {\n  \"A\": {\"Type\": \"Succeed\"}\n}}",
        &[("field-not-allowed", "/Foo", 1, 18)],
    )
    .says("state machine");
    t.case("top-level fields", "{\"Comment\": \"c\", \"Version\": \"1.0\", \"TimeoutSeconds\": 5, \"QueryLanguage\": \"JSONPath\", \"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Succeed\"}\n}}", &[]);
    t.case("unknown field in a branch", r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}, "ProcessorConfig": {}}]}
}}"#, &[("field-not-allowed", "/States/P/Branches/0/ProcessorConfig", 2, 110)]).says("not supported in a Parallel branch");
    t.case("ProcessorConfig in an item processor", r#"{"StartAt": "M", "States": {
  "M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}
}}"#, &[]);
    t.case("unknown field in a retrier", &one(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "Retry": [{{"ErrorEquals": ["E"], "Next": "A"}}]}}"#)),
        &[("field-not-allowed", "/States/A/Retry/0/Next", 2, 117)]).says("retrier");
    t.case("unknown field in a catcher", &one(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "Catch": [{{"ErrorEquals": ["E"], "Next": "A", "MaxAttempts": 1}}]}}"#)),
        &[("field-not-allowed", "/States/A/Catch/0/MaxAttempts", 2, 130)]).says("catcher");
    t.case("every retrier and catcher field", &one(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true,
    "Retry": [{{"ErrorEquals": ["E"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 1.5, "MaxDelaySeconds": 9, "JitterStrategy": "FULL", "Comment": "c"}}],
    "Catch": [{{"ErrorEquals": ["E"], "Next": "A", "ResultPath": "$.e", "Assign": {{"x": 1}}, "Comment": "c"}}]}}"#)), &[]);
    t.case("unknown field in a Choice rule", &one(r#"{"Type": "Choice", "Default": "B", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "B", "Foo": 1}]},
  "B": {"Type": "Succeed"}"#), &[("field-not-allowed", "/States/A/Choices/0/Foo", 2, 104)]).says("not supported in a Choice rule");
    t.case("Next in a nested Choice rule", &one(r#"{"Type": "Choice", "Default": "B", "Choices": [{"Not": {"Variable": "$.x", "IsNull": true, "Next": "B"}, "Next": "B"}]},
  "B": {"Type": "Succeed"}"#), &[("field-not-allowed", "/States/A/Choices/0/Not/Next", 2, 99)]).says("nested Choice rule");
    t.case(
        "Condition in a JSONPath Choice rule",
        &one(r#"{"Type": "Choice", "Default": "B", "Choices": [{"Condition": true, "Next": "B"}]},
  "B": {"Type": "Succeed"}"#),
        &[("field-not-allowed", "/States/A/Choices/0/Condition", 2, 56)],
    )
    .says("set \"QueryLanguage\": \"JSONata\"");
    t.case(
        "Parallel Branches not an array",
        &one(r#"{"Type": "Parallel", "End": true, "Branches": {}}"#),
        &[("invalid-type", "/States/A/Branches", 2, 54)],
    );
    t.case("operator in a JSONata Choice rule", &jsonata(r#"{"Type": "Choice", "Default": "B", "Choices": [{"Condition": true, "IsNull": true, "Next": "B"}]},
  "B": {"Type": "Succeed"}"#), &[("field-not-allowed", "/States/A/Choices/0/IsNull", 2, 75)]).says("JSONata Choice rule");
    t.finish();
}

#[test]
fn fields_per_query_language() {
    let mut t = Cases::new();
    let ql = |lang: &str, rest: &str| {
        one(&format!(r#"{{"Type": "Pass", "QueryLanguage": "{lang}", "End": true, {rest}}}"#))
    };
    for (field, value) in [
        ("Parameters", "{}"),
        ("ResultPath", "\"$.r\""),
        ("InputPath", "\"$\""),
        ("OutputPath", "\"$\""),
        ("Result", "1"),
    ] {
        t.case(
            &format!("{field} in a JSONata state"),
            &ql("JSONata", &format!("\"{field}\": {value}")),
            &[("jsonpath-field-in-jsonata", &format!("/States/A/{field}"), 2, 66)],
        )
        .says(&format!("\"{field}\" belongs to JSONPath, but this state uses JSONata: use"));
        t.case(
            &format!("{field} in a JSONPath state"),
            &ql("JSONPath", &format!("\"{field}\": {value}")),
            &[],
        );
    }
    t.case(
        "ResultSelector in a JSONata Task",
        &jsonata(&format!(
            r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "ResultSelector": {{}}}}"#
        )),
        &[("jsonpath-field-in-jsonata", "/States/A/ResultSelector", 2, 84)],
    );
    t.case(
        "JSONPath field inherited from the top level",
        &jsonata(r#"{"Type": "Pass", "End": true, "Parameters": {}}"#),
        &[("jsonpath-field-in-jsonata", "/States/A/Parameters", 2, 38)],
    )
    .says("use \"Arguments\"");
    t.case(
        "a state overrides the top-level QueryLanguage",
        &jsonata(r#"{"Type": "Pass", "QueryLanguage": "JSONPath", "End": true, "Parameters": {}}"#),
        &[],
    );
    t.case("ItemsPath in a JSONata Map", &jsonata(r#"{"Type": "Map", "End": true, "ItemsPath": "$.a", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#),
        &[("jsonpath-field-in-jsonata", "/States/A/ItemsPath", 2, 37)]);
    t.case(
        "SecondsPath in a JSONata Wait",
        &jsonata(r#"{"Type": "Wait", "End": true, "SecondsPath": "$.s"}"#),
        &[("jsonpath-field-in-jsonata", "/States/A/SecondsPath", 2, 38)],
    )
    .says("use \"Seconds\" with a {% %} expression");
    for field in ["Arguments", "Output"] {
        t.case(
            &format!("{field} in a JSONPath state"),
            &one(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "{field}": {{}}}}"#)),
            &[("jsonata-field-in-jsonpath", &format!("/States/A/{field}"), 2, 84)],
        )
        .says("set \"QueryLanguage\": \"JSONata\"");
        t.case(
            &format!("{field} in a JSONata state"),
            &jsonata(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "{field}": {{}}}}"#)),
            &[],
        );
    }
    t.case("Items in a JSONPath Map", &one(r#"{"Type": "Map", "End": true, "Items": [1], "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#),
        &[("jsonata-field-in-jsonpath", "/States/A/Items", 2, 37)]);
    t.case("Output in a JSONPath catcher", &one(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "Catch": [{{"ErrorEquals": ["E"], "Next": "A", "Output": 1}}]}}"#)),
        &[("field-not-allowed", "/States/A/Catch/0/Output", 2, 130)]);
    t.case("ResultPath in a JSONata catcher", &jsonata(&format!(r#"{{"Type": "Task", "Resource": "{LAMBDA}", "End": true, "Catch": [{{"ErrorEquals": ["E"], "Next": "A", "ResultPath": "$.e"}}]}}"#)),
        &[("field-not-allowed", "/States/A/Catch/0/ResultPath", 2, 130)]);
    t.case(
        "unknown QueryLanguage",
        &ql("notValid", r#""Comment": "c""#),
        &[("invalid-value", "/States/A/QueryLanguage", 2, 42)],
    )
    .says("\"JSONPath\" or \"JSONata\"");
    t.case(
        "unknown top-level QueryLanguage",
        &jsonata(r#"{"Type": "Succeed"}"#).replace("JSONata", "JSONATA"),
        &[("invalid-value", "/QueryLanguage", 1, 19)],
    );
    t.finish();
}

#[test]
fn mutually_exclusive() {
    let mut t = Cases::new();
    let pairs: &[(&str, &str, &str, &str)] = &[
        ("Wait", "\"Seconds\": 1", "\"SecondsPath\": \"$.s\"", ", \"End\": true"),
        ("Wait", "\"Seconds\": 1", "\"Timestamp\": \"2026-01-01T00:00:00Z\"", ", \"End\": true"),
        ("Wait", "\"Seconds\": 1", "\"TimestampPath\": \"$.t\"", ", \"End\": true"),
        ("Wait", "\"SecondsPath\": \"$.s\"", "\"Timestamp\": \"2026-01-01T00:00:00Z\"", ", \"End\": true"),
        ("Wait", "\"SecondsPath\": \"$.s\"", "\"TimestampPath\": \"$.t\"", ", \"End\": true"),
        ("Wait", "\"Timestamp\": \"2026-01-01T00:00:00Z\"", "\"TimestampPath\": \"$.t\"", ", \"End\": true"),
        ("Fail", "\"Error\": \"E\"", "\"ErrorPath\": \"$.e\"", ""),
        ("Fail", "\"Cause\": \"C\"", "\"CausePath\": \"$.c\"", ""),
        (
            "Task",
            "\"TimeoutSeconds\": 5",
            "\"TimeoutSecondsPath\": \"$.t\"",
            ", \"Resource\": \"r\", \"End\": true",
        ),
        (
            "Task",
            "\"HeartbeatSeconds\": 5",
            "\"HeartbeatSecondsPath\": \"$.h\"",
            ", \"Resource\": \"r\", \"End\": true",
        ),
        ("Map", "\"ItemSelector\": {}", "\"Parameters\": {}", MAP_REST),
        ("Map", "\"MaxConcurrency\": 1", "\"MaxConcurrencyPath\": \"$.m\"", MAP_REST),
        ("Map", "\"ToleratedFailureCount\": 1", "\"ToleratedFailureCountPath\": \"$.m\"", MAP_REST),
        ("Map", "\"ToleratedFailurePercentage\": 1", "\"ToleratedFailurePercentagePath\": \"$.m\"", MAP_REST),
    ];
    for (ty, first, second, rest) in pairs {
        let state = format!(r#"{{"Type": "{ty}", {first}, {second}{rest}}}"#);
        let field = second.split('"').nth(1).unwrap_or_default();
        let pointer = format!("/States/A/{field}");
        let col = 23 + ty.len() + first.len();
        t.case(&format!("{first} with {second}"), &one(&state), &[("mutually-exclusive", &pointer, 2, col)])
            .says(&format!(
                "a {ty} state may have only one of \"{}\" and \"{field}\"",
                first.split('"').nth(1).unwrap_or_default()
            ));
        t.case(&format!("{first} alone"), &one(&format!(r#"{{"Type": "{ty}", {first}{rest}}}"#)), &[]);
    }
    t.case(
        "Items with ItemsPath in JSONPath: the JSONata field is the one problem",
        &one(&format!(r#"{{"Type": "Map", "ItemsPath": "$.a", "Items": [1]{MAP_REST}}}"#)),
        &[("jsonata-field-in-jsonpath", "/States/A/Items", 2, 44)],
    );
    t.case(
        "Items with ItemsPath in JSONata: the JSONPath field is the one problem",
        &jsonata(&format!(r#"{{"Type": "Map", "ItemsPath": "$.a", "Items": [1]{MAP_REST}}}"#)),
        &[("jsonpath-field-in-jsonata", "/States/A/ItemsPath", 2, 24)],
    );
    t.case(
        "Seconds with SecondsPath in JSONata",
        &jsonata(r#"{"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}"#),
        &[("jsonpath-field-in-jsonata", "/States/A/SecondsPath", 2, 39)],
    );
    t.case(
        "ItemProcessor with Iterator",
        &one(r#"{"Type": "Map", "End": true,
    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
    "Iterator": {"StartAt": "J", "States": {"J": {"Type": "Succeed"}}}}"#),
        &[("mutually-exclusive", "/States/A/Iterator", 4, 5)],
    );
    t.case(
        "ReaderConfig MaxItems with MaxItemsPath",
        &one(&format!(
            r#"{{"Type": "Map", "ItemReader": {{"Resource": "arn:aws:states:::s3:getObject",
    "ReaderConfig": {{"MaxItems": 5, "MaxItemsPath": "$.n"}}}}{MAP_REST}}}"#
        )),
        &[("mutually-exclusive", "/States/A/ItemReader/ReaderConfig/MaxItemsPath", 3, 37)],
    );
    t.case(
        "ReaderConfig MaxItems alone",
        &one(&format!(
            r#"{{"Type": "Map", "ItemReader": {{"Resource": "arn:aws:states:::s3:getObject",
    "ReaderConfig": {{"MaxItems": 5}}}}{MAP_REST}}}"#
        )),
        &[],
    );
    t.finish();
}

const MAP_REST: &str =
    r#", "End": true, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}"#;
