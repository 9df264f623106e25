//! The layered layout: a pure function from a [`Graph`] to geometry, as a flat pipeline
//! of named phases, one module each, run per scope from the innermost out:
//!
//! 1. `acyclic`: break cycles (depth-first back edges are reversed);
//! 2. `rank`: assign layers (longest path, then small pulls);
//! 3. `dummies`: insert dummy nodes on long edges (label boxes ride on them); catchers
//!    into one handler share one trunk of them (`bundle`);
//! 4. `order`: order within layers (barycenter sweeps under Choice-rule constraints);
//! 5. `position`: assign x coordinates (weighted-median placement, straight main path);
//! 6. `route`: route edges orthogonally on tracks between layers, then place layers
//!    vertically;
//! 7. `container`: size containers around their finished contents;
//!
//! and finally the scopes are composed into absolute coordinates, top down.

mod acyclic;
mod bundle;
mod container;
pub mod crossings;
mod dummies;
mod lgraph;
mod options;
mod order;
pub mod output;
mod ports;
mod position;
mod rank;
mod route;
mod sizes;
mod tracks;

pub use options::{estimate_text_width, LayoutOptions, TextWidth};
pub use output::{EdgeTransition, Layout, LayoutEdge, LayoutNode, Point, Rect};
pub(crate) use sizes::line_height;
pub use sizes::{label_box, node_box, TextBox};

use crate::graph::{Contents, EdgeKind, Graph, NodeId, NodeKind};
use asl_model::edit::Transition;
use container::Frames;
use lgraph::LGraph;
use route::{Routed, RoutedEdge};

/// Lays out a graph. Never fails; the same graph and options give the same geometry.
pub fn layout(graph: &Graph, opts: &LayoutOptions) -> Layout {
    let n = graph.node_count();
    let scopes = graph.scopes();
    let mut size = vec![(0.0, 0.0); n];
    // Text of each node: wrapped name lines and caption (a container's are fitted to its
    // final width in `compose`).
    let mut text: Vec<(Vec<String>, String)> = vec![(Vec::new(), String::new()); n];
    for (id, node) in graph.nodes() {
        if !node.is_container() {
            let b = node_box(opts, node);
            size[id.index()] = (b.width, b.height);
            text[id.index()] = (b.lines, b.caption);
        }
    }
    let mut labels: Vec<Option<TextBox>> = vec![None; graph.edge_count()];
    for (eid, _, _, edge) in graph.edges() {
        labels[eid.index()] = edge.label.as_deref().map(|t| label_box(opts, t));
    }

    // Innermost scopes first: a child scope's id is greater than its parent's.
    let mut frames = Frames { scope_offset: vec![(0.0, 0.0); scopes.len()], branch_rect: vec![None; n] };
    let mut scope_size = vec![(0.0, 0.0); scopes.len()];
    let mut routed: Vec<Option<Routed>> = (0..scopes.len()).map(|_| None).collect();
    let mut local = vec![0usize; n];
    for sid in (0..scopes.len()).rev() {
        let scope = &scopes[sid];
        for &id in &scope.nodes {
            if graph.node(id).is_container() {
                size[id.index()] = container::size(graph, id, &scope_size, &mut frames, opts);
            }
        }
        let mut g = LGraph::new(graph, crate::graph::ScopeId::from_index(sid), &size, &labels, &mut local);
        acyclic::run(&mut g);
        rank::run(&mut g);
        dummies::run(&mut g, opts);
        order::run(&mut g, opts);
        position::run(&mut g, opts);
        let r = route::run(&g, opts);
        scope_size[sid] = (r.width, r.height);
        routed[sid] = Some(r);
    }
    compose(graph, opts, &frames, routed, text, &labels)
}

