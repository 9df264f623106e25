//! The graph: nodes, scopes, containers, typed and labelled edges, marks.

use asl_graph::{layout, Contents, EdgeKind, Graph, LayoutOptions, NodeKind, ScopeKind, StateType};
use asl_model::{Document, Format};

fn graph(text: &str) -> Graph {
    Graph::from(&Document::parse(text, Format::Json).expect("parses"))
}

const NESTED: &str = r#"{
  "StartAt": "Fan",
  "States": {
    "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
      {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
      {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Gone"}}}
    ], "Catch": [{"ErrorEquals": ["States.ALL", "Custom"], "Next": "Oops"}]},
    "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true},
    "Oops": {"Type": "Fail"},
    "Lonely": {"Type": "Pass", "End": true}
  }
}"#;

#[test]
fn scopes_containers_and_entries() {
    let g = graph(NESTED);
    assert_eq!(g.scopes().len(), 4);
    assert_eq!(g.scopes()[0].kind, ScopeKind::Machine);
    assert_eq!(g.scopes()[1].kind, ScopeKind::Branch { index: 0 });
    assert_eq!(g.scopes()[2].kind, ScopeKind::Branch { index: 1 });
    assert_eq!(g.scopes()[3].kind, ScopeKind::ItemProcessor);
    let fan = g.find("/States/Fan").expect("Fan");
    let Contents::Branches(branches) = &g.node(fan).contents else { panic!("Fan holds branches") };
    assert_eq!(branches.len(), 2);
    assert_eq!(g.node(branches[1]).kind, NodeKind::Branch { index: 1 });
    assert_eq!(g.node(branches[1]).parent, Some(fan));
    let b = g.find("/States/Fan/Branches/1/States/B").expect("B");
    assert_eq!(g.node(b).parent, Some(branches[1]));
    let each = g.find("/States/Each").expect("Each");
    let i = g.find("/States/Each/ItemProcessor/States/I").expect("I");
    assert_eq!(g.node(i).parent, Some(each));
    let entries: Vec<_> = g
        .edges()
        .filter(|e| e.3.kind.is_entry())
        .map(|(_, a, b, e)| (a, g.node(b).key.clone(), e.kind))
        .collect();
    assert_eq!(
        entries,
        [
            (fan, "/States/Fan/Branches/0#start".to_owned(), EdgeKind::BranchStart),
            (fan, "/States/Fan/Branches/1#start".to_owned(), EdgeKind::BranchStart),
            (each, "/States/Each/ItemProcessor#start".to_owned(), EdgeKind::IterationStart),
        ]
    );
    // Every transition stays in its scope.
    for (_, a, b, e) in g.edges() {
        if !e.kind.is_entry() {
            assert_eq!(g.node(a).scope, g.node(b).scope, "{e:?}");
        }
    }
}

#[test]
fn dangling_targets_and_unreachable_states_are_marked() {
    let g = graph(NESTED);
    let gone = g.find_key("/States/Fan/Branches/1/States/Gone#missing").expect("placeholder");
    assert_eq!(g.node(gone).kind, NodeKind::Missing);
    assert_eq!(g.node(gone).name, "Gone");
    let lonely = g.find("/States/Lonely").expect("Lonely");
    assert!(g.node(lonely).unreachable);
    assert!(!g.node(g.find("/States/Oops").expect("Oops")).unreachable);
    let catch = g.edges().find(|e| e.3.kind == EdgeKind::Catch(0)).expect("catch edge");
    assert_eq!(catch.3.label.as_deref(), Some("States.ALL, Custom"));
    assert_eq!(catch.3.pointer.as_deref(), Some("/States/Fan/Catch/0/Next"));
    // Succeed, Fail and End: true lead to End.
    let ends = g.edges().filter(|e| e.3.kind == EdgeKind::End).count();
    assert_eq!(ends, 5, "A, Each, Oops, Lonely and I");
}

