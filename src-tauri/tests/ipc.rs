//! The real commands through Tauri's IPC path on the mock runtime (no display): what the
//! UI sends and gets back.

mod common;

use asl_studio::AppState;
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

const MACHINE: &str = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}\n";

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples");
    let app = asl_studio::builder(mock_builder())
        .manage(AppState::new(Some(dir.path().join("drafts")), Some(samples)))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    App { _app: app, window, dir }
}

impl App {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        common::invoke(&self.window, cmd, body)
    }

    /// A command answering what changed: the delta must name the revision the UI holds;
    /// answers the whole snapshot it makes (as the UI asks for when a delta does not apply).
    fn update(&self, cmd: &str, body: Value) -> Value {
        let held = self.call("document_current", json!({})).unwrap();
        let delta = self.call(cmd, body).unwrap();
        assert_eq!(delta["base"], held["revision"], "{cmd}: a delta against the snapshot held");
        let full = self.call("document_current", json!({})).unwrap();
        assert_eq!(full["revision"], delta["revision"]);
        full
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

#[test]
fn open_edit_undo_save_through_ipc() {
    let app = app();
    assert_eq!(app.call("document_current", json!({})).unwrap(), Value::Null);
    let path = app.file("m.asl.json", MACHINE);
    let snapshot = app.call("document_open", json!({"path": path})).unwrap();
    assert_eq!(snapshot["title"], "m.asl.json");
    assert_eq!(snapshot["states"][0]["pointer"], "/States/A");
    assert!(snapshot["layout"]["nodes"].as_array().unwrap().len() >= 3);

    let edit = json!({"edit": {"kind": "rename_state", "pointer": "/States/A", "new_name": "Start Here"}});
    let snapshot = app.update("document_edit", edit);
    assert_eq!(snapshot["dirty"], true);
    assert!(snapshot["text"].as_str().unwrap().contains("\"StartAt\": \"Start Here\""));

    let insert = json!({"edit": {"kind": "insert_between", "from": "/States/Start Here", "transition": {"kind": "next"},
        "name": "Pass 1", "state": {"Type": "Pass"}}});
    let snapshot = app.update("document_edit", insert);
    assert!(
        snapshot["text"].as_str().unwrap().contains("    \"Pass 1\": {\n      \"Type\": \"Pass\""),
        "the file's own indentation"
    );

    let snapshot = app.update("document_undo", json!({}));
    assert!(!snapshot["text"].as_str().unwrap().contains("Pass 1"));
    let snapshot = app.update("document_redo", json!({}));
    assert!(snapshot["text"].as_str().unwrap().contains("Pass 1"));

    let saved = app.update("document_save", json!({}));
    assert_eq!(saved["dirty"], false);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved["text"].as_str().unwrap());
    let recent = app.call("recent_files", json!({})).unwrap();
    assert_eq!(recent[0], Value::String(std::fs::canonicalize(&path).unwrap().display().to_string()));
}

#[test]
fn an_edit_answers_only_what_changed() {
    let app = app();
    let path = app.file("m.asl.json", MACHINE);
    let opened = app.call("document_open", json!({"path": path})).unwrap();
    let edit = json!({"edit": {"kind": "set_field", "pointer": "/States/A/Comment", "value": "why"}});
    let delta = app.call("document_edit", edit).unwrap();
    assert_eq!(delta["base"], opened["revision"]);
    // The edit's own splices of the (ASCII) text (a comma, the new line), the one state,
    // the layout kept.
    let mut merged = opened["text"].as_str().unwrap().to_owned();
    for splice in delta["splices"].as_array().unwrap().iter().rev() {
        let (from, to) = (splice["from"].as_u64().unwrap() as usize, splice["to"].as_u64().unwrap() as usize);
        merged.replace_range(from..to, splice["insert"].as_str().unwrap());
    }
    let full = app.call("document_current", json!({})).unwrap();
    assert_eq!(merged, full["text"].as_str().unwrap());
    assert_eq!(delta["states"][0]["new"][0]["json"]["Comment"], "why");
    let nodes = opened["layout"]["nodes"].as_array().unwrap().len();
    assert_eq!(delta["nodes"], json!([{ "old": [0, nodes] }]));
}

