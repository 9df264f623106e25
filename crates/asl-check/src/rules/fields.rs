//! Which fields may stand where: per state type, per query language, in rules,
//! retriers and catchers; unknown fields; duplicate keys; required fields.

use crate::Ctx;
use asl_model::model::{QueryLanguage, State, StateKind, StateMachine};
use asl_model::syntax::{pointer_push, Node};

/// The state-level field tables as bit sets, for the fast path of `state_fields`.
mod fieldset {
    use super::{allowed, COMMON, EXCLUSIVE, JSONATA_ONLY, JSONPATH_ONLY};
    use asl_model::model::StateKind;
    use asl_model::syntax::{FastMap, Member};
    use std::sync::OnceLock;

    pub struct Masks {
        index: FastMap<&'static str, u32>,
        pub common: u128,
        pub jsonpath_only: u128,
        pub jsonata_only: u128,
        pub exclusive: Vec<u128>,
        by_kind: [u128; 8],
    }

    impl Masks {
        pub fn allowed(&self, kind: &StateKind) -> u128 {
            let i = match kind {
                StateKind::Pass(_) => 0,
                StateKind::Task(_) => 1,
                StateKind::Choice(_) => 2,
                StateKind::Wait(_) => 3,
                StateKind::Succeed => 4,
                StateKind::Fail(_) => 5,
                StateKind::Parallel(_) => 6,
                StateKind::Map(_) => 7,
                StateKind::Unknown => return 0,
            };
            self.by_kind[i]
        }

        fn mask(&self, names: &[&str]) -> u128 {
            names.iter().filter_map(|n| self.index.get(n)).fold(0, |m, &i| m | 1 << i)
        }
    }

    pub fn masks() -> &'static Masks {
        static MASKS: OnceLock<Masks> = OnceLock::new();
        MASKS.get_or_init(|| {
            let samples = [
                StateKind::Pass(Default::default()),
                StateKind::Task(Default::default()),
                StateKind::Choice(Default::default()),
                StateKind::Wait(Default::default()),
                StateKind::Succeed,
                StateKind::Fail(Default::default()),
                StateKind::Parallel(Default::default()),
                StateKind::Map(Default::default()),
            ];
            let mut index = FastMap::default();
            let all = COMMON
                .iter()
                .chain(JSONPATH_ONLY)
                .chain(JSONATA_ONLY)
                .chain(samples.iter().flat_map(|k| allowed(k).iter()));
            for name in all {
                let next = index.len() as u32;
                index.entry(*name).or_insert(next);
            }
            assert!(index.len() <= 128, "state fields fit a u128");
            let mut m = Masks {
                index,
                common: 0,
                jsonpath_only: 0,
                jsonata_only: 0,
                exclusive: Vec::new(),
                by_kind: [0; 8],
            };
            m.common = m.mask(COMMON);
            m.jsonpath_only = m.mask(JSONPATH_ONLY);
            m.jsonata_only = m.mask(JSONATA_ONLY);
            m.exclusive = EXCLUSIVE.iter().map(|g| m.mask(g)).collect();
            for (i, k) in samples.iter().enumerate() {
                m.by_kind[i] = m.mask(allowed(k));
            }
            m
        })
    }

    /// The known fields present, and whether any key is not a known state field.
    pub fn present(members: &[Member]) -> (u128, bool) {
        let index = &masks().index;
        members.iter().fold((0, false), |(bits, unknown), m| match index.get(m.key.as_str()) {
            Some(&i) => (bits | 1 << i, unknown),
            None => (bits, true),
        })
    }
}

const COMMON: &[&str] = &["Type", "Comment", "QueryLanguage"];
/// Fields of the JSONPath query language only.
const JSONPATH_ONLY: &[&str] = &[
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultPath",
    "ResultSelector",
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
    "Iterator",
    "Result",
];
/// Fields of the JSONata query language only.
const JSONATA_ONLY: &[&str] = &["Arguments", "Output", "Items"];

/// Fields each state type accepts (in either query language; the language filters next).
fn allowed(kind: &StateKind) -> &'static [&'static str] {
    match kind {
        StateKind::Pass(_) => &[
            "Next",
            "End",
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultPath",
            "Result",
            "Assign",
            "Output",
        ],
        StateKind::Task(_) => &[
            "Next",
            "End",
            "Resource",
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultPath",
            "ResultSelector",
            "Retry",
            "Catch",
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            "HeartbeatSeconds",
            "HeartbeatSecondsPath",
            "Credentials",
            "Assign",
            "Arguments",
            "Output",
        ],
        StateKind::Choice(_) => &["Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"],
        StateKind::Wait(_) => &[
            "Next",
            "End",
            "InputPath",
            "OutputPath",
            "Seconds",
            "SecondsPath",
            "Timestamp",
            "TimestampPath",
            "Assign",
            "Output",
        ],
        StateKind::Succeed => &["InputPath", "OutputPath", "Output"],
        StateKind::Fail(_) => &["Error", "ErrorPath", "Cause", "CausePath"],
        StateKind::Parallel(_) => &[
            "Next",
            "End",
            "Branches",
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultPath",
            "ResultSelector",
            "Retry",
            "Catch",
            "Assign",
            "Arguments",
            "Output",
        ],
        StateKind::Map(_) => &[
            "Next",
            "End",
            "ItemProcessor",
            "Iterator",
            "ItemsPath",
            "Items",
            "ItemSelector",
            "Parameters",
            "ItemReader",
            "ItemBatcher",
            "ResultWriter",
            "MaxConcurrency",
            "MaxConcurrencyPath",
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
            "Label",
            "InputPath",
            "OutputPath",
            "ResultPath",
            "ResultSelector",
            "Retry",
            "Catch",
            "Assign",
            "Output",
        ],
        StateKind::Unknown => &[],
    }
}

