//! State machines where they live: inside SAM, CloudFormation, CDK, Terraform and
//! Serverless Framework files. Find them ([`discover`]), read one definition out of its
//! host ([`Machine::definition`]), and write an edited definition back so that only the
//! definition's bytes change ([`Definition::write_back`]).
//!
//! ```
//! use asl_iac::{discover_text, Kind};
//! use std::path::Path;
//!
//! let template = "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A: {Type: Succeed}\n";
//! let machines = discover_text(Path::new("template.yaml"), template).unwrap();
//! assert_eq!(machines[0].id, "Flow");
//! assert_eq!(machines[0].kind, Kind::Sam);
//! let definition = machines[0].definition_in(template).unwrap();
//! assert_eq!(definition.text, "StartAt: A\nStates:\n  A: {Type: Succeed}");
//!
//! // An edit of the definition changes only its own bytes in the template.
//! let edited = definition.text.replace("A: {", "Done: {").replace("At: A", "At: Done");
//! let written = definition.write_back(template, &edited).unwrap();
//! assert_eq!(written, template.replace("A: {", "Done: {").replace("At: A", "At: Done"));
//! ```
#![forbid(unsafe_code)]

mod address;
mod cdk;
mod check;
mod cfn;
mod encoding;
mod error;
mod resolve;
mod serverless;
pub mod stand_in;
mod tags;
mod terraform;
mod value;
mod verify;

pub use address::{is_iac, split_address, Address};
pub use check::{check, within as check_within};
pub use encoding::Encoding;
pub use error::IacError;
pub use resolve::{placeholders, Names, Origin, Placeholder, Scope, Substitution};
pub use tags::{intrinsic_pointers, read_tagged_yaml};
pub use value::definition_value;

use asl_model::{Format, Position, Span};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The kind of file (or, for a CloudFormation resource inside a SAM template, of machine).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// AWS SAM template (the SAM transform or `AWS::Serverless::*` resources).
    Sam,
    /// Plain CloudFormation template.
    #[serde(rename = "cloudformation")]
    CloudFormation,
    /// AWS CDK: a source file using `DefinitionBody.fromFile`, or a synthesized template.
    Cdk,
    /// Terraform `aws_sfn_state_machine`.
    Terraform,
    /// Serverless Framework `stepFunctions.stateMachines`.
    Serverless,
}

impl Kind {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Sam => "sam",
            Kind::CloudFormation => "cloudformation",
            Kind::Cdk => "cdk",
            Kind::Terraform => "terraform",
            Kind::Serverless => "serverless",
        }
    }
}

/// One state machine declared in an IaC file.
#[derive(Clone, Debug)]
pub struct Machine {
    /// Logical id, Terraform resource name, Serverless machine key or CDK construct id.
    pub id: String,
    /// The file's kind, or the machine's own (`cloudformation` inside a SAM template).
    pub kind: Kind,
    /// `AWS::Serverless::StateMachine`, `aws_sfn_state_machine`, ...
    pub resource_type: String,
    /// The IaC file.
    pub file: PathBuf,
    /// Where the machine is declared (the logical id key, the `resource` keyword, ...).
    pub position: Position,
    /// Where its definition is.
    pub source: Source,
    /// Why the definition cannot be written back, when it cannot.
    pub readonly: Option<String>,
    /// The substitutions the file declares (`DefinitionSubstitutions`, `Fn::Sub`
    /// variables, `templatefile` variables), each with the value a run gives it.
    pub substitutions: Vec<Substitution>,
    /// What else a `${...}` of the definition may name.
    pub scope: Scope,
    /// The template's parameters and resources, for `Ref`, `Fn::GetAtt` and `Fn::Sub`.
    pub names: Names,
}

/// Where a definition is, as found.
#[derive(Clone, Debug)]
pub enum Source {
    /// Bytes of the IaC file itself: `span` read with `encoding` (`None`: a form that
    /// cannot be written back, such as `Fn::Join`). `text` is the definition text decoded
    /// (or built).
    Embedded { span: Span, encoding: Option<Encoding>, text: String, format: Format },
    /// Another file, edited in place. `written` is the reference as written.
    File { path: PathBuf, written: String },
    /// Not knowable from the files (S3, a variable, a Definition that is not an object).
    Unknown { reason: String },
}

/// A definition read out of its host, ready for [`asl_model::Document::parse`].
#[derive(Clone, Debug)]
pub struct Definition {
    /// The definition text: what the code view shows and the model parses.
    pub text: String,
    /// Its syntax.
    pub format: Format,
    /// The file holding it (the IaC file, or the referenced file).
    pub file: PathBuf,
    /// The file's whole text when the definition is embedded in it.
    host: Option<String>,
    /// How `text` sits in the file; `None` when it cannot be written back.
    encoding: Option<(Span, Encoding)>,
    readonly: Option<String>,
}

impl Machine {
    /// The referenced definition file, if the definition lives in one.
    pub fn definition_file(&self) -> Option<&Path> {
        match &self.source {
            Source::File { path, .. } => Some(path),
            _ => None,
        }
    }

