//! Property tests: random small machines (chains with Choice, Catch, Retry and a Parallel)
//! in a random layout, random edits from every kind. Whatever the edit, the result parses,
//! keeps the layout (indent unit, line ending), and undo gives back the exact bytes.

use super::*;
use asl_model::History;
use proptest::prelude::*;
use serde_json::{json, Map};

/// One state: (kind, three target/parameter seeds, a flag).
type StateSeed = (u8, u8, u8, u8, bool);

#[derive(Clone, Debug)]
struct Layout {
    unit: &'static str,
    eol: &'static str,
    final_newline: bool,
    /// Array items (Choice rules, retriers, catchers) on one line each.
    compact_items: bool,
    /// JSONC: a `//` line above each state, a `//` comment after scalar members, and
    /// trailing commas.
    jsonc: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        prop::sample::select(vec!["  ", "    ", "\t"]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(unit, crlf, final_newline, compact_items, jsonc)| Layout {
            unit,
            eol: if crlf { "\r\n" } else { "\n" },
            final_newline,
            compact_items,
            jsonc,
        })
}

fn machine(seeds: &[StateSeed]) -> Value {
    let n = seeds.len();
    let name = |i: u8| format!("S{}", i as usize % n);
    let mut states = Map::new();
    for (i, &(kind, a, b, c, flag)) in seeds.iter().enumerate() {
        // Mostly forward: a chain, with the odd loop back.
        let next = if i + 1 < n && a % 4 != 0 {
            Some(format!("S{}", i + 1))
        } else if a % 8 == 4 {
            Some(name(a))
        } else {
            None
        };
        let exit = |s: &mut Map<String, Value>| match &next {
            Some(t) => drop(s.insert("Next".into(), json!(t))),
            None => drop(s.insert("End".into(), json!(true))),
        };
        let mut s = Map::new();
        match kind % 6 {
            0 => {
                s.insert("Type".into(), json!("Pass"));
                if flag {
                    s.insert("Result".into(), json!({"k": b, "list": [c]}));
                }
                exit(&mut s);
            }
            1 => {
                s.insert("Type".into(), json!("Task"));
                s.insert("Resource".into(), json!("arn:aws:states:::lambda:invoke"));
                if flag {
                    s.insert("Retry".into(), json!([{"ErrorEquals": ["States.Timeout"], "MaxAttempts": b % 5}, {"ErrorEquals": ["States.ALL"]}]));
                }
                if c % 2 == 0 {
                    s.insert("Catch".into(), json!([{"ErrorEquals": ["States.ALL"], "Next": name(c)}]));
                }
                exit(&mut s);
            }
            2 => {
                s.insert("Type".into(), json!("Choice"));
                let rules: Vec<Value> = (0..1 + b % 3)
                    .map(|k| json!({"Variable": "$.x", "NumericEquals": k, "Next": name(c.wrapping_add(k))}))
                    .collect();
                s.insert("Choices".into(), Value::Array(rules));
                if flag {
                    s.insert("Default".into(), json!(name(a)));
                }
            }
            3 => {
                s.insert("Type".into(), json!("Wait"));
                s.insert("Seconds".into(), json!(b));
                exit(&mut s);
            }
            4 => {
                s.insert("Type".into(), json!("Parallel"));
                let inner = format!("P{i}a");
                let mut branch = json!({"StartAt": inner, "States": {}});
                branch["States"][&inner] = json!({"Type": "Pass", "End": true});
                if flag {
                    branch["States"][&inner] = json!({"Type": "Pass", "Next": format!("P{i}b")});
                    branch["States"][format!("P{i}b")] = json!({"Type": "Succeed"});
                }
                s.insert("Branches".into(), json!([branch]));
                exit(&mut s);
            }
            _ => {
                s.insert("Type".into(), json!(if flag { "Succeed" } else { "Fail" }));
            }
        }
        states.insert(format!("S{i}"), Value::Object(s));
    }
    json!({"Comment": "generated", "StartAt": "S0", "States": states})
}

