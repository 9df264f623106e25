//! The derived part of a snapshot — states, scopes, problems and layout — computed once
//! per good document.

use crate::dto::{Problem, ScopeInfo, StateInfo, TextRange};
use crate::offsets::Utf16Index;
use asl_graph::{layout, render, Graph, Layout};
use asl_model::model::{QueryLanguage, StateKind, StateMachine};
use asl_model::{Document, Span};

#[derive(Clone, Debug)]
pub struct View {
    pub states: Vec<StateInfo>,
    pub scopes: Vec<ScopeInfo>,
    pub problems: Vec<Problem>,
    pub layout: Layout,
    /// What `layout` was computed from: the next view re-uses it when its graph is equal.
    graph: Graph,
}

impl View {
    /// Nothing to draw: a document whose text has never parsed.
    pub fn empty() -> View {
        View {
            states: Vec::new(),
            scopes: Vec::new(),
            problems: Vec::new(),
            layout: Layout::default(),
            graph: Graph::default(),
        }
    }

    /// The view of `doc`; `previous` (the view before an edit) lends its layout when the
    /// diagram did not change.
    /// For a definition that lives in an IaC template (`machine`), its problems are told
    /// what the template fills in at deploy ([`asl_iac::check`]).
    pub fn of_in(doc: &Document, previous: Option<&View>, machine: Option<&asl_iac::Machine>) -> View {
        View::unless(doc, previous, machine, &|| false).expect("never superseded")
    }

    /// The view, or `None` as soon as `superseded()` says nobody wants it any more
    /// (newer typing arrived): asked between the phases, so a keystroke cancels the work
    /// for the text before it within a phase's time (a few ms at 1,000 states).
    pub fn unless(
        doc: &Document,
        previous: Option<&View>,
        machine: Option<&asl_iac::Machine>,
        superseded: &dyn Fn() -> bool,
    ) -> Option<View> {
        let index = Utf16Index::new(doc.text());
        let mut states = Vec::new();
        let mut scopes = Vec::new();
        let machine_ql = doc.machine().query_language.unwrap_or(QueryLanguage::JsonPath);
        collect(doc, &index, doc.machine(), None, machine_ql, &mut states, &mut scopes);
        if superseded() {
            return None;
        }
        let diagnostics = match machine {
            Some(machine) => asl_iac::check(machine, doc),
            None => asl_check::check(doc),
        };
        let mut problems: Vec<Problem> = diagnostics
            .into_iter()
            .map(|d| Problem {
                state_pointer: innermost_state(&states, &d.pointer),
                range: range(doc, &index, d.span),
                code: d.code.to_owned(),
                severity: d.severity,
                message: d.message,
                pointer: d.pointer,
                caused_by: d.caused_by,
                group_title: None,
                fix: d.fix.map(Into::into),
            })
            .collect();
        group_titles(&mut problems, &states);
        if superseded() {
            return None;
        }
        let graph = Graph::from(doc);
        if superseded() {
            return None;
        }
        // Typing in a field the diagram does not draw (a Comment, Parameters, a path) leaves
        // the graph as it was: its layout stands.
        let layout = match previous {
            Some(p) if p.graph == graph => p.layout.clone(),
            // Text measured as the SVG renderer measures it (DejaVu Sans), which is also the
            // font the UI draws node titles in, so titles fit their boxes on the canvas.
            _ => layout(&graph, &render::layout_options()),
        };
        Some(View { states, scopes, problems, layout, graph })
    }
}