    /// Reads the definition: decodes it from the IaC file, or reads the referenced file
    /// (a missing file is an error naming it).
    pub fn definition(&self) -> Result<Definition, IacError> {
        match &self.source {
            Source::Unknown { reason } => Err(IacError::Unknowable {
                file: self.file.clone(),
                id: self.id.clone(),
                reason: reason.clone(),
            }),
            Source::File { path, written } => {
                let bytes = std::fs::read(path).map_err(|e| IacError::MissingFile {
                    file: self.file.clone(),
                    reference: written.clone(),
                    resolved: path.clone(),
                    reason: e.to_string(),
                })?;
                let text = String::from_utf8(bytes).map_err(|_| IacError::NotUtf8(path.clone()))?;
                let format = Format::from_path(path);
                let encoding = Some((Span::new(0, text.len()), Encoding::Verbatim));
                Ok(Definition {
                    text: text.clone(),
                    format,
                    file: path.clone(),
                    host: Some(text),
                    encoding,
                    readonly: self.readonly.clone(),
                })
            }
            Source::Embedded { .. } => self.definition_in(&read_text(&self.file)?),
        }
    }

    /// [`Machine::definition`], with the IaC file's text already read (`host`).
    pub fn definition_in(&self, host: &str) -> Result<Definition, IacError> {
        match &self.source {
            Source::Embedded { span, encoding, text, format } => {
                let host = host.to_owned();
                Ok(Definition {
                    text: text.clone(),
                    format: *format,
                    file: self.file.clone(),
                    host: Some(host),
                    encoding: encoding.clone().map(|e| (*span, e)),
                    readonly: self.readonly.clone().or_else(|| {
                        encoding
                            .is_none()
                            .then(|| "the definition is written in a form asl-iac cannot rewrite".into())
                    }),
                })
            }
            _ => self.definition(),
        }
    }
}

impl Definition {
    /// The bytes of [`Definition::file`] that hold the definition (all of a referenced
    /// file), when it can be written back.
    pub fn span(&self) -> Option<Span> {
        self.encoding.as_ref().map(|(span, _)| *span)
    }

    /// For each byte offset of [`Definition::text`] (and its end), the offset in
    /// [`Definition::file`]: where a diagnostic about the definition is in the file.
    /// `None` for a definition built from parts (`Fn::Join`, `jsonencode`).
    pub fn file_offsets(&self) -> Option<Vec<usize>> {
        let (span, encoding) = self.encoding.as_ref()?;
        let decoded = encoding::decode(self.host.as_deref()?, *span, encoding)?;
        (decoded.text == self.text).then_some(decoded.map)
    }

    /// The text of [`Definition::file`] as read.
    pub fn file_text(&self) -> Option<&str> {
        self.host.as_deref()
    }

    /// Why this definition cannot be written back, if it cannot.
    pub fn readonly(&self) -> Option<&str> {
        self.readonly.as_deref()
    }

    /// The file's new text with `new_text` in place of the definition: only the bytes of
    /// the definition that changed are rewritten, encoded as the definition is written
    /// there (YAML indentation, JSON string escapes, heredoc). `file_text` is the file as
    /// it is now; it must still hold the definition read.
    pub fn write_back(&self, file_text: &str, new_text: &str) -> Result<String, IacError> {
        if let Some(reason) = &self.readonly {
            return Err(IacError::ReadOnly { file: self.file.clone(), reason: reason.clone() });
        }
        let Some((span, encoding)) = &self.encoding else {
            return Err(IacError::ReadOnly { file: self.file.clone(), reason: "no encoding".into() });
        };
        if self.host.as_deref() != Some(file_text) {
            return Err(IacError::Changed(self.file.clone()));
        }
        let refused = |reason| IacError::Refused { file: self.file.clone(), reason };
        let new_text =
            if self.text.ends_with('\n') { new_text } else { new_text.trim_end_matches(['\n', '\r']) };
        // First the line merge (it keeps the host's tagged lines); if what it made does
        // not read back as the edited definition (a re-emitted YAML nests sequences
        // differently, and kept lines can land at the wrong depth), the changed middle
        // as one piece.
        let mut first_error = None;
        for merge in [true, false] {
            let attempt = encoding::write_back(file_text, *span, encoding, &self.text, new_text, merge)
                .and_then(|w| {
                    let grown = w.len() as isize - file_text.len() as isize;
                    verify::written_back(&w, *span, grown, encoding, self.format, &self.text, new_text)
                        .map(|()| w)
                });
            match attempt {
                Ok(written) => return Ok(written),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(refused(first_error.unwrap_or_default()))
    }
}

/// Every state machine in the IaC file at `path`, in file order.
pub fn discover(path: &Path) -> Result<Vec<Machine>, IacError> {
    let text = read_text(path)?;
    discover_text(path, &text)
}

/// Every state machine in `text`, read as the IaC file at `path` (referenced files are
/// resolved from its folder).
pub fn discover_text(path: &Path, text: &str) -> Result<Vec<Machine>, IacError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_ascii_lowercase();
    let ext = name.rsplit('.').next().unwrap_or_default();
    match ext {
        "tf" => terraform::discover(path, text),
        "ts" | "js" | "py" | "java" | "cs" | "go" => cdk::discover(path, text),
        _ => {
            let tree = value::read_host(path, text)?;
            if serverless::is_serverless(&tree) {
                serverless::discover(path, text, &tree)
            } else {
                cfn::discover(path, text, &tree)
            }
        }
    }
}

fn read_text(path: &Path) -> Result<String, IacError> {
    let bytes = std::fs::read(path).map_err(|e| IacError::Io(path.to_path_buf(), e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| IacError::NotUtf8(path.to_path_buf()))
}

/// The 1-based position of a byte offset in `text`.
fn position(text: &str, offset: usize) -> Position {
    asl_model::LineIndex::new(text).position(text, offset)
}