/// Pretty JSON in `layout`, written here (not by the crate) as a person would.
fn render(value: &Value, layout: &Layout) -> String {
    fn go(v: &Value, indent: &str, l: &Layout, in_array: bool, out: &mut String) {
        let inner = format!("{indent}{}", l.unit);
        // Children as (text, comment after it, comment line above it).
        let children: Vec<(String, &str, Option<String>)> = match v {
            Value::Object(m) if !(m.is_empty() || in_array && l.compact_items) => m
                .iter()
                .map(|(k, x)| {
                    let mut text = format!("{}: ", Value::String(k.clone()));
                    go(x, &inner, l, false, &mut text);
                    let trail = if l.jsonc && !x.is_object() && !x.is_array() { " // note" } else { "" };
                    let above = (l.jsonc && x.get("Type").is_some()).then(|| format!("// the {k} state"));
                    (text, trail, above)
                })
                .collect(),
            Value::Array(a) if !a.is_empty() && a.iter().any(|x| x.is_object()) => a
                .iter()
                .map(|x| {
                    let mut text = String::new();
                    go(x, &inner, l, true, &mut text);
                    (text, "", None)
                })
                .collect(),
            // Arrays of scalars and one-line items: compact, with a space after commas.
            other => return out.push_str(&flat(other)),
        };
        out.push_str(if v.is_object() { "{" } else { "[" });
        let n = children.len();
        for (i, (text, trail, above)) in children.into_iter().enumerate() {
            out.push_str(l.eol);
            if let Some(above) = above {
                out.push_str(&format!("{inner}{above}{}", l.eol));
            }
            let comma = if i + 1 < n || l.jsonc { "," } else { "" };
            out.push_str(&format!("{inner}{text}{comma}{trail}"));
        }
        out.push_str(&format!("{}{indent}{}", l.eol, if v.is_object() { "}" } else { "]" }));
    }
    fn flat(v: &Value) -> String {
        match v {
            Value::Array(a) => format!("[{}]", a.iter().map(flat).collect::<Vec<_>>().join(", ")),
            Value::Object(m) => {
                let parts: Vec<String> =
                    m.iter().map(|(k, x)| format!("{}: {}", Value::String(k.clone()), flat(x))).collect();
                format!("{{{}}}", parts.join(", "))
            }
            other => other.to_string(),
        }
    }
    let mut out = String::new();
    go(value, "", layout, false, &mut out);
    if layout.final_newline {
        out.push_str(layout.eol);
    }
    out
}

/// Every state (with its pointer) and every scope pointer, in document order.
fn states_and_scopes(doc: &Document) -> (Vec<asl_model::model::State>, Vec<String>) {
    fn walk(
        m: &asl_model::model::StateMachine,
        states: &mut Vec<asl_model::model::State>,
        scopes: &mut Vec<String>,
    ) {
        scopes.push(m.pointer.clone());
        for s in &m.states {
            states.push(s.clone());
            for c in s.children() {
                walk(c, states, scopes);
            }
        }
    }
    let (mut states, mut scopes) = (Vec::new(), Vec::new());
    walk(doc.machine(), &mut states, &mut scopes);
    (states, scopes)
}

/// Pointers of every scalar in the document.
fn scalars(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            scalars(v, format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), out)
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| scalars(v, format!("{pointer}/{i}"), out)),
        _ => out.push(pointer),
    }
}

fn pick(items: &[String], seed: u8) -> String {
    // After a few deletes a list may be empty; the edit then names nothing and is refused.
    items.get(seed as usize % items.len().max(1)).cloned().unwrap_or_else(|| "/nothing".into())
}

