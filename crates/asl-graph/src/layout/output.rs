//! The geometry (design §2.2): absolute coordinates, top-left origin, y downward, every
//! number on a half-pixel grid so the JSON is byte-stable. Whole numbers print without
//! a fraction (`12`, `12.5`).

use crate::graph::{EdgeId, NodeId};
use asl_model::edit::Transition;
use serde::ser::{SerializeSeq, SerializeTuple};
use serde::{Serialize, Serializer};

/// `[x, y]`.
pub type Point = [f64; 2];

/// A laid-out [`crate::Graph`]: the geometry the canvas and the renderers draw.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Layout {
    /// Width of the whole drawing.
    #[serde(serialize_with = "coord")]
    pub width: f64,
    /// Height of the whole drawing.
    #[serde(serialize_with = "coord")]
    pub height: f64,
    /// Containers come before their contents (draw in this order).
    pub nodes: Vec<LayoutNode>,
    /// Every edge, with its route.
    pub edges: Vec<LayoutEdge>,
}

/// A node's box and what to write in it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutNode {
    /// The graph node (not serialized).
    #[serde(skip)]
    pub node: NodeId,
    /// Unique and stable: the state's JSON pointer, `<scope>#start`, `<scope>#end`, ...
    pub id: String,
    /// The state name (for a missing target: the name it is called by).
    pub state: Option<String>,
    /// `Task`, `Choice`, ..., or `Start`, `End`, `Branch`, `Missing`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Left edge.
    #[serde(serialize_with = "coord")]
    pub x: f64,
    /// Top edge.
    #[serde(serialize_with = "coord")]
    pub y: f64,
    /// Box width.
    #[serde(serialize_with = "coord")]
    pub width: f64,
    /// Box height.
    #[serde(serialize_with = "coord")]
    pub height: f64,
    /// The id of the container around this node.
    pub parent: Option<String>,
    /// The state's (or branch's, or scope's for Start/End) JSON pointer.
    pub pointer: Option<String>,
    /// The text lines to draw: the wrapped name (a container's title).
    pub lines: Vec<String>,
    /// The small line under the name (beside a container's title): the service and
    /// action of a Task (`Lambda: Invoke`), else the type; cut to fit; may be empty.
    pub caption: String,
    /// A Map or Parallel (with its scopes inside), or a Parallel branch.
    pub container: bool,
    /// The title bar at the top of a container (0 otherwise).
    #[serde(serialize_with = "coord")]
    pub title_height: f64,
    /// No path from its scope's Start leads here.
    pub unreachable: bool,
    /// How many containers are around it.
    pub depth: usize,
}

/// An edge's route and label.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutEdge {
    /// The graph edge (not serialized).
    #[serde(skip)]
    pub edge: EdgeId,
    /// The source node's `id`.
    pub from: String,
    /// The target node's `id`.
    pub to: String,
    /// `Start`, `Next`, `Default`, `ChoiceRule`, `Catch`, `End`, `BranchStart`,
    /// `IterationStart` (the names of [`crate::EdgeKind`]).
    #[cfg_attr(
        feature = "ts",
        ts(
            type = r#""Start" | "Next" | "Default" | "ChoiceRule" | "Catch" | "End" | "BranchStart" | "IterationStart""#
        )
    )]
    pub kind: &'static str,
    /// The rule or catcher index.
    pub index: Option<usize>,
    /// The label text, unwrapped (see [`crate::Edge::label`]).
    pub label: Option<String>,
    /// An orthogonal polyline from the source's border to the target's border.
    #[serde(serialize_with = "points")]
    pub points: Vec<Point>,
    /// Where the label goes (centred on the line: draw it with a background).
    pub label_box: Option<Rect>,
    /// The label wrapped to fit `label_box`.
    pub label_lines: Vec<String>,
    /// Goes against the flow (a loop): drawn upward, around the side.
    pub back: bool,
    /// The field that makes this transition (see [`crate::Edge::pointer`]).
    pub pointer: Option<String>,
    /// The transition as edits address it; `None` for edges no edit can insert on or
    /// reconnect (a Succeed's or Fail's end, branch and iteration starts).
    pub transition: Option<EdgeTransition>,
}

/// What an edge is in the document, in the terms of `DocumentEdit::InsertBetween` and
/// `Connect`: the transition `transition` of the state `from` (for `start`, `from` is the
/// scope), which lives in `scope` (where states dropped with it are added).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EdgeTransition {
    /// Pointer of the state (of the scope for `start`).
    pub from: String,
    /// Pointer of the scope the state is in.
    pub scope: String,
    /// Which of the state's transitions.
    pub transition: Transition,
}

/// An axis-aligned rectangle.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    /// Left edge.
    #[serde(serialize_with = "coord")]
    pub x: f64,
    /// Top edge.
    #[serde(serialize_with = "coord")]
    pub y: f64,
    /// Width.
    #[serde(serialize_with = "coord")]
    pub width: f64,
    /// Height.
    #[serde(serialize_with = "coord")]
    pub height: f64,
}

impl Rect {
    /// The right edge, `x + width`.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The bottom edge, `y + height`.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The same rectangle moved by `(dx, dy)`.
    pub fn translate(self, dx: f64, dy: f64) -> Rect {
        Rect { x: self.x + dx, y: self.y + dy, ..self }
    }
}

impl LayoutNode {
    /// The node's box.
    pub fn rect(&self) -> Rect {
        Rect { x: self.x, y: self.y, width: self.width, height: self.height }
    }
}

impl Layout {
    /// Compact JSON, byte-identical for the same input.
    pub fn to_json(&self) -> String {
        // Serializing plain data to a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The node with this `id`.
    pub fn node(&self, id: &str) -> Option<&LayoutNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// Puts every number on the half-pixel grid.
    pub(crate) fn snap(&mut self) {
        self.width = snap(self.width);
        self.height = snap(self.height);
        for n in &mut self.nodes {
            for v in [&mut n.x, &mut n.y, &mut n.width, &mut n.height, &mut n.title_height] {
                *v = snap(*v);
            }
        }
        for e in &mut self.edges {
            for p in &mut e.points {
                p[0] = snap(p[0]);
                p[1] = snap(p[1]);
            }
            // Snapping may make neighbours equal; drop the repeats.
            e.points.dedup();
            if let Some(r) = &mut e.label_box {
                for v in [&mut r.x, &mut r.y, &mut r.width, &mut r.height] {
                    *v = snap(*v);
                }
            }
        }
    }
}

/// Nearest multiple of 0.5, never `-0`.
pub(crate) fn snap(v: f64) -> f64 {
    let r = (v * 2.0).round() / 2.0;
    if r == 0.0 || !r.is_finite() {
        0.0
    } else {
        r
    }
}

fn coord<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

struct Coord(f64);

impl Serialize for Coord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        coord(&self.0, s)
    }
}

fn points<S: Serializer>(v: &[Point], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(v.len()))?;
    for p in v {
        seq.serialize_element(&PointOut(*p))?;
    }
    seq.end()
}

struct PointOut(Point);

impl Serialize for PointOut {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(2)?;
        t.serialize_element(&Coord(self.0[0]))?;
        t.serialize_element(&Coord(self.0[1]))?;
        t.end()
    }
}
