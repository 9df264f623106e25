//! A Distributed Map's ItemReader, ItemBatcher and ResultWriter; the string-returning
//! intrinsics of ErrorPath and CausePath; the RoleArn of Credentials.

use crate::harness::Cases;

/// A Map `A` whose text starts with `fields` on line 2 (column 1 is `fields`' first
/// character) and whose processor follows on line 3.
fn map(fields: &str) -> String {
    format!(
        "{{\"StartAt\": \"A\", \"States\": {{\"A\": {{\"Type\": \"Map\", \"End\": true,\n{fields},\n\"ItemProcessor\": {{\"StartAt\": \"I\", \"States\": {{\"I\": {{\"Type\": \"Succeed\"}}}}}}}}}}}}"
    )
}

/// The same in a JSONata machine.
fn jsonata_map(fields: &str) -> String {
    map(fields).replacen('{', "{\"QueryLanguage\": \"JSONata\", ", 1)
}

#[test]
fn item_batcher() {
    let mut t = Cases::new();
    let p = "/States/A/ItemBatcher";
    t.case("MaxItemsPerBatch", &map(r#""ItemBatcher": {"MaxItemsPerBatch": 10}"#), &[]);
    t.case(
        "both limits and BatchInput",
        &map(r#""ItemBatcher": {"MaxItemsPerBatch": 2, "MaxInputBytesPerBatch": 262144, "BatchInput": {"k.$": "$.k"}}"#),
        &[],
    );
    t.case(
        "MaxItemsPerBatch with MaxItemsPerBatchPath",
        &map(r#""ItemBatcher": {"MaxItemsPerBatch": 2, "MaxItemsPerBatchPath": "$.n"}"#),
        &[("mutually-exclusive", &format!("{p}/MaxItemsPerBatchPath"), 2, 40)],
    )
    .says("There should only be one of the following fields: [MaxItemsPerBatch, MaxItemsPerBatchPath]");
    t.case(
        "MaxInputBytesPerBatch with its Path",
        &map(r#""ItemBatcher": {"MaxInputBytesPerBatchPath": "$.n", "MaxInputBytesPerBatch": 2}"#),
        &[("mutually-exclusive", &format!("{p}/MaxInputBytesPerBatchPath"), 2, 17)],
    );
    t.case("no limit", &map(r#""ItemBatcher": {"BatchInput": {}}"#), &[("missing-field", p, 2, 1)])
        .says("needs \"MaxItemsPerBatch\" or \"MaxInputBytesPerBatch\"");
    t.case(
        "MaxInputBytesPerBatch over 256 KiB",
        &map(r#""ItemBatcher": {"MaxInputBytesPerBatch": 262145}"#),
        &[("invalid-value", &format!("{p}/MaxInputBytesPerBatch"), 2, 42)],
    )
    .says("Maximum value is 262144");
    t.case(
        "MaxItemsPerBatch negative",
        &map(r#""ItemBatcher": {"MaxItemsPerBatch": -1}"#),
        &[("invalid-value", &format!("{p}/MaxItemsPerBatch"), 2, 37)],
    )
    .says("Minimum value is 0");
    t.case(
        "MaxItemsPerBatch a string",
        &map(r#""ItemBatcher": {"MaxItemsPerBatch": "10"}"#),
        &[("invalid-type", &format!("{p}/MaxItemsPerBatch"), 2, 37)],
    );
    t.case(
        "MaxItemsPerBatchPath into the context object",
        &map(r#""ItemBatcher": {"MaxItemsPerBatchPath": "$$.Execution.Input.n"}"#),
        &[("invalid-reference-path", &format!("{p}/MaxItemsPerBatchPath"), 2, 41)],
    )
    .says("Value is not a Reference Path");
    t.case(
        "MaxItemsPerBatchPath with a wildcard",
        &map(r#""ItemBatcher": {"MaxItemsPerBatchPath": "$.n[*]"}"#),
        &[("invalid-reference-path", &format!("{p}/MaxItemsPerBatchPath"), 2, 41)],
    );
    t.case(
        "unknown field",
        &map(r#""ItemBatcher": {"MaxItemsPerBatch": 1, "MaxItems": 2}"#),
        &[("field-not-allowed", &format!("{p}/MaxItems"), 2, 40)],
    );
    t.case("not an object", &map(r#""ItemBatcher": 5"#), &[("invalid-type", p, 2, 16)]);
    t.case(
        "expressions in JSONata",
        &jsonata_map(
            r#""ItemBatcher": {"MaxItemsPerBatch": "{% 2 %}", "MaxInputBytesPerBatch": "{% 131072 %}"}"#,
        ),
        &[],
    );
    t.case(
        "a Path field in JSONata",
        &jsonata_map(r#""ItemBatcher": {"MaxItemsPerBatchPath": "$.n"}"#),
        &[("jsonpath-field-in-jsonata", &format!("{p}/MaxItemsPerBatchPath"), 2, 17)],
    )
    .says("only supported for the 'JSONPath' QueryLanguage");
    t.case("a placeholder", &map(r#""ItemBatcher": {"MaxItemsPerBatch": "${Size}"}"#), &[]);
    t.case(
        "BatchInput is a payload template",
        &map(r#""ItemBatcher": {"MaxItemsPerBatch": 1, "BatchInput": {"k.$": "k"}}"#),
        &[("invalid-json-path", &format!("{p}/BatchInput/k.$"), 2, 62)],
    );
    t.finish();
}

#[test]
fn map_number_paths() {
    let mut t = Cases::new();
    for key in ["MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath"] {
        let pointer = format!("/States/A/{key}");
        let value_col = key.len() + 5;
        t.case(&format!("{key} into the input"), &map(&format!(r#""{key}": "$.n""#)), &[]);
        t.case(&format!("{key} a variable"), &map(&format!(r#""{key}": "$limit""#)), &[]);
        t.case(
            &format!("{key} into the context object"),
            &map(&format!(r#""{key}": "$$.Execution.Input.n""#)),
            &[("invalid-reference-path", &pointer, 2, value_col)],
        )
        .says("Value is not a Reference Path")
        .says("only ItemsPath");
        t.case(
            &format!("{key} with a filter"),
            &map(&format!(r#""{key}": "$.n[?(@.a)]""#)),
            &[("invalid-reference-path", &pointer, 2, value_col)],
        );
        // Not a path at all: the path rule says so, once.
        t.case(
            &format!("{key} not a path"),
            &map(&format!(r#""{key}": "n""#)),
            &[("invalid-json-path", &pointer, 2, value_col)],
        );
    }
    t.case("ItemsPath may read the context object", &map(r#""ItemsPath": "$$.Execution.Input.items""#), &[]);
    t.finish();
}

#[test]
fn item_reader() {
    let mut t = Cases::new();
    let p = "/States/A/ItemReader";
    let reader = |config: &str| {
        map(&format!(
            r#""ItemReader": {{"Resource": "arn:aws:states:::s3:getObject", "Parameters": {{"Bucket": "b", "Key": "k"}}, "ReaderConfig": {config}}}"#
        ))
    };
    // `"ReaderConfig"` starts at column 104; the fields of its object at 121.
    let c = 121;
    t.case(
        "CSV from the first row",
        &reader(r#"{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}"#),
        &[],
    );
    t.case(
        "CSV with given headers",
        &reader(r#"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b"]}"#),
        &[],
    );
    t.case(
        "GIVEN without CSVHeaders",
        &reader(r#"{"InputType": "CSV", "CSVHeaderLocation": "GIVEN"}"#),
        &[("missing-field", &format!("{p}/ReaderConfig"), 2, c - 17)],
    )
    .says("needs \"CSVHeaders\"");
    t.case(
        "InputType XML",
        &reader(r#"{"InputType": "XML"}"#),
        &[("invalid-value", &format!("{p}/ReaderConfig/InputType"), 2, c + 13)],
    )
    .says("should have one of these values: [CSV, JSON, JSONL, MANIFEST, PARQUET]");
    t.case(
        "CSVDelimiter a comma",
        &reader(r#"{"InputType": "CSV", "CSVDelimiter": ","}"#),
        &[("invalid-value", &format!("{p}/ReaderConfig/CSVDelimiter"), 2, c + 36)],
    );
    t.case(
        "MaxItems over the limit",
        &reader(r#"{"MaxItems": 100000001}"#),
        &[("invalid-value", &format!("{p}/ReaderConfig/MaxItems"), 2, c + 12)],
    )
    .says("Maximum value is 100000000");
    t.case(
        "MaxItems with MaxItemsPath says it as AWS does",
        &reader(r#"{"MaxItems": 5, "MaxItemsPath": "$.n"}"#),
        &[("mutually-exclusive", &format!("{p}/ReaderConfig/MaxItemsPath"), 2, c + 15)],
    )
    .says("There should only be one of the following fields: [MaxItems, MaxItemsPath]");
    t.case(
        "no Resource",
        &map(r#""ItemReader": {"ReaderConfig": {"InputType": "JSON"}}"#),
        &[("missing-field", p, 2, 1)],
    )
    .says("\"Resource\" is required");
    t.case(
        "Arguments in JSONPath",
        &map(r#""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Arguments": {"Bucket": "b"}}"#),
        &[("jsonata-field-in-jsonpath", &format!("{p}/Arguments"), 2, 65)],
    );
    t.case(
        "Arguments and an expression in JSONata",
        &jsonata_map(r#""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Arguments": {"Bucket": "b"}, "ReaderConfig": {"MaxItems": "{% 5 %}"}}"#),
        &[],
    );
    t.case(
        "unknown field",
        &map(r#""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Bucket": "b"}"#),
        &[("field-not-allowed", &format!("{p}/Bucket"), 2, 65)],
    );
    t.finish();
}

#[test]
fn result_writer() {
    let mut t = Cases::new();
    let p = "/States/A/ResultWriter";
    let s3 = r#""Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}"#;
    t.case("Resource and Parameters", &map(&format!(r#""ResultWriter": {{{s3}}}"#)), &[]);
    t.case("WriterConfig alone", &map(r#""ResultWriter": {"WriterConfig": {"OutputType": "JSON"}}"#), &[]);
    t.case(
        "all three",
        &map(&format!(
            r#""ResultWriter": {{{s3}, "WriterConfig": {{"OutputType": "JSONL", "Transformation": "FLATTEN"}}}}"#
        )),
        &[],
    );
    t.case("empty", &map(r#""ResultWriter": {}"#), &[("missing-field", p, 2, 1)])
        .says("a ResultWriter cannot be empty");
    t.case(
        "Resource without Parameters",
        &map(r#""ResultWriter": {"Resource": "arn:aws:states:::s3:putObject"}"#),
        &[("missing-field", p, 2, 1)],
    )
    .says("with \"Resource\" needs \"Parameters\"");
    t.case(
        "Parameters without Resource",
        &map(r#""ResultWriter": {"Parameters": {"Bucket": "b"}}"#),
        &[("missing-field", p, 2, 1)],
    )
    .says("with \"Parameters\" needs \"Resource\"");
    t.case(
        "WriterConfig without OutputType",
        &map(r#""ResultWriter": {"WriterConfig": {"Transformation": "NONE"}}"#),
        &[("missing-field", &format!("{p}/WriterConfig"), 2, 18)],
    )
    .says("\"OutputType\" is required");
    t.case(
        "Transformation unknown",
        &map(r#""ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "ZIP"}}"#),
        &[("invalid-value", &format!("{p}/WriterConfig/Transformation"), 2, 75)],
    )
    .says("[NONE, COMPACT, FLATTEN]");
    t.case(
        "Resource and Arguments in JSONata",
        &jsonata_map(r#""ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Arguments": "{% $states.input.out %}"}"#),
        &[],
    );
    t.case(
        "Parameters in JSONata",
        &jsonata_map(
            r#""ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b"}}"#,
        ),
        &[("jsonpath-field-in-jsonata", &format!("{p}/Parameters"), 2, 63), ("missing-field", p, 2, 1)],
    );
    t.finish();
}

#[test]
fn fail_paths_need_strings_and_credentials_a_role() {
    let mut t = Cases::new();
    let fail = |field: &str| {
        format!("{{\"StartAt\": \"F\", \"States\": {{\"F\": {{\"Type\": \"Fail\", {field}}}}}}}")
    };
    // `{"StartAt": "F", "States": {"F": {"Type": "Fail", "CausePath": ` is 63 characters.
    for good in [
        "$.error",
        "States.Format('{} failed', $.name)",
        "States.JsonToString($.detail)",
        "States.ArrayGetItem($.errors, 0)",
        "States.UUID()",
        "States.Hash($.x, 'SHA-256')",
    ] {
        t.case(good, &fail(&format!("\"ErrorPath\": \"{good}\"")), &[]);
    }
    for (bad, returns) in [
        ("States.Array($.a)", "returns an array"),
        ("States.MathAdd($.a, 1)", "returns an integer"),
        ("States.ArrayContains($.a, 1)", "returns a boolean"),
        ("States.StringToJson($.a)", "returns any value"),
    ] {
        t.case(
            bad,
            &fail(&format!("\"CausePath\": \"{bad}\"")),
            &[("invalid-intrinsic", "/States/F/CausePath", 1, 64)],
        )
        .says(returns)
        .says("must be strings");
    }
    let task = |credentials: &str| {
        format!("{{\"StartAt\": \"T\", \"States\": {{\"T\": {{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true,\n\"Credentials\": {credentials}}}}}}}")
    };
    t.case("Credentials RoleArn", &task(r#"{"RoleArn": "arn:aws:iam::1:role/r"}"#), &[]);
    t.case("Credentials RoleArn.$", &task(r#"{"RoleArn.$": "$.role"}"#), &[]);
    t.case(
        "Credentials without RoleArn",
        &task(r#"{"InvalidField": "invalid"}"#),
        &[("missing-field", "/States/T/Credentials", 2, 1)],
    )
    .says("The field 'RoleArn' is required but was missing");
    t.finish();
}

#[test]
fn labels() {
    let mut t = Cases::new();
    let label = |l: &str| map(&format!("\"Label\": {}", serde_json::Value::from(l)));
    for good in ["Map", "Distributed-Map_2", "${MapLabel}", &"x".repeat(40)] {
        t.case(&format!("Label {good}"), &label(good), &[]);
    }
    for (bad, says) in [
        ("", "cannot be empty"),
        (&"x".repeat(41) as &str, "cannot exceed 40 characters"),
        ("label ", "invalid character ' '"),
        ("label_?", "invalid character '?'"),
        ("a:b", "invalid character ':'"),
        ("a\u{7f}", "invalid character '\\u{7f}'"),
        ("a\u{9f}", "invalid character '\\u{9f}'"),
    ] {
        t.case(&format!("Label {bad:?}"), &label(bad), &[("invalid-value", "/States/A/Label", 2, 10)])
            .says(says);
    }
    t.finish();
}