/// A concrete edit for `doc` from a seed; some are refused (taken names, missing items).
fn edit_from(doc: &Document, (kind, a, b, c): (u8, u8, u8, u8)) -> DocumentEdit {
    use asl_model::model::StateKind;
    let (states, scopes) = states_and_scopes(doc);
    let list = [ItemList::Choices, ItemList::Retry, ItemList::Catch, ItemList::Branches][b as usize % 4];
    // Item and transition edits mostly pick a state that has such things.
    let fits = |s: &&asl_model::model::State| match (kind % 13, &s.kind) {
        (1..=3, _) => true,
        (10..=12, StateKind::Choice(_)) => list == ItemList::Choices,
        (10..=12, StateKind::Parallel(_)) => list != ItemList::Choices,
        (10..=12, StateKind::Task(_)) => list != ItemList::Choices && list != ItemList::Branches,
        (10..=12, _) => false,
        _ => true,
    };
    let fitting: Vec<_> = states.iter().filter(fits).collect();
    let chosen = fitting.get(a as usize % fitting.len().max(1)).copied().or(states.first());
    let Some(state) = chosen else { return add("", "First", json!({"Type": "Succeed"})) };
    let pointer = state.pointer.clone();
    let names: Vec<String> = doc.machine().states.iter().map(|s| s.name.clone()).collect();
    let transition = match (&state.kind, b % 3) {
        (StateKind::Choice(ch), 0) if ch.choices.is_empty() || c & 1 == 1 => Transition::Default,
        (StateKind::Choice(ch), _) => Transition::ChoiceRule(c as usize % ch.choices.len().max(1)),
        (_, 1) if !state.catch.is_empty() => Transition::Catch(0),
        _ => Transition::Next,
    };
    let item = match list {
        ItemList::Choices => {
            json!({"Variable": "$.y", "StringEquals": format!("v{c}"), "Next": pick(&names, c)})
        }
        ItemList::Retry => json!({"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": c % 4}),
        ItemList::Catch => json!({"ErrorEquals": ["States.ALL"], "Next": pick(&names, c)}),
        ItemList::Branches => {
            json!({"StartAt": format!("B{c}"), "States": {format!("B{c}"): {"Type": "Pass", "End": true}}})
        }
    };
    let mut leaves = Vec::new();
    scalars(&doc.to_value(), String::new(), &mut leaves);
    // At least 1, so a missing or empty list still gives an index (and a refused edit).
    let len = |l: ItemList| {
        doc.to_value()
            .pointer(&format!("{pointer}/{}", l.field()))
            .and_then(Value::as_array)
            .map_or(1, |a| a.len().max(1))
    };
    match kind % 13 {
        0 => add(&pick(&scopes, b), &format!("N{c}"), json!({"Type": "Pass", "End": true})),
        1 => insert_between(&pointer, transition, &format!("N{c}"), json!({"Type": "Pass"})),
        2 => connect(&pointer, transition, &pick(&names, c)),
        3 => disconnect(&pointer, transition),
        4 => set(&pick(&leaves, b), json!(format!("v{c}"))),
        5 => set(&format!("{pointer}/Comment"), json!({"note": c, "tags": ["a", "b"]})),
        6 => remove(&pick(&leaves, b)),
        7 => rename(&pointer, &format!("R{c}")),
        8 => delete(&pointer),
        9 => move_state(&pointer, &pick(&scopes, b)),
        10 => insert_item(
            &pointer,
            list,
            if c % 2 == 0 { None } else { Some(c as usize % (len(list) + 1)) },
            item,
        ),
        11 => remove_item(&pointer, list, c as usize % len(list)),
        _ => move_item(&pointer, list, b as usize % len(list), c as usize % len(list)),
    }
}