#[test]
fn half_written_states_still_make_nodes() {
    let g = graph(
        r#"{"StartAt": "Nowhere", "States": {
            "T": {"Comment": "no type yet"},
            "P": {"Type": "Parallel", "Branches": []},
            "M": {"Type": "Map"},
            "C": {"Type": "Choice"}
        }}"#,
    );
    let kinds: Vec<_> = g.scopes()[0].nodes.iter().map(|&n| g.node(n).kind).collect();
    assert_eq!(
        kinds,
        [
            NodeKind::Start,
            NodeKind::State(StateType::Unknown),
            NodeKind::State(StateType::Parallel),
            NodeKind::State(StateType::Map),
            NodeKind::State(StateType::Choice),
            NodeKind::Missing,
            NodeKind::End
        ]
    );
    assert!(g.nodes().all(|(_, n)| !n.is_container()));
}

/// Each edge says which transition of which state (or scope) it draws, as edits address
/// it, so the UI inserts on an edge without reading its kind and pointer strings.
#[test]
fn edges_carry_the_transition_edits_address() {
    use asl_model::edit::Transition;
    let text = r#"{"StartAt": "Route", "States": {
      "Route": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Work"}], "Default": "Stop"},
      "Work": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Stop"}], "End": true},
      "Stop": {"Type": "Fail"}}}"#;
    let layout = crate::lay_out(text, Format::Json, "transitions");
    let of = |from: &str, to: &str| {
        let e = layout
            .edges
            .iter()
            .find(|e| e.from == from && e.to == to)
            .unwrap_or_else(|| panic!("{from} -> {to}"));
        e.transition.as_ref().map(|t| (t.from.as_str(), t.scope.as_str(), t.transition))
    };
    assert_eq!(of("#start", "/States/Route"), Some(("", "", Transition::Start)));
    assert_eq!(of("/States/Route", "/States/Work"), Some(("/States/Route", "", Transition::ChoiceRule(0))));
    assert_eq!(of("/States/Route", "/States/Stop"), Some(("/States/Route", "", Transition::Default)));
    assert_eq!(of("/States/Work", "/States/Stop"), Some(("/States/Work", "", Transition::Catch(0))));
    // Inserting after a state that ends is on its Next; a Fail ends by its type.
    assert_eq!(of("/States/Work", "#end"), Some(("/States/Work", "", Transition::Next)));
    assert_eq!(of("/States/Stop", "#end"), None);
    let branch = "/States/Work/Branches/0";
    assert_eq!(
        of(&format!("{branch}#start"), &format!("{branch}/States/B")),
        Some((branch, branch, Transition::Start))
    );
    assert_eq!(
        of(&format!("{branch}/States/B"), &format!("{branch}#end")),
        Some((&format!("{branch}/States/B")[..], branch, Transition::Next))
    );
    assert_eq!(of("/States/Work", &format!("{branch}#start")), None, "a branch start is no transition");
    let json = serde_json::to_value(&layout.edges[0]).unwrap();
    assert_eq!(
        json["transition"],
        serde_json::json!({"from": "", "scope": "", "transition": {"kind": "start"}})
    );
}

/// Equal graphs lay out alike, so the app re-uses a layout when the graph is equal:
/// what the diagram does not draw leaves it equal, what it draws does not.
#[test]
fn graphs_are_equal_exactly_when_the_diagram_would_be() {
    let base = graph(NESTED);
    assert!(base == graph(NESTED));
    let unseen = NESTED.replace(r#""Type": "Fail"}"#, r#""Type": "Fail", "Comment": "why", "Cause": "x"}"#);
    assert!(base == graph(&unseen), "a Comment and a Cause draw nothing");
    let drawn = |g: &Graph| serde_json::to_string(&layout(g, &LayoutOptions::default())).unwrap();
    assert_eq!(drawn(&base), drawn(&graph(&unseen)));
    for (what, seen) in [
        ("a name", NESTED.replace("\"Oops\"", "\"Oops2\"")),
        ("a target", NESTED.replace(r#""Next": "Gone""#, r#""Next": "A""#)),
        ("a catcher's errors", NESTED.replace(r#""Custom""#, r#""Other""#)),
        (
            "a state's type",
            NESTED.replace(r#""I": {"Type": "Succeed"}"#, r#""I": {"Type": "Pass", "End": true}"#),
        ),
    ] {
        assert!(base != graph(&seen), "{what} changed, the graph did not");
    }
}
