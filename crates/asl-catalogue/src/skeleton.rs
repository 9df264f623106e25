//! What a drop of an action inserts (a Task state with the required fields filled) and the
//! error names it can raise.

use crate::store::{RawShape, ServiceBlob};
use crate::{find, Member, Pattern, Shape, ShapeKind};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The query language of the state the skeleton goes into: its request goes in
/// `Parameters` (JSONPath) or `Arguments` (JSONata).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum QueryLanguage {
    JSONPath,
    JSONata,
}

/// Workflow Studio's default retrier for Lambda invoke: the transient Lambda service errors,
/// three attempts from one second, doubling, with full jitter.
fn lambda_retry() -> Value {
    json!([{
        "ErrorEquals": [
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException"
        ],
        "IntervalSeconds": 1,
        "MaxAttempts": 3,
        "BackoffRate": 2,
        "JitterStrategy": "FULL"
    }])
}

/// The Task state a drop of `resource` inserts: `Type`, `Resource` (as given, pattern suffix
/// and all) and the request's required fields with typed placeholders; for Lambda invoke
/// also the payload passed through and Workflow Studio's default retrier.
pub fn skeleton(resource: &str, query_language: QueryLanguage) -> Option<Value> {
    let (store, i) = find(resource)?;
    let entry = &store.index.actions[i];
    let blob = store.blob(entry.0);
    let op = blob.ops.get(&entry.4)?;
    let mut request = match &op.i {
        Some(input) => placeholder(blob, input, &mut Vec::new()),
        None => Value::Object(Map::new()),
    };
    let mut state = Map::new();
    state.insert("Type".into(), json!("Task"));
    state.insert("Resource".into(), json!(resource.trim()));
    let jsonata = query_language == QueryLanguage::JSONata;
    let lambda_invoke = entry.1 == "optimised" && entry.2 == "lambda" && entry.3 == "invoke";
    if lambda_invoke {
        let callback = crate::split_pattern(resource.trim()).1 == Pattern::WaitForTaskToken;
        let fields = request.as_object_mut().unwrap();
        match (jsonata, callback) {
            (false, false) => fields.insert("Payload.$".into(), json!("$")),
            (true, false) => fields.insert("Payload".into(), json!("{% $states.input %}")),
            (false, true) => {
                fields.insert("Payload".into(), json!({"Input.$": "$", "TaskToken.$": "$$.Task.Token"}))
            }
            (true, true) => fields.insert(
                "Payload".into(),
                json!({"Input": "{% $states.input %}", "TaskToken": "{% $states.context.Task.Token %}"}),
            ),
        };
        if !callback {
            // The function's answer, not the Invoke API's envelope around it.
            if jsonata {
                state.insert("Output".into(), json!("{% $states.result.Payload %}"));
            } else {
                state.insert("OutputPath".into(), json!("$.Payload"));
            }
        }
    }
    state.insert(if jsonata { "Arguments" } else { "Parameters" }.into(), request);
    if lambda_invoke {
        state.insert("Retry".into(), lambda_retry());
    }
    Some(Value::Object(state))
}

/// A typed placeholder for a value of shape `name`: structures hold their required members
/// (a shape already being filled above is left `{}`: models are recursive).
fn placeholder(blob: &ServiceBlob, name: &str, filling: &mut Vec<String>) -> Value {
    let Some(raw) = blob.shapes.get(name) else { return json!("") };
    let low = raw.min.filter(|m| *m > 0.0);
    match raw.t.as_str() {
        "structure" if !filling.iter().any(|n| n == name) => {
            filling.push(name.to_string());
            let fields =
                raw.m.iter().filter(|m| m.2 == 1).map(|m| (m.0.clone(), placeholder(blob, &m.1, filling)));
            let object = Value::Object(fields.collect());
            filling.pop();
            object
        }
        "structure" | "map" | "json" => json!({}),
        "list" => match (&raw.i, low) {
            (Some(item), Some(_)) => json!([placeholder(blob, item, filling)]),
            _ => json!([]),
        },
        "integer" | "long" => json!(low.unwrap_or(0.0) as i64),
        "double" | "float" => json!(low.unwrap_or(0.0)),
        "boolean" => json!(false),
        _ => raw.e.first().map_or(json!(""), |v| json!(v)),
    }
}

/// The error names Step Functions gives `resource`'s failures, for `ErrorEquals`: for an
/// optimised integration its prefix and the API's exceptions (`Lambda.ServiceException`),
/// for an SDK integration `<Service>.<Exception>` as the AWS SDK for Java v2 names them
/// (`DynamoDb.ConditionalCheckFailedException`), plus that SDK's catch-all exceptions.
pub fn errors(resource: &str) -> Vec<String> {
    let Some((store, i)) = find(resource) else { return Vec::new() };
    let entry = &store.index.actions[i];
    let blob = store.blob(entry.0);
    let mut names: Vec<String> = Vec::new();
    if let Some(extra) = store.index.extra_errors.get(&format!("{}:{}", entry.2, entry.3)) {
        names.extend(extra.iter().cloned());
    }
    if let Some(op) = blob.ops.get(&entry.4) {
        if entry.1 == "sdk" {
            let sdk = &store.index.services[entry.0].sdk;
            names.extend(op.je.iter().map(|e| format!("{sdk}.{e}")));
            names.push(format!("{sdk}.{sdk}Exception"));
            names.push(format!("{sdk}.SdkClientException"));
        } else {
            // The Java SDK v1 names: the model's, ending in `Exception` (`ExecutionAlreadyExists`
            // -> `StepFunctions.ExecutionAlreadyExistsException`).
            names.extend(op.e.iter().map(|e| {
                let base = e.strip_suffix("Fault").unwrap_or(e);
                let suffix = if base.ends_with("Exception") { "" } else { "Exception" };
                format!("{}.{base}{suffix}", entry.7)
            }));
        }
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

pub(crate) fn shape(raw: &RawShape) -> Shape {
    let kind = match raw.t.as_str() {
        "string" => ShapeKind::String,
        "integer" => ShapeKind::Integer,
        "long" => ShapeKind::Long,
        "double" => ShapeKind::Double,
        "float" => ShapeKind::Float,
        "boolean" => ShapeKind::Boolean,
        "timestamp" => ShapeKind::Timestamp,
        "blob" => ShapeKind::Blob,
        "structure" => ShapeKind::Structure,
        "list" => ShapeKind::List,
        "map" => ShapeKind::Map,
        _ => ShapeKind::Json,
    };
    let members = raw
        .m
        .iter()
        .map(|m| Member { name: m.0.clone(), shape: m.1.clone(), required: m.2 == 1, doc: m.3.clone() })
        .collect();
    Shape {
        kind,
        doc: raw.d.clone(),
        enum_values: raw.e.clone(),
        min: raw.min,
        max: raw.max,
        members,
        union: raw.u == 1,
        item: raw.i.clone(),
        key: raw.k.clone(),
        value: raw.v.clone(),
    }
}
