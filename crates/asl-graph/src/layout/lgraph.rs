//! The working graph of one scope's layered layout: the scope's nodes (containers already
//! sized as single boxes), its transitions, and later the dummy nodes of long edges.
//! Indices are plain `usize` into vectors; the phases fill in fields in turn.

use super::sizes::TextBox;
use crate::graph::{EdgeId, EdgeKind, Graph, NodeId, NodeKind, ScopeId, StateType};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LKind {
    Real(NodeId),
    /// A point a long edge passes through in one layer.
    Dummy,
    /// A dummy that carries the edge's label box.
    Label,
}

#[derive(Clone, Debug)]
pub struct LNode {
    pub kind: LKind,
    pub width: f64,
    pub height: f64,
    /// Room kept free right of the box (self-loops run there).
    pub reserve: f64,
    pub choice: bool,
    pub layer: usize,
    /// Index in its layer.
    pub pos: usize,
    /// Centre x.
    pub x: f64,
    /// A back edge's dummy in the layer of one of its ends: the real node it stays beside.
    pub anchor: Option<usize>,
    /// Neighbours in the layer above / below, with the weight of the segment.
    pub up: Vec<(usize, f64)>,
    pub down: Vec<(usize, f64)>,
}

impl LNode {
    pub fn is_real(&self) -> bool {
        matches!(self.kind, LKind::Real(_))
    }

    /// Has a box that lines must not cross (a state, a pill, a container or a label).
    pub fn is_box(&self) -> bool {
        !matches!(self.kind, LKind::Dummy)
    }
}

#[derive(Clone, Debug)]
pub struct LEdge {
    pub id: EdgeId,
    pub kind: EdgeKind,
    /// Ends in the document's direction.
    pub from: usize,
    pub to: usize,
    /// Layers the edge must span at least (2 when a label needs a layer of its own).
    pub minlen: usize,
    pub weight: f64,
    /// Points up: laid out as `to -> from` to keep the layering acyclic.
    pub reversed: bool,
    pub self_loop: bool,
    /// Over the dummy budget: routed in a lane right of everything.
    pub lane: bool,
    /// Top to bottom in the layering: upper end, dummies, lower end. For a back edge
    /// the dummies include one in each end's layer (its vertical channel).
    pub chain: Vec<usize>,
    pub label: Option<TextBox>,
    pub label_node: Option<usize>,
    /// Member of a [`Bundle`]: (bundle index, index in its trunk where this edge joins).
    /// The chain then ends with the trunk from that index on.
    pub bundle: Option<(usize, usize)>,
}

impl LEdge {
    /// (upper, lower) end in the layering.
    pub fn oriented(&self) -> (usize, usize) {
        if self.reversed {
            (self.to, self.from)
        } else {
            (self.from, self.to)
        }
    }
}

/// Edges of one kind into one node from sources in layers above, sharing one chain of
/// dummies (the trunk) for the common part of their way: each joins the trunk in the
/// layer where its own way starts, and the trunk enters the target once. So the catchers
/// of many states draw as one line into their handler, and cost one dummy per layer
/// instead of one per layer and catcher.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub target: usize,
    /// One dummy per layer, top to bottom, down to the layer right above the target.
    pub trunk: Vec<usize>,
    /// Member edges, by the layer where they join (topmost first).
    pub edges: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct LGraph {
    pub nodes: Vec<LNode>,
    pub edges: Vec<LEdge>,
    pub layers: Vec<Vec<usize>>,
    pub bundles: Vec<Bundle>,
    /// Real nodes are `0..real`; dummies follow.
    pub real: usize,
    pub start: usize,
    pub end: usize,
}

/// How strongly a segment of this kind pulls its ends into line: the main path (Start,
/// Next) stays straight before rule edges, and those before catcher and End edges.
fn kind_weight(kind: EdgeKind) -> f64 {
    match kind {
        EdgeKind::Start | EdgeKind::Next => 4.0,
        EdgeKind::ChoiceRule(_) | EdgeKind::Default => 1.0,
        // A catcher's handler is a side road, and End gathers every terminal state: let
        // them follow their sources, never pull a state off the main path.
        EdgeKind::Catch(_) | EdgeKind::End => 0.5,
        EdgeKind::BranchStart | EdgeKind::IterationStart => 1.0,
    }
}

impl LGraph {
    /// The scope's graph. `size` gives each node's box (by `NodeId::index()`), `labels`
    /// each edge's label box (by `EdgeId::index()`); `local` is scratch space indexed by
    /// `NodeId::index()` (shared across scopes so no map is built per scope).
    pub fn new(
        graph: &Graph,
        scope: ScopeId,
        size: &[(f64, f64)],
        labels: &[Option<TextBox>],
        local: &mut [usize],
    ) -> LGraph {
        let s = graph.scope(scope);
        let mut g = LGraph { real: s.nodes.len(), ..LGraph::default() };
        for (i, &id) in s.nodes.iter().enumerate() {
            local[id.index()] = i;
            let (width, height) = size[id.index()];
            let choice = graph.node(id).kind == NodeKind::State(StateType::Choice);
            g.nodes.push(LNode {
                kind: LKind::Real(id),
                width,
                height,
                reserve: 0.0,
                choice,
                layer: 0,
                pos: 0,
                x: 0.0,
                anchor: None,
                up: Vec::new(),
                down: Vec::new(),
            });
        }
        g.start = local[s.start.index()];
        g.end = local[s.end.index()];
        for &id in &s.nodes {
            for (eid, to) in graph.outgoing(id) {
                let edge = graph.edge(eid);
                if edge.kind.is_entry() {
                    continue;
                }
                let (from, to) = (local[id.index()], local[to.index()]);
                let label = labels[eid.index()].clone();
                g.edges.push(LEdge {
                    id: eid,
                    kind: edge.kind,
                    from,
                    to,
                    minlen: if label.is_some() { 2 } else { 1 },
                    weight: kind_weight(edge.kind),
                    reversed: false,
                    self_loop: from == to,
                    lane: false,
                    chain: Vec::new(),
                    label,
                    label_node: None,
                    bundle: None,
                });
            }
        }
        // A box gets wide enough for each leaving edge to have its own exit (a Choice
        // with hundreds of rules).
        let mut exits = vec![0usize; g.real];
        for e in &g.edges {
            exits[e.from] += 1;
        }
        for (node, k) in g.nodes.iter_mut().zip(exits) {
            node.width = node.width.max(super::ports::min_width(k));
        }
        g
    }

    pub fn add_dummy(&mut self, kind: LKind, layer: usize, width: f64, height: f64) -> usize {
        self.nodes.push(LNode {
            kind,
            width,
            height,
            reserve: 0.0,
            choice: false,
            layer,
            pos: 0,
            x: 0.0,
            anchor: None,
            up: Vec::new(),
            down: Vec::new(),
        });
        self.nodes.len() - 1
    }

    /// Writes each node's `pos` from the layer lists.
    pub fn index_positions(&mut self) {
        for layer in &self.layers {
            for (p, &v) in layer.iter().enumerate() {
                self.nodes[v].pos = p;
            }
        }
    }
}
