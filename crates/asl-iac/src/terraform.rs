//! Terraform: `resource "aws_sfn_state_machine" "NAME"` and its `definition`, read with
//! hcl-edit (a parser that keeps every expression's byte span): a heredoc, `file(...)`,
//! `templatefile(...)`, `jsonencode({...})`, or those reached through
//! `data.template_file.X.rendered` / `local.X`.

use crate::encoding::{decode, Encoding};
use crate::{position, IacError, Kind, Machine, Names, Origin, Scope, Source, Substitution};
use asl_model::{Format, Span};
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};
use hcl_edit::Span as _;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

const RESOURCE: &str = "aws_sfn_state_machine";

struct File<'a> {
    path: &'a Path,
    text: &'a str,
    body: Body,
}

pub(crate) fn discover(path: &Path, text: &str) -> Result<Vec<Machine>, IacError> {
    let body = hcl_edit::parser::parse_body(text).map_err(|e| {
        let at = e.location();
        IacError::Parse {
            file: path.to_path_buf(),
            line: at.line(),
            column: at.column(),
            message: format!("not HCL: {}", e.message()),
        }
    })?;
    let file = File { path, text, body };
    let names = file.names();
    let mut out = Vec::new();
    for block in file.body.get_blocks("resource") {
        if block.labels.first().map(|l| l.as_str()) != Some(RESOURCE) {
            continue;
        }
        let id = block.labels.get(1).map_or_else(String::new, |l| l.as_str().to_owned());
        let start = block.span().map_or(0, |s| s.start);
        let mut machine = Machine {
            id,
            kind: Kind::Terraform,
            resource_type: RESOURCE.into(),
            file: path.to_path_buf(),
            position: position(text, start),
            source: Source::Unknown { reason: "the resource has no definition".into() },
            readonly: None,
            substitutions: Vec::new(),
            scope: Scope::Text,
            names: names.clone(),
        };
        if let Some(attr) = block.body.get_attribute("definition") {
            file.locate(&mut machine, &attr.value, 0);
        }
        out.push(machine);
    }
    Ok(out)
}

