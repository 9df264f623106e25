//! Every kind of `DocumentEdit`, on every state of every YAML machine of the shared corpus
//! (`$ASL_CORPUS_DIR`, or `../shared/corpus` beside the workspace), as written and with a
//! comment line above every key that opens a block: the YAML edit gives the data the same
//! edit gives on the document written as JSON (or both refuse), its splices make its
//! text, it is spliced rather than re-emitted, and no comment line is lost save those
//! above or inside what it removed.

use super::yaml_text::{comments, json_twin};
use super::*;
use asl_model::model::{StateKind, StateMachine};
use asl_model::syntax::write_yaml;
use serde_json::json;
use std::path::PathBuf;

fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ASL_CORPUS_DIR") {
        let dir = PathBuf::from(dir);
        assert!(dir.is_dir(), "ASL_CORPUS_DIR={} is not a directory", dir.display());
        return Some(dir);
    }
    let sibling = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    sibling.is_dir().then_some(sibling)
}

/// The text with `# about <key>` above every line that opens a block (`key:`), unless it
/// has block scalars (a `#` line there would be content).
fn commented(text: &str) -> Option<String> {
    let block_scalar = |l: &str| l.trim_end().ends_with(['|', '>']) || l.trim_end().ends_with("|-");
    if text.lines().any(block_scalar) {
        return None;
    }
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        if body.trim_end().ends_with(':') && !body.starts_with('#') && !body.starts_with('-') {
            let pad = &line[..line.len() - body.len()];
            out.push_str(&format!("{pad}# about {}\n", body.trim_end().trim_end_matches(':')));
        }
        out.push_str(line);
    }
    Some(out)
}

fn scopes(machine: &StateMachine) -> Vec<&StateMachine> {
    let mut out = vec![machine];
    for state in &machine.states {
        for child in state.children() {
            out.extend(scopes(child));
        }
    }
    out
}

/// What an edit takes away, whose comments may go with it.
enum Gone {
    /// The item at the pointer, with the comment lines above it.
    Item(String),
    /// What is inside the value at the pointer (it is replaced).
    Inside(String),
}

/// Edits of every kind for one document, with what each takes away.
fn edits(doc: &Document) -> Vec<(DocumentEdit, Option<Gone>)> {
    let mut out = Vec::new();
    let all = scopes(doc.machine());
    let catcher = json!({"ErrorEquals": ["States.ALL"], "Next": "Nowhere", "ResultPath": "$.error"});
    for scope in &all {
        out.push((add(&scope.pointer, "Added", json!({"Type": "Pass", "Result": {"a": [1, "yes"]}})), None));
        let first = scope.states.first().map(|s| s.pointer.clone());
        out.push((insert_between(&scope.pointer, Transition::Start, "First", json!({"Type": "Pass"})), None));
        for state in &scope.states {
            let p = &state.pointer;
            out.push((rename(p, &format!("{} renamed", state.name)), None));
            out.push((delete(p), Some(Gone::Item(p.clone()))));
            out.push((set(&format!("{p}/Comment"), json!("edited: yes")), None));
            let selector = format!("{p}/ResultSelector");
            let value = json!({"x.$": "$.y", "list": [{"k": null}]});
            out.push((set(&selector, value), Some(Gone::Inside(selector.clone()))));
            let Some(Value::Object(fields)) = doc.tree().at(p).map(|n| n.to_value()) else { continue };
            for key in fields.keys() {
                let field = format!("{p}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push((remove(&field), Some(Gone::Item(field))));
            }
            if state.next.is_some() {
                out.push((disconnect(p, Transition::Next), None));
                out.push((
                    insert_between(p, Transition::Next, "Between", json!({"Type": "Wait", "Seconds": 1})),
                    None,
                ));
            }
            if let Some(first) = first.as_ref().filter(|f| *f != p) {
                let name = first.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
                out.push((connect(p, Transition::Next, &name), None));
            }
            if matches!(state.kind, StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_)) {
                for list in [ItemList::Catch, ItemList::Retry] {
                    out.push((insert_item(p, list, None, catcher.clone()), None));
                    out.push((insert_item(p, list, Some(0), json!({"ErrorEquals": ["A"]})), None));
                }
                for (list, len) in
                    [(ItemList::Catch, state.catch.len()), (ItemList::Retry, state.retry.len())]
                {
                    if len > 0 {
                        // The last item takes its emptied list with it.
                        let list_ptr = format!("{p}/{}", list.field());
                        let gone = if len == 1 { list_ptr } else { format!("{list_ptr}/{}", len - 1) };
                        out.push((remove_item(p, list, len - 1), Some(Gone::Item(gone))));
                    }
                    if len > 1 {
                        out.push((move_item(p, list, len - 1, 0), None));
                    }
                }
            }
            if let StateKind::Choice(c) = &state.kind {
                let rule = json!({"Variable": "$.v", "StringEquals": "x", "Next": "Nowhere"});
                out.push((insert_item(p, ItemList::Choices, Some(0), rule), None));
                if c.choices.len() > 1 {
                    out.push((move_item(p, ItemList::Choices, 0, c.choices.len() - 1), None));
                }
            }
            for other in all.iter().filter(|s| s.pointer != scope.pointer) {
                out.push((move_state(p, &other.pointer), Some(Gone::Item(p.clone()))));
            }
        }
    }
    out
}

