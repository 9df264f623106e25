//! Every path and `"key.$"` value in the valid corpus must be accepted: the parsers are
//! checked against definitions that AWS runs, not only against our reading of the docs.
//!
//! The corpus is `$ASL_CORPUS_DIR`, or `../shared/corpus` beside the workspace when the
//! variable is unset; when neither exists the test says loudly that it skipped.

use super::{check_payload_path, parse_path, parse_reference_path, parse_result_path, ExprError};
use serde_json::Value;
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

struct Walk {
    checked: usize,
    failures: Vec<String>,
}

impl Walk {
    fn value(&mut self, file: &str, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    if let Value::String(s) = v {
                        self.field(file, key, s);
                    }
                    self.value(file, v);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.value(file, v)),
            _ => {}
        }
    }

    fn field(&mut self, file: &str, key: &str, s: &str) {
        // `${...}` are CloudFormation/SAM placeholders, replaced before AWS sees the text.
        if s.contains("${") {
            return;
        }
        let result: Result<(), ExprError> = match key {
            "InputPath" | "OutputPath" => parse_path(s).map(|_| ()),
            "ItemsPath" => parse_reference_path(s).map(|_| ()),
            "ResultPath" => parse_result_path(s).map(|_| ()),
            k if k.ends_with(".$") => check_payload_path(s),
            _ => return,
        };
        self.checked += 1;
        if let Err(e) = result {
            self.failures.push(format!("{file}: \"{key}\": {s:?}: {e} (at byte {})", e.offset));
        }
    }
}

#[test]
fn every_path_in_the_valid_corpus_parses() {
    let Some(dir) = corpus_dir() else {
        eprintln!("SKIPPED every_path_in_the_valid_corpus_parses: set ASL_CORPUS_DIR to the corpus folder");
        return;
    };
    let mut walk = Walk { checked: 0, failures: Vec::new() };
    let mut files: Vec<_> = std::fs::read_dir(dir.join("valid"))
        .expect("corpus has a valid/ folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable corpus file");
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match serde_json::from_str::<Value>(text) {
            Ok(doc) => walk.value(&name, &doc),
            Err(e) => walk.failures.push(format!("{name}: not strict JSON: {e}")),
        }
    }
    eprintln!("checked {} values in {} files", walk.checked, files.len());
    assert!(walk.checked > 500, "only {} values checked: is the corpus complete?", walk.checked);
    assert!(walk.failures.is_empty(), "{} rejected:\n{}", walk.failures.len(), walk.failures.join("\n"));
}
