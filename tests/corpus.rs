//! Every file of `../shared/corpus`: valid files export byte-identical and validate with
//! no error; invalid files get at least one error.

use asl_check::{check, check_text, Severity};
use asl_model::{Document, Format};
use asl_tests::{asl, files, shared_dir};
use std::path::Path;

/// Upstream validator fixtures that the upstream tests call valid but AWS rejects. AWS
/// wins (design: the interpreter and checker follow AWS); each is named with its reason.
const VALID_BUT_AWS_REJECTS: &[(&str, &str)] = &[
    (
        "asls__json-documentSucceedFailTerminalState.asl.json",
        "DUPLICATE_STATE_NAME: \"Second\" in two branches",
    ),
    (
        "asls__yaml-documentSucceedFailTerminalState.asl.yaml",
        "DUPLICATE_STATE_NAME: \"Second\" in two branches",
    ),
    (
        "asls__yaml-documentValidParametersIntrinsicFunction.asl.yaml",
        "States.Format arguments without commas",
    ),
    (
        "statelint__task-with-credentials.asl.json",
        "Credentials {\"roleArn\": ...}: AWS answers \"The field 'RoleArn' is required but was missing\"",
    ),
];

/// Invalid fixtures whose only problem is a style AWS accepts; see the closing note.
const INVALID_BUT_AWS_ACCEPTS: &[&str] = &[
    "asl-validator__invalid-json-surround-syntax-extra-spaces.asl.json",
    "asl-validator__invalid-jsonata-surround-syntax-no-spaces.asl.json",
];

fn name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or_default()
}

#[test]
fn valid_files_round_trip_and_have_no_errors() {
    let Some(dir) = shared_dir("ASL_CORPUS_DIR") else { return };
    let valid = files(&dir.join("valid"), &[".asl.json", ".asl.yaml"]);
    assert!(valid.len() > 250, "only {} valid files", valid.len());
    let mut failures = Vec::new();
    for path in &valid {
        let p = path.to_str().unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_default();
        let export = asl(&["export", p]);
        if p.ends_with(".json") && (export.code != 0 || export.out != bytes) {
            failures.push(format!("{}: export is not byte-identical", name(path)));
        }
        let validate = asl(&["validate", "--format", "json", p]);
        let expected_errors = VALID_BUT_AWS_REJECTS.iter().any(|(f, _)| *f == name(path));
        if (validate.code != 0) != expected_errors {
            failures.push(format!("{}: validate exit {}\n{}", name(path), validate.code, validate.stdout()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} valid files failed:\n{}",
        failures.len(),
        valid.len(),
        failures.join("\n")
    );
}

#[test]
fn yaml_files_export_to_the_same_data() {
    let Some(dir) = shared_dir("ASL_CORPUS_DIR") else { return };
    for path in files(&dir.join("valid"), &[".asl.yaml"]) {
        let p = path.to_str().unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // An independent reading of the same YAML (serde-saphyr's deserializer), with the
        // strict booleans ASL needs: `Next: Yes` names a state, it is not `true`.
        let options = serde_saphyr::options! { strict_booleans: true };
        let expected: serde_json::Value =
            serde_saphyr::from_str_with_options(&text, options).unwrap_or_else(|e| panic!("{p}: {e}"));
        let json = asl(&["export", p, "--to", "json"]);
        assert_eq!(json.code, 0, "{p}: {}", json.err);
        let exported: serde_json::Value =
            serde_json::from_slice(&json.out).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert_eq!(exported, expected, "{p}: --to json changed the data");
        let yaml = asl(&["export", p, "--to", "yaml"]);
        let again =
            Document::parse(yaml.stdout(), Format::Yaml).unwrap_or_else(|e| panic!("{p}: re-read: {e}"));
        assert_eq!(again.to_value(), expected, "{p}: --to yaml changed the data");
    }
}

#[test]
fn invalid_files_have_errors() {
    let Some(dir) = shared_dir("ASL_CORPUS_DIR") else { return };
    let invalid = files(&dir.join("invalid"), &[".asl.json", ".asl.yaml"]);
    assert!(invalid.len() > 90, "only {} invalid files", invalid.len());
    let mut missed = Vec::new();
    for path in &invalid {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned();
        let format = Format::from_path(path);
        let (_, diagnostics) = check_text(&text, format);
        let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
        if !has_error && !INVALID_BUT_AWS_ACCEPTS.contains(&name(path)) {
            missed.push(name(path).to_owned());
        }
        if has_error && INVALID_BUT_AWS_ACCEPTS.contains(&name(path)) {
            missed.push(format!("{} is now reported: remove it from INVALID_BUT_AWS_ACCEPTS", name(path)));
        }
    }
    let caught = invalid.len() - missed.len() - INVALID_BUT_AWS_ACCEPTS.len();
    eprintln!("invalid corpus: {caught} of {} files get at least one error", invalid.len());
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

#[test]
fn expected_messages_of_fixtures_match_a_diagnostic_kind() {
    // Where the upstream fixture names the rule, the diagnostic should be about the same
    // field: e.g. statelint's '"ResultSelector"' substring, which we report on that key.
    let Some(dir) = shared_dir("ASL_CORPUS_DIR") else { return };
    for path in files(&dir.join("invalid"), &[".expect.json"]) {
        let expect: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap_or_default()).unwrap_or_default();
        let Some(subs) = expect.get("expected_message_substrings").and_then(|v| v.as_array()) else {
            continue;
        };
        let asl_path = path.to_str().unwrap_or_default().replace(".expect.json", ".asl.json");
        let Ok(text) = std::fs::read_to_string(&asl_path) else { continue };
        let (_, diagnostics) = check_text(&text, Format::Json);
        for sub in subs.iter().filter_map(|s| s.as_str()) {
            // Field names quoted in the substring must appear in one of our messages.
            let field = sub.trim_matches(|c| c == '"');
            if sub.starts_with('"') {
                assert!(
                    diagnostics.iter().any(|d| d.message.contains(field) || d.pointer.contains(field)),
                    "{asl_path}: no diagnostic mentions {sub}: {diagnostics:#?}"
                );
            }
        }
        let _ = check;
    }
}
