//! The state machine as a graph, laid out: `Document` -> [`Graph`] -> [`layout()`] ->
//! [`Layout`] (the geometry JSON of design §2.2, for the canvas and the renderers).
//!
//! The [`Graph`] is a petgraph `StableGraph` with a node per state, Start and End nodes
//! per scope, typed transitions, and Parallel branches and Map item processors as nested
//! scopes. Dangling targets show as `Missing` nodes and unreachable states are flagged,
//! so a half-written machine still draws.
//!
//! [`layout()`] is our own layered pipeline (break cycles, assign layers, insert dummies,
//! order within layers, place, route, size containers), linear-ish in the machine's size
//! and deterministic.
//!
//! [`render`] draws a [`Layout`] as a self-contained SVG in Workflow Studio's look, and
//! writes the [`Graph`] as Mermaid (`flowchart TD`) or Graphviz DOT.
//!
//! ```
//! use asl_graph::{layout, Graph, LayoutOptions};
//! use asl_model::{Document, Format};
//!
//! let text = r#"{
//!   "StartAt": "Check",
//!   "States": {
//!     "Check": {"Type": "Choice", "Choices": [
//!         {"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "Approve"}
//!       ], "Default": "Done"},
//!     "Approve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done"},
//!     "Done": {"Type": "Succeed"}
//!   }
//! }"#;
//! let doc = Document::parse(text, Format::Json).unwrap();
//! let graph = Graph::from(&doc);
//! let geometry = layout(&graph, &LayoutOptions::default());
//!
//! let rule = geometry.edges.iter().find(|e| e.kind == "ChoiceRule").unwrap();
//! assert_eq!(rule.label.as_deref(), Some("$.amount > 100"));
//! let check = geometry.node("/States/Check").unwrap();
//! let approve = geometry.node("/States/Approve").unwrap();
//! assert!(approve.y > check.y); // the flow goes down
//! assert!(geometry.to_json().starts_with(r#"{"width":"#));
//! ```
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod graph;
pub mod layout;
pub mod render;

pub use graph::{
    Contents, Edge, EdgeId, EdgeKind, Graph, Node, NodeId, NodeKind, Scope, ScopeId, ScopeKind, StateType,
};
pub use layout::crossings::crossings;
pub use layout::{layout, EdgeTransition, Layout, LayoutEdge, LayoutNode, LayoutOptions, Point, Rect};
