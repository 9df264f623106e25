//! A Distributed Map's configuration objects: `ItemReader` (and its `ReaderConfig`),
//! `ItemBatcher` and `ResultWriter` (and its `WriterConfig`). Their fields per query
//! language, the pairs of which only one may be given, the fields one needs, and the
//! bounds AWS sets on their numbers; also the Map's `Label` and its own number paths.
//!
//! Sources: the developer guide pages "ItemReader (Map)", "ItemBatcher (Map)" and
//! "ResultWriter (Map)"; the schema of AWS's ASL language service
//! (`aws/amazon-states-language-service`, `map_state.json`); and AWS's own
//! `ValidateStateMachineDefinition` texts as recorded against us-east-1 in
//! floci-io/floci#3733 ("There should only be one of the following fields: [...]",
//! "Value is not a Reference Path", the minimums and maximums).

use super::has_placeholder;
use super::values::is_expression;
use crate::Ctx;
use asl_model::expr::{parse_path, parse_reference_path, PathRoot};
use asl_model::model::{Map, QueryLanguage};
use asl_model::syntax::{pointer_push, value_kind};
use serde_json::{Map as Object, Value};

/// `MaxInputBytesPerBatch` may not exceed the 256 KiB payload limit.
const MAX_BATCH_BYTES: f64 = 262_144.0;
/// `ReaderConfig.MaxItems`: "Maximum value is 100000000".
const MAX_READER_ITEMS: f64 = 100_000_000.0;

/// Every rule of this module for one Map state (`pointer`) in query language `ql`.
pub(super) fn map_objects(ctx: &mut Ctx, pointer: &str, map: &Map, ql: QueryLanguage) {
    // The Map's own number paths are Reference Paths too. A text that is no path at all
    // is reported by the path rules already; here only what a path may not do.
    let paths = [
        ("MaxConcurrencyPath", &map.max_concurrency_path),
        ("ToleratedFailureCountPath", &map.tolerated_failure_count_path),
        ("ToleratedFailurePercentagePath", &map.tolerated_failure_percentage_path),
    ];
    for (key, path) in paths {
        let Some(s) = path.as_deref().filter(|s| ql == QueryLanguage::JsonPath && parse_path(s).is_ok())
        else {
            continue;
        };
        if let Some(why) = not_reference_path(s).filter(|_| !has_placeholder(s)) {
            let message = format!("\"{s}\": Value is not a Reference Path: {why}");
            ctx.error("invalid-reference-path", &pointer_push(pointer, key), message);
        }
    }
    if let Some(label) = map.label.as_deref().filter(|l| !has_placeholder(l)) {
        label_rule(ctx, &pointer_push(pointer, "Label"), label);
    }
    if let Some(reader) = &map.item_reader {
        item_reader(ctx, &pointer_push(pointer, "ItemReader"), reader, ql);
    }
    if let Some(batcher) = &map.item_batcher {
        item_batcher(ctx, &pointer_push(pointer, "ItemBatcher"), batcher, ql);
    }
    if let Some(writer) = &map.result_writer {
        result_writer(ctx, &pointer_push(pointer, "ResultWriter"), writer, ql);
    }
}

fn item_reader(ctx: &mut Ctx, ptr: &str, value: &Value, ql: QueryLanguage) {
    let Some(reader) = object(ctx, ptr, "ItemReader", value) else { return };
    fields(ctx, ptr, reader, &["Resource", "ReaderConfig", "Parameters", "Arguments"], ql, "an ItemReader");
    if !reader.contains_key("Resource") {
        let message = "the field \"Resource\" is required but was missing: an ItemReader names the S3 action that reads the items, such as \"arn:aws:states:::s3:getObject\"";
        ctx.error_key("missing-field", ptr, message);
    }
    let Some(config) = reader.get("ReaderConfig") else { return };
    let ptr = pointer_push(ptr, "ReaderConfig");
    let Some(config) = object(ctx, &ptr, "ReaderConfig", config) else { return };
    // The ReaderConfig grows with each new data source, so its unknown fields are left
    // to AWS; only the fields with a documented meaning are checked.
    let jsonata = ql == QueryLanguage::Jsonata;
    one_of(ctx, &ptr, config, "InputType", &["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"]);
    one_of(ctx, &ptr, config, "CSVHeaderLocation", &["FIRST_ROW", "GIVEN"]);
    one_of(ctx, &ptr, config, "CSVDelimiter", &["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"]);
    if config.get("CSVHeaderLocation").and_then(Value::as_str) == Some("GIVEN") {
        let headers = config.get("CSVHeaders").and_then(Value::as_array);
        if headers.is_none_or(|h| h.is_empty()) {
            let message =
                "\"CSVHeaderLocation\": \"GIVEN\" needs \"CSVHeaders\", the non-empty list of column names";
            ctx.error_key("missing-field", &ptr, message);
        }
    }
    number_pair(ctx, &ptr, config, "MaxItems", 0.0, Some(MAX_READER_ITEMS), jsonata);
}

