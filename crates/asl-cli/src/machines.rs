//! `asl machines FILE [--format json]`, and the one place where a command's file argument
//! becomes a state machine of an IaC file: `FILE#ID`, or an IaC file with one machine
//! (design §3.1: every command that takes a file takes `FILE#ID`).

use crate::exit;
use crate::input::ReadError;
use crate::Io;
use asl_check::Diagnostic;
use asl_iac::{definition_value, is_iac, split_address, Machine, Source};
use asl_model::{Document, Format, ParseError};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// A SAM, CloudFormation, CDK, Terraform or Serverless file.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    kind: &'a str,
    line: usize,
    column: usize,
    definition_file: Option<String>,
    readonly: bool,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let machines = match asl_iac::discover(&args.file) {
        Ok(machines) => machines,
        Err(e @ (asl_iac::IacError::Io(..) | asl_iac::IacError::NotUtf8(_))) => {
            let _ = writeln!(io.err, "asl: {e}");
            return exit::USAGE;
        }
        Err(e) => {
            let _ = writeln!(io.err, "{e}");
            return exit::INVALID;
        }
    };
    match args.format {
        OutputFormat::Json => {
            let listed: Vec<Listed> = machines
                .iter()
                .map(|m| Listed {
                    id: &m.id,
                    kind: m.kind.name(),
                    line: m.position.line,
                    column: m.position.column,
                    definition_file: m.definition_file().map(|p| p.display().to_string()),
                    readonly: m.readonly.is_some(),
                })
                .collect();
            let _ =
                writeln!(io.out, "{}", serde_json::to_string_pretty(&listed).unwrap_or_else(|_| "[]".into()));
        }
        OutputFormat::Text => {
            for m in &machines {
                let place = match &m.source {
                    Source::File { path, .. } => path.display().to_string(),
                    Source::Embedded { .. } => "inline".into(),
                    Source::Unknown { reason } => format!("unknown: {reason}"),
                };
                let readonly =
                    m.readonly.as_deref().map(|r| format!(" (read-only: {r})")).unwrap_or_default();
                let (line, column) = (m.position.line, m.position.column);
                let _ = writeln!(
                    io.out,
                    "{}#{}\t{}\t{line}:{column}\t{place}{readonly}",
                    args.file.display(),
                    m.id,
                    m.kind.name()
                );
            }
        }
    }
    exit::OK
}

/// The IaC machine `path` names: `FILE#ID`, or an IaC file (with exactly one machine,
/// else an error listing them). `None` for an ASL file. `text` is the file's text when
/// the caller has read it already.
fn named_machine(path: &Path, text: Option<&str>) -> Option<Result<Machine, ReadError>> {
    let address = split_address(path);
    if address.id.is_none() && !text.is_some_and(|t| is_iac(path, t)) {
        return None;
    }
    Some(address.machine().map_err(iac_error))
}

fn iac_error(e: asl_iac::IacError) -> ReadError {
    use asl_iac::IacError;
    match e {
        IacError::Parse { line, column, message, .. } => {
            let position = asl_model::Position { line, column };
            ReadError::Parse { text: None, error: ParseError { message, offset: 0, position } }
        }
        other => ReadError::Io(other.to_string()),
    }
}

/// The definition of the machine `path` names, as a document; `substitute` (the user's
/// own values) fills in its `${Name}` placeholders and CloudFormation intrinsics as a run
/// does ([`Machine::run_text`]; for a run only: the text shown and written back keeps
/// them). `None` when `path` is an ASL file.
pub fn read_machine(
    path: &Path,
    text: Option<&str>,
    substitute: Option<&std::collections::BTreeMap<String, String>>,
) -> Option<Result<Document, ReadError>> {
    let machine = match named_machine(path, text)? {
        Ok(m) => m,
        Err(e) => return Some(Err(e)),
    };
    let definition = match machine.definition() {
        Ok(d) => d,
        Err(e) => return Some(Err(iac_error(e))),
    };
    let text = match substitute {
        Some(user) => machine.run_text(&definition.text, definition.format, user),
        None => definition.text,
    };
    Some(
        Document::parse(text.clone(), definition.format)
            .map_err(|error| ReadError::Parse { text: Some(text), error }),
    )
}

