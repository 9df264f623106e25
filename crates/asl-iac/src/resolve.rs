//! `${...}` placeholders and CloudFormation intrinsics in a definition, and the values a
//! local run gives them. The definition as written keeps them (the file is never changed
//! by a run); a run reads [`Machine::run_text`], where each is filled in from, first to
//! last: the user's own value, the template's literal (`DefinitionSubstitutions`, `Fn::Sub`
//! and `templatefile` variables), a parameter's `Default`, or a stand-in shaped as AWS
//! shapes the real value ([`crate::stand_in`]).

use crate::stand_in;
use crate::tags::{is_intrinsic, read_tagged_yaml};
use crate::{Kind, Machine};
use asl_model::syntax::{Node, NodeValue};
use asl_model::{Format, Span};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a placeholder's value comes from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The user's own value (remembered per file by the app).
    User,
    /// A literal in the file: `DefinitionSubstitutions`, `Fn::Sub` or `templatefile` vars.
    Template,
    /// The `Default` of the template parameter (or Terraform variable) it refers to.
    Parameter,
    /// A stand-in shaped as the deployed value would be (an ARN, a queue URL).
    Generated,
    /// Nothing gives it a value: AWS receives it as written (or the deploy fails).
    Unresolved,
}

/// One placeholder (`${Name}`) or intrinsic (`!GetAtt F.Arn`) of a definition and its value.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Substitution {
    /// `Name` for `${Name}`; the short form for an intrinsic (`!GetAtt F.Arn`).
    pub name: String,
    pub value: Option<String>,
    pub origin: Origin,
}

impl Substitution {
    pub(crate) fn new(name: impl Into<String>, value: Option<String>, origin: Origin) -> Self {
        Substitution { name: name.into(), value, origin }
    }
}

/// What a `${...}` in the definition may name besides the declared substitutions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Nothing substitutes `${...}`: it is text (Terraform `file()`).
    #[default]
    Text,
    /// Only the declared names; others reach AWS as written (`DefinitionSubstitutions`,
    /// `templatefile` vars).
    Declared,
    /// Also the template's parameters, resources and pseudo parameters (`Fn::Sub`).
    Template,
    /// Every `${...}` is an expression of the host (a Terraform heredoc, Serverless
    /// variables), resolved when it deploys.
    Expressions,
    /// The substitutions are declared where asl-iac does not read (CDK code).
    Unknown,
}

/// The template's names a substitution or intrinsic may refer to.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Parameters (Terraform variables) and their defaults.
    pub params: Vec<(String, Option<String>)>,
    /// Resource ids (Terraform `type.name`) and types.
    pub resources: Vec<(String, String)>,
}

/// A `${...}` in a text: its bytes and name; `name` is `None` when it is malformed (no
/// closing brace, or nothing inside).
#[derive(Clone, Debug, PartialEq)]
pub struct Placeholder {
    pub span: Span,
    pub name: Option<String>,
}

/// Every `${...}` of `text`, skipping Terraform's `$${` and `Fn::Sub`'s `${!` escapes.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find("${") {
        let start = i + found;
        i = start + 2;
        if start > 0 && bytes[start - 1] == b'$' || bytes.get(start + 2) == Some(&b'!') {
            continue;
        }
        // Terraform expressions may hold braces of their own: `${jsonencode({a = 1})}`.
        let mut depth = 0usize;
        let close = text[start + 2..].char_indices().find(|&(_, c)| match c {
            '{' => {
                depth += 1;
                false
            }
            '}' if depth == 0 => true,
            '}' => {
                depth -= 1;
                false
            }
            _ => false,
        });
        match close {
            Some((at, _)) => {
                let end = start + 2 + at + 1;
                let inner = text[start + 2..end - 1].trim();
                let name = (!inner.is_empty()).then(|| inner.to_owned());
                out.push(Placeholder { span: Span::new(start, end), name });
                i = end;
            }
            None => out.push(Placeholder { span: Span::new(start, text.len()), name: None }),
        }
    }
    out
}

impl Machine {
    /// The value of `${name}` as the file gives it, before any value of the user's.
    pub fn resolve_name(&self, name: &str) -> Substitution {
        if let Some(declared) = self.substitutions.iter().find(|s| s.name == name) {
            return declared.clone();
        }
        let unresolved = Substitution::new(name, None, Origin::Unresolved);
        match self.scope {
            Scope::Text | Scope::Declared => unresolved,
            Scope::Template => template_name(&self.names, name).unwrap_or(unresolved),
            Scope::Expressions if self.kind == Kind::Terraform => self.terraform_expression(name),
            Scope::Expressions | Scope::Unknown => {
                Substitution::new(name, Some(stand_in::by_name(name)), Origin::Generated)
            }
        }
    }

    /// The value of a Terraform expression (`var.stage`, `aws_sqs_queue.q.url`).
    pub(crate) fn terraform_expression(&self, expression: &str) -> Substitution {
        terraform_name(&self.names, expression)
    }

