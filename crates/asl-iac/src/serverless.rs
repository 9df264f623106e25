//! Serverless Framework files: `stepFunctions.stateMachines.<key>.definition`.

use crate::value::{is_json, place_object};
use crate::{position, IacError, Kind, Machine, Names, Source};
use asl_model::syntax::Node;
use std::path::Path;

pub(crate) fn is_serverless(tree: &Node) -> bool {
    tree.get("stepFunctions").is_some() && tree.get("Resources").is_none()
}

pub(crate) fn discover(path: &Path, text: &str, tree: &Node) -> Result<Vec<Machine>, IacError> {
    let Some(machines) =
        tree.get("stepFunctions").and_then(|s| s.get("stateMachines")).and_then(Node::as_object)
    else {
        return Ok(Vec::new());
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for m in machines.iter() {
        let mut machine = Machine {
            id: m.key.to_string(),
            kind: Kind::Serverless,
            resource_type: "serverless-step-functions".into(),
            file: path.to_path_buf(),
            position: position(text, m.key_span.start),
            source: Source::Unknown { reason: "the state machine has no definition".into() },
            readonly: None,
            substitutions: Vec::new(),
            scope: crate::Scope::Expressions,
            names: names(tree),
        };
        match m.value.get("definition") {
            Some(def) if def.as_object().is_some() => {
                let p = place_object(text, is_json(path, text), def);
                machine.source =
                    Source::Embedded { span: p.span, encoding: p.encoding, text: p.text, format: p.format };
            }
            Some(def) => match def.as_str().and_then(file_variable) {
                Some(file) => {
                    machine.source = Source::File { path: dir.join(file), written: file.to_owned() }
                }
                None => {
                    let reason = format!("the definition is the Serverless variable {}", def.to_value());
                    machine.source = Source::Unknown { reason: reason.clone() };
                    machine.readonly = Some(reason);
                }
            },
            None => {}
        }
        out.push(machine);
    }
    Ok(out)
}

/// The service's functions (the plugin's `Fn::GetAtt: [hello, Arn]` names one) and the
/// CloudFormation resources under `resources.Resources`.
fn names(tree: &Node) -> Names {
    let members = |n: Option<&Node>| n.and_then(Node::as_object).unwrap_or(&[]).to_vec();
    let functions = members(tree.get("functions"));
    let resources = members(tree.get("resources").and_then(|r| r.get("Resources")));
    Names {
        params: Vec::new(),
        resources: functions
            .iter()
            .map(|f| (f.key.to_string(), "AWS::Lambda::Function".to_owned()))
            .chain(resources.iter().filter_map(|r| {
                Some((r.key.to_string(), r.value.get("Type")?.as_str()?.to_owned()))
            }))
            .collect(),
    }
}

/// The path of `${file(PATH)}` (or `${file(PATH):key}`, the whole file still).
fn file_variable(s: &str) -> Option<&str> {
    let inner = s.trim().strip_prefix("${file(")?;
    let end = inner.find(')')?;
    Some(inner[..end].trim().trim_matches(['\'', '"']))
}
