//! What the UI is sent after a command: the change since the snapshot it holds, not the
//! whole snapshot again. On a 1,000-state machine a snapshot is ~1 MB of JSON; an edit
//! changes a few hundred bytes of it (the text around the edit, one state, a node or two),
//! and serializing, sending and parsing the rest cost more than the edit itself (issue #6).
//!
//! A [`SnapshotDelta`] names the revision it applies to (`base`); the UI merges it into its
//! snapshot of that revision, or asks for the whole snapshot when it holds another one.
//! Mirrored in `ui/src/store/delta.ts` (`applyDelta`); change both together.

use crate::dto::{FormatDto, Problem, ScopeInfo, Snapshot, StateInfo, TextRange};
use asl_graph::{LayoutEdge, LayoutNode};
use serde::Serialize;
use std::collections::HashMap;

/// The answer to a command that changes the document.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Update {
    Full(Box<Snapshot>),
    Delta(Box<SnapshotDelta>),
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotDelta {
    /// The revision of the snapshot this delta applies to.
    pub base: u64,
    pub revision: u64,
    pub path: Option<String>,
    pub title: String,
    pub format: FormatDto,
    pub dirty: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub parse_error: Option<Problem>,
    pub text: TextSplice,
    /// How the text ranges of kept states and problems moved (see [`Shift::apply`]).
    pub shift: Shift,
    pub states: Vec<Part<StateInfo>>,
    /// A few entries (one per scope): always sent whole.
    pub scopes: Vec<ScopeInfo>,
    pub problems: Vec<Part<Problem>>,
    pub layout_width: f64,
    pub layout_height: f64,
    pub nodes: Vec<Part<LayoutNode>>,
    pub edges: Vec<Part<LayoutEdge>>,
}

/// The new text is the old one with UTF-16 units `from..to` replaced by `insert`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextSplice {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// A text edit's effect on ranges after it: offsets at or past `at` (UTF-16, old text)
/// move by `by` units, and a range starting there moves by `lines` lines (its column
/// stays). Ranges the rule gets wrong (e.g. one starting on the edited line) are sent
/// whole, so the rule only has to be right most of the time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shift {
    pub at: usize,
    pub by: i64,
    pub lines: i64,
}

impl Shift {
    pub fn apply(&self, r: TextRange) -> TextRange {
        let moved = |o: usize| if o >= self.at { (o as i64 + self.by) as usize } else { o };
        let line = if r.from >= self.at { (r.line as i64 + self.lines) as usize } else { r.line };
        TextRange { from: moved(r.from), to: moved(r.to), line, column: r.column }
    }
}

/// A run of the new list: `old` items `[from, from + count)` of the previous list (their
/// ranges shifted), or `new` items sent whole.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part<T> {
    Old(usize, usize),
    New(Vec<T>),
}

pub type Key<'a> = (&'a str, &'a str, &'a str);

/// What a list item is matched and compared by.
pub trait Item: Clone + PartialEq {
    /// Items with different keys are never the same item (a hint: equality decides).
    /// Borrowed parts, so matching a thousand items allocates no strings.
    fn key(&self) -> Key<'_>;
    /// This item with its text range shifted (items without one are unchanged).
    fn shifted(&self, _shift: &Shift) -> Option<TextRange> {
        None
    }
    /// `self` shifted equals `new`.
    fn same_after(&self, new: &Self, shift: &Shift) -> bool;
}

impl Item for StateInfo {
    fn key(&self) -> Key<'_> {
        (&self.pointer, "", "")
    }
    fn shifted(&self, shift: &Shift) -> Option<TextRange> {
        Some(shift.apply(self.range))
    }
    fn same_after(&self, new: &Self, shift: &Shift) -> bool {
        shift.apply(self.range) == new.range
            && self.pointer == new.pointer
            && self.name == new.name
            && self.type_name == new.type_name
            && self.scope == new.scope
            && self.query_language == new.query_language
            && self.json == new.json
    }
}

impl Item for Problem {
    fn key(&self) -> Key<'_> {
        (&self.pointer, &self.code, "")
    }
    fn shifted(&self, shift: &Shift) -> Option<TextRange> {
        Some(shift.apply(self.range))
    }
    fn same_after(&self, new: &Self, shift: &Shift) -> bool {
        shift.apply(self.range) == new.range
            && self.code == new.code
            && self.severity == new.severity
            && self.message == new.message
            && self.pointer == new.pointer
            && self.state_pointer == new.state_pointer
    }
}

impl Item for LayoutNode {
    fn key(&self) -> Key<'_> {
        (&self.id, "", "")
    }
    fn same_after(&self, new: &Self, _: &Shift) -> bool {
        self == new
    }
}

impl Item for LayoutEdge {
    fn key(&self) -> Key<'_> {
        (&self.from, &self.to, self.kind)
    }
    fn same_after(&self, new: &Self, _: &Shift) -> bool {
        self == new
    }
}