    /// Every placeholder and intrinsic of the definition `text`, once each, in text order,
    /// with the value a run gives it; `user` (by [`Substitution::name`]) comes first.
    pub fn resolve(&self, text: &str, format: Format, user: &BTreeMap<String, String>) -> Vec<Substitution> {
        let mut out: Vec<Substitution> = Vec::new();
        let mut push = |s: Substitution| {
            if !out.iter().any(|o| o.name == s.name) {
                out.push(match user.get(&s.name) {
                    Some(v) => Substitution::new(s.name, Some(v.clone()), Origin::User),
                    None => s,
                });
            }
        };
        for (_, _, node) in intrinsic_nodes(text, format) {
            push(self.intrinsic(&node));
        }
        if self.scope != Scope::Text {
            for p in placeholders(text) {
                if let Some(name) = p.name {
                    push(self.resolve_name(&name));
                }
            }
        }
        out
    }

    /// The definition a run executes: `text` with every intrinsic and placeholder that has
    /// a value replaced by it. Only for running; never written anywhere.
    pub fn run_text(&self, text: &str, format: Format, user: &BTreeMap<String, String>) -> String {
        let values = self.resolve(text, format, user);
        let value_of = |name: &str| values.iter().find(|s| s.name == name).and_then(|s| s.value.clone());
        let mut out = text.to_owned();
        // Intrinsic objects become strings, last first so earlier spans stay put.
        let mut nodes = intrinsic_nodes(text, format);
        nodes.sort_by_key(|(_, span, _)| std::cmp::Reverse(span.start));
        for (_, span, node) in nodes {
            if let Some(value) = value_of(&written(&node)) {
                let start = if format == Format::Yaml { with_tag(&out, span.start) } else { span.start };
                out.replace_range(start..span.end, &json_string(&value));
            }
        }
        if self.scope == Scope::Text {
            return out;
        }
        let mut result = String::with_capacity(out.len());
        let mut at = 0;
        for p in placeholders(&out) {
            let Some(value) = p.name.as_deref().and_then(value_of) else { continue };
            result.push_str(&out[at..p.span.start]);
            // Inside a JSON string, the value is written as JSON escapes it.
            match format {
                Format::Json => result.push_str(json_string(&value).trim_matches('"')),
                Format::Yaml => result.push_str(&value),
            }
            at = p.span.end;
        }
        result.push_str(&out[at..]);
        // `Fn::Sub` writes `${!Literal}` as `${Literal}`.
        if self.scope == Scope::Template {
            result = result.replace("${!", "${");
        }
        result
    }

    /// The value CloudFormation gives an intrinsic (`Ref`, `Fn::GetAtt`, `Fn::Sub`,
    /// `Fn::Join`), as a stand-in where a deployment would know it.
    pub(crate) fn intrinsic(&self, node: &Node) -> Substitution {
        let name = written(node);
        let (value, origin) = match intrinsic_value(&self.names, node) {
            Some(v) => v,
            None => (stand_in::by_name(&name), Origin::Generated),
        };
        Substitution::new(name, Some(value), origin)
    }
}

