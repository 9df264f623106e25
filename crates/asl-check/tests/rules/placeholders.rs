//! CloudFormation/SAM `DefinitionSubstitutions` placeholders (`${Name}`) stand for text
//! filled in at deploy time: accepted wherever a string may stand.

use crate::harness::Cases;

#[test]
fn placeholders_stand_for_strings() {
    let mut t = Cases::new();
    let task = |rest: &str| {
        format!("{{\"StartAt\": \"A\", \"States\": {{\n  \"A\": {{\"Type\": \"Task\", \"End\": true, {rest}}}\n}}}}")
    };
    for (name, fields) in [
        ("Resource", r#""Resource": "${MyFunctionArn}""#),
        (
            "Resource with a placeholder inside",
            r#""Resource": "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f""#,
        ),
        ("InputPath", r#""Resource": "r", "InputPath": "${In}""#),
        ("OutputPath", r#""Resource": "r", "OutputPath": "${Out}""#),
        ("ResultPath", r#""Resource": "r", "ResultPath": "${Target}""#),
        ("TimeoutSecondsPath", r#""Resource": "r", "TimeoutSecondsPath": "${T}""#),
        ("TimeoutSeconds", r#""Resource": "r", "TimeoutSeconds": "${Timeout}""#),
        ("HeartbeatSeconds", r#""Resource": "r", "TimeoutSeconds": 10, "HeartbeatSeconds": "${Beat}""#),
        ("dynamic value", r#""Resource": "r", "Parameters": {"a.$": "${Path}"}"#),
        ("intrinsic argument", r#""Resource": "r", "Parameters": {"a.$": "States.Format('{}', ${Name})"}"#),
        ("static value", r#""Resource": "r", "Parameters": {"Table": "${TableName}"}"#),
        (
            "retrier JitterStrategy",
            r#""Resource": "r", "Retry": [{"ErrorEquals": ["E"], "JitterStrategy": "${Jitter}"}]"#,
        ),
    ] {
        t.case(name, &task(fields), &[]);
    }
    let wait = |field: &str| {
        format!("{{\"StartAt\": \"A\", \"States\": {{\n  \"A\": {{\"Type\": \"Wait\", \"End\": true, {field}}}\n}}}}")
    };
    t.case("Wait Timestamp", &wait(r#""Timestamp": "${When}""#), &[]);
    t.case("Wait TimestampPath", &wait(r#""TimestampPath": "${WhenPath}""#), &[]);
    t.case("Wait SecondsPath", &wait(r#""SecondsPath": "${DelayPath}""#), &[]);
    t.case("Choice Variable and Timestamp operand", r#"{"StartAt": "A", "States": {
  "A": {"Type": "Choice", "Default": "B", "Choices": [{"Variable": "${Field}", "TimestampLessThan": "${Deadline}", "Next": "B"}]},
  "B": {"Type": "Succeed"}
}}"#, &[]);
    t.case("Map Mode", r#"{"StartAt": "M", "States": {
  "M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "${Mode}"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
}}"#, &[]);
    t.case(
        "an unterminated placeholder is not one",
        &task(r#""Resource": "${MyFunctionArn""#),
        &[("invalid-resource", "/States/A/Resource", 2, 50)],
    );
    t.case(
        "a placeholder does not excuse a wrong type",
        &task(r#""Resource": "${Fn}", "TimeoutSeconds": true"#),
        &[("invalid-type", "/States/A/TimeoutSeconds", 2, 77)],
    )
    .says("\"TimeoutSeconds\" must be a positive integer, found boolean");
    t.finish();
}
