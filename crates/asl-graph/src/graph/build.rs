//! Model -> graph. Iterative over scopes (an explicit work list, no recursion), so a
//! machine nested hundreds of levels deep costs heap, never stack.

use super::label::{catcher_text, rule_text};
use super::*;
use asl_model::model::{State, StateMachine};
use asl_model::syntax::pointer_push;
use std::collections::{BTreeMap, BTreeSet};

struct Pending<'m> {
    id: ScopeId,
    machine: &'m StateMachine,
    kind: ScopeKind,
    owner: Option<NodeId>,
    depth: usize,
}

#[derive(Default)]
struct Builder {
    graph: StableGraph<Node, Edge, petgraph::Directed, u32>,
    keys: BTreeSet<String>,
    next_scope: u32,
}

pub fn build(machine: &StateMachine) -> Graph {
    let mut b = Builder { next_scope: 1, ..Builder::default() };
    let mut work =
        vec![Pending { id: ScopeId::MACHINE, machine, kind: ScopeKind::Machine, owner: None, depth: 0 }];
    let mut scopes: Vec<(ScopeId, Scope)> = Vec::new();
    while let Some(p) = work.pop() {
        let (scope, children) = b.scope(&p);
        scopes.push((p.id, scope));
        // Reversed, so the first child scope is built next: node ids follow document order.
        work.extend(children.into_iter().rev());
    }
    // Ids were handed out when a scope was discovered, so a child's id exceeds its parent's.
    scopes.sort_by_key(|(id, _)| *id);
    Graph { graph: b.graph, scopes: scopes.into_iter().map(|(_, s)| s).collect() }
}

impl Builder {
    fn key(&mut self, base: String) -> String {
        // Duplicate state names (tolerated by lenient readers) would share a pointer.
        let mut key = base.clone();
        let mut n = 2;
        while self.keys.contains(&key) {
            key = format!("{base}#{n}");
            n += 1;
        }
        self.keys.insert(key.clone());
        key
    }

    fn node(
        &mut self,
        kind: NodeKind,
        name: String,
        key: String,
        pointer: Option<String>,
        scope: ScopeId,
        parent: Option<NodeId>,
    ) -> NodeId {
        let key = self.key(key);
        NodeId(self.graph.add_node(Node {
            kind,
            name,
            subtitle: None,
            key,
            pointer,
            scope,
            parent,
            contents: Contents::None,
            unreachable: false,
        }))
    }

    fn edge(
        &mut self,
        from: NodeId,
        to: NodeId,
        kind: EdgeKind,
        label: Option<String>,
        pointer: Option<String>,
    ) {
        self.graph.add_edge(from.0, to.0, Edge { kind, label, pointer });
    }

    fn new_scope(&mut self) -> ScopeId {
        let id = ScopeId(self.next_scope);
        self.next_scope += 1;
        id
    }

