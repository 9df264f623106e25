//! Write-back goldens, one per way a definition is written (SAM inline YAML, SAM
//! `DefinitionUri`, CloudFormation JSON `DefinitionString` with `Fn::Sub`, YAML `!Sub |`
//! block, Terraform heredoc, serverless.yml): a state renamed and a Catch added through the
//! document model change only the definition's lines they touch; every other byte of the
//! file stays; the result still reads as its kind (asl-iac's readers: granit-parser for
//! YAML, the JSON reader, hcl-edit for HCL) with the edited definition in it.
//! `UPDATE_GOLDEN=1` rewrites the `.golden` files (review the diff before committing).

use asl_iac::{definition_value, discover, discover_text};
use asl_model::edit::ItemList;
use asl_model::{Document, DocumentEdit};
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/writeback").join(path)
}

/// The edit of every golden: rename `Work` and give it a Catch to `Failed`.
fn edit() -> DocumentEdit {
    DocumentEdit::Batch {
        edits: vec![
            DocumentEdit::RenameState { pointer: "/States/Work".into(), new_name: "Do Work".into() },
            DocumentEdit::InsertItem {
                state: "/States/Do Work".into(),
                list: ItemList::Catch,
                index: None,
                value: serde_json::json!({"ErrorEquals": ["States.ALL"], "Next": "Failed"}),
            },
        ],
    }
}

/// The lines of `old` that `new` no longer has (as many times as they went).
fn removed_lines(old: &str, new: &str) -> Vec<String> {
    let mut left: Vec<&str> = new.lines().collect();
    let mut removed = Vec::new();
    for line in old.lines() {
        match left.iter().position(|l| *l == line) {
            Some(i) => {
                left.remove(i);
            }
            None => removed.push(line.to_owned()),
        }
    }
    removed
}

fn check(host: &str, id: &str, restyled: &[&str]) {
    let host_path = fixture(host);
    let machine = discover(&host_path).unwrap().into_iter().find(|m| m.id == id).unwrap();
    let definition = machine.definition().unwrap();
    let file = definition.file.clone();
    let old = std::fs::read_to_string(&file).unwrap();
    let doc = Document::parse(definition.text.clone(), definition.format).unwrap();
    let edited = doc.apply(&edit()).unwrap_or_else(|e| panic!("{host}: {e}"));
    let new = definition.write_back(&old, edited.text()).unwrap_or_else(|e| panic!("{host}: {e}"));

    let golden = PathBuf::from(format!("{}.golden", file.display()));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &new).unwrap();
    }

    // Every byte outside the definition is the file's own.
    let span = definition.span().unwrap();
    let tail = old.len() - span.end;
    assert_eq!(&new[..span.start], &old[..span.start], "{host}: bytes before the definition changed");
    assert_eq!(&new[new.len() - tail..], &old[span.end..], "{host}: bytes after the definition changed");
    // Only the lines the edit touches: the renamed state's key and `StartAt` (and, in
    // JSON, the `Next` line that gains a comma before the Catch), plus the lines `restyled`
    // names: the document model re-emits an edited YAML definition in block style, and a
    // line it writes differently is rewritten (its data kept).
    let removed = removed_lines(&old, &new);
    let overlaps =
        |line: &str| old.match_indices(line).any(|(at, l)| at < span.end && at + l.len() > span.start);
    for line in &removed {
        let touched = line.contains("Work") || line.contains("\"Next\": \"Done\"");
        assert!(touched || restyled.contains(&line.trim()), "{host}: untouched line changed: {line:?}");
        assert!(overlaps(line), "{host}: line outside the definition changed: {line:?}");
    }
    assert!(!removed.is_empty(), "{host}: nothing changed");

    // Still the template kind, with the edited definition in it.
    let again =
        discover_text(&host_path, &if file == host_path { new.clone() } else { old_host(&host_path) })
            .unwrap_or_else(|e| panic!("{host}: the result no longer reads: {e}"));
    let machine = again.into_iter().find(|m| m.id == id).unwrap();
    let reread = if file == host_path { machine.definition_in(&new).unwrap().text } else { new.clone() };
    let got = definition_value(&reread, definition.format).unwrap();
    let want = definition_value(edited.text(), definition.format).unwrap();
    // The edited document reads `!GetAtt F.Arn` as "F.Arn"; the file keeps the tag.
    assert_eq!(strip(&got), strip(&want), "{host}: the definition read back is not the edited one");
    for intrinsic in ["!GetAtt", "Fn::GetAtt", "!Ref", "${"] {
        assert_eq!(
            new.matches(intrinsic).count(),
            old.matches(intrinsic).count(),
            "{host}: {intrinsic} lost"
        );
    }
    assert!(got["States"]["Do Work"]["Catch"][0]["Next"] == "Failed", "{host}: {got}");

    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
    assert_eq!(new, expected, "{host}: differs from {}", golden.display());
}

