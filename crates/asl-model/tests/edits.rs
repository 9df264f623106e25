//! Golden tests for every `DocumentEdit`: each applies one edit to a hand-formatted
//! machine and asserts the exact line diff, because the product promises that a one-field
//! edit changes one line in `git diff`, that untouched lines keep their bytes and that new
//! JSON is indented like its neighbours.
//!
//! A diff lists removed lines (`-N:` numbered in the old text) and added lines (`+N:` in
//! the new text); a tab shows as `\t`, a carriage return as `\r`, and a last line without
//! a line break ends with `[no eol]`.

#[path = "edits/bad.rs"]
mod bad;
#[path = "edits/fields.rs"]
mod fields;
#[path = "edits/history.rs"]
mod history;
#[path = "edits/items.rs"]
mod items;
#[path = "edits/props.rs"]
mod props;
#[path = "edits/splices.rs"]
mod splices;
#[path = "edits/states.rs"]
mod states;
#[path = "edits/styles.rs"]
mod styles;
#[path = "edits/transitions.rs"]
mod transitions;
#[path = "edits/yaml.rs"]
mod yaml;
#[path = "edits/yaml_cases.rs"]
mod yaml_cases;
#[path = "edits/yaml_corpus.rs"]
mod yaml_corpus;
#[path = "edits/yaml_fuzzed.rs"]
mod yaml_fuzzed;
#[path = "edits/yaml_text.rs"]
mod yaml_text;

use asl_model::edit::{apply_splices, ItemList, Transition};
use asl_model::{Document, DocumentEdit, EditError, Format};
use serde_json::Value;

/// A realistic machine, 2-space indented, with a Choice, Retry/Catch, a Parallel and a Map.
pub const MACHINE: &str = include_str!("edits/machine.json");
/// JSONC: `//` and `/* */` comments, trailing commas, one-line items.
pub const ETL: &str = include_str!("edits/etl.jsonc");

/// The same text with each leading space doubled (4-space indent).
pub fn four_spaces(text: &str) -> String {
    map_indent(text, |n| " ".repeat(n * 2))
}

/// The same text indented with one tab per two leading spaces.
pub fn tabs(text: &str) -> String {
    map_indent(text, |n| "\t".repeat(n / 2))
}

pub fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn map_indent(text: &str, f: impl Fn(usize) -> String) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let n = line.len() - line.trim_start_matches(' ').len();
            format!("{}{}", f(n), &line[n..])
        })
        .collect()
}

/// Parses `text`, checking that open + save with no edit is byte-identical.
pub fn open(text: &str) -> Document {
    let doc = Document::parse(text, Format::Json).unwrap_or_else(|e| panic!("fixture does not parse: {e}"));
    assert_eq!(doc.text(), text, "a parsed document must keep its text");
    doc
}

/// Applies one edit to `text` and asserts the diff; returns the new document.
#[track_caller]
pub fn check(text: &str, edit: DocumentEdit, expected: &str) -> Document {
    let new = apply(text, &edit);
    let got = diff(text, new.text());
    let want = expected.trim();
    if got.trim_end() != want {
        panic!("{edit:?}\n--- expected diff\n{want}\n--- actual diff\n{got}\n--- new text\n{}", new.text());
    }
    new
}

/// Applies one edit, checking that the splices it reports make its new text of the old.
#[track_caller]
pub fn apply(text: &str, edit: &DocumentEdit) -> Document {
    let applied = open(text).apply_spliced(edit).unwrap_or_else(|e| panic!("{edit:?} failed: {e}"));
    assert_eq!(apply_splices(text, &applied.splices), applied.document.text(), "{edit:?}: its splices");
    applied.document
}

#[track_caller]
pub fn refuse(text: &str, edit: DocumentEdit) -> EditError {
    match open(text).apply(&edit) {
        Ok(doc) => panic!("{edit:?} should fail, gave:\n{}", diff(text, doc.text())),
        Err(e) => e,
    }
}

