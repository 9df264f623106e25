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
use asl_model::edit::{diff, Splice};
use serde::Serialize;
use std::collections::HashMap;

/// The answer to a command that changes the document.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Update {
    Full(Box<Snapshot>),
    Delta(Box<SnapshotDelta>),
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// The new text: the old one with these splices made (all on the old text, in
    /// order). An edit's own splices when the change was edits, undo or redo; the diff
    /// of the two texts otherwise (typed or reloaded text). The code view applies them.
    pub splices: Vec<TextSplice>,
    /// How the text ranges of kept states and problems moved (see [`Shifts::apply`]).
    pub shifts: Shifts,
    pub states: Vec<Part<StateInfo>>,
    /// A few entries (one per scope): always sent whole.
    pub scopes: Vec<ScopeInfo>,
    pub problems: Vec<Part<Problem>>,
    pub layout_width: f64,
    pub layout_height: f64,
    pub nodes: Vec<Part<LayoutNode>>,
    pub edges: Vec<Part<LayoutEdge>>,
}

/// UTF-16 units `from..to` of the old text replaced by `insert`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shift {
    pub at: usize,
    pub by: i64,
    pub lines: i64,
}

impl Shift {
    pub fn apply(&self, r: TextRange) -> TextRange {
        Shifts(vec![*self]).apply(r)
    }
}

/// The shifts of several splices, in order, each one counting the splices before it: an
/// offset moves by the last one at or before it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Shifts(pub Vec<Shift>);

impl Shifts {
    fn at(&self, offset: usize) -> Option<&Shift> {
        self.0.iter().take_while(|s| s.at <= offset).last()
    }

    pub fn apply(&self, r: TextRange) -> TextRange {
        let moved = |o: usize| self.at(o).map_or(o, |s| (o as i64 + s.by) as usize);
        let line = self.at(r.from).map_or(r.line, |s| (r.line as i64 + s.lines) as usize);
        TextRange { from: moved(r.from), to: moved(r.to), line, column: r.column }
    }
}

/// A run of the new list: `old` items `[from, from + count)` of the previous list (their
/// ranges shifted), or `new` items sent whole.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    fn shifted(&self, _shift: &Shifts) -> Option<TextRange> {
        None
    }
    /// `self` shifted equals `new`.
    fn same_after(&self, new: &Self, shift: &Shifts) -> bool;
}

impl Item for StateInfo {
    fn key(&self) -> Key<'_> {
        (&self.pointer, "", "")
    }
    fn shifted(&self, shift: &Shifts) -> Option<TextRange> {
        Some(shift.apply(self.range))
    }
    fn same_after(&self, new: &Self, shift: &Shifts) -> bool {
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
    fn shifted(&self, shift: &Shifts) -> Option<TextRange> {
        Some(shift.apply(self.range))
    }
    fn same_after(&self, new: &Self, shift: &Shifts) -> bool {
        shift.apply(self.range) == new.range
            && self.code == new.code
            && self.severity == new.severity
            && self.message == new.message
            && self.pointer == new.pointer
            && self.state_pointer == new.state_pointer
            && self.caused_by == new.caused_by
            && self.group_title == new.group_title
            && self.fix == new.fix
    }
}

impl Item for LayoutNode {
    fn key(&self) -> Key<'_> {
        (&self.id, "", "")
    }
    fn same_after(&self, new: &Self, _: &Shifts) -> bool {
        self == new
    }
}

impl Item for LayoutEdge {
    fn key(&self) -> Key<'_> {
        (&self.from, &self.to, self.kind)
    }
    fn same_after(&self, new: &Self, _: &Shifts) -> bool {
        self == new
    }
}

/// `new` as runs of `old` items and new ones. Each new item is looked up by key among the
/// old ones (the next old item first: lists mostly keep their order).
pub fn diff_list<T: Item>(old: &[T], new: &[T], shift: &Shifts) -> Vec<Part<T>> {
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
    shift: &Shifts,
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

/// `splices` (bytes, on `old`) in UTF-16 units as the UI counts, with the shifts they
/// cause.
pub fn text_change(old: &str, splices: &[Splice]) -> (Vec<TextSplice>, Shifts) {
    let ascii = old.is_ascii();
    let (mut byte, mut unit) = (0, 0);
    // Splices are in order: one pass over the text converts them all.
    let mut to_unit = |offset: usize| {
        if ascii {
            return offset;
        }
        unit += utf16_len(&old[byte..offset]);
        byte = offset;
        unit
    };
    let lines = |s: &str| s.bytes().filter(|&b| b == b'\n').count() as i64;
    let (mut out, mut shifts) = (Vec::with_capacity(splices.len()), Vec::with_capacity(splices.len()));
    let (mut by, mut moved_lines) = (0, 0);
    for s in splices {
        let from = to_unit(s.start);
        let to = to_unit(s.end);
        let removed = &old[s.start..s.end];
        by += utf16_len(&s.text) as i64 - (to - from) as i64;
        moved_lines += lines(&s.text) - lines(removed);
        shifts.push(Shift { at: to, by, lines: moved_lines });
        out.push(TextSplice { from, to, insert: s.text.clone() });
    }
    (out, Shifts(shifts))
}

fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

impl SnapshotDelta {
    /// The change from `old` to `new` (two snapshots of one session), the text found by
    /// diffing.
    pub fn between(old: &Snapshot, new: &Snapshot) -> SnapshotDelta {
        SnapshotDelta::between_spliced(old, new, None)
    }

    /// The change from `old` to `new`, given the splices that made the new text when they
    /// are known (the edits'), else found by diffing.
    pub fn between_spliced(old: &Snapshot, new: &Snapshot, splices: Option<&[Splice]>) -> SnapshotDelta {
        let (splices, shift) = match splices {
            Some(splices) => text_change(&old.text, splices),
            None => text_change(&old.text, &diff(&old.text, &new.text)),
        };
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
            splices,
            shifts: shift.clone(),
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
        for s in self.splices.iter().rev() {
            units.splice(s.from..s.to, s.insert.encode_utf16());
        }
        let mut layout = old.layout.clone();
        layout.width = self.layout_width;
        layout.height = self.layout_height;
        layout.nodes = apply_list(&old.layout.nodes, &self.nodes, &self.shifts, |_, _| ());
        layout.edges = apply_list(&old.layout.edges, &self.edges, &self.shifts, |_, _| ());
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
            states: apply_list(&old.states, &self.states, &self.shifts, |s, r| s.range = r),
            scopes: self.scopes.clone(),
            problems: apply_list(&old.problems, &self.problems, &self.shifts, |p, r| p.range = r),
            layout,
        }
    }
}
