//! A state machine of an IaC file as the document (issue 16): the session's text is the
//! definition; Save writes it back into the template, rewriting only the definition's
//! changed lines; an external change to the template reloads (or conflicts) on the
//! definition's text alone. A definition in its own file (`DefinitionUri`, `templatefile`,
//! `fromFile`) is that file, opened and saved in place; a read-only one (S3, a synthesized
//! CDK template, `Fn::Join` with intrinsics) opens as an untitled copy.

use super::Session;
use crate::error::SessionError;
use crate::files::{read_text, save};
use asl_iac::{Address, Machine, Source, Substitution};
use std::collections::BTreeMap;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One machine of an IaC file, for the picker the app shows when opening a template.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MachineEntry {
    pub id: String,
    pub kind: String,
    pub line: usize,
    pub column: usize,
    /// The referenced definition file, if the definition lives in one.
    pub definition_file: Option<String>,
    /// Why the definition cannot be written back (it then opens as an untitled copy).
    pub readonly: Option<String>,
}

/// A file chosen to open, with its state machines when it is an IaC file (the app then
/// asks which one to open as `FILE#ID`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MachinePick {
    pub path: String,
    pub machines: Option<Vec<MachineEntry>>,
}

fn iac_error(e: asl_iac::IacError) -> SessionError {
    SessionError::new("iac", e.to_string())
}

/// The state machines of `path` when it is an IaC file (SAM, CloudFormation, CDK,
/// Terraform, Serverless); `None` for an ASL file.
pub fn machines(path: &Path) -> Result<Option<Vec<MachineEntry>>, SessionError> {
    // `FILE#ID` (a recent file) names its machine already.
    if asl_iac::split_address(path).id.is_some() {
        return Ok(None);
    }
    let text = read_text(path)?;
    if !asl_iac::is_iac(path, &text) {
        return Ok(None);
    }
    let machines = asl_iac::discover_text(path, &text).map_err(iac_error)?;
    Ok(Some(
        machines
            .iter()
            .map(|m| MachineEntry {
                id: m.id.clone(),
                kind: m.kind.name().to_owned(),
                line: m.position.line,
                column: m.position.column,
                definition_file: m.definition_file().map(|p| p.display().to_string()),
                readonly: m.readonly.clone(),
            })
            .collect(),
    ))
}

impl Session {
    /// Opens machine `id` of the IaC file `path`.
    pub fn open_machine(path: &Path, id: &str) -> Result<Session, SessionError> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let machine = machine_of(&path, id)?;
        if machine.readonly.is_some() {
            // Shown and runnable; Save asks where, the template is never written.
            let definition = machine.definition().map_err(iac_error)?;
            let mut session = Session::from_text(None, definition.format, definition.text);
            session.saved = Some(session.text.clone());
            session.origin = Some(definition.file);
            return Ok(session);
        }
        if let Source::File { path: file, .. } = &machine.source {
            let file = file.clone();
            machine.definition().map_err(iac_error)?; // a missing file, named
            return Session::open(&file);
        }
        let definition = machine.definition().map_err(iac_error)?;
        let mut session = Session::from_text(Some(path), definition.format, definition.text);
        session.saved = Some(session.text.clone());
        session.set_machine(Some(machine));
        Ok(session)
    }

    /// The id of the IaC machine this document is, when its file is a template.
    pub fn machine(&self) -> Option<&str> {
        self.machine.as_ref().map(|m| m.id.as_str())
    }

    /// Makes the document the definition of `machine` (or of none): its problems are then
    /// those of a definition in that template.
    pub(super) fn set_machine(&mut self, machine: Option<Machine>) {
        self.machine = machine.map(Box::new);
        if let Some(doc) = self.history.as_ref().map(|h| h.current()) {
            self.view = crate::view::View::of_in(doc, Some(&self.view), self.machine.as_deref());
        }
    }

    /// The user's own values for the placeholders and intrinsics of the definition (the
    /// app keeps them per `FILE#ID`); a run prefers them to what the template gives.
    pub fn set_user_substitutions(&mut self, values: BTreeMap<String, String>) {
        self.user_substitutions = values;
    }

    pub fn user_substitutions(&self) -> &BTreeMap<String, String> {
        &self.user_substitutions
    }

    /// Every `${...}` placeholder and CloudFormation intrinsic of the definition, with the
    /// value a run gives it and where that comes from. Empty for an ASL file.
    pub fn substitutions(&self) -> Vec<Substitution> {
        match &self.machine {
            Some(m) => m.resolve(&self.text, self.format, &self.user_substitutions),
            None => Vec::new(),
        }
    }

    /// Writes the text into the file: the whole file, or for an IaC machine only the
    /// definition's changed bytes of the template as it is now on disk. The document then
    /// holds the definition as written there: lines the model re-emits without their
    /// CloudFormation tag (`!GetAtt F.Arn` read as `F.Arn`) are the template's again, in
    /// the same undo step as the edit that changed them.
    pub(super) fn write(&mut self, path: &Path) -> Result<(), SessionError> {
        let Some(id) = self.machine().map(str::to_owned) else { return save(path, self.text.as_bytes()) };
        let template = read_text(path)?;
        let machine = machine_of(path, &id)?;
        let definition = machine.definition_in(&template).map_err(iac_error)?;
        let written = definition.write_back(&template, &self.text).map_err(iac_error)?;
        save(path, written.as_bytes())?;
        self.set_machine(Some(machine));
        let own = self.own_text(path, written)?;
        if own != self.text {
            self.replace_text(own, true);
        }
        Ok(())
    }

    /// The text a run executes: the document's, and for an IaC machine with its `${Name}`
    /// placeholders and CloudFormation intrinsics filled in ([`Session::substitutions`]),
    /// as the deployed machine would have them. Never written anywhere.
    pub fn run_text(&self) -> String {
        match &self.machine {
            Some(m) => m.run_text(&self.text, self.format, &self.user_substitutions),
            None => self.text.clone(),
        }
    }

    /// The document's text as the file holds it: the whole file, or the machine's
    /// definition read out of the template.
    pub(super) fn own_text(&self, path: &Path, file_text: String) -> Result<String, SessionError> {
        let Some(id) = self.machine() else { return Ok(file_text) };
        let machine = asl_iac::discover_text(path, &file_text)
            .map_err(iac_error)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                SessionError::new("iac", format!("{}: the state machine {id} is gone", path.display()))
            })?;
        Ok(machine.definition_in(&file_text).map_err(iac_error)?.text)
    }
}

