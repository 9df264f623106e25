//! The check every write-back passes before it is returned: the definition read back out
//! of the new file is the edited one, and no CloudFormation intrinsic was lost. The YAML
//! the document model re-emits has no tags (`!GetAtt F.Arn` comes out as `F.Arn`); the
//! line merge keeps the host's tagged lines, and this check refuses the rare edit where
//! that is not enough, instead of silently writing a different machine.

use crate::encoding::{decode, Encoding};
use crate::tags::{is_intrinsic, read_tagged_yaml};
use asl_model::syntax::{read_json, read_yaml, Node, NodeValue};
use asl_model::{Format, Span};
use serde_json::Value;
use std::collections::HashMap;

/// Checks `host` (the new file) against the edited definition text `edited`; `old` is the
/// definition text before the edit, `span` its span in the old file.
pub(crate) fn written_back(
    host: &str,
    span: Span,
    grown: isize,
    encoding: &Encoding,
    format: Format,
    old: &str,
    edited: &str,
) -> Result<(), String> {
    let end = (span.end as isize + grown) as usize;
    let back =
        decode(host, Span::new(span.start, end), encoding).ok_or("the written definition does not decode")?;
    match format {
        Format::Json => {
            let got = read_json(&back.text).map_err(|e| e.message)?.to_value();
            let want = read_json(edited).map_err(|e| e.message)?.to_value();
            (got == want).then_some(()).ok_or_else(|| "the written definition is not the edited one".into())
        }
        Format::Yaml => {
            let got = read_tagged_yaml(&back.text).map_err(|e| e.message)?;
            // Long forms (`Fn::GetAtt: [A, B]`) are objects to both readers: compare with
            // every intrinsic stripped on both sides.
            let want = strip(&read_yaml(edited).map_err(|e| e.message)?.to_value());
            if strip(&got.to_value()) != want {
                return Err("the written definition is not the edited one".into());
            }
            let before = read_tagged_yaml(old).map_err(|e| e.message)?;
            let (had, has) = (intrinsics(&before), intrinsics(&got));
            for (value, count) in had {
                let still = occurrences(&want, &value).min(count);
                if has.get(&value).copied().unwrap_or(0) < still {
                    return Err(format!(
                        "the edit would drop a CloudFormation intrinsic function ({value}); edit this part of the template by hand"
                    ));
                }
            }
            Ok(())
        }
    }
}

/// A value with every intrinsic as the untagged YAML reads it (`!GetAtt A.B` -> `"A.B"`).
fn strip(v: &Value) -> Value {
    match v {
        Value::Object(map) if map.len() == 1 => {
            let (key, inner) = map.iter().next().map(|(k, v)| (k.as_str(), v)).unwrap_or(("", v));
            match key {
                "Fn::GetAtt" => {
                    match inner.as_array().map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>()) {
                        Some(parts) if parts.len() == 2 => Value::String(parts.join(".")),
                        _ => strip(inner),
                    }
                }
                "Ref" | "Condition" => strip(inner),
                k if k.starts_with("Fn::") => strip(inner),
                _ => Value::Object(map.iter().map(|(k, v)| (k.clone(), strip(v))).collect()),
            }
        }
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), strip(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
        _ => v.clone(),
    }
}

/// How many intrinsics of each untagged value a tree holds.
fn intrinsics(tree: &Node) -> HashMap<Value, usize> {
    let mut out = HashMap::new();
    let mut stack = vec![tree];
    while let Some(node) = stack.pop() {
        if is_intrinsic(node) {
            *out.entry(strip(&node.to_value())).or_insert(0) += 1;
            continue;
        }
        match &node.value {
            NodeValue::Object(members) => stack.extend(members.iter().map(|m| &m.value)),
            NodeValue::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    out
}

/// How many times `needle` occurs as a value in `v`.
fn occurrences(v: &Value, needle: &Value) -> usize {
    let inner = match v {
        Value::Object(map) => map.values().map(|x| occurrences(x, needle)).sum(),
        Value::Array(items) => items.iter().map(|x| occurrences(x, needle)).sum(),
        _ => 0,
    };
    inner + usize::from(v == needle)
}