    /// Builds one scope's nodes and edges; returns the scopes nested in it.
    fn scope<'m>(&mut self, p: &Pending<'m>) -> (Scope, Vec<Pending<'m>>) {
        let m = p.machine;
        let ptr = &m.pointer;
        let start = self.node(
            NodeKind::Start,
            "Start".into(),
            format!("{ptr}#start"),
            Some(ptr.clone()),
            p.id,
            p.owner,
        );
        let mut nodes = vec![start];
        let mut by_name: BTreeMap<&str, NodeId> = BTreeMap::new();
        let mut children = Vec::new();
        for state in &m.states {
            let kind = NodeKind::State(StateType::of(&state.kind));
            let id = self.node(
                kind,
                state.name.clone(),
                state.pointer.clone(),
                Some(state.pointer.clone()),
                p.id,
                p.owner,
            );
            self.graph[id.0].subtitle = super::service::subtitle(state);
            nodes.push(id);
            by_name.entry(state.name.as_str()).or_insert(id);
            let contents = self.contents(state, id, p, &mut children);
            self.graph[id.0].contents = contents;
        }
        let end =
            self.node(NodeKind::End, "End".into(), format!("{ptr}#end"), Some(ptr.clone()), p.id, p.owner);

        // Dangling targets become one placeholder per name, shared by all who name it.
        let mut missing: BTreeMap<String, NodeId> = BTreeMap::new();
        let mut target = |b: &mut Builder, name: &str| -> NodeId {
            if let Some(id) = by_name.get(name) {
                return *id;
            }
            if let Some(id) = missing.get(name) {
                return *id;
            }
            let key = format!("{}#missing", pointer_push(&m.states_pointer(), name));
            let id = b.node(NodeKind::Missing, name.to_owned(), key, None, p.id, p.owner);
            missing.insert(name.to_owned(), id);
            id
        };

        if let Some(name) = &m.start_at {
            let to = target(self, name);
            self.edge(start, to, EdgeKind::Start, None, Some(format!("{ptr}/StartAt")));
        }
        for (state, &from) in m.states.iter().zip(&nodes[1..]) {
            for (kind, name, label, pointer) in transitions(state) {
                let to = target(self, name);
                self.edge(from, to, kind, label, Some(pointer));
            }
            if state.is_terminal() {
                let field = if state.end == Some(true) { "End" } else { "Type" };
                self.edge(from, end, EdgeKind::End, None, Some(format!("{}/{field}", state.pointer)));
            }
        }
        // Missing placeholders sit between the states and End, in name order.
        nodes.extend(missing.values().copied());
        nodes.push(end);

        if let Some(owner) = p.owner {
            let (from, kind) = match self.graph[owner.0].kind {
                NodeKind::Branch { .. } => {
                    (self.graph[owner.0].parent.unwrap_or(owner), EdgeKind::BranchStart)
                }
                _ => (owner, EdgeKind::IterationStart),
            };
            self.edge(from, start, kind, None, None);
        }
        self.mark_unreachable(start, &nodes);
        (
            Scope { kind: p.kind, pointer: ptr.clone(), owner: p.owner, start, end, nodes, depth: p.depth },
            children,
        )
    }

    fn contents<'m>(
        &mut self,
        state: &'m State,
        id: NodeId,
        p: &Pending<'m>,
        children: &mut Vec<Pending<'m>>,
    ) -> Contents {
        match &state.kind {
            StateKind::Map(map) => match &map.item_processor {
                Some(machine) => {
                    let sid = self.new_scope();
                    let kind = ScopeKind::ItemProcessor;
                    children.push(Pending { id: sid, machine, kind, owner: Some(id), depth: p.depth + 1 });
                    Contents::Scope(sid)
                }
                None => Contents::None,
            },
            StateKind::Parallel(par) if !par.branches.is_empty() => {
                let mut branches = Vec::new();
                for (index, machine) in par.branches.iter().enumerate() {
                    let name = format!("Branch {}", index + 1);
                    let ptr = machine.pointer.clone();
                    let branch =
                        self.node(NodeKind::Branch { index }, name, ptr.clone(), Some(ptr), p.id, Some(id));
                    let sid = self.new_scope();
                    self.graph[branch.0].contents = Contents::Scope(sid);
                    let kind = ScopeKind::Branch { index };
                    children.push(Pending {
                        id: sid,
                        machine,
                        kind,
                        owner: Some(branch),
                        depth: p.depth + 1,
                    });
                    branches.push(branch);
                }
                Contents::Branches(branches)
            }
            _ => Contents::None,
        }
    }

    /// Marks states and missing targets that no path from the scope's Start reaches.
    fn mark_unreachable(&mut self, start: NodeId, nodes: &[NodeId]) {
        let mut seen = BTreeSet::from([start]);
        let mut stack = vec![start];
        while let Some(n) = stack.pop() {
            for e in self.graph.edges_directed(n.0, Direction::Outgoing) {
                let to = NodeId(e.target());
                if !e.weight().kind.is_entry() && seen.insert(to) {
                    stack.push(to);
                }
            }
        }
        for &n in nodes {
            let node = &mut self.graph[n.0];
            if matches!(node.kind, NodeKind::State(_) | NodeKind::Missing) && !seen.contains(&n) {
                node.unreachable = true;
            }
        }
    }
}

/// A state's transitions in the order the model lists them: Next, rules, Default, catchers.
fn transitions(state: &State) -> Vec<(EdgeKind, &str, Option<String>, String)> {
    let mut out = Vec::new();
    if let Some(next) = &state.next {
        out.push((EdgeKind::Next, next.as_str(), None, format!("{}/Next", state.pointer)));
    }
    if let StateKind::Choice(choice) = &state.kind {
        for (i, rule) in choice.choices.iter().enumerate() {
            if let Some(next) = &rule.next {
                let ptr = format!("{}/Next", rule.condition.pointer);
                out.push((EdgeKind::ChoiceRule(i), next.as_str(), Some(rule_text(rule)), ptr));
            }
        }
        if let Some(default) = &choice.default {
            let ptr = format!("{}/Default", state.pointer);
            out.push((EdgeKind::Default, default.as_str(), Some("Default".into()), ptr));
        }
    }
    for (i, catcher) in state.catch.iter().enumerate() {
        if let Some(next) = &catcher.next {
            let ptr = format!("{}/Next", catcher.pointer);
            out.push((EdgeKind::Catch(i), next.as_str(), Some(catcher_text(catcher)), ptr));
        }
    }
    out
}