/// Comments of `text` that may go with what an edit takes away.
fn comments_of(text: &str, doc: &Document, gone: &Gone) -> Vec<String> {
    let pointer = match gone {
        Gone::Item(p) => p,
        Gone::Inside(p) => {
            let Some(node) = doc.tree().at(p) else { return Vec::new() };
            // From the line after its key's: comments above its first member are inside.
            let from = text[..node.span.start].rfind(':').unwrap_or(0);
            let to = text[node.span.end..].find('\n').map_or(text.len(), |i| node.span.end + i);
            return comments(&text[from..to]).into_iter().map(str::to_owned).collect();
        }
    };
    let Some(node) = doc.tree().at(pointer) else { return Vec::new() };
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let key = key.replace("~1", "/").replace("~0", "~");
    let start =
        doc.tree().at(parent).and_then(|p| p.member(&key)).map_or(node.span.start, |m| m.key_span.start);
    let mut from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    while from > 0 {
        let above = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
        if !text[above..from].trim_start().starts_with('#') {
            break;
        }
        from = above;
    }
    let to = text[node.span.end..].find('\n').map_or(text.len(), |i| node.span.end + i);
    comments(&text[from..to]).into_iter().map(str::to_owned).collect()
}

/// Applies every edit to one text, recording what went wrong; returns how many applied.
/// `uncommented`: no variant of this machine has comments, so a re-emitted text (which
/// would drop them) is told by its being exactly `write_yaml`'s.
fn check_text(file: &str, text: &str, uncommented: bool, failures: &mut Vec<String>) -> usize {
    let Ok(doc) = Document::parse(text, Format::Yaml) else { return 0 };
    let re_emit = write_yaml(&doc.to_value());
    let mut applied = 0;
    for (edit, removes) in edits(&doc) {
        let name = format!("{file}: {edit:?}");
        let new = match (doc.apply_spliced(&edit), json_twin(&doc, &edit)) {
            (Ok(a), Ok(want)) => {
                assert_eq!(apply_splices(text, &a.splices), a.document.text(), "{name}: splices");
                if serde_json::to_string(&a.document.to_value()).unwrap() != want {
                    failures.push(format!("{name}: data differs"));
                }
                a.document
            }
            (Err(_), Err(_)) => continue,
            (got, want) => {
                failures.push(format!("{name}: {:?} vs JSON {:?}", got.err(), want.err()));
                continue;
            }
        };
        applied += 1;
        // A flow document re-emitted would come out in block style.
        let flow_lost = text.starts_with('{') && !new.text().starts_with('{');
        if flow_lost || uncommented && text != re_emit && new.text() == write_yaml(&new.to_value()) {
            failures.push(format!("{name}: re-emitted"));
        }
        let mut left: Vec<&str> = comments(new.text());
        let may_go = removes.map(|g| comments_of(text, &doc, &g)).unwrap_or_default();
        let mut lost: Vec<&str> = Vec::new();
        for c in comments(text) {
            match left.iter().position(|l| *l == c) {
                Some(i) => drop(left.remove(i)),
                None => lost.push(c),
            }
        }
        lost.retain(|c| !may_go.iter().any(|m| m == c));
        if !lost.is_empty() {
            failures.push(format!("{name}: lost comments {lost:?}\n{}", new.text()));
        }
    }
    applied
}

fn corpus_files(dir: &std::path::Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = ["valid", "invalid"]
        .iter()
        .flat_map(|sub| {
            std::fs::read_dir(dir.join(sub)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(sub).display()))
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)))
        .collect();
    paths.sort();
    paths
}