/// A test case whose `definition_file` names an IaC machine (`template.yaml#Flow`, or a
/// template with one machine): that definition, its literal substitutions applied as for
/// `asl run`. `None` for a case with an ASL file or an inline definition.
pub fn case_document(case: &asl_eval::testing::TestCase) -> Option<Result<Document, String>> {
    let relative = case.definition_file.as_deref().filter(|_| case.definition.is_none())?;
    let path = case.file.parent().unwrap_or(Path::new(".")).join(relative);
    let text = std::fs::read_to_string(&path).ok();
    let found = read_machine(&path, text.as_deref(), Some(&Default::default()))?;
    Some(found.map_err(|e| match e {
        ReadError::Io(message) => message,
        ReadError::Parse { error, .. } => {
            format!("{}:{}:{}: {}", path.display(), error.position.line, error.position.column, error.message)
        }
    }))
}

/// Where a machine's diagnostics are shown: the file holding its definition (the template
/// itself for an embedded one), with positions in that file.
pub struct Located {
    pub name: String,
    pub text: String,
    offsets: Vec<usize>,
    lines: asl_model::LineIndex,
}

impl Located {
    /// The position in the file of a byte offset of the definition.
    pub fn position(&self, offset: usize) -> asl_model::Position {
        let at = self.offsets.get(offset).or(self.offsets.last()).copied().unwrap_or(0);
        self.lines.position(&self.text, at)
    }
}

/// For `FILE#ID` (or an IaC file's only machine) whose definition is `doc` as read (no
/// substitution applied): its file and the offset mapping. `None` for an ASL file, or a
/// definition built from parts (its own positions are used).
pub fn locate(path: &Path, doc: &Document) -> Option<Located> {
    if !is_machine(path) {
        return None;
    }
    let definition = split_address(path).machine().ok()?.definition().ok()?;
    let offsets = definition.file_offsets().filter(|_| definition.text == doc.text())?;
    let text = definition.file_text()?.to_owned();
    let lines = asl_model::LineIndex::new(&text);
    Some(Located { name: definition.file.display().to_string(), text, offsets, lines })
}

/// `asl validate TEMPLATE` checks every machine: an IaC file without `#ID` becomes one
/// `FILE#ID` per machine whose definition can be known.
pub fn expand(path: &Path) -> Vec<PathBuf> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) if is_iac(path, &text) => text,
        _ => return vec![path.to_path_buf()],
    };
    match asl_iac::discover_text(path, &text) {
        Ok(machines) if !machines.is_empty() => machines
            .iter()
            .filter(|m| !matches!(m.source, Source::Unknown { .. }))
            .map(|m| PathBuf::from(format!("{}#{}", path.display(), m.id)))
            .collect(),
        _ => vec![path.to_path_buf()],
    }
}

/// Whether `path` names an IaC machine (so its definition may hold intrinsics).
fn is_machine(path: &Path) -> bool {
    split_address(path).id.is_some() || std::fs::read_to_string(path).is_ok_and(|text| is_iac(path, &text))
}

/// `diagnostics` of `doc` as they stand in the template when `path` names an IaC machine
/// (intrinsics and `${...}` substitutions known to be filled in at deploy; see
/// [`asl_iac::check`]); unchanged for an ASL file.
pub fn in_template(path: &Path, doc: &Document, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    match is_machine(path).then(|| split_address(path).machine().ok()).flatten() {
        Some(machine) => asl_iac::check_within(&machine, doc, diagnostics),
        None => diagnostics,
    }
}

/// `asl export FILE#ID --to json` of a YAML definition: its data with CloudFormation's
/// short forms in their long forms (`!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`).
pub fn export_json(path: &Path, doc: &Document) -> Option<String> {
    if doc.format() != Format::Yaml || !is_machine(path) {
        return None;
    }
    let value = definition_value(doc.text(), Format::Yaml).ok()?;
    Some(format!("{}\n", serde_json::to_string_pretty(&value).ok()?))
}