/// A gesture of several edits crosses as one batch (the UI's `{"kind": "batch"}`): one
/// call, one undo step back to the text as opened; a refused edit in it changes nothing.
#[test]
fn a_batch_is_one_call_and_one_undo_step() {
    let app = app();
    let path = app.file("m.asl.json", MACHINE);
    app.call("document_open", json!({"path": path})).unwrap();
    let add = |name: &str| json!({"kind": "add_state", "scope": "", "name": name, "state": {"Type": "Fail"}});
    let insert = json!({"kind": "insert_between", "from": "", "transition": {"kind": "start"}, "name": "First",
                        "state": {"Type": "Pass", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]}});
    let batch = json!({"edit": {"kind": "batch", "edits": [add("Failed"), insert]}});
    let full = app.update("document_edit", batch);
    assert_eq!(full["scopes"][0]["startAt"], "First");
    assert_eq!(full["states"].as_array().unwrap().len(), 3);
    let refused = json!({"edit": {"kind": "batch", "edits": [add("Other"), add("Failed")]}});
    assert_eq!(app.call("document_edit", refused).unwrap_err()["code"], "edit");
    assert_eq!(app.call("document_current", json!({})).unwrap()["text"], full["text"]);
    let undone = app.update("document_undo", json!({}));
    assert_eq!(undone["text"], MACHINE);
    assert_eq!(undone["canUndo"], false);
}

#[test]
fn errors_cross_as_code_and_message() {
    let app = app();
    let missing = app.dir.path().join("nope.asl.json").display().to_string();
    let e = app.call("document_open", json!({"path": missing})).unwrap_err();
    assert_eq!(e["code"], "not-found");
    assert!(e["message"].as_str().unwrap().contains("nope.asl.json"));

    let e = app.call("document_undo", json!({})).unwrap_err();
    assert_eq!(e["code"], "not-open");

    app.call("document_new", json!({"format": "json"})).unwrap();
    let bad = json!({"edit": {"kind": "rename_state", "pointer": "/States/Missing", "new_name": "X"}});
    let e = app.call("document_edit", bad).unwrap_err();
    assert_eq!(e["code"], "edit");
}

#[test]
fn typing_a_newer_text_supersedes_the_one_in_flight() {
    let app = app();
    let path = app.file("m.asl.json", MACHINE);
    app.call("document_open", json!({"path": path})).unwrap();
    let held = app.call("document_current", json!({})).unwrap();
    // A key was pressed after text 7 was sent: its work is dropped, nothing changes.
    app.call("document_supersede", json!({"generation": 7})).unwrap();
    let first = MACHINE.replace("\"B\"", "\"Bx\"");
    let answer =
        app.call("document_set_text", json!({"text": first, "typing": true, "generation": 7})).unwrap();
    assert_eq!(answer, Value::Null, "a superseded text is answered with nothing");
    assert_eq!(app.call("document_current", json!({})).unwrap(), held);
    // The newer text, generation 8, applies.
    let newer = MACHINE.replace("\"B\"", "\"Bxy\"");
    let snapshot = app.update("document_set_text", json!({"text": newer, "typing": true, "generation": 8}));
    assert_eq!(snapshot["text"], newer);
}

#[test]
fn typing_invalid_text_keeps_the_diagram_and_a_draft() {
    let app = app();
    let path = app.file("m.asl.json", MACHINE);
    app.call("document_open", json!({"path": path})).unwrap();
    let snapshot = app.update("document_set_text", json!({"text": "{\"StartAt\": ", "typing": true}));
    assert_eq!(snapshot["parseError"]["code"], "parse-error");
    assert_eq!(snapshot["states"][0]["name"], "A");
    let drafts = app.call("drafts_list", json!({})).unwrap();
    assert_eq!(drafts.as_array().unwrap().len(), 1, "unsaved work is on disk");
    let restored = app.call("draft_restore", json!({"id": drafts[0]["id"]})).unwrap();
    assert_eq!(restored["text"], "{\"StartAt\": ");
    app.call("document_close", json!({})).unwrap();
    assert_eq!(app.call("drafts_list", json!({})).unwrap(), json!([]), "a closed document leaves no draft");
}

