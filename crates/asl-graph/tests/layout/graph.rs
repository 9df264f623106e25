//! The graph: nodes, scopes, containers, typed and labelled edges, marks.

use asl_graph::{Contents, EdgeKind, Graph, NodeKind, ScopeKind, StateType};
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
