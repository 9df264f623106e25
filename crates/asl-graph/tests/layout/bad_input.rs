//! Bad, hostile and huge input: dangling targets, cycles everywhere, a Choice with 500
//! rules, nesting as deep as the reader allows (and deeper, built as a model), a
//! 10,000-state chain, every state catching into one handler (one trunk, or lanes past
//! the dummy budget). No panic, invariants hold.
//! Speed is measured in the benchmark, not here.

use crate::{check, lay_out, machines};
use asl_graph::{layout, Graph, LayoutOptions};
use asl_model::model::{Io, Parallel, Pass, State, StateKind, StateMachine};
use asl_model::{Document, Format};
use serde_json::{json, Map, Value};

fn text(states: Map<String, Value>, start: &str) -> String {
    serde_json::to_string(&json!({"StartAt": start, "States": states})).expect("json")
}

#[test]
fn dangling_targets_show_as_missing_nodes() {
    let t = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "x", "Next": "B", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nowhere"}]},
        "B": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Ghost"}], "Default": "Nowhere"},
        "C": {"Type": "Pass", "Next": "C"}
    }}"#;
    let l = lay_out(t, Format::Json, "dangling");
    let mut missing: Vec<_> =
        l.nodes.iter().filter(|n| n.kind == "Missing").map(|n| n.state.clone().unwrap_or_default()).collect();
    missing.sort();
    assert_eq!(missing, ["Ghost", "Nowhere"]);
    assert!(l.node("/States/C").is_some_and(|n| n.unreachable));
    let missing_start =
        lay_out(r#"{"StartAt": "Z", "States": {"A": {"Type": "Succeed"}}}"#, Format::Json, "missing StartAt");
    assert!(missing_start.nodes.iter().any(|n| n.kind == "Missing"));
    lay_out(r#"{"States": {}}"#, Format::Json, "empty");
    lay_out(r#"{"StartAt": "A", "States": {"A": {}}}"#, Format::Json, "no type");
}

/// Found by the `layout` fuzz target: two catchers share a trunk into a missing state,
/// and one of them arrived half a pixel beside the trunk's line with no jog (a diagonal
/// segment). The states with empty (repeated) keys are YAML's `: {...}`.
#[test]
fn a_member_half_a_pixel_beside_its_trunk_jogs_onto_it() {
    let t = r#"{"StartAt":"Hello World","States":{"Hello World":{"Catch":[{"Next":"ReservedTypeFallback"}],"End":true},: {"Next":"Hello World2"},"Hello World2":{"Next":"Hello Worldd2"},: {"Catch":[{"Next":"CustomErrorFallback"},{"Next":"ReservedTypeFallback"}],"End":true},"CustomErrorFallback":{"Next":H}}}"#;
    let l = lay_out(t, Format::Yaml, "fuzz: trunk join");
    assert_eq!(l.edges.iter().filter(|e| e.to.ends_with("ReservedTypeFallback#missing")).count(), 2);
}

#[test]
fn cycles_everywhere() {
    let l = lay_out(&machines::tangled(300, 7), Format::Json, "cycles everywhere");
    assert!(l.edges.iter().filter(|e| e.back).count() > 50);
}

#[test]
fn a_choice_with_500_rules() {
    let mut states = Map::new();
    let rules: Vec<_> = (0..500)
        .map(|r| json!({"Variable": "$.n", "NumericEquals": r, "Next": format!("T{}", r % 50)}))
        .collect();
    states.insert("C".into(), json!({"Type": "Choice", "Choices": rules, "Default": "T0"}));
    for t in 0..50 {
        states.insert(
            format!("T{t}"),
            json!({"Type": "Pass", "Next": if t % 7 == 0 { "C".to_owned() } else { "Done".to_owned() }}),
        );
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    let l = lay_out(&text(states, "C"), Format::Json, "500 rules");
    assert_eq!(l.edges.iter().filter(|e| e.kind == "ChoiceRule").count(), 500);
}

fn nested_parallel(depth: usize) -> String {
    let mut inner = r#"{"StartAt":"Leaf","States":{"Leaf":{"Type":"Pass","End":true}}}"#.to_owned();
    for d in 0..depth {
        inner = format!(
            r#"{{"StartAt":"P{d}","States":{{"P{d}":{{"Type":"Parallel","End":true,"Branches":[{inner}]}}}}}}"#
        );
    }
    inner
}

#[test]
fn parallels_nested_as_deep_as_the_reader_allows() {
    // Each Parallel costs four JSON levels (States, the state, Branches, the branch).
    let deepest = (1..=200)
        .rev()
        .find(|&d| Document::parse(nested_parallel(d), Format::Json).is_ok())
        .expect("some depth parses");
    assert!(deepest >= 100, "the reader accepts only {deepest} nested Parallels");
    let l = lay_out(&nested_parallel(deepest), Format::Json, "deep nesting");
    let depth = l.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    assert_eq!(depth, 2 * deepest, "a Branch and a Parallel per level");
    eprintln!("laid out {deepest} nested Parallels ({} JSON levels)", 4 * deepest + 2);
}

fn pass(name: &str, pointer: String) -> State {
    State {
        name: name.to_owned(),
        pointer,
        type_name: Some("Pass".into()),
        kind: StateKind::Pass(Pass::default()),
        comment: None,
        query_language: None,
        next: None,
        end: Some(true),
        io: Io::default(),
        retry: Vec::new(),
        catch: Vec::new(),
    }
}

/// 200 nested Parallels (deeper than any document can be), built as a model.
fn deep_model(depth: usize) -> StateMachine {
    let prefix: Vec<String> = (0..=depth)
        .scan(String::new(), |p, d| Some(std::mem::replace(p, format!("{p}/States/P{d}/Branches/0"))))
        .collect();
    let leaf = pass("Leaf", format!("{}/States/Leaf", prefix[depth]));
    let mut machine = StateMachine {
        pointer: prefix[depth].clone(),
        start_at: Some("Leaf".into()),
        states: vec![leaf],
        ..StateMachine::default()
    };
    for d in (0..depth).rev() {
        let mut state = pass(&format!("P{d}"), format!("{}/States/P{d}", prefix[d]));
        state.type_name = Some("Parallel".into());
        state.kind = StateKind::Parallel(Parallel { branches: vec![machine] });
        machine = StateMachine {
            pointer: prefix[d].clone(),
            start_at: Some(format!("P{d}")),
            states: vec![state],
            ..StateMachine::default()
        };
    }
    machine
}

#[test]
fn parallels_nested_200_deep_in_a_model() {
    let model = deep_model(200);
    let g = Graph::new(&model);
    assert_eq!(g.scopes().len(), 201);
    let l = layout(&g, &LayoutOptions::default());
    check::assert_valid(&l, "200 nested Parallels");
    assert_eq!(layout(&Graph::new(&model), &LayoutOptions::default()).to_json(), l.to_json());
}

#[test]
fn a_10000_state_chain() {
    let doc = Document::parse(machines::chain(10_000), Format::Json).expect("parses");
    let l = layout(&Graph::from(&doc), &LayoutOptions::default());
    check::assert_valid(&l, "10,000-state chain");
    // A straight line: every state on one centre x.
    let xs: std::collections::BTreeSet<_> =
        l.nodes.iter().filter(|n| n.kind == "Pass").map(|n| ((n.x + n.width / 2.0) * 2.0) as i64).collect();
    assert_eq!(xs.len(), 1, "the chain bends");
}

/// 1,500 catchers into one handler: `n` edges `n` layers long. They share one trunk, and
/// past the dummy budget they run in lanes; either way the invariants hold.
#[test]
fn every_state_catching_into_one_handler() {
    let doc = Document::parse(one_handler(1500), Format::Json).expect("parses");
    let g = Graph::from(&doc);
    let l = layout(&g, &LayoutOptions::default());
    check::assert_valid(&l, "one handler for all");
    // A trunk beside the chain, not 1,500 tracks side by side.
    assert!(l.width < 600.0, "{} px wide", l.width);
    let ends: std::collections::BTreeSet<_> = l
        .edges
        .iter()
        .filter(|e| e.kind == "Catch")
        .map(|e| format!("{:?} {}", e.points[e.points.len() - 1], e.points[e.points.len() - 2][0]))
        .collect();
    assert_eq!(ends.len(), 1, "the catchers enter the handler on one line");

    // The trunk and its labels cost about 3,000 dummies: over this budget, lanes.
    let opts = LayoutOptions { dummy_budget: 1000, ..LayoutOptions::default() };
    let l = layout(&g, &opts);
    check::assert_valid(&l, "one handler for all, in lanes");
    assert!(l.width > 1500.0 * opts.edge_gap, "{} px wide: no lanes", l.width);
}

fn one_handler(n: usize) -> String {
    let mut states = Map::new();
    for i in 0..n {
        let next = if i + 1 < n { format!("T{}", i + 1) } else { "Done".into() };
        states.insert(
            format!("T{i}"),
            json!({"Type": "Task", "Resource": "x", "Next": next,
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]}),
        );
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    states.insert("Handler".into(), json!({"Type": "Fail", "Error": "E"}));
    text(states, "T0")
}

#[test]
fn a_tiny_dummy_budget_still_gives_a_valid_layout() {
    let doc = Document::parse(machines::machine(200), Format::Json).expect("parses");
    let opts = LayoutOptions { dummy_budget: 10, ..LayoutOptions::default() };
    let l = layout(&Graph::from(&doc), &opts);
    check::assert_valid(&l, "dummy budget 10");
    let opts = LayoutOptions { sweep_budget: 0, ..LayoutOptions::default() };
    check::assert_valid(&layout(&Graph::from(&doc), &opts), "no ordering budget");
}

#[test]
fn generated_machines_lay_out() {
    for n in [23, 230, 1000] {
        let text = machines::machine(n);
        assert!(machines::count_states(&text) >= n);
        let l = lay_out(&text, Format::Json, &format!("generated {n}"));
        eprintln!("generated {n}: {} crossings", asl_graph::crossings(&l));
    }
}