/// Intrinsics as the untagged YAML reader sees them (`{"Fn::GetAtt": [A, B]}` -> "A.B").
fn strip(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(map) if map.len() == 1 && map.contains_key("Fn::GetAtt") => {
            let parts: Vec<&str> =
                map["Fn::GetAtt"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            Value::String(parts.join("."))
        }
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), strip(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
        _ => v.clone(),
    }
}

fn old_host(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn sam_inline_yaml() {
    check("sam-inline/template.yaml", "Flow", &[]);
}

#[test]
fn sam_definition_uri_edits_the_file_in_place() {
    check("sam-uri/template.yaml", "Flow", &[]);
}

#[test]
fn cloudformation_json_definition_string_with_fn_sub() {
    check("cfn-json-sub/template.json", "Flow", &[]);
}

#[test]
fn yaml_sub_literal_block() {
    check("cfn-yaml-sub/template.yaml", "Flow", &[]);
}

#[test]
fn terraform_heredoc() {
    check("terraform-heredoc/main.tf", "flow", &[]);
}

#[test]
fn serverless_yml() {
    check("serverless/serverless.yml", "flow", &["Fn::GetAtt: [work, Arn]"]);
}

#[test]
fn an_edit_that_would_drop_a_tag_is_refused() {
    // YAML edits keep the bytes they do not touch, tags included: a rename inside a flow
    // mapping keeps `!GetAtt` and goes through.
    let host = "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: Work\n        States:\n          Work: {Type: Task, Resource: !GetAtt Fn.Arn, End: true}\n";
    let path = Path::new("template.yaml");
    let machine = discover_text(path, host).unwrap().remove(0);
    let definition = machine.definition_in(host).unwrap();
    let doc = Document::parse(definition.text.clone(), definition.format).unwrap();
    let rename = DocumentEdit::RenameState { pointer: "/States/Work".into(), new_name: "Do Work".into() };
    let written = definition.write_back(host, doc.apply(&rename).unwrap().text()).unwrap();
    assert_eq!(written, host.replace("StartAt: Work", "StartAt: Do Work").replace("  Work:", "  Do Work:"));
    // An edit through an alias is re-emitted as data, without the tags: writing that back
    // would turn the intrinsics into plain strings, so it is refused.
    let host = host.replace(
        "Work: {Type: Task, Resource: !GetAtt Fn.Arn, End: true}",
        "Work: {Type: Task, Resource: !GetAtt Fn.Arn, Retry: &r [{ErrorEquals: [States.ALL]}], Next: Again}\n          Again: {Type: Task, Resource: !GetAtt Fn.Arn, Retry: *r, End: true}",
    );
    let machine = discover_text(path, &host).unwrap().remove(0);
    let definition = machine.definition_in(&host).unwrap();
    let doc = Document::parse(definition.text.clone(), definition.format).unwrap();
    let edit = DocumentEdit::SetField { pointer: "/States/Again/Retry/0/MaxAttempts".into(), value: 3.into() };
    let refused = definition.write_back(&host, doc.apply(&edit).unwrap().text()).unwrap_err().to_string();
    assert!(refused.contains("intrinsic"), "{refused}");
}