/// The machine as written, and as a variant with comments, each also with CRLF endings.
fn variants(text: &str) -> Vec<String> {
    let written = [Some(text.to_owned()), commented(text)];
    written.into_iter().flatten().flat_map(|t| [t.replace('\n', "\r\n"), t]).collect()
}

fn run(texts: Vec<(String, Vec<String>)>) {
    let (mut files, mut applied, mut failures) = (0, 0, Vec::new());
    for (file, texts) in texts {
        let Some(value) = texts.first().and_then(|t| Document::parse(t.as_str(), Format::Yaml).ok()) else {
            continue;
        };
        files += 1;
        let uncommented = texts.iter().all(|t| comments(t).is_empty());
        for text in texts {
            // A variant must read as the machine does (a `#` line inside a string would not).
            if Document::parse(text.as_str(), Format::Yaml).is_ok_and(|d| d.to_value() == value.to_value()) {
                applied += check_text(&file, &text, uncommented, &mut failures);
            }
        }
    }
    assert!(files > 0, "no machines");
    assert!(failures.is_empty(), "{} of {applied} edits failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{applied} edits on {files} corpus machines");
}

#[test]
fn every_edit_of_every_corpus_yaml_machine_is_spliced_and_keeps_the_data_and_comments() {
    let Some(dir) = corpus_dir() else {
        eprintln!("SKIPPED every_edit_of_every_corpus_yaml_machine: set ASL_CORPUS_DIR to the corpus folder");
        return;
    };
    let texts = corpus_files(&dir, &["yaml", "yml"])
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                variants(&std::fs::read_to_string(&p).unwrap()),
            )
        })
        .collect();
    run(texts);
}

/// The JSON machines of the corpus as YAML: written block style by `write_yaml` (with
/// and without comments), and their JSON text read as YAML (flow style throughout).
#[test]
fn every_edit_of_every_corpus_json_machine_as_yaml_is_spliced_too() {
    let Some(dir) = corpus_dir() else {
        eprintln!("SKIPPED every_edit_of_every_corpus_json_machine_as_yaml: set ASL_CORPUS_DIR to the corpus folder");
        return;
    };
    // Two variants each, every other one with CRLF endings: 445 machines take a while.
    let mut texts = Vec::new();
    for (i, path) in corpus_files(&dir, &["json"]).into_iter().enumerate() {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(doc) = Document::parse(text.as_str(), Format::Json) else { continue };
        let block = write_yaml(&doc.to_value());
        let block = commented(&block).unwrap_or(block);
        let block = if i % 2 == 1 { block.replace('\n', "\r\n") } else { block };
        texts.push((path.file_name().unwrap().to_string_lossy().into_owned(), vec![block, text]));
    }
    run(texts);
}

/// Edits in a row, each on the text the ones before made (their own new lines included):
/// 150 picked by a fixed pseudo-random sequence on each commented corpus YAML machine.
#[test]
fn chains_of_edits_on_corpus_yaml_machines_stay_spliced() {
    let Some(dir) = corpus_dir() else {
        eprintln!("SKIPPED chains_of_edits_on_corpus_yaml_machines: set ASL_CORPUS_DIR to the corpus folder");
        return;
    };
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n.max(1)
    };
    let (mut steps, mut failures) = (0, Vec::new());
    for path in corpus_files(&dir, &["yaml", "yml"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(text) = commented(&text) else { continue };
        let Ok(mut doc) = Document::parse(text, Format::Yaml) else { continue };
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for _ in 0..150 {
            let mut all = edits(&doc);
            if all.is_empty() {
                break;
            }
            let (edit, _) = all.swap_remove(next(all.len()));
            let (got, want) = (doc.apply_spliced(&edit), json_twin(&doc, &edit));
            let Ok(applied) = got else { continue };
            if want.as_deref().ok() != Some(&serde_json::to_string(&applied.document.to_value()).unwrap()) {
                failures.push(format!("{file}: {edit:?}: data differs\n{}", applied.document.text()));
                break;
            }
            // Kept comments say it was spliced; a state's own may go with it.
            if comments(applied.document.text()).is_empty() {
                failures.push(format!("{file}: {edit:?}: every comment lost"));
                break;
            }
            assert_eq!(
                apply_splices(doc.text(), &applied.splices),
                applied.document.text(),
                "{file}: {edit:?}"
            );
            doc = applied.document;
            steps += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{steps} chained edits");
}