/// Pairs of fields of which a state may have only one.
const EXCLUSIVE: &[&[&str]] = &[
    &["Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
    &["Error", "ErrorPath"],
    &["Cause", "CausePath"],
    &["TimeoutSeconds", "TimeoutSecondsPath"],
    &["HeartbeatSeconds", "HeartbeatSecondsPath"],
    &["ItemsPath", "Items"],
    &["ItemProcessor", "Iterator"],
    &["ItemSelector", "Parameters"],
    &["MaxConcurrency", "MaxConcurrencyPath"],
    &["ToleratedFailureCount", "ToleratedFailureCountPath"],
    &["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"],
];

pub(super) fn state_fields(ctx: &mut Ctx, state: &State, node: &Node, ql: QueryLanguage) {
    let Some(members) = node.as_object() else { return };
    // Fast path (this runs for every state): classify the keys once into a bit set; the
    // per-key reporting below only runs when a bit says something is wrong.
    let (present, unknown) = fieldset::present(members);
    let masks = fieldset::masks();
    let allowed_bits = masks.allowed(&state.kind) | masks.common;
    let foreign_ql = match ql {
        QueryLanguage::JsonPath => masks.jsonata_only,
        QueryLanguage::Jsonata => masks.jsonpath_only,
    };
    let clash = masks.exclusive.iter().any(|g| (present & g & !foreign_ql).count_ones() > 1);
    let unknown_type = matches!(state.kind, StateKind::Unknown);
    if !unknown_type && !unknown && present & !allowed_bits == 0 && present & foreign_ql == 0 && !clash {
        required(ctx, state, members);
        handlers(ctx, state, ql);
        return;
    }
    let known = allowed(&state.kind);
    for m in members {
        let key = m.key.as_str();
        if COMMON.contains(&key) || unknown_type {
            continue;
        }
        let ptr = || pointer_push(&state.pointer, key);
        if !known.contains(&key) {
            let message = format!("field \"{key}\" is not supported in a {} state", state.kind.name());
            ctx.error_key("field-not-allowed", &ptr(), message);
        } else if ql == QueryLanguage::Jsonata && JSONPATH_ONLY.contains(&key) {
            let message = format!(
                "field \"{key}\" belongs to JSONPath, but this state uses JSONata: {}",
                jsonata_instead(key)
            );
            ctx.error_key("jsonpath-field-in-jsonata", &ptr(), message);
        } else if ql == QueryLanguage::JsonPath && JSONATA_ONLY.contains(&key) {
            let instead = match key {
                "Arguments" => "Parameters",
                "Items" => "ItemsPath",
                _ => "ResultSelector or OutputPath",
            };
            let message = format!("field \"{key}\" belongs to JSONata, but this state uses JSONPath: set \"QueryLanguage\": \"JSONata\" or use {instead}");
            ctx.error_key("jsonata-field-in-jsonpath", &ptr(), message);
        }
    }
    // A field of the other query language is reported as such already; it does not
    // also count against the field it would exclude.
    let foreign: &[&str] = match ql {
        QueryLanguage::JsonPath => JSONATA_ONLY,
        QueryLanguage::Jsonata => JSONPATH_ONLY,
    };
    for group in EXCLUSIVE {
        let present: Vec<&str> = group
            .iter()
            .copied()
            .filter(|k| !foreign.contains(k) && members.iter().any(|m| m.key == *k))
            .collect();
        if present.len() > 1 {
            let ptr = pointer_push(&state.pointer, present[1]);
            let names: Vec<String> = present.iter().map(|k| format!("\"{k}\"")).collect();
            let message =
                format!("a {} state may have only one of {}", state.kind.name(), names.join(" and "));
            ctx.error_key("mutually-exclusive", &ptr, message);
        }
    }
    required(ctx, state, members);
    handlers(ctx, state, ql);
}

/// Fields of the state's retriers and catchers.
fn handlers(ctx: &mut Ctx, state: &State, ql: QueryLanguage) {
    for retrier in &state.retry {
        object_fields(
            ctx,
            &retrier.pointer,
            &[
                "ErrorEquals",
                "IntervalSeconds",
                "MaxAttempts",
                "BackoffRate",
                "MaxDelaySeconds",
                "JitterStrategy",
                "Comment",
            ],
            "retrier",
        );
    }
    let catcher_fields: &[&str] = match ql {
        QueryLanguage::JsonPath => &["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"],
        QueryLanguage::Jsonata => &["ErrorEquals", "Next", "Output", "Assign", "Comment"],
    };
    for catcher in &state.catch {
        object_fields(ctx, &catcher.pointer, catcher_fields, "catcher");
        if catcher.next.is_none() {
            ctx.error_key("missing-field", &catcher.pointer, "a catcher needs \"Next\"");
        }
    }
}

/// What a JSONata state uses in place of a JSONPath-only field.
fn jsonata_instead(key: &str) -> String {
    match key {
        "Parameters" => "use \"Arguments\"".into(),
        "InputPath" | "ResultSelector" | "ResultPath" | "OutputPath" | "Result" => {
            "use \"Output\" (and \"Assign\") with {% %} expressions".into()
        }
        "ItemsPath" => "use \"Items\"".into(),
        "Iterator" => "use \"ItemProcessor\"".into(),
        _ => match key.strip_suffix("Path") {
            Some(base) => format!("use \"{base}\" with a {{% %}} expression"),
            None => "use its JSONata counterpart".into(),
        },
    }
}

fn required(ctx: &mut Ctx, state: &State, members: &[asl_model::syntax::Member]) {
    let ptr = &state.pointer;
    let tree = ctx.doc.tree();
    let has = |key: &str| members.iter().any(|m| m.key == key);
    let missing: Option<&str> = match &state.kind {
        StateKind::Task(_) if !has("Resource") => Some("Resource"),
        StateKind::Choice(_) if !has("Choices") => Some("Choices"),
        StateKind::Parallel(_) if !has("Branches") => Some("Branches"),
        StateKind::Map(_) if !has("ItemProcessor") && !has("Iterator") => Some("ItemProcessor"),
        StateKind::Wait(_)
            if !["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].iter().any(|k| has(k)) =>
        {
            Some("one of \"Seconds\", \"SecondsPath\", \"Timestamp\" or \"TimestampPath\"")
        }
        _ => None,
    };
    if let Some(field) = missing {
        let field = if field.starts_with("one of") { field.to_owned() } else { format!("\"{field}\"") };
        ctx.error_key("missing-field", ptr, format!("a {} state needs {field}", state.kind.name()));
    }
    let branches = members.iter().rev().find(|m| m.key == "Branches").and_then(|m| m.value.as_array());
    if matches!(state.kind, StateKind::Parallel(_)) && branches.is_some_and(|a| a.is_empty()) {
        ctx.error(
            "missing-field",
            &pointer_push(ptr, "Branches"),
            "\"Branches\" must hold at least one branch",
        );
    }
    let handlers = state
        .retry
        .iter()
        .map(|r| (&r.pointer, "retrier"))
        .chain(state.catch.iter().map(|c| (&c.pointer, "catcher")));
    for (pointer, what) in handlers {
        if tree.at(&pointer_push(pointer, "ErrorEquals")).is_none() {
            ctx.error_key("missing-field", pointer, format!("a {what} needs \"ErrorEquals\""));
        }
    }
}

/// Reports the fields of an object that are not in `known`.
pub(super) fn object_fields(ctx: &mut Ctx, pointer: &str, known: &[&str], what: &str) {
    let Some(members) = ctx.doc.tree().at(pointer).and_then(Node::as_object) else { return };
    for m in members {
        if !known.contains(&m.key.as_str()) {
            let ptr = pointer_push(pointer, &m.key);
            ctx.error_key(
                "field-not-allowed",
                &ptr,
                format!("field \"{}\" is not supported in a {what}", m.key),
            );
        }
    }
}

pub(super) fn machine_fields(ctx: &mut Ctx) {
    object_fields(
        ctx,
        "",
        &["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"],
        "state machine",
    );
}

pub(super) fn scope_fields(ctx: &mut Ctx, scope: &StateMachine) {
    // The legacy `Iterator` takes a `ProcessorConfig` too: AWS runs such machines (the
    // conformance corpus records one, `scenarios__test_map_state_legacy_config_inline`).
    let processor = scope.pointer.ends_with("/ItemProcessor") || scope.pointer.ends_with("/Iterator");
    let (known, what): (&[&str], &str) = if processor {
        (&["Comment", "StartAt", "States", "ProcessorConfig"], "Map item processor")
    } else {
        (&["Comment", "StartAt", "States"], "Parallel branch")
    };
    object_fields(ctx, &scope.pointer, known, what);
}

/// Duplicate keys anywhere: AWS's parser refuses them. The reader found them already.
pub(super) fn duplicate_keys(ctx: &mut Ctx) {
    for d in ctx.doc.duplicate_keys() {
        ctx.out.push(crate::Diagnostic {
            code: "duplicate-key",
            severity: crate::Severity::Error,
            pointer: d.pointer.clone(),
            span: d.key_span,
            message: format!("duplicate key \"{}\": JSON objects in ASL must not repeat a key", d.key),
            caused_by: None,
            fix: None,
        });
    }
}