/// Absolute coordinates, top down: a scope's origin follows from its owner's box.
fn compose(
    graph: &Graph,
    opts: &LayoutOptions,
    frames: &Frames,
    routed: Vec<Option<Routed>>,
    mut text: Vec<(Vec<String>, String)>,
    labels: &[Option<TextBox>],
) -> Layout {
    let n = graph.node_count();
    let mut rect = vec![Rect::default(); n];
    let mut edges: Vec<Option<RoutedEdge>> = (0..labels.len()).map(|_| None).collect();
    let (mut width, mut height) = (0.0, 0.0);
    for (sid, r) in routed.into_iter().enumerate() {
        let Some(r) = r else { continue };
        let scope = &graph.scopes()[sid];
        let (ox, oy) = match scope.owner {
            None => {
                width = r.width + 2.0 * opts.margin;
                height = r.height + 2.0 * opts.margin;
                (opts.margin, opts.margin)
            }
            Some(owner) => {
                let (dx, dy) = frames.scope_offset[sid];
                (rect[owner.index()].x + dx, rect[owner.index()].y + dy)
            }
        };
        for (id, b) in r.boxes {
            rect[id.index()] = b.translate(ox, oy);
            if let Contents::Branches(branches) = &graph.node(id).contents {
                for b in branches {
                    let rel = frames.branch_rect[b.index()].unwrap_or_default();
                    rect[b.index()] = rel.translate(rect[id.index()].x, rect[id.index()].y);
                }
            }
        }
        for mut e in r.edges {
            for p in &mut e.points {
                *p = [p[0] + ox, p[1] + oy];
            }
            e.label = e.label.map(|l| l.translate(ox, oy));
            let i = e.id.index();
            edges[i] = Some(e);
        }
    }

    let mut depth = vec![0usize; n];
    let mut nodes = Vec::with_capacity(n);
    for (id, node) in graph.nodes() {
        // Containers come before their contents, so the parent's depth is known.
        depth[id.index()] = node.parent.map_or(0, |p| depth[p.index()] + 1);
        let r = rect[id.index()];
        let title = match node.kind {
            NodeKind::State(_) if node.is_container() => opts.title_height,
            _ => 0.0,
        };
        let (lines, caption) = if node.is_container() {
            let (name, caption) = sizes::fit_title(opts, node, r.width);
            (vec![name], caption)
        } else {
            std::mem::take(&mut text[id.index()])
        };
        nodes.push(LayoutNode {
            node: id,
            id: node.key.clone(),
            state: matches!(node.kind, NodeKind::State(_) | NodeKind::Missing).then(|| node.name.clone()),
            kind: node.kind.type_name(),
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
            parent: node.parent.map(|p| graph.node(p).key.clone()),
            pointer: node.pointer.clone(),
            lines,
            caption,
            container: node.is_container(),
            title_height: title,
            unreachable: node.unreachable,
            depth: depth[id.index()],
        });
    }

    let mut out_edges = Vec::with_capacity(graph.edge_count());
    for (eid, from, to, edge) in graph.edges() {
        let (points, label_box, back) = match edges[eid.index()].take() {
            Some(e) => (e.points, e.label, e.back),
            None => (entry_points(&rect, graph, from, to, opts), None, false),
        };
        out_edges.push(LayoutEdge {
            edge: eid,
            from: graph.node(from).key.clone(),
            to: graph.node(to).key.clone(),
            kind: edge.kind.name(),
            index: edge.kind.index(),
            label: edge.label.clone(),
            points,
            label_box,
            label_lines: labels[eid.index()].as_ref().map(|l| l.lines.clone()).unwrap_or_default(),
            back,
            pointer: edge.pointer.clone(),
            transition: edge_transition(graph, from, edge),
        });
    }
    let mut layout = Layout { width, height, nodes, edges: out_edges };
    layout.snap();
    layout
}

/// The transition an edge draws, as edits address it.
fn edge_transition(graph: &Graph, from: NodeId, edge: &crate::graph::Edge) -> Option<EdgeTransition> {
    let node = graph.node(from);
    let transition = match edge.kind {
        EdgeKind::Start => Transition::Start,
        EdgeKind::Next => Transition::Next,
        EdgeKind::Default => Transition::Default,
        EdgeKind::ChoiceRule(i) => Transition::ChoiceRule(i),
        EdgeKind::Catch(i) => Transition::Catch(i),
        // `"End": true` is where a Next goes; a Succeed or Fail ends by its type.
        EdgeKind::End if edge.pointer.as_deref().is_some_and(|p| p.ends_with("/End")) => Transition::Next,
        EdgeKind::End | EdgeKind::BranchStart | EdgeKind::IterationStart => return None,
    };
    Some(EdgeTransition {
        from: node.pointer.clone()?,
        scope: graph.scope(node.scope).pointer.clone(),
        transition,
    })
}

/// A container's entry edge: straight down from under its title bar to the Start pill.
fn entry_points(rect: &[Rect], graph: &Graph, from: NodeId, to: NodeId, opts: &LayoutOptions) -> Vec<Point> {
    let (c, s) = (rect[from.index()], rect[to.index()]);
    let title = if graph.node(from).is_container() { opts.title_height } else { 0.0 };
    let x = s.x + s.width / 2.0;
    vec![[x, c.y + title], [x, s.y]]
}
