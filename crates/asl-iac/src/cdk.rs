//! AWS CDK: source files that load a definition with `DefinitionBody.fromFile(PATH)`
//! (TypeScript/JavaScript) or `from_file(PATH)` (Python), and the asset files of
//! synthesized templates. The source is read as text, not parsed: only the call, its
//! string argument and the enclosing `StateMachine(scope, 'Id'` matter, and a CDK app in
//! any of its languages writes them the same way.

use crate::{position, IacError, Kind, Machine, Source};
use asl_model::syntax::Node;
use std::path::{Path, PathBuf};

pub(crate) fn discover(path: &Path, text: &str) -> Result<Vec<Machine>, IacError> {
    let base = app_dir(path);
    let mut out = Vec::new();
    for (at, call) in text.match_indices("DefinitionBody.from") {
        let rest = &text[at + call.len()..];
        let Some(args) = rest.strip_prefix("File(").or_else(|| rest.strip_prefix("_file(")) else { continue };
        let Some(file) = string_literal(args) else {
            return Err(IacError::parse(path, text, at, "DefinitionBody.fromFile without a string path"));
        };
        let (id, declared) = match text[..at].rfind("StateMachine(") {
            Some(sm) => {
                let after = &text[sm + "StateMachine(".len()..];
                let id = after.split_once(',').and_then(|(_, rest)| string_literal(rest));
                (id.unwrap_or_else(|| format!("StateMachine@{}", position(text, sm).line)), sm)
            }
            None => (format!("StateMachine@{}", position(text, at).line), at),
        };
        let resource_type = if rest.starts_with('_') { "from_file" } else { "fromFile" };
        out.push(Machine {
            id,
            kind: Kind::Cdk,
            resource_type: format!("aws-cdk DefinitionBody.{resource_type}"),
            file: path.to_path_buf(),
            position: position(text, declared),
            source: Source::File { path: base.join(&file), written: file },
            readonly: None,
            substitutions: Vec::new(),
            scope: crate::Scope::Unknown,
            names: Default::default(),
        });
    }
    Ok(out)
}

/// The CDK app's folder: `fromFile` paths are relative to where `cdk synth` runs, the
/// nearest folder above the source holding `cdk.json` (else the source's own folder).
fn app_dir(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new(""));
    dir.ancestors().find(|d| d.join("cdk.json").is_file()).unwrap_or(dir).to_path_buf()
}

/// The first string literal in `s` (quoted with `'`, `"` or a backquote), skipping blanks.
fn string_literal(s: &str) -> Option<String> {
    let s = s.trim_start();
    let quote = s.chars().next().filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let body = &s[1..];
    let end = body.find(quote)?;
    Some(body[..end].to_owned())
}

/// The asset file a synthesized template's `DefinitionS3Location` names: the
/// `*.assets.json` manifest beside the template maps the S3 object key to its source.
pub(crate) fn asset(template: &Path, location: &Node) -> Option<(PathBuf, String)> {
    let key = location.get("Key").and_then(Node::as_str)?;
    let dir = template.parent()?;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let manifest = entry.path();
        if !manifest.to_str().is_some_and(|p| p.ends_with(".assets.json")) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&manifest) else { continue };
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else { continue };
        for file in json.get("files").and_then(|f| f.as_object()).into_iter().flat_map(|f| f.values()) {
            let matches = file.get("destinations").and_then(|d| d.as_object()).is_some_and(|d| {
                d.values().any(|v| v.get("objectKey").and_then(|k| k.as_str()) == Some(key))
            });
            if let (true, Some(source)) = (matches, file.pointer("/source/path").and_then(|p| p.as_str())) {
                return Some((dir.join(source), source.to_owned()));
            }
        }
    }
    None
}