fn collect(
    doc: &Document,
    index: &Utf16Index,
    machine: &StateMachine,
    owner: Option<&str>,
    inherited: QueryLanguage,
    states: &mut Vec<StateInfo>,
    scopes: &mut Vec<ScopeInfo>,
) {
    let scope_ql = machine.query_language.unwrap_or(inherited);
    scopes.push(ScopeInfo {
        pointer: machine.pointer.clone(),
        start_at: machine.start_at.clone(),
        owner: owner.map(str::to_owned),
        query_language: ql_name(scope_ql),
    });
    for state in &machine.states {
        let ql = state.query_language.unwrap_or(scope_ql);
        let json = doc.tree().at(&state.pointer).map(|n| n.to_value()).unwrap_or_default();
        let key = doc.key_span_of(&state.pointer);
        let value = doc.span_of(&state.pointer);
        let span = Span::new(key.start.min(value.start), value.end);
        states.push(StateInfo {
            pointer: state.pointer.clone(),
            name: state.name.clone(),
            type_name: state.type_name.clone().unwrap_or_else(|| state.kind.name().to_owned()),
            scope: machine.pointer.clone(),
            json,
            range: range(doc, index, span),
            query_language: ql_name(ql),
        });
        match &state.kind {
            StateKind::Parallel(p) => {
                for branch in &p.branches {
                    collect(doc, index, branch, Some(&state.pointer), ql, states, scopes);
                }
            }
            StateKind::Map(m) => {
                if let Some(processor) = &m.item_processor {
                    collect(doc, index, processor, Some(&state.pointer), ql, states, scopes);
                }
            }
            _ => {}
        }
    }
}

fn ql_name(ql: QueryLanguage) -> &'static str {
    match ql {
        QueryLanguage::JsonPath => "JSONPath",
        QueryLanguage::Jsonata => "JSONata",
    }
}

pub fn range(doc: &Document, index: &Utf16Index, span: Span) -> TextRange {
    let p = doc.position(span.start);
    TextRange { from: index.utf16(span.start), to: index.utf16(span.end), line: p.line, column: p.column }
}

/// Names what the problems that follow from a root add up to, on the root: "39 states
/// unreachable because "Next" of "Step 10" names a missing state". A root's own
/// pointer names the transition (`…/Next`, `…/Default`, `…/Choices/0/Next`,
/// `…/Catch/1/Next`).
fn group_titles(problems: &mut [Problem], states: &[StateInfo]) {
    let mut members: std::collections::HashMap<&str, (usize, bool)> = std::collections::HashMap::new();
    for p in problems.iter() {
        if let Some(root) = &p.caused_by {
            let entry = members.entry(root.as_str()).or_insert((0, true));
            entry.0 += 1;
            entry.1 &= p.code == "unreachable-state";
        }
    }
    let titles: Vec<(usize, String)> = problems
        .iter()
        .enumerate()
        .filter_map(|(i, root)| {
            let &(n, unreachable) = members.get(root.pointer.as_str())?;
            let state = root.state_pointer.as_deref().unwrap_or("");
            let name = states.iter().find(|s| s.pointer == state).map_or("", |s| s.name.as_str());
            let within = root.pointer.get(state.len()..).unwrap_or("").trim_start_matches('/');
            let transition = match within.split('/').collect::<Vec<_>>().as_slice() {
                ["Choices", i, field] => {
                    format!("\"{field}\" of \"{name}\" (rule {})", i.parse::<usize>().unwrap_or(0) + 1)
                }
                ["Catch", i, field] => {
                    format!("\"{field}\" of \"{name}\" (catcher {})", i.parse::<usize>().unwrap_or(0) + 1)
                }
                _ => format!("\"{within}\" of \"{name}\""),
            };
            let what = match (n, unreachable) {
                (1, true) => "1 state unreachable".to_owned(),
                (n, true) => format!("{n} states unreachable"),
                (1, false) => "1 problem".to_owned(),
                (n, false) => format!("{n} problems"),
            };
            Some((i, format!("{what} because {transition} names a missing state")))
        })
        .collect();
    for (i, title) in titles {
        problems[i].group_title = Some(title);
    }
}

/// The longest state pointer that is `pointer` or a prefix of it at a `/` boundary.
fn innermost_state(states: &[StateInfo], pointer: &str) -> Option<String> {
    states
        .iter()
        .filter(|s| {
            pointer == s.pointer
                || (pointer.starts_with(&s.pointer) && pointer.as_bytes().get(s.pointer.len()) == Some(&b'/'))
        })
        .max_by_key(|s| s.pointer.len())
        .map(|s| s.pointer.clone())
}