fn item_batcher(ctx: &mut Ctx, ptr: &str, value: &Value, ql: QueryLanguage) {
    let Some(batcher) = object(ctx, ptr, "ItemBatcher", value) else { return };
    let known = [
        "MaxItemsPerBatch",
        "MaxItemsPerBatchPath",
        "MaxInputBytesPerBatch",
        "MaxInputBytesPerBatchPath",
        "BatchInput",
    ];
    fields(ctx, ptr, batcher, &known, ql, "an ItemBatcher");
    // A batcher with no limit batches nothing: the guide asks for the item count, the
    // byte size or both, and the CDK refuses to render one without.
    if !known[..4].iter().any(|k| batcher.contains_key(*k)) {
        let message = "an ItemBatcher needs \"MaxItemsPerBatch\" or \"MaxInputBytesPerBatch\" (or their ...Path forms), or both";
        ctx.error_key("missing-field", ptr, message);
    }
    let jsonata = ql == QueryLanguage::Jsonata;
    number_pair(ctx, ptr, batcher, "MaxItemsPerBatch", 0.0, None, jsonata);
    number_pair(ctx, ptr, batcher, "MaxInputBytesPerBatch", 0.0, Some(MAX_BATCH_BYTES), jsonata);
}

fn result_writer(ctx: &mut Ctx, ptr: &str, value: &Value, ql: QueryLanguage) {
    let Some(writer) = object(ctx, ptr, "ResultWriter", value) else { return };
    fields(ctx, ptr, writer, &["Resource", "Parameters", "Arguments", "WriterConfig"], ql, "a ResultWriter");
    // The guide's "required field combinations": WriterConfig alone (formats the result),
    // Resource with Parameters (exports it to S3), or all three.
    let target = match ql {
        QueryLanguage::JsonPath => "Parameters",
        QueryLanguage::Jsonata => "Arguments",
    };
    let (resource, params) = (writer.contains_key("Resource"), writer.contains_key(target));
    if !resource && !params && !writer.contains_key("WriterConfig") {
        let message = format!("a ResultWriter cannot be empty: give \"WriterConfig\", or \"Resource\" and \"{target}\", or all three");
        ctx.error_key("missing-field", ptr, message);
    } else if resource != params {
        let (has, needs) = if resource { ("Resource", target) } else { (target, "Resource") };
        let message = format!("a ResultWriter with \"{has}\" needs \"{needs}\" too: together they name where in S3 the results go");
        ctx.error_key("missing-field", ptr, message);
    }
    let Some(config) = writer.get("WriterConfig") else { return };
    let ptr = pointer_push(ptr, "WriterConfig");
    let Some(config) = object(ctx, &ptr, "WriterConfig", config) else { return };
    fields(ctx, &ptr, config, &["OutputType", "Transformation"], ql, "a WriterConfig");
    if !config.contains_key("OutputType") {
        ctx.error_key(
            "missing-field",
            &ptr,
            "the field \"OutputType\" is required but was missing: \"JSON\" or \"JSONL\"",
        );
    }
    one_of(ctx, &ptr, config, "OutputType", &["JSON", "JSONL"]);
    one_of(ctx, &ptr, config, "Transformation", &["NONE", "COMPACT", "FLATTEN"]);
}

/// A Map Run's `Label` names it in ARNs: 1 to 40 characters, none of them blank, a
/// bracket, a wildcard, a special character or a control character. AWS refuses every
/// such character (LocalStack's recordings, `test_map_state_label_invalid_char_fail`).
fn label_rule(ctx: &mut Ctx, ptr: &str, label: &str) {
    let invalid = |c: char| {
        c.is_whitespace()
            || "?*<>{}[]:;,\\|^~$#%&`\"".contains(c)
            || matches!(c as u32, 0x00..=0x1f | 0x7f..=0x9f)
    };
    let problem = if label.is_empty() {
        Some("\"Label\" cannot be empty".to_owned())
    } else if label.chars().count() > 40 {
        Some(format!("\"Label\" cannot exceed 40 characters, found {}", label.chars().count()))
    } else {
        let why = "no blanks, brackets, wildcards, special or control characters";
        label
            .chars()
            .find(|c| invalid(*c))
            .map(|c| format!("\"Label\" contains invalid character {c:?}: {why}"))
    };
    if let Some(message) = problem {
        ctx.error("invalid-value", ptr, message);
    }
}

/// The value as an object, or an `invalid-type` error.
fn object<'v>(ctx: &mut Ctx, ptr: &str, key: &str, value: &'v Value) -> Option<&'v Object<String, Value>> {
    let object = value.as_object();
    if object.is_none() {
        ctx.error("invalid-type", ptr, format!("\"{key}\" must be an object, found {}", value_kind(value)));
    }
    object
}

