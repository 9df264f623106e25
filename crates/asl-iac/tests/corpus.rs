//! Every file of `../shared/iac` (`ASL_IAC_DIR`): exactly the expected machines, each
//! with its position, definition file and read-only flag, and the expected definition
//! data (or the expected failure naming the missing file).

use asl_iac::{definition_value, discover, discover_text, IacError, Machine};
use asl_model::{Document, DocumentEdit};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The folder named by `ASL_IAC_DIR`: unset skips loudly, set to no folder fails.
fn iac_dir() -> Option<PathBuf> {
    match std::env::var_os("ASL_IAC_DIR") {
        None => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED: ASL_IAC_DIR is not set; set it (as scripts/env.sh does) to run this test ***\n"
            );
            None
        }
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(dir.is_dir(), "ASL_IAC_DIR={} is not a folder", dir.display());
            Some(dir)
        }
    }
}

/// The case folders, sorted.
pub fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// Equal as data: numbers by value, `Fn::GetAtt` as `"A.B"` or `["A", "B"]`.
fn normal(v: &Value) -> Value {
    match v {
        Value::Number(n) => n.as_f64().map_or(v.clone(), |f| serde_json::json!(f)),
        Value::Array(items) => Value::Array(items.iter().map(normal).collect()),
        Value::Object(map) => {
            if let (1, Some(Value::String(s))) = (map.len(), map.get("Fn::GetAtt")) {
                if let Some((a, b)) = s.split_once('.') {
                    return serde_json::json!({"Fn::GetAtt": [a, b]});
                }
            }
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normal(v))).collect())
        }
        _ => v.clone(),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Checks one machine against its expectation; returns what differs.
fn compare(case: &Path, m: &Machine, e: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let line = m.position.line as u64;
    if Some(line) != e["line"].as_u64() && Some(line) != e["definition_line"].as_u64() {
        out.push(format!("line {line}, expected {}", e["line"]));
    }
    let readonly = m.readonly.is_some();
    if e["readonly_optional"] != true && e["readonly"].as_bool() != Some(readonly) {
        out.push(format!("readonly {readonly} ({:?}), expected {}", m.readonly, e["readonly"]));
    }
    match (m.definition_file(), e["file_in_case"].as_str()) {
        (Some(found), Some(expected)) if !same_file(found, &case.join(expected)) => {
            out.push(format!("definition file {}, expected {expected}", found.display()))
        }
        // A reference to a missing file is still the machine's definition file.
        (Some(found), None) if found.exists() => {
            out.push(format!("definition file {}, expected none", found.display()))
        }
        (None, Some(expected)) if e["definition_source"] == "file" => {
            out.push(format!("no definition file, expected {expected}"))
        }
        _ => {}
    }
    let definition = m.definition();
    if e["expect_export_error"] == "missing-file" {
        match definition {
            Err(err @ IacError::MissingFile { .. }) => {
                let message = err.to_string();
                let written = e["file"].as_str().unwrap_or_default();
                if !message.contains(written) {
                    out.push(format!("missing-file message does not name {written}: {message}"));
                }
            }
            other => out.push(format!("expected a missing-file error, got {:?}", other.map(|d| d.text))),
        }
    } else if !e["definition"].is_null() {
        match definition.map_err(|e| e.to_string()).and_then(|d| {
            definition_value(&d.text, d.format).map_err(|err| format!("{}: {err}", d.file.display()))
        }) {
            Ok(value) if normal(&value) == normal(&e["definition"]) => {}
            Ok(value) => out.push(format!("definition differs:\n got {value}\nwant {}", e["definition"])),
            Err(err) => out.push(format!("definition not read: {err}")),
        }
    }
    out
}

