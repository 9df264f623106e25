//! A Mermaid `flowchart TD` of the graph, for GitHub markdown: a node per state (Choice
//! as a rhombus, Start as a stadium, End as a circle), Map and Parallel as subgraphs
//! with a subgraph per branch, labelled transitions, dashed Catch edges, and colours as
//! `classDef`s. Mermaid lays it out itself.
//!
//! Node ids are generated (`n<index>`), never taken from state names, which may hold any
//! character; names go into quoted labels with Mermaid's entity codes (`#quot;`, ...).

use super::cut_label;
use super::theme::Theme;
use crate::graph::{Contents, Graph, Node, NodeId, NodeKind, ScopeId};
use std::fmt::Write;

/// The classes, in the order their `classDef`s are written; the last ones win, so
/// problems show over the type colours.
const CLASSES: [(&str, &str); 11] = [
    ("task", "Task"),
    ("pass", "Pass"),
    ("choice", "Choice"),
    ("wait", "Wait"),
    ("succeed", "Succeed"),
    ("fail", "Fail"),
    ("parallel", "Parallel"),
    ("map", "Map"),
    ("terminal", "Start"),
    ("missing", "Missing"),
    ("unreachable", ""),
];

enum Item {
    Node(NodeId),
    Scope(ScopeId),
    End,
}

/// The graph as Mermaid text (light colours with explicit text colour, so it reads on
/// GitHub's light and dark pages alike).
pub fn mermaid(graph: &Graph) -> String {
    let theme = Theme::light();
    let mut out = String::from("flowchart TD\n");
    let mut classes: Vec<Vec<String>> = vec![Vec::new(); CLASSES.len()];
    // An explicit work list instead of recursion: nesting depth costs heap, not stack.
    let mut work = vec![Item::Scope(ScopeId::MACHINE)];
    let mut depth = 1;
    while let Some(item) = work.pop() {
        match item {
            Item::Scope(sid) => work.extend(graph.scope(sid).nodes.iter().rev().map(|&n| Item::Node(n))),
            Item::End => {
                depth -= 1;
                let _ = writeln!(out, "{}end", indent(depth));
            }
            Item::Node(id) => {
                let node = graph.node(id);
                let pad = indent(depth);
                if let Some(class) = class_of(node) {
                    classes[class].push(format!("n{}", id.index()));
                }
                if node.unreachable {
                    classes[CLASSES.len() - 1].push(format!("n{}", id.index()));
                }
                if !node.is_container() {
                    let _ = writeln!(out, "{pad}{}", shape(id, node));
                    continue;
                }
                let title = match node.kind {
                    NodeKind::Branch { .. } => node.name.clone(),
                    _ => format!("{} · {}", node.name, node.caption()),
                };
                let _ = writeln!(out, "{pad}subgraph n{}[\"{}\"]", id.index(), text(&title));
                let _ = writeln!(out, "{pad}  direction TB");
                depth += 1;
                work.push(Item::End);
                match &node.contents {
                    Contents::Scope(sid) => work.push(Item::Scope(*sid)),
                    Contents::Branches(bs) => work.extend(bs.iter().rev().map(|&b| Item::Node(b))),
                    Contents::None => {}
                }
            }
        }
    }
    for (_, from, to, edge) in graph.edges() {
        if edge.kind.is_entry() {
            continue;
        }
        let arrow = if edge.kind.name() == "Catch" { "-.->" } else { "-->" };
        let (a, b) = (from.index(), to.index());
        match edge.label.as_deref() {
            Some(l) => {
                let _ = writeln!(out, "  n{a} {arrow}|\"{}\"| n{b}", text(&cut_label(l)));
            }
            None => {
                let _ = writeln!(out, "  n{a} {arrow} n{b}");
            }
        }
    }
    for (i, (class, kind)) in CLASSES.iter().enumerate() {
        let _ = writeln!(out, "  classDef {class} {}", class_style(&theme, kind));
        if !classes[i].is_empty() {
            let _ = writeln!(out, "  class {} {class}", classes[i].join(","));
        }
    }
    out
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

fn class_of(node: &Node) -> Option<usize> {
    let kind = match node.kind {
        NodeKind::Start | NodeKind::End => "Start",
        NodeKind::Branch { .. } => return None,
        k => k.type_name(),
    };
    CLASSES.iter().position(|(_, k)| *k == kind)
}

fn class_style(t: &Theme, kind: &str) -> String {
    if kind.is_empty() {
        // Unreachable: keep the type's fill, mark the border.
        return format!("stroke:{},stroke-width:2px,stroke-dasharray:5 4", t.problem.hex());
    }
    let accent = t.accent(kind).hex();
    let fill = match kind {
        "Parallel" | "Map" => t.container_fill(kind),
        _ => t.fill(kind),
    };
    let mut s = format!("fill:{},stroke:{accent},stroke-width:1.5px,color:{}", fill.hex(), t.text.hex());
    if kind == "Missing" {
        s.push_str(",stroke-dasharray:5 4");
    }
    s
}

/// A node statement: id, shape and label (name, then the caption on a second line).
fn shape(id: NodeId, node: &Node) -> String {
    let i = id.index();
    match node.kind {
        NodeKind::Start => format!("n{i}([\"{}\"])", text(&node.name)),
        NodeKind::End => format!("n{i}((\"{}\"))", text(&node.name)),
        NodeKind::State(_) | NodeKind::Missing | NodeKind::Branch { .. } => {
            let label = format!("{}<br/>{}", text(&node.name), small(node.caption()));
            if node.kind.type_name() == "Choice" {
                format!("n{i}{{\"{label}\"}}")
            } else {
                format!("n{i}[\"{label}\"]")
            }
        }
    }
}

/// The caption in a smaller, muted face (Mermaid keeps `<small>` in strict mode).
fn small(caption: &str) -> String {
    format!("<small>{}</small>", text(caption))
}

/// Text for inside a quoted Mermaid label. Mermaid reads `#name;` as an entity, so every
/// character that could end the string, open markup or start an entity is written as
/// one; line breaks become spaces.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_everything_that_means_something() {
        assert_eq!(
            text(r#"a "b" <c> & #d; `e` |f|"#),
            "a #quot;b#quot; #lt;c#gt; #amp; #35;d; #96;e#96; #124;f#124;"
        );
        assert_eq!(text("two\nlines"), "two lines");
    }
}
