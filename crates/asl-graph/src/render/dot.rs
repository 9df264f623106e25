//! A Graphviz `digraph` of the graph: a node per state (shape and colours by type, name
//! in bold over the caption), Map and Parallel as `cluster_` subgraphs with a cluster per
//! branch, labelled transitions, dashed Catch edges. Graphviz lays it out itself.
//!
//! Ids are generated (`n<index>`); every label is an HTML-like label with its text
//! XML-escaped, so no state name can end a string or smuggle in markup. Edges to and
//! from a container attach to the Start/End inside it and are clipped at the cluster
//! (`lhead`/`ltail`), which is how Graphviz draws an edge to a cluster.

use super::cut_label;
use super::font::FONT_FAMILY;
use super::theme::Theme;
use super::xml;
use crate::graph::{Contents, Graph, Node, NodeId, NodeKind, ScopeId};
use std::fmt::Write;

enum Item {
    Node(NodeId),
    Scope(ScopeId),
    /// Closes a cluster, after writing these statements inside it.
    End(String),
}

/// The graph as Graphviz DOT text, in the colours of `theme`.
pub fn dot(graph: &Graph, theme: &Theme) -> String {
    let t = theme;
    let font = FONT_FAMILY.replace('\'', "");
    let mut out = String::from("digraph \"state machine\" {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=TB, compound=true, nodesep=0.35, ranksep=0.45, \
         fontname=\"{font}\", fontsize=12, bgcolor=\"{}\", fontcolor=\"{}\"];",
        t.background.hex(),
        t.text.hex()
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"{font}\", fontsize=12, \
         penwidth=1.5, margin=\"0.18,0.06\", fontcolor=\"{}\"];",
        t.text.hex()
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"{font}\", fontsize=10, color=\"{}\", fontcolor=\"{}\", penwidth=1.2, arrowsize=0.7];",
        t.edge.hex(),
        t.label_text.hex()
    );
    // An explicit work list instead of recursion: nesting depth costs heap, not stack.
    let mut work = vec![Item::Scope(ScopeId::MACHINE)];
    let mut depth = 1;
    while let Some(item) = work.pop() {
        match item {
            Item::Scope(sid) => work.extend(graph.scope(sid).nodes.iter().rev().map(|&n| Item::Node(n))),
            Item::End(trailer) => {
                out.push_str(&trailer);
                depth -= 1;
                let _ = writeln!(out, "{}}}", "  ".repeat(depth));
            }
            Item::Node(id) => {
                let node = graph.node(id);
                let pad = "  ".repeat(depth);
                if !node.is_container() {
                    let _ = writeln!(out, "{pad}n{} [{}];", id.index(), node_attrs(node, t));
                    continue;
                }
                let _ = writeln!(out, "{pad}subgraph cluster_n{} {{", id.index());
                let _ = writeln!(out, "{pad}  {}", cluster_attrs(node, t));
                depth += 1;
                match &node.contents {
                    Contents::Scope(sid) => work.extend([Item::End(String::new()), Item::Scope(*sid)]),
                    Contents::Branches(bs) => {
                        let (head, tail) = anchors(graph, id, bs, &pad);
                        out.push_str(&head);
                        work.push(Item::End(tail));
                        work.extend(bs.iter().rev().map(|&b| Item::Node(b)));
                    }
                    Contents::None => work.push(Item::End(String::new())),
                }
            }
        }
    }
    for (_, from, to, edge) in graph.edges() {
        if edge.kind.is_entry() {
            continue;
        }
        let (tail, ltail) = attach(graph, from, false);
        let (head, lhead) = attach(graph, to, true);
        let mut attrs = Vec::new();
        // A loop from a container to itself would be clipped away entirely.
        if from != to {
            attrs.extend(ltail.map(|c| format!("ltail=cluster_n{c}")));
            attrs.extend(lhead.map(|c| format!("lhead=cluster_n{c}")));
        }
        if let Some(label) = edge.label.as_deref() {
            let color = if edge.kind.name() == "Catch" { t.catch } else { t.label_text };
            let italic = edge.kind.name() == "Default";
            let text = wrap_label(&cut_label(label));
            let text = if italic { format!("<i>{text}</i>") } else { text };
            attrs.push(format!("label=<<font color=\"{}\">{text}</font>>", color.hex()));
        }
        if edge.kind.name() == "Catch" {
            attrs.push(format!("style=dashed, color=\"{}\"", t.catch.hex()));
        }
        if attrs.is_empty() {
            let _ = writeln!(out, "  {tail} -> {head};");
        } else {
            let _ = writeln!(out, "  {tail} -> {head} [{}];", attrs.join(", "));
        }
    }
    out.push_str("}\n");
    out
}