impl File<'_> {
    fn source_of(&self, expr: &Expression) -> &str {
        expr.span().and_then(|s| self.text.get(s)).unwrap_or_default()
    }

    fn unknown(&self, machine: &mut Machine, reason: String, readonly: String) {
        machine.source = Source::Unknown { reason };
        machine.readonly = Some(readonly);
    }

    fn locate(&self, machine: &mut Machine, expr: &Expression, depth: usize) {
        match expr {
            Expression::HeredocTemplate(_) => match self.heredoc(expr) {
                Some((span, encoding, text)) => {
                    machine.source =
                        Source::Embedded { span, encoding: Some(encoding), text, format: Format::Json };
                    // Terraform interpolates every `${...}` of a heredoc.
                    machine.scope = Scope::Expressions;
                }
                None => self.unknown(machine, "a heredoc asl-iac cannot read".into(), "heredoc".into()),
            },
            Expression::FuncCall(call) => {
                let args: Vec<&Expression> = call.args.iter().collect();
                match (call.name.name.as_str(), args.as_slice()) {
                    ("file", [p, ..]) => self.file(machine, p),
                    ("templatefile", [p, rest @ ..]) => {
                        self.file(machine, p);
                        machine.scope = Scope::Declared;
                        if let Some(Expression::Object(vars)) = rest.first() {
                            self.vars(machine, vars);
                        }
                    }
                    ("jsonencode", [value]) => {
                        let mut expressions = false;
                        let json = self.to_json(value, &mut expressions);
                        let text = serde_json::to_string_pretty(&json).unwrap_or_default();
                        let span = value.span().map_or(Span::default(), |s| Span::new(s.start, s.end));
                        machine.source =
                            Source::Embedded { span, encoding: None, text, format: Format::Json };
                        machine.readonly = Some(if expressions {
                            "jsonencode with HCL expressions".into()
                        } else {
                            "jsonencode (an HCL object, not JSON text)".into()
                        });
                    }
                    _ => self.expression(machine, expr),
                }
            }
            Expression::Traversal(t) if depth < 4 => {
                let names: Vec<&str> = std::iter::once(self.source_of(&t.expr))
                    .chain(t.operators.iter().filter_map(|op| match op.value() {
                        hcl_edit::expr::TraversalOperator::GetAttr(id) => Some(id.as_str()),
                        _ => None,
                    }))
                    .collect();
                let target = match names.as_slice() {
                    ["data", "template_file", name, "rendered"] => self.template_file(name),
                    ["local", name] => self.local(name),
                    _ => None,
                };
                match target {
                    Some((template, vars)) => {
                        self.locate(machine, template, depth + 1);
                        if let Some(Expression::Object(vars)) = vars {
                            machine.scope = Scope::Declared;
                            self.vars(machine, vars);
                        }
                    }
                    None => self.expression(machine, expr),
                }
            }
            _ => self.expression(machine, expr),
        }
    }

    fn expression(&self, machine: &mut Machine, expr: &Expression) {
        let source = self.source_of(expr).trim().to_owned();
        self.unknown(
            machine,
            format!("this definition is the Terraform expression {source}"),
            format!("definition is the expression {source}"),
        );
    }

    /// `file(PATH)` / `templatefile(PATH, ...)`: PATH relative to the `.tf` file's folder
    /// (the root module), `${path.module}` being that folder.
    fn file(&self, machine: &mut Machine, arg: &Expression) {
        let written = self.source_of(arg).trim().trim_matches('"').to_owned();
        let relative = written.replace("${path.module}", ".").replace("${path.root}", ".");
        if relative.contains("${") {
            let reason = format!("file path '{written}' depends on Terraform values");
            self.unknown(machine, reason.clone(), reason);
            return;
        }
        let dir = self.path.parent().unwrap_or(Path::new(""));
        machine.source = Source::File { path: normal(&dir.join(relative)), written };
    }

    fn blocks<'b>(&'b self, ident: &'b str) -> impl Iterator<Item = &'b Block> + 'b {
        self.body.get_blocks(ident)
    }

    fn template_file(&self, name: &str) -> Option<(&Expression, Option<&Expression>)> {
        let block = self.blocks("data").find(|b| {
            b.labels.first().map(|l| l.as_str()) == Some("template_file")
                && b.labels.get(1).map(|l| l.as_str()) == Some(name)
        })?;
        let template = &block.body.get_attribute("template")?.value;
        Some((template, block.body.get_attribute("vars").map(|a| &a.value)))
    }

    fn local(&self, name: &str) -> Option<(&Expression, Option<&Expression>)> {
        self.blocks("locals").find_map(|b| b.body.get_attribute(name)).map(|a| (&a.value, None))
    }

    /// `templatefile` / `template_file` variables: a string is the value; an expression
    /// (`aws_sqs_queue.q.url`, `var.stage`) is resolved as in a heredoc.
    fn vars(&self, machine: &mut Machine, vars: &hcl_edit::expr::Object) {
        for (key, value) in vars.iter() {
            let name = self.key(key);
            let resolved = match value.expr().as_str() {
                Some(literal) => Substitution::new(&name, Some(literal.to_owned()), Origin::Template),
                None => {
                    let source = self.source_of(value.expr()).trim();
                    let inner = source.strip_prefix("\"${").and_then(|s| s.strip_suffix("}\"")).unwrap_or(source);
                    let expression = machine.terraform_expression(inner);
                    Substitution::new(&name, expression.value, expression.origin)
                }
            };
            machine.substitutions.push(resolved);
        }
    }

    /// Variables (with literal defaults) and resources (`type.name`) of the file.
    fn names(&self) -> Names {
        let params = self
            .blocks("variable")
            .filter_map(|b| {
                let name = b.labels.first()?.as_str().to_owned();
                let default = b.body.get_attribute("default").and_then(|a| match &a.value {
                    Expression::String(s) => Some(s.value().clone()),
                    Expression::Number(_) | Expression::Bool(_) => Some(self.source_of(&a.value).trim().to_owned()),
                    _ => None,
                });
                Some((name, default))
            })
            .collect();
        let resources = self
            .blocks("resource")
            .filter_map(|b| {
                let kind = b.labels.first()?.as_str();
                Some((format!("{kind}.{}", b.labels.get(1)?.as_str()), kind.to_owned()))
            })
            .collect();
        Names { params, resources }
    }

    fn key(&self, key: &ObjectKey) -> String {
        match key {
            ObjectKey::Ident(id) => id.as_str().to_owned(),
            ObjectKey::Expression(e) => {
                e.as_str().map_or_else(|| self.source_of(e).to_owned(), str::to_owned)
            }
        }
    }

    /// The heredoc's body: whole lines between the `<<EOF` line and the closing one.
    fn heredoc(&self, expr: &Expression) -> Option<(Span, Encoding, String)> {
        let range = expr.span()?;
        let raw = self.text.get(range.clone())?;
        let header_end = range.start + raw.find('\n')? + 1;
        let header = &raw[..raw.find('\n')?];
        let delimiter = header.trim_start_matches('<').trim_start_matches('-').trim();
        // The closing line is the last line of the span.
        let close_start = range.start + raw.trim_end().rfind('\n')? + 1;
        if self.text.get(close_start..range.end)?.trim() != delimiter || close_start < header_end {
            return None;
        }
        let body = self.text.get(header_end..close_start)?;
        let indent = if header.starts_with("<<-") {
            body.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start_matches(' ').len())
                .min()
                .unwrap_or(0)
        } else {
            0
        };
        let span = Span::new(header_end, close_start);
        let encoding = Encoding::Heredoc { indent };
        let text = decode(self.text, span, &encoding)?.text;
        Some((span, encoding, text))
    }

    /// An HCL value as JSON; an expression becomes `"${expression}"` (the same value in
    /// HCL), flagged in `expressions`.
    fn to_json(&self, expr: &Expression, expressions: &mut bool) -> Value {
        match expr {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(_) => serde_json::from_str(self.source_of(expr).trim()).unwrap_or(Value::Null),
            Expression::String(s) => Value::String(s.value().clone()),
            Expression::Array(items) => {
                Value::Array(items.iter().map(|e| self.to_json(e, expressions)).collect())
            }
            Expression::Object(object) => {
                let mut map = Map::new();
                for (key, value) in object.iter() {
                    map.insert(self.key(key), self.to_json(value.expr(), expressions));
                }
                Value::Object(map)
            }
            Expression::StringTemplate(_) => {
                *expressions = true;
                let source = self.source_of(expr).trim();
                let inner = source.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(source);
                Value::String(inner.to_owned())
            }
            Expression::Parenthesis(p) => self.to_json(p.inner(), expressions),
            _ => {
                *expressions = true;
                Value::String(format!("${{{}}}", self.source_of(expr).trim()))
            }
        }
    }
}

/// `a/./b` -> `a/b` (the path printed stays the one a user would write).
fn normal(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}