#[test]
fn samples_exports_and_settings() {
    let app = app();
    let samples = app.call("samples_list", json!({})).unwrap();
    let names: Vec<&str> = samples.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"order-processing") && names.contains(&"video-pipeline"), "{names:?}");
    assert!(!samples[0]["description"].as_str().unwrap().is_empty());

    let path = app.file("m.asl.json", MACHINE);
    app.call("document_open", json!({"path": path})).unwrap();
    let out = app.dir.path().join("m.asl.yaml").display().to_string();
    let written = app.call("document_export", json!({"format": "yaml", "path": out})).unwrap();
    assert_eq!(written, Value::String(out.clone()));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("StartAt: A"));
    let svg = app.call("diagram_render", json!({"format": "svg", "theme": "dark"})).unwrap();
    assert!(svg.as_str().unwrap().starts_with("<svg"));
    let png = app.dir.path().join("d.png").display().to_string();
    app.call(
        "diagram_export",
        json!({"format": "png", "theme": "light", "path": png, "pngBase64": "iVBORw0KGgo="}),
    )
    .unwrap();
    assert_eq!(std::fs::read(&png).unwrap(), b"\x89PNG\r\n\x1a\n");

    app.call("settings_set", json!({"settings": {"theme": "dark"}})).unwrap();
    assert_eq!(app.call("settings_get", json!({})).unwrap()["theme"], "dark");
}

/// A machine of `blocks` x 5 states where every Task catches into one final state: the
/// shape that made layout slow (many long edges into one target).
fn catch_heavy_machine(blocks: usize) -> String {
    let mut states = serde_json::Map::new();
    for i in 0..blocks {
        let next = if i + 1 < blocks { format!("Task{}", i + 1) } else { "Done".into() };
        states.insert(format!("Task{i}"), json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"Payload.$": "$"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": format!("Check{i}")}));
        states.insert(format!("Check{i}"), json!({"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": i, "Next": format!("Big{i}")}], "Default": format!("Small{i}")}));
        states.insert(format!("Big{i}"), json!({"Type": "Pass", "Next": format!("Wait{i}")}));
        states.insert(format!("Small{i}"), json!({"Type": "Pass", "Next": format!("Wait{i}")}));
        states.insert(format!("Wait{i}"), json!({"Type": "Wait", "Seconds": 1, "Next": next}));
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    serde_json::to_string_pretty(&json!({"StartAt": "Task0", "States": states})).unwrap()
}

#[test]
#[ignore = "a measurement: cargo test --release -p asl-studio --features custom-protocol --test ipc -- --ignored --nocapture"]
fn edit_round_trip_time_on_a_big_file() {
    let app = app();
    let path = app.file("big.asl.json", &catch_heavy_machine(200));
    app.call("document_open", json!({"path": path})).unwrap();
    for i in 0..6 {
        let (from, to) = if i % 2 == 0 { ("Task5", "X5") } else { ("X5", "Task5") };
        let t = std::time::Instant::now();
        let delta = app
            .call("document_edit", json!({"edit": {"kind": "rename_state", "pointer": format!("/States/{from}"), "new_name": to}}))
            .unwrap();
        eprintln!("rename through IPC, 1,001 states: {:?} ({} bytes)", t.elapsed(), delta.to_string().len());
        assert!(delta["base"].is_u64());
    }
}

#[test]
fn a_sample_opens_as_an_untitled_copy_and_save_as_adds_the_extension() {
    let app = app();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../samples/order-processing/order-processing.asl.json");
    let installed = std::fs::read_to_string(&sample).unwrap();
    let snapshot = app.call("document_open", json!({"path": sample.display().to_string()})).unwrap();
    assert_eq!(snapshot["path"], Value::Null, "Save must ask where");
    assert_eq!(snapshot["title"], "Copy of order-processing.asl.json");
    assert_eq!(snapshot["dirty"], false);
    // The copy's run setup is the sample's folder: its mocks are offered.
    let sources = app.call("run_sources", json!({})).unwrap();
    assert!(sources["mockFiles"].as_array().unwrap().iter().any(|m| m["file"] == "mocks.json"), "{sources}");

    app.update("document_set_text", json!({"text": MACHINE, "typing": false}));
    let mine = app.dir.path().join("mine");
    app.call("document_save_as", json!({"path": mine.display().to_string()})).unwrap();
    assert!(!mine.exists(), "no file without an extension");
    assert_eq!(std::fs::read_to_string(mine.with_file_name("mine.asl.json")).unwrap(), MACHINE);
    assert_eq!(std::fs::read_to_string(&sample).unwrap(), installed, "the installed sample is untouched");
    let now = app.call("document_current", json!({})).unwrap();
    assert_eq!(now["title"], "mine.asl.json");
}
