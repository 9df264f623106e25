//! The TestState calls recorded against AWS (`$ASL_CONFORMANCE_TESTSTATE_DIR`, the
//! `cases` folder of ../shared/conformance-teststate; scripts/env.sh sets it): every case's
//! request goes through `test_state` and its answer is compared with AWS's as that
//! folder's README says. Unset, the test says loudly that it skipped; set to a missing
//! folder, it fails. At least 99 % of the cases must pass; each failure is printed with
//! its first difference.

use asl_teststate::{test_state, TestStateOptions, TextFields};
use serde_json::{json, Value};
use std::path::PathBuf;

/// JSON equality as the README defines it: key order aside, numbers by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Replaces the value at a `$.expect.a.b` path with a marker in `expected` and, when it is
/// there, in `actual`: the recorded value was a placeholder.
fn mask(path: &str, expected: &mut Value, actual: &mut Value) -> Result<(), String> {
    let Some(rest) = path.strip_prefix("$.expect.") else { return Ok(()) };
    let keys: Vec<&str> = rest.split('.').collect();
    let (last, parents) = keys.split_last().expect("a path has a key");
    fn walk<'v>(mut v: &'v mut Value, parents: &[&str]) -> Option<&'v mut serde_json::Map<String, Value>> {
        for k in parents {
            v = v.get_mut(*k)?;
        }
        v.as_object_mut()
    }
    if let Some(m) = walk(expected, parents) {
        m.insert(last.to_string(), json!("<masked>"));
    }
    match walk(actual, parents) {
        Some(m) if m.contains_key(*last) => {
            m.insert(last.to_string(), json!("<masked>"));
            Ok(())
        }
        _ => Err(format!("{path}: missing in the answer")),
    }
}

fn compare(case: &Value, mut actual: Value) -> Result<(), String> {
    let mut expected = case["expect"].clone();
    if let Some(exception) = expected.get("exception") {
        let got = actual.get("exception").cloned().unwrap_or(Value::Null);
        return if same(exception, &got) {
            Ok(())
        } else {
            Err(format!("expected exception {exception}, got {actual}"))
        };
    }
    if let Some(e) = actual.get("exception") {
        return Err(format!("expected a response, got exception {e}"));
    }
    for path in case["normalize"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        mask(path, &mut expected, &mut actual)?;
    }
    for field in ["status", "error", "nextState", "output"] {
        let (e, a) = (&expected[field], &actual[field]);
        if !same(e, a) {
            return Err(format!("{field}: expected {e}, got {a}"));
        }
    }
    // A cause that was JSON object text was stored parsed.
    let cause = &actual["cause"];
    let parsed = cause.as_str().and_then(|s| serde_json::from_str::<Value>(s).ok()).filter(Value::is_object);
    if !same(&expected["cause"], cause) && !parsed.is_some_and(|p| same(&expected["cause"], &p)) {
        return Err(format!("cause: expected {}, got {cause}", expected["cause"]));
    }
    let empty = json!({});
    let want = expected.get("inspectionData").unwrap_or(&empty);
    let got = actual.get("inspectionData").unwrap_or(&empty);
    for (k, v) in want.as_object().into_iter().flatten() {
        if !same(v, &got[k]) {
            return Err(format!("inspectionData.{k}: expected {v}, got {}", got[k]));
        }
    }
    for (k, v) in got.as_object().into_iter().flatten() {
        if !v.is_null() && want.get(k).is_none() {
            return Err(format!("inspectionData.{k}: not in AWS's answer, got {v}"));
        }
    }
    Ok(())
}

#[test]
fn teststate_conformance() {
    let Some(dir) = std::env::var_os("ASL_CONFORMANCE_TESTSTATE_DIR") else {
        eprintln!("\n*** SKIPPED teststate_conformance: ASL_CONFORMANCE_TESTSTATE_DIR is not set (it names ../shared/conformance-teststate/cases) ***\n");
        return;
    };
    let dir = PathBuf::from(dir);
    assert!(dir.is_dir(), "ASL_CONFORMANCE_TESTSTATE_DIR={} is not a folder", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the cases folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no cases in {}", dir.display());
    let options = TestStateOptions { text_fields: TextFields::Decoded, ..TestStateOptions::default() };
    let (mut passed, mut failed) = (0usize, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read a case");
        let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = case["name"].as_str().unwrap_or_default().to_string();
        let answer = std::panic::catch_unwind(|| test_state(&case["request"], &options));
        let result = match answer {
            Ok(Ok(response)) => compare(&case, response),
            Ok(Err(e)) => compare(&case, json!({"exception": {"type": e.type_, "message": e.message}})),
            Err(_) => Err("test_state panicked".into()),
        };
        match result {
            Ok(()) => passed += 1,
            Err(reason) => failed.push(format!("FAIL {name}: {reason}")),
        }
    }
    for line in &failed {
        eprintln!("{line}");
    }
    eprintln!("{passed} passed, {} failed", failed.len());
    let total = passed + failed.len();
    assert!(passed * 100 >= total * 99, "{passed}/{total} TestState cases pass; at least 99 % must");
}