/// A line diff (longest common subsequence): removed lines with their old numbers, added
/// lines with their new numbers, in text order.
pub fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j == b.len() || i < a.len() && lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push_str(&format!("-{}: {}\n", i + 1, show(a[i])));
            i += 1;
        } else {
            out.push_str(&format!("+{}: {}\n", j + 1, show(b[j])));
            j += 1;
        }
    }
    out
}

fn show(line: &str) -> String {
    let (body, eol) = match line.strip_suffix('\n') {
        Some(body) => (body, ""),
        None => (line, " [no eol]"),
    };
    let (body, cr) = match body.strip_suffix('\r') {
        Some(body) => (body, "\\r"),
        None => (body, ""),
    };
    format!("{}{cr}{eol}", body.replace('\t', "\\t"))
}

/// How many lines differ (removed + added).
pub fn changed_lines(old: &str, new: &str) -> usize {
    diff(old, new).lines().count()
}

// Short constructors, so each test reads as the edit it makes.

pub fn add(scope: &str, name: &str, state: Value) -> DocumentEdit {
    DocumentEdit::AddState { scope: scope.into(), name: name.into(), state }
}

pub fn insert_between(from: &str, transition: Transition, name: &str, state: Value) -> DocumentEdit {
    DocumentEdit::InsertBetween { from: from.into(), transition, name: name.into(), state }
}

pub fn connect(from: &str, transition: Transition, target: &str) -> DocumentEdit {
    DocumentEdit::Connect { from: from.into(), transition, target: target.into() }
}

pub fn disconnect(from: &str, transition: Transition) -> DocumentEdit {
    DocumentEdit::Disconnect { from: from.into(), transition }
}

pub fn set(pointer: &str, value: Value) -> DocumentEdit {
    DocumentEdit::SetField { pointer: pointer.into(), value }
}

pub fn remove(pointer: &str) -> DocumentEdit {
    DocumentEdit::RemoveField { pointer: pointer.into() }
}

pub fn rename(pointer: &str, new_name: &str) -> DocumentEdit {
    DocumentEdit::RenameState { pointer: pointer.into(), new_name: new_name.into() }
}

pub fn delete(pointer: &str) -> DocumentEdit {
    DocumentEdit::DeleteState { pointer: pointer.into() }
}

pub fn move_state(pointer: &str, scope: &str) -> DocumentEdit {
    DocumentEdit::MoveState { pointer: pointer.into(), scope: scope.into() }
}

pub fn insert_item(state: &str, list: ItemList, index: Option<usize>, value: Value) -> DocumentEdit {
    DocumentEdit::InsertItem { state: state.into(), list, index, value }
}

pub fn remove_item(state: &str, list: ItemList, index: usize) -> DocumentEdit {
    DocumentEdit::RemoveItem { state: state.into(), list, index }
}

pub fn move_item(state: &str, list: ItemList, from: usize, to: usize) -> DocumentEdit {
    DocumentEdit::MoveItem { state: state.into(), list, from, to }
}

#[test]
fn diff_helper_shows_changes_with_line_numbers() {
    assert_eq!(diff("a\nb\nc\n", "a\nB\nc\n"), "-2: b\n+2: B\n");
    assert_eq!(diff("a\n", "a\nb\n"), "+2: b\n");
    assert_eq!(diff("a\r\n\tb", "a\r\n\tb\n"), "-2: \\tb [no eol]\n+2: \\tb\n");
    assert_eq!(diff("x\n", "x\n"), "");
}

#[test]
fn open_and_save_without_an_edit_is_byte_identical() {
    for text in [MACHINE.to_owned(), four_spaces(MACHINE), tabs(MACHINE), crlf(MACHINE), ETL.to_owned()] {
        let doc = open(&text);
        assert_eq!(doc.text().as_bytes(), text.as_bytes());
        // A no-op edit (renaming to the same name) gives the same bytes too.
        let same = doc
            .apply(&rename("/States/Extract", "Extract"))
            .or_else(|_| doc.apply(&rename("/States/Validate", "Validate")));
        assert_eq!(same.unwrap().text(), text);
    }
}
