//! The real `asl` process: exit codes, the output shapes of design §3.1, and no panic
//! output on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn asl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asl")).args(args).output().expect("run asl")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/order-processing/order-processing.asl.json")
}

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("asl-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn validate_a_clean_sample_exits_0() {
    let out = asl(&["validate", sample().to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 errors"));
}

#[test]
fn validate_reports_file_line_column_code_and_a_snippet() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Nope\"}\n  }\n}\n";
    let path = temp("dangling.asl.json", text);
    let p = path.to_str().unwrap_or_default();
    let out = asl(&["validate", p]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{p}:4:35: error[dangling-next]: \"Next\" names \"Nope\", which is not a state of the machine").as_str())
    );
    assert_eq!(lines.next(), Some("  |"));
    assert_eq!(lines.next(), Some("4 |     \"A\": {\"Type\": \"Pass\", \"Next\": \"Nope\"}"));
    assert_eq!(lines.next(), Some(format!("  | {}^^^^^^", " ".repeat(34)).as_str()));
}

#[test]
fn validate_json_format_has_the_stable_fields() {
    let path = temp("bad-type.asl.json", r#"{"StartAt": "A", "States": {"A": {"Type": "Passs", "End": true}}}"#);
    let out = asl(&["validate", "--format", "json", path.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let d = &v[0];
    for key in ["file", "line", "column", "severity", "code", "message", "pointer"] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(d["code"], "unknown-state-type");
    assert_eq!(d["pointer"], "/States/A/Type");
    assert_eq!(d["severity"], "error");
}

#[test]
fn export_converts_and_writes_atomically() {
    let out_path = temp("out.asl.yaml", "old contents");
    let out = asl(&["export", sample().to_str().unwrap_or_default(), "--to", "yaml", "-o", out_path.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let yaml = std::fs::read_to_string(&out_path).expect("written");
    assert!(yaml.starts_with("Comment:") && yaml.contains("StartAt: ValidateOrder"), "{yaml}");
    let back = asl(&["export", out_path.to_str().unwrap_or_default(), "--to", "json"]);
    let original: serde_json::Value = serde_json::from_slice(&std::fs::read(sample()).expect("sample")).expect("json");
    let round: serde_json::Value = serde_json::from_slice(&back.stdout).expect("json");
    assert_eq!(original, round);
}

#[test]
fn bad_input_never_panics() {
    let cases: [(&str, &[u8]); 4] = [
        ("nul.asl.json", b"\0\0\0"),
        ("deep.asl.json", &[b'['; 200_000]),
        ("half.asl.yaml", b"StartAt: A\nStates:\n  A:\n    Type: [\n"),
        ("latin1.asl.json", b"{\"a\": \"\xff\"}"),
    ];
    for (name, bytes) in cases {
        let dir = std::env::temp_dir().join(format!("asl-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        for cmd in [&["validate"][..], &["export"][..]] {
            let mut args = cmd.to_vec();
            args.push(path.to_str().unwrap_or_default());
            let out = asl(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(1 | 2)), "{name} {cmd:?}: {:?}", out.status);
            assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        }
    }
}

#[test]
fn help_and_usage() {
    let help = asl(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("validate"));
    assert_eq!(asl(&["validate"]).status.code(), Some(2));
    assert_eq!(asl(&["export", "--to", "xml", "x"]).status.code(), Some(2));
}