/// A scalar as the text it substitutes (`3`, `true`, `prod`); `None` for anything else.
pub(crate) fn literal(node: &Node) -> Option<String> {
    match &node.value {
        NodeValue::String(s) => Some(s.to_string()),
        NodeValue::Number(n) => Some(n.clone()),
        NodeValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A declared substitution (`DefinitionSubstitutions`, `Fn::Sub` variables): a literal,
/// or an intrinsic's value (a `Ref` to a parameter takes its `Default`, as a deployment
/// that passes no value would).
pub(crate) fn declared(names: &Names, name: &str, node: &Node) -> Substitution {
    if let Some(v) = literal(node) {
        return Substitution::new(name, Some(v), Origin::Template);
    }
    let (value, origin) =
        intrinsic_value(names, node).unwrap_or_else(|| (stand_in::by_name(name), Origin::Generated));
    Substitution::new(name, Some(value), origin)
}

fn intrinsic_value(names: &Names, node: &Node) -> Option<(String, Origin)> {
    let [m] = node.as_object()? else { return None };
    match m.key.as_ref() {
        "Ref" => {
            let s = template_name(names, m.value.as_str()?)?;
            Some((s.value?, s.origin))
        }
        "Fn::GetAtt" => {
            let (id, attr) = match (&m.value.value, m.value.as_array()) {
                (NodeValue::String(s), _) => s.split_once('.').map(|(a, b)| (a.to_owned(), b.to_owned()))?,
                (_, Some([a, b])) => (a.as_str()?.to_owned(), b.as_str()?.to_owned()),
                _ => return None,
            };
            let s = template_name(names, &format!("{id}.{attr}"))?;
            Some((s.value?, s.origin))
        }
        "Fn::Sub" => {
            let (template, vars) = match m.value.as_array() {
                Some([t, v]) => (t.as_str()?, v.as_object()),
                _ => (m.value.as_str()?, None),
            };
            let mut origin = Origin::Template;
            let mut out = String::new();
            let mut at = 0;
            for p in placeholders(template) {
                let name = p.name?;
                let given = vars.and_then(|v| v.iter().find(|x| x.key == name)).and_then(|x| x.value.as_str());
                let s = match given {
                    Some(v) => Substitution::new(&name, Some(v.to_owned()), Origin::Template),
                    None => template_name(names, &name)?,
                };
                if s.origin != Origin::Template {
                    origin = s.origin;
                }
                out.push_str(&template[at..p.span.start]);
                out.push_str(&s.value?);
                at = p.span.end;
            }
            out.push_str(&template[at..]);
            Some((out, origin))
        }
        "Fn::Join" => {
            let [delimiter, parts] = m.value.as_array()? else { return None };
            let mut origin = Origin::Template;
            let mut joined = Vec::new();
            for part in parts.as_array()? {
                match part.as_str() {
                    Some(s) => joined.push(s.to_owned()),
                    None => {
                        let (v, o) = intrinsic_value(names, part)?;
                        origin = o;
                        joined.push(v);
                    }
                }
            }
            Some((joined.join(delimiter.as_str()?), origin))
        }
        _ => None,
    }
}

/// What `${name}` means in `Fn::Sub`: a pseudo parameter, a parameter, a resource's `Ref`
/// or (`Res.Attr`) its attribute.
fn template_name(names: &Names, name: &str) -> Option<Substitution> {
    if let Some(v) = stand_in::pseudo(name) {
        return Some(Substitution::new(name, Some(v), Origin::Generated));
    }
    if let Some((_, default)) = names.params.iter().find(|(p, _)| p == name) {
        return Some(match default {
            Some(d) => Substitution::new(name, Some(d.clone()), Origin::Parameter),
            None => Substitution::new(name, Some(stand_in::by_name(name)), Origin::Generated),
        });
    }
    let (id, attribute) = match name.split_once('.') {
        Some((id, attr)) => (id, Some(attr)),
        None => (name, None),
    };
    let (_, resource_type) = names.resources.iter().find(|(r, _)| r == id)?;
    let value = stand_in::cloudformation(resource_type, id, attribute);
    Some(Substitution::new(name, Some(value), Origin::Generated))
}

/// What `${expression}` means in a Terraform heredoc: a variable's default, a data
/// source, a resource attribute, else a stand-in guessed from the name.
fn terraform_name(names: &Names, expression: &str) -> Substitution {
    let parts: Vec<&str> = expression.split('.').map(str::trim).collect();
    let generated = |v: String| Substitution::new(expression, Some(v), Origin::Generated);
    match parts.as_slice() {
        ["var", var] => match names.params.iter().find(|(p, _)| p == var) {
            Some((_, Some(default))) => Substitution::new(expression, Some(default.clone()), Origin::Parameter),
            _ => generated(stand_in::by_name(var)),
        },
        ["data", source, _, attribute] => match stand_in::terraform_data(source, attribute) {
            Some(v) => generated(v),
            None => generated(stand_in::by_name(expression)),
        },
        [resource_type, name, attribute]
            if names.resources.iter().any(|(r, _)| *r == format!("{resource_type}.{name}")) =>
        {
            generated(stand_in::terraform(resource_type, name, attribute))
        }
        _ => generated(stand_in::by_name(expression)),
    }
}

/// How an intrinsic reads in YAML's short form: `!GetAtt F.Arn`, `!Ref X`, `!Sub ...`.
pub(crate) fn written(node: &Node) -> String {
    let Some([m]) = node.as_object() else { return String::new() };
    let tag = m.key.strip_prefix("Fn::").unwrap_or(&m.key);
    let argument = match (&m.value.value, m.value.as_array()) {
        (NodeValue::String(s), _) => s.to_string(),
        (_, Some([a, b])) if tag == "GetAtt" => format!("{}.{}", a.to_value(), b.to_value()).replace('"', ""),
        _ => m.value.to_value().to_string(),
    };
    format!("!{tag} {argument}")
}

/// The intrinsic function calls of a definition: where each is (JSON pointer, bytes).
pub(crate) fn intrinsic_nodes(text: &str, format: Format) -> Vec<(String, Span, Node)> {
    let tree = match format {
        Format::Yaml => read_tagged_yaml(text).ok(),
        Format::Json => asl_model::syntax::read_json(text).ok(),
    };
    let mut out = Vec::new();
    let mut stack: Vec<(String, &Node)> = tree.iter().map(|t| (String::new(), t)).collect();
    while let Some((pointer, node)) = stack.pop() {
        if is_intrinsic(node) {
            out.push((pointer, node.span, node.clone()));
            continue;
        }
        match &node.value {
            NodeValue::Object(members) => stack.extend(
                members.iter().map(|m| (asl_model::syntax::pointer_push(&pointer, &m.key), &m.value)),
            ),
            NodeValue::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, item)| (format!("{pointer}/{i}"), item)))
            }
            _ => {}
        }
    }
    out.sort_by_key(|(_, span, _)| span.start);
    out
}

/// Where a YAML node starts with its tag: a short-form intrinsic's span is its value's
/// (`F.Arn` of `!GetAtt F.Arn`); the tag goes too when the value becomes a string.
fn with_tag(text: &str, start: usize) -> usize {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let token_start = before.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    if before[token_start..].starts_with('!') {
        token_start
    } else {
        start
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}
