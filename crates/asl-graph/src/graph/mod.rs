//! The state machine as a petgraph [`StableGraph`]: a node per state, a Start and an End
//! node per scope (the machine, each Parallel branch, each Map item processor), and the
//! transitions as typed edges. Parallel and Map states are compound nodes: the states of
//! their scopes name them as `parent`.
//!
//! Invariants the layout relies on:
//! - every transition edge joins two nodes of the same scope (ASL forbids jumping in or
//!   out of a branch; such a target is a `Missing` placeholder of the scope it is named in);
//! - only `BranchStart`/`IterationStart` edges cross scopes, from a container to the Start
//!   of a scope it holds;
//! - a child scope's [`ScopeId`] is greater than its parent's, and a container node's
//!   [`NodeId`] is smaller than the ids of everything inside it.

mod build;
pub mod label;
pub mod service;

use asl_model::model::StateKind;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

/// A node of the [`Graph`]; the petgraph index, as a newtype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(NodeIndex<u32>);

impl NodeId {
    /// The position in petgraph's node storage.
    pub fn index(self) -> usize {
        self.0.index()
    }

    /// The petgraph index.
    pub fn node_index(self) -> NodeIndex<u32> {
        self.0
    }
}

/// An edge of the [`Graph`]; the petgraph index, as a newtype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeId(EdgeIndex<u32>);

impl EdgeId {
    /// The position in petgraph's edge storage.
    pub fn index(self) -> usize {
        self.0.index()
    }

    /// The petgraph index.
    pub fn edge_index(self) -> EdgeIndex<u32> {
        self.0
    }
}

/// A scope: the machine, a Parallel branch or a Map item processor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScopeId(u32);

impl ScopeId {
    /// The machine's own scope, always the first.
    pub const MACHINE: ScopeId = ScopeId(0);

    /// The position in [`Graph::scopes`].
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(i: usize) -> ScopeId {
        ScopeId(i as u32)
    }
}

/// The `Type` of a state, as the ASL spec names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StateType {
    /// `Pass`
    Pass,
    /// `Task`
    Task,
    /// `Choice`
    Choice,
    /// `Wait`
    Wait,
    /// `Succeed`
    Succeed,
    /// `Fail`
    Fail,
    /// `Parallel`
    Parallel,
    /// `Map`
    Map,
    /// Missing or unknown `Type` (a half-written state).
    Unknown,
}

impl StateType {
    /// The type of a model state.
    pub fn of(kind: &StateKind) -> StateType {
        match kind {
            StateKind::Pass(_) => StateType::Pass,
            StateKind::Task(_) => StateType::Task,
            StateKind::Choice(_) => StateType::Choice,
            StateKind::Wait(_) => StateType::Wait,
            StateKind::Succeed => StateType::Succeed,
            StateKind::Fail(_) => StateType::Fail,
            StateKind::Parallel(_) => StateType::Parallel,
            StateKind::Map(_) => StateType::Map,
            StateKind::Unknown => StateType::Unknown,
        }
    }

    /// The ASL `Type` name.
    pub fn name(self) -> &'static str {
        match self {
            StateType::Pass => "Pass",
            StateType::Task => "Task",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
            StateType::Unknown => "Unknown",
        }
    }
}

/// What a [`Node`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// The entry of a scope (its `StartAt` points from here).
    Start,
    /// Where a scope's terminal states (`End`, Succeed, Fail) lead.
    End,
    /// A state of the given type.
    State(StateType),
    /// One branch of a Parallel: a compound node inside the Parallel holding the
    /// branch's scope, so branches sit side by side as separate boxes.
    Branch {
        /// Position of the branch in the Parallel's `Branches`.
        index: usize,
    },
    /// A name some transition targets but no state of the scope has (a dangling
    /// `Next`/`Default`/`StartAt`): shown so a half-drawn machine still draws.
    Missing,
}

impl NodeKind {
    /// The `type` of the geometry output.
    pub fn type_name(self) -> &'static str {
        match self {
            NodeKind::Start => "Start",
            NodeKind::End => "End",
            NodeKind::State(t) => t.name(),
            NodeKind::Branch { .. } => "Branch",
            NodeKind::Missing => "Missing",
        }
    }
}