/// The layout promises: one line ending, and every indentation made of the unit. In
/// JSONC, the comment line above a state travels with it: it is never left orphaned.
fn assert_layout(text: &str, layout: &Layout, what: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("// the ") {
            let next = lines.get(i + 1).map_or("", |l| l.trim_start());
            assert!(
                next.starts_with('"') && next.contains("\": {"),
                "orphaned comment {line:?} after {what}:\n{text}"
            );
        }
    }
    if layout.eol == "\r\n" {
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF after {what}:\n{text}");
    } else {
        assert!(!text.contains('\r'), "CR after {what}");
    }
    for line in text.lines() {
        let ws = &line[..line.len() - line.trim_start().len()];
        let ok = if layout.unit == "\t" {
            ws.chars().all(|c| c == '\t')
        } else {
            !ws.contains('\t') && ws.len() % layout.unit.len() == 0
        };
        assert!(ok, "line {line:?} is not indented in units of {:?} after {what}:\n{text}", layout.unit);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_parse_keep_the_layout_and_undo_exactly(
        seeds in prop::collection::vec((0u8..6, any::<u8>(), any::<u8>(), any::<u8>(), any::<bool>()), 2..7),
        layout in layout(),
        edits in prop::collection::vec((0u8..13, any::<u8>(), any::<u8>(), any::<u8>()), 1..6),
    ) {
        let text = render(&machine(&seeds), &layout);
        let mut history = History::new(open(&text));
        let mut texts = vec![text.clone()];
        for seed in edits {
            let edit = edit_from(history.current(), seed);
            let before = history.current().text().to_owned();
            match history.apply(&edit) {
                Ok(doc) => {
                    let new = doc.text().to_owned();
                    // The splices the edit reports are exactly what it did to the text.
                    let splices = history.last_change().expect("an edit knows its splices");
                    prop_assert_eq!(asl_model::edit::apply_splices(&before, splices), new.as_str(), "{:?}", edit);
                    let reread = Document::parse(new.clone(), Format::Json).expect("an edit result parses");
                    prop_assert_eq!(reread.text(), new.as_str());
                    assert_layout(&new, &layout, &format!("{edit:?}"));
                    if texts.last() != Some(&new) {
                        texts.push(new);
                    }
                }
                Err(EditError::Internal(m)) => prop_assert!(false, "{:?}: internal error {}\n{}", edit, m, history.current().text()),
                Err(_) => {}
            }
        }
        // Undo walks back through every text, to the original bytes.
        let last = texts.last().cloned();
        loop {
            let before = history.current().text().to_owned();
            if !history.undo() {
                break;
            }
            texts.pop();
            prop_assert_eq!(Some(history.current().text()), texts.last().map(String::as_str));
            // Undo reports its splices too (the edit's, inverted).
            let splices = history.last_change().expect("an undone edit knows its splices");
            prop_assert_eq!(asl_model::edit::apply_splices(&before, splices), history.current().text());
        }
        prop_assert_eq!(history.current().text(), text.as_str());
        while history.redo() {}
        prop_assert_eq!(Some(history.current().text().to_owned()), last);
    }

    #[test]
    fn setting_an_existing_scalar_changes_exactly_one_line(
        seeds in prop::collection::vec((0u8..6, any::<u8>(), any::<u8>(), any::<u8>(), any::<bool>()), 2..7),
        layout in layout(),
        which in any::<u8>(),
        value in prop_oneof![any::<i32>().prop_map(|n| json!(n)), any::<bool>().prop_map(|b| json!(b)), "[a-z\"\\\\ \n\t]{0,12}".prop_map(|s| json!(s)), Just(json!(null)), Just(json!(1.5))],
    ) {
        let text = render(&machine(&seeds), &layout);
        let doc = open(&text);
        let mut leaves = Vec::new();
        scalars(&doc.to_value(), String::new(), &mut leaves);
        let pointer = pick(&leaves, which);
        let new = doc.apply(&set(&pointer, value.clone())).unwrap();
        let d = diff(&text, new.text());
        let lines: Vec<&str> = d.lines().collect();
        if doc.to_value().pointer(&pointer) == Some(&value) {
            prop_assert!(lines.is_empty() || lines.len() == 2, "{}", d);
        } else {
            prop_assert_eq!(lines.len(), 2, "{} -> {}:\n{}", pointer, value, d);
            let (old_no, new_no) = (lines[0].split(':').next().unwrap(), lines[1].split(':').next().unwrap());
            prop_assert_eq!(&old_no[1..], &new_no[1..], "the same line changes");
        }
        let new_value = new.to_value();
        prop_assert_eq!(new_value.pointer(&pointer), Some(&value));
        // And undo gives the exact bytes back.
        let mut h = History::new(doc);
        h.apply(&set(&pointer, value)).unwrap();
        h.undo();
        prop_assert_eq!(h.current().text(), text.as_str());
    }
}
