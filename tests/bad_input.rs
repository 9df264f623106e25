//! Bad input never crashes: each gives exit 1 or 2 and a one-line error that names the
//! file and a position, from both `validate` and `export`.

use asl_tests::asl;
use std::path::PathBuf;
use tempfile::TempDir;

/// Writes `bytes` to `name` in a fresh folder of its own, removed when the returned
/// `TempDir` is dropped (so keep it while the path is used).
fn temp(name: &str, bytes: &[u8]) -> (TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix("asl-bad-input-").tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

/// Checks both commands on one file; returns the validate message line.
fn refused(name: &str, bytes: &[u8]) -> String {
    let (_dir, path) = temp(name, bytes);
    let p = path.to_str().unwrap_or_default();
    let v = asl(&["validate", p]);
    assert!(v.code == 1 || v.code == 2, "{name}: validate exit {}", v.code);
    let first = v.stdout().lines().next().unwrap_or_default().to_owned();
    let shape = format!("{p}:");
    assert!(first.starts_with(&shape), "{name}: first line {first:?}");
    let rest = &first[shape.len()..];
    let mut parts = rest.splitn(3, ':');
    let (line, col) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    assert!(
        line.parse::<usize>().is_ok() && col.parse::<usize>().is_ok(),
        "{name}: no position in {first:?}"
    );
    assert!(first.contains("error["), "{name}: {first:?}");
    let e = asl(&["export", p, "--to", "yaml"]);
    assert!(e.code == 1 || e.code == 2, "{name}: export exit {}", e.code);
    assert!(e.err.starts_with(&shape) && e.err.lines().count() == 1, "{name}: export said {:?}", e.err);
    assert!(e.out.is_empty(), "{name}: export wrote output");
    first
}

#[test]
fn empty_file() {
    assert!(refused("empty.asl.json", b"").contains("empty"));
    assert!(refused("empty.asl.yaml", b"").contains("YAML document"));
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    refused("garbage.asl.json", &garbage);
    refused("garbage.asl.yaml", &garbage);
    refused("nul.asl.json", b"{\"StartAt\": \"A\"\0}");
}

#[test]
fn truncated_json_and_yaml() {
    let text = br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": tr"#;
    let msg = refused("truncated.asl.json", text);
    assert!(msg.contains(":1:"), "{msg}");
    refused("truncated.asl.yaml", b"StartAt: A\nStates:\n  A: {Type: Pass, End: true\n");
}

#[test]
fn top_level_is_not_an_object() {
    for (name, text) in
        [("array.asl.json", "[1, 2]"), ("string.asl.json", "\"x\""), ("list.asl.yaml", "- a\n- b\n")]
    {
        assert!(refused(name, text.as_bytes()).contains("top level must be an object"), "{name}");
    }
}

#[test]
fn non_utf8_bytes_name_the_position() {
    let msg = refused("latin1.asl.json", b"{\n  \"Comment\": \"caf\xe9\"\n}");
    assert!(msg.contains(":2:") && msg.contains("UTF-8"), "{msg}");
}

#[test]
fn deep_nesting() {
    let deep = "[".repeat(100_000);
    assert!(refused("deep.asl.json", deep.as_bytes()).contains("nesting"));
    let deep_yaml = "[".repeat(100_000);
    refused("deep.asl.yaml", deep_yaml.as_bytes());
    let deep_object = "{\"a\": ".repeat(100_000);
    refused("deep-object.asl.json", deep_object.as_bytes());
}

#[test]
fn billion_laughs_yaml() {
    let mut text =
        String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        text.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    assert!(refused("laughs.asl.yaml", text.as_bytes()).contains("expand"));
}

#[test]
fn duplicate_keys_are_errors_with_positions() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true, \"End\": true}\n  }\n}\n";
    let (_dir, path) = temp("dupes.asl.json", text.as_bytes());
    let v = asl(&["validate", path.to_str().unwrap_or_default()]);
    assert_eq!(v.code, 1);
    assert!(v.stdout().contains(":4:40: error[duplicate-key]"), "{}", v.stdout());
}

#[test]
fn a_50_megabyte_file_is_read() {
    // One state whose Result holds 50 MB of data: the reader scales, nothing is lost.
    let item = "{\"id\": 123456, \"name\": \"abcdefghij\", \"tags\": [1, 2, 3]},\n";
    let count = 50 * 1024 * 1024 / item.len();
    let mut text = String::with_capacity(52 * 1024 * 1024);
    text.push_str(
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, \"Result\": [\n",
    );
    for _ in 0..count {
        text.push_str(item);
    }
    text.push_str("0]}}}\n");
    let (_dir, path) = temp("huge.asl.json", text.as_bytes());
    let p = path.to_str().unwrap_or_default();
    let v = asl(&["validate", p]);
    assert_eq!(v.code, 0, "{}", v.stdout());
    let e = asl(&["export", p]);
    assert!(e.out == text.as_bytes(), "50 MB export is not byte-identical");
    // The same file cut short is refused with a position on its last line.
    let cut = &text.as_bytes()[..text.len() - 10];
    let msg = refused("huge-truncated.asl.json", cut);
    assert!(msg.contains("error[parse-error]"), "{msg}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(asl(&["validate"]).code, 2);
    assert_eq!(asl(&["frobnicate"]).code, 2);
    let missing = asl(&["validate", "/nonexistent/x.asl.json"]);
    assert_eq!(missing.code, 2);
    assert!(missing.err.contains("/nonexistent/x.asl.json"), "{}", missing.err);
    assert_eq!(asl(&["export", "/nonexistent/x.asl.json"]).code, 2);
    assert_eq!(asl(&["--help"]).code, 0);
}

#[test]
fn deep_but_valid_documents_validate_and_export() {
    // 500 levels (under the 512 limit) inside a Pass state's Result, on a test thread's
    // default stack: reading, model building, checking and export all cope.
    let depth = 500;
    let result = format!("{}1{}", "{\"a\": ".repeat(depth), "}".repeat(depth));
    let text = format!("{{\"StartAt\": \"A\", \"States\": {{\"A\": {{\"Type\": \"Pass\", \"Result\": {result}, \"End\": true}}}}}}");
    let (_dir, path) = temp("deep-valid.asl.json", text.as_bytes());
    let p = path.to_str().unwrap_or_default();
    let v = asl(&["validate", p]);
    assert!(v.code == 0 || v.code == 1, "{}", v.stdout());
    let e = asl(&["export", p, "--to", "yaml"]);
    assert!(e.code == 0 || e.code == 1, "{}", e.err);
}