/// Fields not in `known`, and fields of the other query language: `Parameters` and
/// `...Path` belong to JSONPath, `Arguments` to JSONata.
fn fields(
    ctx: &mut Ctx,
    ptr: &str,
    object: &Object<String, Value>,
    known: &[&str],
    ql: QueryLanguage,
    what: &str,
) {
    for key in object.keys() {
        let at = pointer_push(ptr, key);
        if !known.contains(&key.as_str()) {
            ctx.error_key("field-not-allowed", &at, format!("field \"{key}\" is not supported in {what}"));
        } else if ql == QueryLanguage::Jsonata && (key == "Parameters" || key.ends_with("Path")) {
            let message = format!("The QueryLanguage is set to 'JSONata', but field '{key}' is only supported for the 'JSONPath' QueryLanguage");
            ctx.error_key("jsonpath-field-in-jsonata", &at, message);
        } else if ql == QueryLanguage::JsonPath && key == "Arguments" {
            let message =
                "field \"Arguments\" belongs to JSONata, but this state uses JSONPath: use \"Parameters\"";
            ctx.error_key("jsonata-field-in-jsonpath", &at, message);
        }
    }
}

/// A string field that must be one of `allowed` (a `${...}` placeholder stands for one).
fn one_of(ctx: &mut Ctx, ptr: &str, object: &Object<String, Value>, key: &str, allowed: &[&str]) {
    let Some(value) = object.get(key) else { return };
    let at = pointer_push(ptr, key);
    match value.as_str() {
        Some(s) if allowed.contains(&s) || has_placeholder(s) => {}
        Some(s) => {
            let message = format!(
                "The field '{key}' should have one of these values: [{}], found \"{s}\"",
                allowed.join(", ")
            );
            ctx.error("invalid-value", &at, message);
        }
        None => {
            ctx.error("invalid-type", &at, format!("\"{key}\" must be a string, found {}", value_kind(value)))
        }
    }
}

/// `key` (an integer from `min` to `max`, or in JSONata an expression) and `keyPath` (a
/// reference path into the state input), of which only one may be given.
fn number_pair(
    ctx: &mut Ctx,
    ptr: &str,
    object: &Object<String, Value>,
    key: &str,
    min: f64,
    max: Option<f64>,
    jsonata: bool,
) {
    let path_key = format!("{key}Path");
    if object.contains_key(key) && object.contains_key(&path_key) {
        let message = format!("There should only be one of the following fields: [{key}, {path_key}]");
        ctx.error_key("mutually-exclusive", &pointer_push(ptr, &path_key), message);
    }
    if let Some(value) = object.get(key) {
        let at = pointer_push(ptr, key);
        match value {
            Value::Number(n) => {
                let f = n.as_f64().unwrap_or(-1.0);
                if f.fract() != 0.0 {
                    ctx.error("invalid-value", &at, format!("\"{key}\" must be an integer, found {n}"));
                } else if f < min {
                    ctx.error("invalid-value", &at, format!("\"{key}\": Minimum value is {min}, found {n}"));
                } else if let Some(max) = max.filter(|m| f > *m) {
                    ctx.error("invalid-value", &at, format!("\"{key}\": Maximum value is {max}, found {n}"));
                }
            }
            Value::String(s) if jsonata && is_expression(s) || has_placeholder(s) => {}
            other => {
                let or = if jsonata { " or a JSONata expression {% ... %}" } else { "" };
                let message = format!("\"{key}\" must be an integer{or}, found {}", value_kind(other));
                ctx.error("invalid-type", &at, message);
            }
        }
    }
    // In JSONata the `...Path` field is reported as a JSONPath field already.
    if let (Some(value), false) = (object.get(&path_key), jsonata) {
        let at = pointer_push(ptr, &path_key);
        match value.as_str() {
            Some(s) if has_placeholder(s) => {}
            Some(s) => {
                if let Some(why) = not_reference_path(s) {
                    let message = format!("\"{s}\": Value is not a Reference Path: {why}");
                    ctx.error("invalid-reference-path", &at, message);
                }
            }
            None => {
                let message =
                    format!("\"{path_key}\" must be a reference path string, found {}", value_kind(value));
                ctx.error("invalid-type", &at, message);
            }
        }
    }
}

/// Why `s` is not a Reference Path that a Map number field may read: a path into the
/// state input or a variable, naming one node. Only ItemsPath may read the context object
/// (AWS answers "Value is not a Reference Path" for `$$.Execution.Input.n`).
fn not_reference_path(s: &str) -> Option<String> {
    match parse_reference_path(s) {
        Ok(path) if path.root == PathRoot::Context => {
            Some("it reads the context object ($$), which only ItemsPath may".to_owned())
        }
        Ok(_) => None,
        Err(e) => Some(e.to_string()),
    }
}
