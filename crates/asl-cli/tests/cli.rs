//! The real `asl` process: exit codes, the output shapes of design §3.1, and no panic
//! output on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

fn asl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asl")).args(args).output().expect("run asl")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/order-processing/order-processing.asl.json")
}

/// A fresh folder of the test's own, removed when the returned value is dropped.
fn scratch() -> TempDir {
    tempfile::Builder::new().prefix("asl-cli-").tempdir().expect("temp dir")
}

/// Writes `text` to `name` in `dir` (from [`scratch`]), returning its path.
fn temp(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
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
    let dir = scratch();
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Nope\"}\n  }\n}\n";
    let path = temp(&dir, "dangling.asl.json", text);
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
    let dir = scratch();
    let path = temp(
        &dir,
        "bad-type.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Passs", "End": true}}}"#,
    );
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
    let dir = scratch();
    let out_path = temp(&dir, "out.asl.yaml", "old contents");
    let out = asl(&[
        "export",
        sample().to_str().unwrap_or_default(),
        "--to",
        "yaml",
        "-o",
        out_path.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let yaml = std::fs::read_to_string(&out_path).expect("written");
    assert!(yaml.starts_with("Comment:") && yaml.contains("StartAt: ValidateOrder"), "{yaml}");
    let back = asl(&["export", out_path.to_str().unwrap_or_default(), "--to", "json"]);
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sample()).expect("sample")).expect("json");
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
    let dir = scratch();
    for (name, bytes) in cases {
        let path = dir.path().join(name);
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

#[test]
fn layout_prints_the_geometry_json() {
    let dir = scratch();
    let out = asl(&["layout", sample().to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    for key in ["width", "height", "nodes", "edges"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let node = v["nodes"]
        .as_array()
        .and_then(|n| n.iter().find(|n| n["state"] == "ValidateOrder"))
        .expect("a state");
    for key in ["id", "state", "type", "x", "y", "width", "height", "parent", "pointer", "caption"] {
        assert!(node.get(key).is_some(), "node lacks {key}: {node}");
    }
    assert_eq!(node["type"], "Task");
    assert_eq!(node["caption"], "Lambda: Invoke");
    let edge = &v["edges"][0];
    for key in ["from", "to", "kind", "label", "points"] {
        assert!(edge.get(key).is_some(), "edge lacks {key}: {edge}");
    }
    assert!(edge["points"].as_array().is_some_and(|p| p.len() >= 2));

    // -o writes the same bytes, atomically.
    let path = temp(&dir, "layout.json", "old");
    let written =
        asl(&["layout", sample().to_str().unwrap_or_default(), "-o", path.to_str().unwrap_or_default()]);
    assert_eq!(written.status.code(), Some(0));
    assert!(written.stdout.is_empty());
    assert_eq!(std::fs::read(&path).expect("written"), out.stdout);
}

#[test]
fn render_writes_well_formed_svg_in_both_themes() {
    let mut backgrounds = Vec::new();
    for theme in ["light", "dark"] {
        let out =
            asl(&["render", sample().to_str().unwrap_or_default(), "--format", "svg", "--theme", theme]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = doc.root_element();
        assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")), "root is <svg>");
        assert!(root.attribute("viewBox").is_some());
        let texts: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
        assert!(texts.contains(&"ValidateOrder") && texts.contains(&"Lambda: Invoke"), "{texts:?}");
        // Self-contained: nothing fetched from elsewhere.
        assert!(!text.contains("href") && !text.contains("<script") && !text.contains("@import"));
        let bg = doc
            .descendants()
            .find(|n| n.has_tag_name("rect"))
            .and_then(|n| n.attribute("fill"))
            .map(str::to_owned);
        backgrounds.push(bg);
    }
    assert_ne!(backgrounds[0], backgrounds[1], "the dark theme has another background");
    // SVG is the default format.
    let default = asl(&["render", sample().to_str().unwrap_or_default()]);
    assert!(String::from_utf8_lossy(&default.stdout).starts_with("<svg "));
}

#[test]
fn render_writes_mermaid_and_dot() {
    let dir = scratch();
    let mermaid = asl(&["render", sample().to_str().unwrap_or_default(), "--format", "mermaid"]);
    assert_eq!(mermaid.status.code(), Some(0));
    let text = String::from_utf8_lossy(&mermaid.stdout);
    assert!(text.starts_with("flowchart TD\n"), "{text}");
    assert!(text.contains("-.->|\"States.ALL\"|"), "dashed catch edges: {text}");
    assert!(text.contains("{\"IsInStock<br/>"), "Choice as a rhombus: {text}");

    let path = temp(&dir, "order.dot", "");
    let dot = asl(&[
        "render",
        sample().to_str().unwrap_or_default(),
        "--format",
        "dot",
        "-o",
        path.to_str().unwrap_or_default(),
    ]);
    assert_eq!(dot.status.code(), Some(0));
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.starts_with("digraph ") && text.trim_end().ends_with('}'), "{text}");
    assert!(text.contains("style=dashed"), "dashed catch edges: {text}");
}

#[test]
fn layout_and_render_report_errors_like_export() {
    let dir = scratch();
    let broken = temp(&dir, "broken.asl.json", "{\n  \"StartAt\": \"A\",\n  \"States\": {\n");
    let missing = std::env::temp_dir().join("asl-cli-no-such-dir/none.asl.json");
    for cmd in [&["layout"][..], &["render"][..], &["render", "--format", "mermaid"][..]] {
        let mut args = cmd.to_vec();
        args.push(broken.to_str().unwrap_or_default());
        let out = asl(&args);
        assert_eq!(out.status.code(), Some(1), "{cmd:?}: a parse error exits 1");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("{}:", broken.display())) && stderr.contains("error[parse-error]"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());

        let mut args = cmd.to_vec();
        args.push(missing.to_str().unwrap_or_default());
        let out = asl(&args);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: an unreadable file exits 2");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("asl: "));
    }
    let unwritable = std::env::temp_dir().join("asl-cli-no-such-dir/out.svg");
    let out = asl(&[
        "render",
        sample().to_str().unwrap_or_default(),
        "-o",
        unwritable.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        asl(&["render", sample().to_str().unwrap_or_default(), "--format", "png"]).status.code(),
        Some(2)
    );
    assert_eq!(
        asl(&["render", sample().to_str().unwrap_or_default(), "--theme", "blue"]).status.code(),
        Some(2)
    );
    assert_eq!(asl(&["layout"]).status.code(), Some(2));
}

#[test]
fn layout_and_render_never_panic_on_bad_input() {
    let dir = scratch();
    let cases: [(&str, &[u8], Option<i32>); 5] = [
        ("nul.asl.json", b"\0\0\0", Some(1)),
        ("deep.asl.json", &[b'['; 200_000], Some(1)),
        ("latin1.asl.json", b"{\"a\": \"\xff\"}", Some(1)),
        // Parses, though it is no machine: still drawn (Start, a missing StartAt target).
        ("empty.asl.json", b"{}", Some(0)),
        (
            "dangling.asl.json",
            b"{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"<Nope>\"}}}",
            Some(0),
        ),
    ];
    for (name, bytes, code) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        for cmd in [
            &["layout"][..],
            &["render"][..],
            &["render", "--format", "mermaid"][..],
            &["render", "--format", "dot"][..],
        ] {
            let mut args = cmd.to_vec();
            args.push(path.to_str().unwrap_or_default());
            let out = asl(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), code, "{name} {cmd:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        }
    }
}

// ---------------------------------------------------------------- asl run / asl test

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn run_a_sample_with_mocks_prints_the_output() {
    let dir = samples().join("order-processing");
    let (file, input, mocks) =
        (dir.join("order-processing.asl.json"), dir.join("input.json"), dir.join("mocks.json"));
    let input_arg = format!("@{}", input.display());
    let out = asl(&[
        "run",
        file.to_str().unwrap_or_default(),
        "--input",
        &input_arg,
        "--mocks",
        mocks.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let output: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the output is JSON");
    assert_eq!(output["status"], "CONFIRMED");
}

#[test]
fn run_json_format_has_status_states_and_history() {
    let dir = scratch();
    let path = temp(
        &dir,
        "pass.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "ResultPath": "$.a", "End": true}}}"#,
    );
    let out =
        asl(&["run", path.to_str().unwrap_or_default(), "--input", r#"{"x": true}"#, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["status"], "SUCCEEDED");
    assert_eq!(v["output"], serde_json::json!({"x": true, "a": 1}));
    let state = &v["states"][0];
    for key in ["name", "type", "input", "output", "inspection"] {
        assert!(state.get(key).is_some(), "missing {key} in {state}");
    }
    let kinds: Vec<&str> =
        v["history"].as_array().into_iter().flatten().filter_map(|e| e["type"].as_str()).collect();
    assert_eq!(kinds, ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
    assert_eq!(v["history"][1]["previousEventId"], 0);
}

#[test]
fn run_a_failing_execution_exits_1_with_error_and_cause_on_stderr() {
    let dir = scratch();
    let path = temp(
        &dir,
        "fail.asl.json",
        r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "it broke"}}}"#,
    );
    let out = asl(&["run", path.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(text(&out.stderr).trim(), "asl: execution FAILED: Oops: it broke");
}

#[test]
fn run_refuses_bad_definitions_inputs_and_mocks_with_exit_2() {
    let dir = scratch();
    let invalid = temp(
        &dir,
        "invalid.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nope"}}}"#,
    );
    let out = asl(&["run", invalid.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[dangling-next]") && stderr.contains("not run"), "{stderr}");

    let ok = temp(
        &dir,
        "ok.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    );
    let p = ok.to_str().unwrap_or_default();
    let out = asl(&["run", p, "--input", "{not json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("asl: --input: not JSON"), "{}", text(&out.stderr));

    let wrong_shape = temp(&dir, "wrong-mocks.json", r#"{"A": {"return": 1}}"#);
    let out = asl(&["run", p, "--mocks", wrong_shape.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("mocks for state 'A' must be an array"), "{}", text(&out.stderr));

    // A Task without a mock: the execution fails naming the state.
    let out = asl(&["run", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("'A' has no mock"), "{}", text(&out.stderr));

    // Mocks that run out: the invocation that has none is named.
    let short = temp(&dir, "short-mocks.json", r#"{"A": []}"#);
    let out = asl(&["run", p, "--mocks", short.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("add a response for invocation 1"), "{}", text(&out.stderr));

    let out = asl(&["run", "/no/such/file.asl.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn run_with_a_mock_config_file_and_test_case() {
    let dir = scratch();
    let path = temp(
        &dir,
        "cfg.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload", "End": true}}}"#,
    );
    let mocks = temp(
        &dir,
        "cfg-mocks.json",
        r#"{"StateMachines": {"cfg": {"TestCases": {"Happy": {"A": "Ok"}, "Sad": {"A": "Err"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"Payload": {"fine": true}}}},
                                "Err": {"0": {"Throw": {"Error": "Bad", "Cause": "sad"}}}}}"#,
    );
    let (p, m) = (path.to_str().unwrap_or_default(), mocks.to_str().unwrap_or_default());
    let out = asl(&["run", p, "--mocks", m, "--test-case", "Happy"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).ok(),
        Some(serde_json::json!({"fine": true}))
    );
    let out = asl(&["run", p, "--mocks", m, "--test-case", "Sad"]);
    assert_eq!(out.status.code(), Some(1));
    let out = asl(&["run", p, "--mocks", m, "--test-case", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no test case 'Nope'"), "{}", text(&out.stderr));
}

#[test]
fn run_ends_runaway_loops_and_oversized_maps_with_clear_errors() {
    let dir = scratch();
    let looping = temp(
        &dir,
        "loop.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "A"},
            "Done": {"Type": "Succeed"}}}"#,
    );
    let p = looping.to_str().unwrap_or_default();
    let out = asl(&["run", p, "--type", "express", "--max-transitions", "5000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("limit of 5000 state transitions"), "{}", text(&out.stderr));
    // Standard executions stop at AWS's history limit first.
    let out = asl(&["run", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("maximum number of history events (25000)"), "{}", text(&out.stderr));

    let map = temp(
        &dir,
        "bigmap.asl.json",
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}"#,
    );
    let items = temp(&dir, "million.json", &format!("[{}0]", "0,".repeat(999_999)));
    let input = format!("@{}", items.display());
    let out = asl(&["run", map.to_str().unwrap_or_default(), "--input", &input]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("States.DataLimitExceeded"), "{}", text(&out.stderr));
}

#[test]
fn test_runs_the_sample_tests_and_counts() {
    let file = samples().join("order-processing/tests.json");
    let out = asl(&["test", file.to_str().unwrap_or_default()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("6 passed, 0 failed"));
}

#[test]
fn test_reports_the_first_difference_and_exits_1() {
    let dir = scratch();
    let case = temp(
        &dir,
        "failing-test.json",
        r#"{"cases": [
            {"name": "right", "definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"n": 1}, "End": true}}},
             "input": {}, "expect": {"status": "SUCCEEDED", "output": {"n": 1.0}}},
            {"name": "wrong", "definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"n": 1}, "End": true}}},
             "input": {}, "expect": {"status": "SUCCEEDED", "output": {"n": 2}}}
        ]}"#,
    );
    let out = asl(&["test", case.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("ok   right"), "{stdout}");
    assert!(
        stdout.contains("FAIL wrong") && stdout.contains("expect.output.n: expected 2, got 1"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().last(), Some("1 passed, 1 failed"));
    let out = asl(&["test", "/no/such/tests.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn test_reads_definition_files_relative_to_the_test_file() {
    let tmp = scratch();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("sub")).expect("dir");
    std::fs::write(dir.join("sub/m.asl.json"), r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)
        .expect("write");
    std::fs::write(dir.join("sub/t.json"), r#"{"name": "rel", "definition_file": "m.asl.json", "input": {"k": 1}, "expect": {"status": "SUCCEEDED", "output": {"k": 1}}}"#).expect("write");
    std::fs::write(dir.join("sub/input.json"), r#"{"not": "a test"}"#).expect("write");
    let out = asl(&["test", dir.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().last(), Some("1 passed, 0 failed"));
}

#[test]
fn run_and_test_help_describe_s3_root_and_allow_commands() {
    for command in ["run", "test"] {
        let out = asl(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            help.contains("--s3-root") && help.contains("DIR") && help.contains("--allow-commands"),
            "{help}"
        );
    }
}

#[test]
fn run_reads_and_writes_buckets_under_s3_root() {
    let dir = scratch();
    let s3 = scratch();
    let root = s3.path();
    std::fs::create_dir_all(root.join("data")).expect("bucket");
    std::fs::write(root.join("data/rows.csv"), "n\n1\n2\n").expect("csv");
    let def = temp(
        &dir,
        "s3-root.asl.json",
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"},
                "Parameters": {"Bucket": "data", "Key": "rows.csv"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#,
    );
    let out = asl(&["run", def.to_str().unwrap_or_default(), "--s3-root", root.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    assert_eq!(v, serde_json::json!([{"n": "1"}, {"n": "2"}]));
    // Without it there is no folder for the bucket: the map fails, saying so.
    let out = asl(&["run", def.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("States.ItemReaderFailed"));
    let out = asl(&["run", def.to_str().unwrap_or_default(), "--s3-root", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--s3-root /no/such/folder: not a folder"));
}

#[test]
fn local_commands_run_only_with_allow_commands() {
    let dir = scratch();
    let def = temp(
        &dir,
        "echo.asl.json",
        r#"{"StartAt": "Echo", "States": {"Echo": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    );
    temp(&dir, "echo.run.json", r#"{"commands": {"Echo": {"command": ["sh", "-c", "cat"]}}}"#);
    let p = def.to_str().unwrap_or_default();
    let out = asl(&["run", p, "--input", r#"{"hello": 1}"#]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--allow-commands"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = asl(&["run", p, "--input", r#"{"hello": 1}"#, "--allow-commands"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    assert_eq!(v, serde_json::json!({"hello": 1}));
    // asl test: the same run configuration, the same consent.
    let tests = temp(
        &dir,
        "echo-tests.json",
        r#"{"cases": [{"name": "echo", "definition_file": "echo.asl.json", "input": {"a": 2}, "expect": {"status": "SUCCEEDED", "output": {"a": 2}}}]}"#,
    );
    let t = tests.to_str().unwrap_or_default();
    assert_eq!(asl(&["test", t]).status.code(), Some(1));
    let out = asl(&["test", t, "--allow-commands"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}
