//! Every file of `../shared/iac` through the `asl` command (issue 16's acceptance):
//! `asl machines` lists exactly the expected machines, `asl export FILE#ID --to json`
//! gives the expected definition data (or fails naming a missing file), `asl validate`
//! reports no error on the knowable definitions, machine by machine and template-wide.

use asl_tests::{asl, shared_dir};
use serde_json::Value;
use std::path::PathBuf;

/// Equal as data: numbers by value, `Fn::GetAtt` as `"A.B"` or `["A", "B"]`.
fn normal(v: &Value) -> Value {
    match v {
        Value::Number(n) => n.as_f64().map_or(v.clone(), |f| serde_json::json!(f)),
        Value::Array(items) => Value::Array(items.iter().map(normal).collect()),
        Value::Object(map) => match (map.len(), map.get("Fn::GetAtt")) {
            (1, Some(Value::String(s))) if s.contains('.') => {
                let (a, b) = s.split_once('.').unwrap_or_default();
                serde_json::json!({"Fn::GetAtt": [a, b]})
            }
            _ => Value::Object(map.iter().map(|(k, v)| (k.clone(), normal(v))).collect()),
        },
        _ => v.clone(),
    }
}

struct Case {
    name: String,
    file: String,
    expect: Value,
}

fn cases() -> Option<Vec<Case>> {
    let dir = shared_dir("ASL_IAC_DIR")?;
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert!(folders.len() >= 196, "only {} cases", folders.len());
    Some(
        folders
            .iter()
            .map(|case| {
                let name = case.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                let expect: Value =
                    serde_json::from_slice(&std::fs::read(case.join(format!("{name}.expect.json"))).unwrap())
                        .unwrap();
                let file = case.join(expect["path"].as_str().unwrap()).display().to_string();
                Case { name, file, expect }
            })
            .collect(),
    )
}

#[test]
fn asl_machines_lists_exactly_the_expected_machines() {
    let Some(cases) = cases() else { return };
    let (mut found, mut expected, mut failures) = (0, 0, Vec::new());
    for c in &cases {
        let run = asl(&["machines", &c.file, "--format", "json"]);
        if c.expect.get("parse_error").is_some() {
            // One line naming the file and a line, exit 1, no panic.
            let first = run.err.lines().next().unwrap_or_default();
            if run.code != 1 || !first.starts_with(&format!("{}:", c.file)) || run.err.lines().count() != 1 {
                failures.push(format!("{}: parse error reported as exit {}: {}", c.name, run.code, run.err));
            }
            continue;
        }
        let listed: Vec<Value> = serde_json::from_slice(&run.out).unwrap_or_default();
        let wanted = c.expect["machines"].as_array().cloned().unwrap_or_default();
        expected += wanted.len();
        for w in &wanted {
            let Some(m) = listed.iter().find(|m| m["id"] == w["id"]) else {
                failures.push(format!("{}: {} not listed ({})", c.name, w["id"], run.err));
                continue;
            };
            let line_ok = m["line"] == w["line"] || m["line"] == w["definition_line"];
            let readonly_ok = w["readonly_optional"] == true || m["readonly"] == w["readonly"];
            let file_ok = match (m["definition_file"].as_str(), w["file_in_case"].as_str()) {
                (Some(got), Some(want)) => got.ends_with(want),
                (got, None) => got.is_none() || w["expect_export_error"] == "missing-file",
                (None, Some(_)) => false,
            };
            if line_ok && readonly_ok && file_ok && m["kind"].is_string() {
                found += 1;
            } else {
                failures.push(format!("{}: {m} differs from {w}", c.name));
            }
        }
        if listed.len() != wanted.len() {
            failures.push(format!("{}: {} listed, {} expected", c.name, listed.len(), wanted.len()));
        }
    }
    eprintln!("asl machines: {found}/{expected} machines as expected");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn asl_export_gives_the_expected_definitions_and_validate_finds_no_error() {
    let Some(cases) = cases() else { return };
    let (mut exports, mut valid, mut knowable, mut failures) = (0, 0, 0, Vec::new());
    for c in cases.iter().filter(|c| c.expect.get("parse_error").is_none()) {
        let machines = c.expect["machines"].as_array().cloned().unwrap_or_default();
        for m in &machines {
            let address = format!("{}#{}", c.file, m["id"].as_str().unwrap_or_default());
            let export = asl(&["export", &address, "--to", "json"]);
            if m["expect_export_error"] == "missing-file" {
                let written = m["file"].as_str().unwrap_or_default();
                if export.code == 0 || !export.err.contains(written) || !export.err.contains(&c.file) {
                    failures.push(format!("{address}: missing file not reported: {}", export.err));
                }
                continue;
            }
            if m["definition"].is_null() {
                continue;
            }
            knowable += 1;
            match serde_json::from_slice::<Value>(&export.out) {
                Ok(v) if normal(&v) == normal(&m["definition"]) => exports += 1,
                _ => {
                    failures.push(format!("{address}: export differs (exit {}): {}", export.code, export.err))
                }
            }
            let validate = asl(&["validate", "--format", "json", &address]);
            match validate.code {
                0 => valid += 1,
                _ => failures.push(format!(
                    "{address}: validate exit {}: {}",
                    validate.code,
                    validate.stdout()
                )),
            }
        }
        // The template as a whole, when every definition in it is knowable: all checked,
        // none in error (a text that is no JSON before interpolation is a parse error).
        if machines.iter().all(|m| !m["definition"].is_null()) {
            let all = asl(&["validate", &c.file]);
            if all.code != 0 {
                failures.push(format!(
                    "{}: validate of the template exit {}: {}",
                    c.name,
                    all.code,
                    all.stdout()
                ));
            }
        }
    }
    eprintln!(
        "asl export: {exports}/{knowable} definitions equal; asl validate: {valid}/{knowable} without errors"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
