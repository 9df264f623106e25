//! Helpers shared by the fuzz targets: splitting an input into its parts, small JSON
//! values from `arbitrary` bytes, and the states of a document to aim edits at.
//!
//! Inputs are text wherever the boundary takes text (documents, expressions, request
//! bodies), so `scripts/fuzz.sh` can seed the corpora with the project's own files; the
//! structure-aware parts (edit sequences, generated machines) follow a NUL byte or are
//! the whole input, read with `arbitrary`.

pub mod machine;

// The allocator the `asl` binary and the app count with, so the engine's memory limits
// (a JSONata query's, see asl-eval's jsonata/memory.rs) hold here as they do for users.
#[global_allocator]
static GLOBAL: asl_alloc::Counting<std::alloc::System> = asl_alloc::Counting(std::alloc::System);

use arbitrary::{Result, Unstructured};
use asl_model::edit::{ItemList, Transition};
use asl_model::{Document, DocumentEdit, Format, Splice};
use serde_json::{Map, Value};

/// The formats every text input is read in: the same bytes are tried as both, so a seed
/// file needs no header saying which it is.
pub const FORMATS: [Format; 2] = [Format::Json, Format::Yaml];

/// Splits an input at its first NUL: the text before (lossily UTF-8) and the bytes after
/// (empty when there is no NUL). JSON and YAML text never holds a raw NUL, so a seed file
/// is all text and the fuzzer grows the tail.
pub fn split_nul(data: &[u8]) -> (String, &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (String::from_utf8_lossy(&data[..i]).into_owned(), &data[i + 1..]),
        None => (String::from_utf8_lossy(data).into_owned(), &[]),
    }
}

/// Splits at the first newline: (first line, the rest).
pub fn split_line(text: &str) -> (&str, &str) {
    match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    }
}

/// Words that ASL values are made of, so generated values meet the engine's cases
/// (field names, state types, error names) more often than random strings would.
const WORDS: &[&str] = &[
    "", "a", "b", "x", "Type", "Next", "End", "States", "Pass", "items", "id", "$", "$.a", "$$",
    "States.ALL", "States.TaskFailed", "{}", "2024-01-01T00:00:00Z", "1", "true", "é", "\u{0}",
];

/// A small JSON value: at most `depth` levels deep and a handful of members per level,
/// so a run is about the code, not about copying big values.
pub fn json(u: &mut Unstructured, depth: u32) -> Result<Value> {
    let choice = if depth == 0 { u.int_in_range(0..=4)? } else { u.int_in_range(0..=6)? };
    Ok(match choice {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => match u.int_in_range(0..=2)? {
            0 => Value::from(u.int_in_range(-3i64..=20)?),
            1 => Value::from(u.arbitrary::<i64>()?),
            _ => serde_json::Number::from_f64(u.arbitrary()?).map(Value::Number).unwrap_or(Value::Null),
        },
        3 => Value::String(u.choose(WORDS)?.to_string()),
        4 => Value::String(u.arbitrary::<String>()?),
        5 => {
            let n = u.int_in_range(0..=4)?;
            Value::Array((0..n).map(|_| json(u, depth - 1)).collect::<Result<_>>()?)
        }
        _ => Value::Object(object(u, depth - 1)?),
    })
}

/// A small JSON object (see [`json`]).
pub fn object(u: &mut Unstructured, depth: u32) -> Result<Map<String, Value>> {
    let n = u.int_in_range(0..=4)?;
    let mut map = Map::new();
    for _ in 0..n {
        let key = if u.arbitrary()? { u.choose(WORDS)?.to_string() } else { u.arbitrary()? };
        map.insert(key, json(u, depth)?);
    }
    Ok(map)
}

/// The JSON value in `text`, or `fallback` when the text is not JSON.
pub fn value_or(text: &str, fallback: Value) -> Value {
    serde_json::from_str(text).unwrap_or(fallback)
}

/// Every state of a document: (pointer, the pointer of the States object holding it),
/// depth first, branches and item processors included.
pub fn states(doc: &Document) -> Vec<(String, String)> {
    let mut found = Vec::new();
    walk(&doc.to_value(), "", &mut found);
    found
}

fn walk(machine: &Value, at: &str, found: &mut Vec<(String, String)>) {
    let Some(states) = machine.get("States").and_then(Value::as_object) else { return };
    let scope = format!("{at}/States");
    for (name, state) in states {
        let pointer = format!("{scope}/{}", escape(name));
        for (i, branch) in state.get("Branches").and_then(Value::as_array).into_iter().flatten().enumerate() {
            walk(branch, &format!("{pointer}/Branches/{i}"), found);
        }
        for field in ["ItemProcessor", "Iterator"] {
            if let Some(inner) = state.get(field) {
                walk(inner, &format!("{pointer}/{field}"), found);
            }
        }
        found.push((pointer, scope.clone()));
    }
}

