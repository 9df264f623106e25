//! The Actions catalogue: every integration a Task state can name in `Resource` — Step
//! Functions' optimised integrations (`arn:aws:states:::lambda:invoke`) and its AWS SDK
//! integrations (`arn:aws:states:::aws-sdk:s3:getObject`) — with the request each takes
//! (field tree, required flags, enums, bounds, first doc sentence) and the errors it can
//! raise, built at compile time from botocore's published service models (see build.rs and
//! `gen/`). Embedded compressed; inflated lazily, per service.

mod response;
mod search;
mod skeleton;
mod store;
mod validate;

pub use response::{response, Response};
pub use search::search;
pub use skeleton::{errors, skeleton, QueryLanguage};
pub use validate::{check_result, FieldValidation};

use serde::Serialize;
use std::collections::BTreeMap;
use store::{resource_of, ActionEntry, Store};

/// How Step Functions calls the service.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum IntegrationKind {
    /// An optimised integration (`arn:aws:states:::sns:publish`).
    Optimised,
    /// An AWS SDK integration (`arn:aws:states:::aws-sdk:sns:publish`).
    Sdk,
    /// A Distributed Map `ItemReader`/`ResultWriter` resource (`arn:aws:states:::s3:getObject`),
    /// not a Task integration: `action` knows it, `search` does not list it.
    MapItems,
}

/// A service integration pattern: the `Resource` suffix that selects it.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Pattern {
    /// Request Response (no suffix).
    RequestResponse,
    /// Run a Job (`.sync`).
    Sync,
    /// Run a Job returning JSON output (`.sync:2`, Step Functions StartExecution only).
    Sync2,
    /// Wait for Callback (`.waitForTaskToken`).
    WaitForTaskToken,
}

impl Pattern {
    const ALL: [(Pattern, u8); 4] = [
        (Pattern::RequestResponse, 1),
        (Pattern::Sync, 2),
        (Pattern::Sync2, 4),
        (Pattern::WaitForTaskToken, 8),
    ];

    pub fn suffix(self) -> &'static str {
        match self {
            Pattern::RequestResponse => "",
            Pattern::Sync => ".sync",
            Pattern::Sync2 => ".sync:2",
            Pattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }

    fn bit(self) -> u8 {
        Self::ALL.iter().find(|(p, _)| *p == self).unwrap().1
    }
}

/// One action as a list shows it.
#[derive(Serialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ActionSummary {
    /// The request-response `Resource`; add a pattern's suffix for the others.
    pub resource: String,
    /// The service's full name (`Amazon DynamoDB`).
    pub service: String,
    /// The service's short id (`DynamoDB`).
    pub service_id: String,
    /// The action in PascalCase (`PutItem`).
    pub action: String,
    pub kind: IntegrationKind,
    pub patterns: Vec<Pattern>,
    /// The first sentence of the action's documentation.
    pub doc: String,
}

/// An action with its request: `input` names the top shape in `shapes`, which holds every
/// shape the request reaches by name (shapes are shared and may be recursive).
#[derive(Serialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Action {
    pub summary: ActionSummary,
    pub input: Option<String>,
    pub shapes: BTreeMap<String, Shape>,
    /// Error names for `ErrorEquals`, as Step Functions reports them.
    pub errors: Vec<String>,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ShapeKind {
    String,
    Integer,
    Long,
    Double,
    Float,
    Boolean,
    Timestamp,
    Blob,
    Structure,
    List,
    Map,
    /// Any JSON value (botocore document types, and free-form bodies and payloads).
    Json,
}

#[derive(Serialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    pub kind: ShapeKind,
    pub doc: String,
    pub enum_values: Vec<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// A structure's fields, in the model's order.
    pub members: Vec<Member>,
    /// A structure of which exactly one member may be set.
    pub union: bool,
    /// A list's item shape.
    pub item: Option<String>,
    /// A map's key and value shapes.
    pub key: Option<String>,
    pub value: Option<String>,
}

#[derive(Serialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// The field name as Step Functions takes it (PascalCase).
    pub name: String,
    pub shape: String,
    pub required: bool,
    /// The member's own doc sentence; empty when its shape's says it.
    pub doc: String,
}

/// What the embedded catalogue holds.
#[derive(Serialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub botocore_version: String,
    pub services: usize,
    pub optimised_actions: usize,
    pub sdk_actions: usize,
    pub compressed_bytes: usize,
}

pub fn stats() -> Stats {
    let store = Store::get();
    let count = |kind: &str| store.index.actions.iter().filter(|a| a.1 == kind).count();
    Stats {
        botocore_version: store.index.botocore.clone(),
        services: store.index.services.len(),
        optimised_actions: count("optimised") + count("mapItems"),
        sdk_actions: count("sdk"),
        compressed_bytes: store::DATA.len(),
    }
}

/// The action a Task `Resource` names, with or without a pattern suffix; `None` when the
/// catalogue has no such action or the action does not offer that pattern.
pub fn action(resource: &str) -> Option<Action> {
    let (store, i) = find(resource)?;
    let entry = &store.index.actions[i];
    let blob = store.blob(entry.0);
    let op = blob.ops.get(&entry.4)?;
    let mut shapes = BTreeMap::new();
    let mut todo: Vec<&str> = op.i.iter().map(String::as_str).collect();
    while let Some(name) = todo.pop() {
        if shapes.contains_key(name) {
            continue;
        }
        let Some(raw) = blob.shapes.get(name) else { continue };
        let shape = skeleton::shape(raw);
        todo.extend(raw.m.iter().map(|m| m.1.as_str()));
        todo.extend([&raw.i, &raw.k, &raw.v].into_iter().flatten().map(String::as_str));
        shapes.insert(name.to_string(), shape);
    }
    Some(Action { summary: summary(store, entry), input: op.i.clone(), shapes, errors: errors(resource) })
}

/// The catalogue entry of `resource`, when the pattern its suffix names is offered.
fn find(resource: &str) -> Option<(&'static Store, usize)> {
    let store = Store::get();
    let (base, pattern) = split_pattern(resource.trim());
    let &i = store.by_resource.get(base)?;
    (store.index.actions[i].5 & pattern.bit() != 0).then_some((store, i))
}

/// `arn:...:ecs:runTask.sync` -> (`arn:...:ecs:runTask`, Sync).
pub fn split_pattern(resource: &str) -> (&str, Pattern) {
    for p in [Pattern::WaitForTaskToken, Pattern::Sync2, Pattern::Sync] {
        if let Some(base) = resource.strip_suffix(p.suffix()) {
            return (base, p);
        }
    }
    (resource, Pattern::RequestResponse)
}

fn summary(store: &Store, a: &ActionEntry) -> ActionSummary {
    let service = &store.index.services[a.0];
    ActionSummary {
        resource: resource_of(a),
        service: service.full_name.clone(),
        service_id: service.service_id.clone(),
        action: a.3[..1].to_uppercase() + &a.3[1..],
        kind: match a.1.as_str() {
            "sdk" => IntegrationKind::Sdk,
            "mapItems" => IntegrationKind::MapItems,
            _ => IntegrationKind::Optimised,
        },
        patterns: Pattern::ALL.iter().filter(|(_, bit)| a.5 & bit != 0).map(|(p, _)| *p).collect(),
        doc: a.6.clone(),
    }
}