/// What a compound node holds.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Contents {
    /// Not a compound node.
    #[default]
    None,
    /// A Map's item processor or one Parallel branch.
    Scope(ScopeId),
    /// A Parallel's branch nodes, in definition order.
    Branches(Vec<NodeId>),
}

/// A node of the [`Graph`]: a state, a scope's Start or End, a Parallel branch, or a missing target.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node stands for.
    pub kind: NodeKind,
    /// The state name; "Start"/"End"; "Branch N"; the missing target's name.
    pub name: String,
    /// What the small line under the name says when the type alone would say less: a
    /// Task's service and action (`Lambda: Invoke`), a distributed Map, a misspelt type.
    pub subtitle: Option<String>,
    /// A stable text id, unique in the graph: the JSON pointer of the state or branch,
    /// the scope pointer + `#start`/`#end`, the would-be pointer + `#missing`.
    pub key: String,
    /// Where the node is in the document: the state's or branch's pointer; for Start
    /// and End the pointer of the scope; none for a missing target.
    pub pointer: Option<String>,
    /// The scope this node is a member of (for a Branch node: its Parallel's scope).
    pub scope: ScopeId,
    /// The compound node around it (a Map state or a Branch node), if any.
    pub parent: Option<NodeId>,
    /// What it holds, if it is a compound node (a Map state or a Branch node).
    pub contents: Contents,
    /// No path leads here from its scope's Start.
    pub unreachable: bool,
}

impl Node {
    /// The small line under the name: the subtitle, else the type (`missing` for a
    /// dangling target); empty for Start, End and branches, which show only their name.
    pub fn caption(&self) -> &str {
        match (&self.subtitle, self.kind) {
            (Some(s), _) => s,
            (None, NodeKind::Missing) => "missing",
            (None, NodeKind::State(t)) => t.name(),
            (None, _) => "",
        }
    }

    /// Whether it is a compound node: a Map, a Parallel or a Branch.
    pub fn is_container(&self) -> bool {
        !matches!(self.contents, Contents::None)
    }
}

/// What a transition [`Edge`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// Start -> the `StartAt` state.
    Start,
    /// The state's `Next`.
    Next,
    /// A Choice state's `Default`.
    Default,
    /// The i-th rule of `Choices`.
    ChoiceRule(usize),
    /// The i-th catcher of `Catch`.
    Catch(usize),
    /// A terminal state (`End: true`, Succeed, Fail) -> End.
    End,
    /// A Parallel -> the Start of one of its branches.
    BranchStart,
    /// A Map -> the Start of its item processor.
    IterationStart,
}

impl EdgeKind {
    /// The kind as a name (`"ChoiceRule"`, `"Next"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Start => "Start",
            EdgeKind::Next => "Next",
            EdgeKind::Default => "Default",
            EdgeKind::ChoiceRule(_) => "ChoiceRule",
            EdgeKind::Catch(_) => "Catch",
            EdgeKind::End => "End",
            EdgeKind::BranchStart => "BranchStart",
            EdgeKind::IterationStart => "IterationStart",
        }
    }

    /// The rule or catcher index.
    pub fn index(self) -> Option<usize> {
        match self {
            EdgeKind::ChoiceRule(i) | EdgeKind::Catch(i) => Some(i),
            _ => None,
        }
    }

    /// Entry into a container's scope, not a transition.
    pub fn is_entry(self) -> bool {
        matches!(self, EdgeKind::BranchStart | EdgeKind::IterationStart)
    }
}

/// An edge of the [`Graph`]: a transition, or a container's entry into one of its scopes.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// What the edge is.
    pub kind: EdgeKind,
    /// The readable rule (`$.amount > 100`), the catcher's error names, or "Default".
    pub label: Option<String>,
    /// The field that makes this transition (`.../Next`, `.../Default`, `.../StartAt`,
    /// `.../End`); for Succeed/Fail the state's `Type`.
    pub pointer: Option<String>,
}

/// What a [`Scope`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The top-level StateMachine.
    Machine,
    /// One of a Parallel state's `Branches`.
    Branch {
        /// Position of the branch in `Branches`.
        index: usize,
    },
    /// A Map state's `ItemProcessor` (or `Iterator`).
    ItemProcessor,
}