/// A JSON pointer token (RFC 6901).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// State names edits use: a few existing-looking ones, so renames and connections collide
/// with states already there, and a few awkward ones.
const NAMES: &[&str] = &["A", "B", "New", "Pass", "x/y", "a~b", "é", " ", "End", "States"];

/// Fields that edits set or remove, relative to a state.
const FIELDS: &[&str] = &[
    "Next", "End", "Type", "Comment", "Default", "Choices", "Retry", "Catch", "Branches", "ResultPath",
    "Parameters", "Output", "Arguments", "Assign", "ItemProcessor", "Seconds", "Resource",
];

/// A `DocumentEdit` aimed at `states` ((pointer, scope) pairs, see [`states`]): mostly at
/// what exists, sometimes at what does not.
pub fn edit(u: &mut Unstructured, states: &[(String, String)], depth: u32) -> Result<DocumentEdit> {
    let (pointer, scope) = if states.is_empty() || u.ratio(1, 10)? {
        (format!("/States/{}", u.choose(NAMES)?), "/States".to_owned())
    } else {
        u.choose(states)?.clone()
    };
    let name = u.choose(NAMES)?.to_string();
    let state = || -> Value { serde_json::json!({"Type": "Pass", "End": true}) };
    let transition = match u.int_in_range(0..=4)? {
        0 => Transition::Start,
        1 => Transition::Next,
        2 => Transition::Default,
        3 => Transition::ChoiceRule(u.int_in_range(0..=3)?),
        _ => Transition::Catch(u.int_in_range(0..=3)?),
    };
    let list = *u.choose(&[ItemList::Choices, ItemList::Retry, ItemList::Catch, ItemList::Branches])?;
    let target = if states.is_empty() { name.clone() } else { u.choose(states)?.0.clone() };
    Ok(match u.int_in_range(0..=13)? {
        0 => DocumentEdit::AddState {
            scope,
            name,
            state: if u.arbitrary()? { state() } else { json(u, 2)? },
        },
        1 => DocumentEdit::InsertBetween { from: pointer, transition, name, state: state() },
        2 => DocumentEdit::Connect { from: pointer, transition, target },
        3 => DocumentEdit::Disconnect { from: pointer, transition },
        4 => DocumentEdit::SetField { pointer: format!("{pointer}/{}", u.choose(FIELDS)?), value: json(u, 2)? },
        5 => DocumentEdit::RemoveField { pointer: format!("{pointer}/{}", u.choose(FIELDS)?) },
        6 => DocumentEdit::RenameState { pointer, new_name: name },
        7 => DocumentEdit::DeleteState { pointer },
        8 => {
            let into = if states.is_empty() { scope } else { u.choose(states)?.1.clone() };
            DocumentEdit::MoveState { pointer, scope: into }
        }
        9 => DocumentEdit::InsertItem {
            state: pointer,
            list,
            index: if u.arbitrary()? { Some(u.int_in_range(0..=3)?) } else { None },
            value: json(u, 2)?,
        },
        10 => DocumentEdit::RemoveItem { state: pointer, list, index: u.int_in_range(0..=3)? },
        11 => DocumentEdit::MoveItem {
            state: pointer,
            list,
            from: u.int_in_range(0..=3)?,
            to: u.int_in_range(0..=3)?,
        },
        12 if depth > 0 => {
            let n = u.int_in_range(0..=3)?;
            DocumentEdit::Batch { edits: (0..n).map(|_| edit(u, states, depth - 1)).collect::<Result<_>>()? }
        }
        _ => DocumentEdit::SetField { pointer: format!("{scope}/{}", u.choose(NAMES)?), value: state() },
    })
}

/// `old` with `splices` made, each on the old text, in order: an independent reading of
/// what a `Splice` means, to hold the edits' own splices to.
pub fn splice(old: &str, splices: &[Splice]) -> Option<String> {
    let mut out = String::new();
    let mut at = 0;
    for s in splices {
        if s.start < at || s.end < s.start {
            return None;
        }
        out.push_str(old.get(at..s.start)?);
        out.push_str(&s.text);
        at = s.end;
    }
    out.push_str(old.get(at..)?);
    Some(out)
}