/// `new` as runs of `old` items and new ones. Each new item is looked up by key among the
/// old ones (the next old item first: lists mostly keep their order).
pub fn diff_list<T: Item>(old: &[T], new: &[T], shift: &Shift) -> Vec<Part<T>> {
    // Built at the first item that is not the next old one: after most edits, never.
    let mut by_key: Option<HashMap<Key<'_>, Vec<usize>>> = None;
    let mut parts: Vec<Part<T>> = Vec::new();
    let mut next_old = 0;
    for item in new {
        let found = if old.get(next_old).is_some_and(|o| o.same_after(item, shift)) {
            Some(next_old)
        } else {
            let by_key = by_key.get_or_insert_with(|| {
                let mut map: HashMap<Key<'_>, Vec<usize>> = HashMap::with_capacity(old.len());
                for (i, o) in old.iter().enumerate() {
                    map.entry(o.key()).or_default().push(i);
                }
                map
            });
            by_key.get(&item.key()).and_then(|c| c.iter().copied().find(|&i| old[i].same_after(item, shift)))
        };
        match (found, parts.last_mut()) {
            (Some(i), Some(Part::Old(from, count))) if *from + *count == i => *count += 1,
            (Some(i), _) => parts.push(Part::Old(i, 1)),
            (None, Some(Part::New(items))) => items.push(item.clone()),
            (None, _) => parts.push(Part::New(vec![item.clone()])),
        }
        next_old = found.map_or(next_old + 1, |i| i + 1);
    }
    parts
}

/// The list `parts` describe, from `old` (what the UI does; here for tests).
pub fn apply_list<T: Item>(
    old: &[T],
    parts: &[Part<T>],
    shift: &Shift,
    set_range: fn(&mut T, TextRange),
) -> Vec<T> {
    let mut out = Vec::new();
    for part in parts {
        match part {
            Part::Old(from, count) => out.extend(old[*from..*from + *count].iter().map(|o| {
                let mut item = o.clone();
                if let Some(r) = o.shifted(shift) {
                    set_range(&mut item, r);
                }
                item
            })),
            Part::New(items) => out.extend(items.iter().cloned()),
        }
    }
    out
}

/// The one splice turning `old` into `new` (common prefix and suffix kept), with the
/// shift it causes, in UTF-16 units as the UI counts.
pub fn splice(old: &str, new: &str) -> (TextSplice, Shift) {
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(room).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let removed = &old[prefix..old.len() - suffix];
    let insert = &new[prefix..new.len() - suffix];
    let from = utf16_len(&old[..prefix]);
    let to = from + utf16_len(removed);
    let lines = |s: &str| s.bytes().filter(|&b| b == b'\n').count() as i64;
    let shift = Shift {
        at: to,
        by: utf16_len(insert) as i64 - utf16_len(removed) as i64,
        lines: lines(insert) - lines(removed),
    };
    (TextSplice { from, to, insert: insert.to_owned() }, shift)
}

fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

impl SnapshotDelta {
    /// The change from `old` to `new` (two snapshots of one session).
    pub fn between(old: &Snapshot, new: &Snapshot) -> SnapshotDelta {
        let (text, shift) = splice(&old.text, &new.text);
        SnapshotDelta {
            base: old.revision,
            revision: new.revision,
            path: new.path.clone(),
            title: new.title.clone(),
            format: new.format,
            dirty: new.dirty,
            can_undo: new.can_undo,
            can_redo: new.can_redo,
            parse_error: new.parse_error.clone(),
            text,
            shift,
            states: diff_list(&old.states, &new.states, &shift),
            scopes: new.scopes.clone(),
            problems: diff_list(&old.problems, &new.problems, &shift),
            layout_width: new.layout.width,
            layout_height: new.layout.height,
            nodes: diff_list(&old.layout.nodes, &new.layout.nodes, &shift),
            edges: diff_list(&old.layout.edges, &new.layout.edges, &shift),
        }
    }

    /// The snapshot this delta makes of `old` (what the UI does; here for tests).
    pub fn apply(&self, old: &Snapshot) -> Snapshot {
        let mut units: Vec<u16> = old.text.encode_utf16().collect();
        units.splice(self.text.from..self.text.to, self.text.insert.encode_utf16());
        let mut layout = old.layout.clone();
        layout.width = self.layout_width;
        layout.height = self.layout_height;
        layout.nodes = apply_list(&old.layout.nodes, &self.nodes, &self.shift, |_, _| ());
        layout.edges = apply_list(&old.layout.edges, &self.edges, &self.shift, |_, _| ());
        Snapshot {
            revision: self.revision,
            path: self.path.clone(),
            title: self.title.clone(),
            format: self.format,
            text: String::from_utf16(&units).expect("a splice at character boundaries"),
            dirty: self.dirty,
            can_undo: self.can_undo,
            can_redo: self.can_redo,
            parse_error: self.parse_error.clone(),
            states: apply_list(&old.states, &self.states, &self.shift, |s, r| s.range = r),
            scopes: self.scopes.clone(),
            problems: apply_list(&old.problems, &self.problems, &self.shift, |p, r| p.range = r),
            layout,
        }
    }
}