impl Session {
    /// Opens what a path names: `FILE#ID`, an IaC file's only machine, or an ASL file. A
    /// template with several machines is an error that lists them (`FILE#ID` picks one).
    pub fn open_any(path: &Path) -> Result<Session, SessionError> {
        let address = asl_iac::split_address(path);
        if let Some(id) = &address.id {
            return Session::open_machine(&address.file, id);
        }
        match machines(path)? {
            None => Session::open(path),
            Some(list) => match list.as_slice() {
                [only] => Session::open_machine(path, &only.id),
                _ => {
                    let ids: Vec<&str> = list.iter().map(|m| m.id.as_str()).collect();
                    let message = format!(
                        "{}: {} state machines ({}): open one as FILE#ID",
                        path.display(),
                        list.len(),
                        ids.join(", ")
                    );
                    Err(SessionError::new("iac-machines", message))
                }
            },
        }
    }

    /// Where a draft of this document says it belongs: `FILE#ID` for an IaC machine, so
    /// that a restored draft is saved into its template's definition, never over the file.
    pub fn draft_path(&self) -> Option<String> {
        let path = self.path.as_deref()?.display().to_string();
        Some(match self.machine() {
            Some(id) => format!("{path}#{id}"),
            None => path,
        })
    }

    /// A draft of an IaC machine (`FILE#ID`), dirty against the definition the template
    /// holds now; a draft naming a template without `#ID` comes back as an untitled copy
    /// (its text is a definition: saving it over the template would lose the template).
    pub(super) fn machine_from_draft(draft: &crate::drafts::Draft) -> Option<Session> {
        let written = draft.path.as_deref()?;
        let address = asl_iac::split_address(Path::new(written));
        let template = read_text(&address.file).ok();
        let format = draft.format.into();
        match (&address.id, &template) {
            (Some(id), Some(template)) => {
                let mut session = Session::from_text(Some(address.file.clone()), format, draft.text.clone());
                session.set_machine(machine_of(&address.file, id).ok());
                session.saved = session.own_text(&address.file, template.clone()).ok();
                Some(session)
            }
            (None, Some(template)) if asl_iac::is_iac(&address.file, template) => {
                let mut session = Session::from_text(None, format, draft.text.clone());
                session.origin = Some(address.file);
                Some(session)
            }
            _ => None,
        }
    }
}

fn machine_of(path: &Path, id: &str) -> Result<Machine, SessionError> {
    Address { file: PathBuf::from(path), id: Some(id.to_owned()) }.machine().map_err(iac_error)
}