/// A scope of the [`Graph`]: its own `StartAt`/`States`, with a Start and an End node.
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    /// What the scope is.
    pub kind: ScopeKind,
    /// Pointer of the object holding `StartAt` and `States`.
    pub pointer: String,
    /// The compound node holding this scope (none for the machine).
    pub owner: Option<NodeId>,
    /// The scope's Start node.
    pub start: NodeId,
    /// The scope's End node.
    pub end: NodeId,
    /// Every member: Start, the states in definition order, missing targets, End.
    pub nodes: Vec<NodeId>,
    /// Number of scopes around this one (0 for the machine).
    pub depth: usize,
}

/// The graph of a state machine. Built once from the model; never fails.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    graph: StableGraph<Node, Edge, petgraph::Directed, u32>,
    scopes: Vec<Scope>,
}

/// The same nodes, edges (ends and all) and scopes, in the same order: everything the
/// layout reads, so equal graphs have equal layouts (typing in a field that draws nothing
/// re-uses the last one).
impl PartialEq for Graph {
    fn eq(&self, other: &Graph) -> bool {
        let (a, b) = (&self.graph, &other.graph);
        a.node_count() == b.node_count()
            && a.edge_count() == b.edge_count()
            && self.scopes == other.scopes
            && a.node_indices().eq(b.node_indices())
            && a.node_weights().eq(b.node_weights())
            && a.edge_indices()
                .map(|e| (a.edge_endpoints(e), &a[e]))
                .eq(b.edge_indices().map(|e| (b.edge_endpoints(e), &b[e])))
    }
}

impl Graph {
    /// The graph of a machine (or of any `StartAt`/`States` object of the model).
    pub fn new(machine: &asl_model::model::StateMachine) -> Graph {
        build::build(machine)
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &StableGraph<Node, Edge, petgraph::Directed, u32> {
        &self.graph
    }

    /// The node with this id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.graph[id.0]
    }

    /// The edge with this id.
    pub fn edge(&self, id: EdgeId) -> &Edge {
        &self.graph[id.0]
    }

    /// Source and target of an edge.
    pub fn endpoints(&self, id: EdgeId) -> (NodeId, NodeId) {
        // Edges are never removed, so every EdgeId handed out resolves.
        let (a, b) = self.graph.edge_endpoints(id.0).unwrap_or_default();
        (NodeId(a), NodeId(b))
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every node, in creation order (containers before their contents).
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> + '_ {
        self.graph.node_indices().map(|i| (NodeId(i), &self.graph[i]))
    }

    /// Every edge as (id, source, target, edge), in creation order.
    pub fn edges(&self) -> impl Iterator<Item = (EdgeId, NodeId, NodeId, &Edge)> + '_ {
        self.graph.edge_indices().map(|e| {
            let (a, b) = self.endpoints(EdgeId(e));
            (EdgeId(e), a, b, &self.graph[e])
        })
    }

    /// Outgoing edges of a node, in creation order (Next, rules, Default, catchers, End).
    pub fn outgoing(&self, id: NodeId) -> Vec<(EdgeId, NodeId)> {
        let mut out: Vec<_> = self
            .graph
            .edges_directed(id.0, Direction::Outgoing)
            .map(|e| (EdgeId(e.id()), NodeId(e.target())))
            .collect();
        out.sort_unstable();
        out
    }

    /// The scope with this id.
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.index()]
    }

    /// Every scope; the machine first, a child after its parent.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// The node of the state (or branch) at this JSON pointer.
    pub fn find(&self, pointer: &str) -> Option<NodeId> {
        self.nodes()
            .find(|(_, n)| {
                matches!(n.kind, NodeKind::State(_) | NodeKind::Branch { .. })
                    && n.pointer.as_deref() == Some(pointer)
            })
            .map(|(id, _)| id)
    }

    /// The node with this text id.
    pub fn find_key(&self, key: &str) -> Option<NodeId> {
        self.nodes().find(|(_, n)| n.key == key).map(|(id, _)| id)
    }
}

impl From<&asl_model::Document> for Graph {
    fn from(doc: &asl_model::Document) -> Graph {
        Graph::new(doc.machine())
    }
}

impl From<&asl_model::model::StateMachine> for Graph {
    fn from(machine: &asl_model::model::StateMachine) -> Graph {
        Graph::new(machine)
    }
}