/// Graphviz orders clusters as it likes. A Parallel gets an invisible entry anchor above
/// its branches and an exit anchor below; the entry's invisible edges to the branches'
/// Starts, kept in order (`ordering=out`), lay the branches out left to right in
/// definition order, and edges to or from the Parallel attach to the anchors.
fn anchors(graph: &Graph, id: NodeId, branches: &[NodeId], pad: &str) -> (String, String) {
    let i = id.index();
    let head = format!(
        "{pad}  n{i}_in [shape=point, style=invis, width=0.01, height=0.01, ordering=out];\n\
         {pad}  n{i}_out [shape=point, style=invis, width=0.01, height=0.01];\n"
    );
    let mut tail = String::new();
    for &b in branches {
        if let Contents::Scope(sid) = graph.node(b).contents {
            let s = graph.scope(sid);
            let _ = writeln!(tail, "{pad}  n{i}_in -> n{} [style=invis];", s.start.index());
            let _ = writeln!(tail, "{pad}  n{} -> n{i}_out [style=invis];", s.end.index());
        }
    }
    (head, tail)
}

/// An edge label as XML-escaped lines of about `WIDTH` characters: Graphviz does not wrap.
fn wrap_label(label: &str) -> String {
    const WIDTH: usize = 32;
    let mut lines: Vec<String> = vec![String::new()];
    for word in label.split_whitespace() {
        let cur = lines.last_mut().map_or(0, |l| l.chars().count());
        if cur > 0 && cur + 1 + word.chars().count() > WIDTH {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    lines.iter().map(|l| xml(l)).collect::<Vec<_>>().join("<br/>")
}

/// The node an edge attaches to, with the cluster to clip at: the node itself; for a
/// Map the Start (as a head) or End (as a tail) of its item processor; for a Parallel
/// its invisible entry or exit anchor.
fn attach(graph: &Graph, id: NodeId, head: bool) -> (String, Option<usize>) {
    let node = graph.node(id);
    let i = id.index();
    match &node.contents {
        Contents::Scope(sid) => {
            let s = graph.scope(*sid);
            (format!("n{}", if head { s.start } else { s.end }.index()), Some(i))
        }
        Contents::Branches(_) => (format!("n{i}_{}", if head { "in" } else { "out" }), Some(i)),
        Contents::None => (format!("n{i}"), None),
    }
}

fn node_attrs(node: &Node, t: &Theme) -> String {
    let kind = node.kind.type_name();
    let problem = node.unreachable || matches!(node.kind, NodeKind::Missing);
    let color = if problem { t.problem } else { t.accent(kind) };
    let fill = t.fill(kind).hex();
    let style = if problem { "rounded,filled,dashed" } else { "rounded,filled" };
    match node.kind {
        NodeKind::Start | NodeKind::End => format!(
            "label=<<b>{}</b>>, shape=box, style=\"rounded,filled\", fontsize=10, width=0.6, height=0.3, \
             margin=\"0.12,0.02\", fillcolor=\"{fill}\", color=\"{}\"",
            xml(&node.name),
            color.hex()
        ),
        _ => {
            let shape = if kind == "Choice" { "diamond" } else { "box" };
            let ordering = if kind == "Choice" { ", ordering=out" } else { "" };
            format!(
                "label=<<b>{}</b><br/><font point-size=\"10\" color=\"{}\">{}</font>>, shape={shape}, \
                 style=\"{style}\", fillcolor=\"{fill}\", color=\"{}\"{ordering}",
                xml(&node.name),
                t.muted.hex(),
                xml(node.caption()),
                color.hex()
            )
        }
    }
}

fn cluster_attrs(node: &Node, t: &Theme) -> String {
    match node.kind {
        NodeKind::Branch { .. } => {
            let accent = t.accent("Parallel");
            format!(
                "label=<<font point-size=\"10\" color=\"{}\"><b>{}</b></font>>; labeljust=l; style=\"rounded,filled\"; \
                 fillcolor=\"{}\"; color=\"{}\"; penwidth=1;",
                t.muted.hex(),
                xml(&node.name),
                t.background.hex(),
                accent.mix(t.background, 0.35).hex()
            )
        }
        _ => {
            let kind = node.kind.type_name();
            let color = if node.unreachable { t.problem } else { t.accent(kind) };
            let style = if node.unreachable { "rounded,filled,dashed" } else { "rounded,filled" };
            format!(
                "label=<<b>{}</b>  <font point-size=\"10\" color=\"{}\">{}</font>>; labeljust=l; style=\"{style}\"; \
                 fillcolor=\"{}\"; color=\"{}\"; penwidth=1.5;",
                xml(&node.name),
                t.muted.hex(),
                xml(node.caption()),
                t.container_fill(kind).hex(),
                color.hex()
            )
        }
    }
}
