//! Every diagnostic code of the checker, pinned: a minimal machine that triggers it, the
//! exact diagnostics it yields (code, severity, pointer and where the span starts), and
//! the valid counterpart that yields none. Tables live in `rules/`, one per concern.

#[path = "rules/choice.rs"]
mod choice;
#[path = "rules/fields.rs"]
mod fields;
#[path = "rules/harness.rs"]
mod harness;
#[path = "rules/jsonata.rs"]
mod jsonata;
#[path = "rules/map.rs"]
mod map;
#[path = "rules/paths.rs"]
mod paths;
#[path = "rules/placeholders.rs"]
mod placeholders;
#[path = "rules/structure.rs"]
mod structure;
#[path = "rules/values.rs"]
mod values;

use std::collections::BTreeSet;

/// Where diagnostics are made: the checker's rules and the model's typed reads.
const EMITTERS: &[&str] = &[
    include_str!("../src/lib.rs"),
    include_str!("../src/rules/mod.rs"),
    include_str!("../src/rules/choice.rs"),
    include_str!("../src/rules/expressions.rs"),
    include_str!("../src/rules/fields.rs"),
    include_str!("../src/rules/jsonata.rs"),
    include_str!("../src/rules/map.rs"),
    include_str!("../src/rules/reach.rs"),
    include_str!("../src/rules/structure.rs"),
    include_str!("../src/rules/values.rs"),
    include_str!("../../asl-model/src/model/build.rs"),
    include_str!("../../asl-model/src/model/fields.rs"),
];

const TABLES: &[&str] = &[
    include_str!("rules/choice.rs"),
    include_str!("rules/fields.rs"),
    include_str!("rules/jsonata.rs"),
    include_str!("rules/map.rs"),
    include_str!("rules/paths.rs"),
    include_str!("rules/placeholders.rs"),
    include_str!("rules/structure.rs"),
    include_str!("rules/values.rs"),
];

/// Kebab-case string literals: diagnostic codes.
fn codes(sources: &[&str]) -> BTreeSet<String> {
    let literal = regex::Regex::new(r#""([a-z]+(?:-[a-z]+)+)""#).expect("static regex");
    sources.iter().flat_map(|s| literal.captures_iter(s).map(|c| c[1].to_owned())).collect()
}

#[test]
fn every_code_has_a_case() {
    let emitted = codes(EMITTERS);
    let pinned = codes(TABLES);
    assert!(emitted.len() > 30, "found only {emitted:?}");
    let missing: Vec<_> = emitted.difference(&pinned).collect();
    assert!(missing.is_empty(), "codes without a case: {missing:?}");
    let unknown: Vec<_> = pinned.difference(&emitted).collect();
    assert!(unknown.is_empty(), "cases expect codes nothing emits: {unknown:?}");
}

/// Large scopes are checked on two threads: problems in both halves are found, and the
/// output is the same on every run.
#[test]
fn large_machines_check_the_same_every_time() {
    let mut states = serde_json::Map::new();
    for i in 0..3000 {
        let next = if i == 10 || i == 2990 { format!("Missing{i}") } else { format!("S{}", i + 1) };
        states.insert(format!("S{i}"), serde_json::json!({"Type": "Pass", "Next": next, "InputPath": if i == 2500 { "bad" } else { "$" }}));
    }
    states.insert("S3000".into(), serde_json::json!({"Type": "Succeed"}));
    let text = serde_json::to_string_pretty(&serde_json::json!({"StartAt": "S0", "States": states})).unwrap();
    let doc = asl_model::Document::parse(text, asl_model::Format::Json).unwrap();
    let first = asl_check::check(&doc);
    let codes: Vec<&str> = first.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"dangling-next") && codes.contains(&"invalid-json-path"), "{codes:?}");
    assert_eq!(first.iter().filter(|d| d.code == "dangling-next").count(), 2);
    for _ in 0..5 {
        assert_eq!(asl_check::check(&doc), first);
    }
}