#[test]
fn every_iac_file_yields_its_expected_machines() {
    let Some(dir) = iac_dir() else { return };
    let cases = cases(&dir);
    assert!(cases.len() >= 196, "only {} case folders", cases.len());
    let (mut machines, mut expected_machines, mut definitions, mut failures) = (0, 0, 0, Vec::new());
    for case in &cases {
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let expect_path = case.join(format!("{name}.expect.json"));
        let expect: Value = serde_json::from_slice(&std::fs::read(&expect_path).unwrap()).unwrap();
        let file = case.join(expect["path"].as_str().unwrap());
        let wanted = expect["machines"].as_array().cloned().unwrap_or_default();
        expected_machines += wanted.len();
        let found = match discover(&file) {
            Ok(found) => found,
            Err(err) => {
                let message = err.to_string();
                if expect.get("parse_error").is_none() {
                    failures.push(format!("{name}: {message}"));
                } else if !message.contains(&file.display().to_string()) || !message.contains(':') {
                    failures.push(format!("{name}: parse error does not name the file: {message}"));
                }
                continue;
            }
        };
        if expect.get("parse_error").is_some() {
            failures.push(format!("{name}: expected a parse error, found {} machines", found.len()));
            continue;
        }
        let mut ids: Vec<&str> = found.iter().map(|m| m.id.as_str()).collect();
        let mut want: Vec<&str> = wanted.iter().filter_map(|m| m["id"].as_str()).collect();
        ids.sort();
        want.sort();
        if ids != want {
            failures.push(format!("{name}: machines {ids:?}, expected {want:?}"));
            continue;
        }
        for e in &wanted {
            let Some(m) = found.iter().find(|m| Some(m.id.as_str()) == e["id"].as_str()) else { continue };
            machines += 1;
            let problems = compare(case, m, e);
            if problems.is_empty() && !e["definition"].is_null() {
                definitions += 1;
            }
            failures.extend(problems.into_iter().map(|p| format!("{name}#{}: {p}", m.id)));
        }
    }
    eprintln!("asl-iac corpus: {machines}/{expected_machines} machines found as expected, {definitions} definitions equal");
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// Every writable machine of the corpus: its first state renamed through the document
/// model and written back into its real file. Either the write-back is refused with a
/// reason (an edit that would lose a CloudFormation tag), or the file outside the
/// definition is byte-identical and reads back with the renamed state.
#[test]
fn every_writable_definition_takes_a_rename_back() {
    let Some(dir) = iac_dir() else { return };
    let (mut written, mut refused, mut failures) = (0, Vec::new(), Vec::new());
    for case in cases(&dir) {
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let expect: Value =
            serde_json::from_slice(&std::fs::read(case.join(format!("{name}.expect.json"))).unwrap())
                .unwrap();
        let file = case.join(expect["path"].as_str().unwrap());
        for m in discover(&file).unwrap_or_default().iter().filter(|m| m.readonly.is_none()) {
            let Ok(definition) = m.definition() else { continue };
            let Ok(doc) = Document::parse(definition.text.clone(), definition.format) else { continue };
            let Some(first) = doc.machine().states.first().map(|s| s.name.to_string()) else { continue };
            let rename = DocumentEdit::RenameState {
                pointer: asl_model::syntax::pointer_push("/States", &first),
                new_name: format!("{first} renamed"),
            };
            let Ok(edited) = doc.apply(&rename) else { continue };
            let old = std::fs::read_to_string(&definition.file).unwrap();
            let new = match definition.write_back(&old, edited.text()) {
                Ok(new) => new,
                // Refused with a reason: an edit that would lose a tag, or a form (a
                // Fn::Join of plain strings) asl-iac does not write.
                Err(e @ (IacError::Refused { .. } | IacError::ReadOnly { .. })) => {
                    refused.push(format!("{name}#{}: {e}", m.id));
                    continue;
                }
                Err(e) => {
                    failures.push(format!("{name}#{}: {e}", m.id));
                    continue;
                }
            };
            let span = definition.span().unwrap();
            let tail = old.len() - span.end;
            if new[..span.start] != old[..span.start] || new[new.len() - tail..] != old[span.end..] {
                failures.push(format!("{name}#{}: bytes outside the definition changed", m.id));
            }
            let reread = if definition.file == file {
                discover_text(&file, &new)
                    .map_err(|e| e.to_string())
                    .and_then(|ms| {
                        ms.into_iter().find(|x| x.id == m.id).ok_or_else(|| "machine gone".to_owned())
                    })
                    .and_then(|x| x.definition_in(&new).map_err(|e| e.to_string()))
                    .map(|d| d.text)
            } else {
                Ok(new.clone())
            };
            match reread.and_then(|t| Document::parse(t, definition.format).map_err(|e| e.to_string())) {
                Ok(doc) if doc.machine().states.iter().any(|s| s.name == format!("{first} renamed")) => {
                    written += 1
                }
                Ok(_) => failures.push(format!("{name}#{}: the renamed state is not there", m.id)),
                Err(e) => failures.push(format!("{name}#{}: does not read back: {e}", m.id)),
            }
        }
    }
    eprintln!(
        "asl-iac write-back: {written} renames written back, {} refused:\n{}",
        refused.len(),
        refused.join("\n")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(written > 150, "only {written} written back");
}
