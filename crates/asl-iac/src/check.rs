//! Validation of a definition where it lives: asl-check's rules, told what the template
//! does to the text before AWS reads it. A CloudFormation intrinsic (`Resource: !GetAtt
//! F.Arn`) becomes a string at deploy, so asl-check's complaint about an object there
//! gives way to a warning naming it. A `${Name}` is text filled in at deploy: fine in a
//! `Resource` or a payload, an error when malformed, a warning when nothing declares it
//! (AWS then receives it as written), and a warning where it hides what the diagram
//! and the checks need (`Type`, `Next`, `Default`, `StartAt`, a state's name).

use crate::resolve::{intrinsic_nodes, placeholders};
use crate::{Kind, Machine, Origin, Scope};
use asl_check::{Diagnostic, Severity};
use asl_model::syntax::{pointer_push, Node, NodeValue};
use asl_model::{Document, Span};

/// The diagnostics of `doc`, the definition of `machine`.
pub fn check(machine: &Machine, doc: &Document) -> Vec<Diagnostic> {
    within(machine, doc, asl_check::check(doc))
}

/// `diagnostics` (asl-check's, of `doc`) as they stand in `machine`'s template.
pub fn within(machine: &Machine, doc: &Document, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut added = Vec::new();
    // Pointers whose value is known only at deploy: asl-check's findings there (and those
    // following from them) are replaced by one warning each.
    let mut unknowable: Vec<String> = Vec::new();
    for (pointer, _, node) in intrinsic_nodes(doc.text(), doc.format()) {
        let s = machine.intrinsic(&node);
        let value = match (s.origin, &s.value) {
            (Origin::Generated, Some(v)) => format!("; a local run uses the stand-in \"{v}\""),
            (_, Some(v)) => format!("; a local run uses \"{v}\""),
            _ => String::new(),
        };
        let message = format!(
            "{} is {}, a CloudFormation intrinsic filled in at deploy: not checked here{value}",
            field(&pointer),
            s.name
        );
        added.push(warning("cfn-intrinsic", &pointer, span_at(doc, &pointer), message));
        unknowable.push(pointer);
    }
    let inside = |p: &str, of: &str| p == of || p.strip_prefix(of).is_some_and(|rest| rest.starts_with('/'));
    if machine.scope != Scope::Text {
        let mut strings = Vec::new();
        collect_strings(doc.tree(), String::new(), &mut strings);
        // A `${...}` inside an intrinsic (`!Sub "arn:${AWS::Partition}:..."`) is that
        // intrinsic's, resolved with it.
        let intrinsics = unknowable.clone();
        strings.retain(|(p, ..)| !intrinsics.iter().any(|i| inside(p, i)));
        for (pointer, span, text, is_key) in strings {
            for p in placeholders(&text) {
                let Some(name) = p.name else {
                    // asl-check reports an unterminated one in a `Resource` itself.
                    if diagnostics.iter().any(|d| d.pointer == pointer && d.severity == Severity::Error) {
                        continue;
                    }
                    let message = format!(
                        "\"{text}\" has a malformed substitution: \"${{\" must be followed by a name and \"}}\""
                    );
                    added.push(Diagnostic {
                        severity: Severity::Error,
                        ..warning("invalid-substitution", &pointer, span, message)
                    });
                    continue;
                };
                let s = machine.resolve_name(&name);
                if s.origin == Origin::Unresolved {
                    added.push(warning("undeclared-substitution", &pointer, span, undeclared(machine, &name)));
                }
                if is_key || structural(&pointer) {
                    let known = match (&s.value, s.origin) {
                        (Some(v), Origin::Template | Origin::Parameter) => format!(" (\"{v}\" from the template)"),
                        _ => String::new(),
                    };
                    let what = if is_key { "the state's name".to_owned() } else { field(&pointer) };
                    let message = format!(
                        "{what} is ${{{name}}}, known only at deploy{known}: the diagram shows it as written and it is not checked"
                    );
                    added.push(warning("unchecked-substitution", &pointer, span, message));
                    unknowable.push(pointer.clone());
                }
            }
        }
    }
    let structural_guess = unknowable.iter().any(|u| structural(u));
    diagnostics.retain(|d| {
        let at = |p: &str| unknowable.iter().any(|u| inside(p, u));
        // A transition known only at deploy leaves reachability unknowable too.
        !(at(&d.pointer) || d.caused_by.as_deref().is_some_and(at) || structural_guess && d.code == "unreachable-state")
    });
    diagnostics.extend(added);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics.dedup();
    diagnostics
}

fn undeclared(machine: &Machine, name: &str) -> String {
    let declared: Vec<&str> = machine.substitutions.iter().map(|s| s.name.as_str()).collect();
    let list = if declared.is_empty() { "none".to_owned() } else { declared.join(", ") };
    match (machine.scope, machine.kind) {
        (Scope::Template, _) => format!(
            "${{{name}}} names no parameter, resource or variable of this Fn::Sub: CloudFormation will refuse it"
        ),
        (_, Kind::Terraform) => {
            format!("${{{name}}} is not a variable the template is given ({list}): Terraform will refuse it")
        }
        _ => format!("${{{name}}} is not in DefinitionSubstitutions ({list}): AWS receives it as written"),
    }
}

/// A field whose value the diagram and the checks must know: a state's type or a transition.
fn structural(pointer: &str) -> bool {
    matches!(pointer.rsplit('/').next(), Some("Type" | "Next" | "Default" | "StartAt"))
}

/// `"Resource"` of `/States/A/Resource`, for messages.
fn field(pointer: &str) -> String {
    format!("\"{}\"", pointer.rsplit('/').next().unwrap_or(pointer).replace("~1", "/").replace("~0", "~"))
}

fn warning(code: &'static str, pointer: &str, span: Span, message: String) -> Diagnostic {
    Diagnostic {
        code,
        severity: Severity::Warning,
        pointer: pointer.to_owned(),
        span,
        message,
        caused_by: None,
        fix: None,
    }
}

fn span_at(doc: &Document, pointer: &str) -> Span {
    doc.tree().at(pointer).map_or(Span::new(0, 0), |n| n.span)
}

/// Every string value and object key holding `${`: (pointer, span, text, is a state name).
fn collect_strings(node: &Node, pointer: String, out: &mut Vec<(String, Span, String, bool)>) {
    match &node.value {
        NodeValue::String(s) if s.contains("${") => out.push((pointer, node.span, s.to_string(), false)),
        NodeValue::Object(members) => {
            let states = pointer.ends_with("/States") || pointer == "/States";
            for m in members.iter() {
                let child = pointer_push(&pointer, &m.key);
                // A key is text substituted like any other; only a state's name matters here.
                if states && m.key.contains("${") {
                    out.push((child.clone(), m.key_span, m.key.to_string(), true));
                }
                collect_strings(&m.value, child, out);
            }
        }
        NodeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_strings(item, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}
