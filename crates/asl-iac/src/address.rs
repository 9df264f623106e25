//! `FILE#ID`: one state machine of an IaC file, as every `asl` command takes it.

use crate::{discover, IacError, Machine};
use std::path::{Path, PathBuf};

/// A command-line file argument: a file, and the machine named after `#` if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The file.
    pub file: PathBuf,
    /// The machine's id, for `FILE#ID`.
    pub id: Option<String>,
}

/// Splits `FILE#ID`. A path that exists as written is a file even if it holds a `#`.
pub fn split_address(arg: &Path) -> Address {
    let whole = Address { file: arg.to_path_buf(), id: None };
    if arg.exists() {
        return whole;
    }
    match arg.to_str().and_then(|s| s.rsplit_once('#')) {
        Some((file, id)) if !file.is_empty() && !id.is_empty() => {
            Address { file: PathBuf::from(file), id: Some(id.to_owned()) }
        }
        _ => whole,
    }
}

impl Address {
    /// The machine this address names (`FILE#ID`), or the only one of an IaC file.
    pub fn machine(&self) -> Result<Machine, IacError> {
        let machines = discover(&self.file)?;
        let known = || machines.iter().map(|m| m.id.as_str()).collect::<Vec<_>>().join(", ");
        match &self.id {
            Some(id) => machines.iter().find(|m| &m.id == id).cloned().ok_or_else(|| {
                IacError::NoSuchMachine { file: self.file.clone(), id: id.clone(), known: known() }
            }),
            None if machines.len() == 1 => Ok(machines[0].clone()),
            None => Err(IacError::NoSuchMachine {
                file: self.file.clone(),
                id: "(none given: name one as FILE#ID)".into(),
                known: known(),
            }),
        }
    }
}

/// Whether a file is an IaC file rather than an ASL definition: a Terraform or CDK source,
/// or a JSON/YAML file whose top level has `Resources` or `stepFunctions` and no `States`.
pub fn is_iac(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if matches!(ext.as_str(), "tf" | "ts" | "js" | "py" | "java" | "cs" | "go") {
        return true;
    }
    // Cheap first: most ASL files name neither, and are not read twice.
    if !text.contains("Resources") && !text.contains("stepFunctions") {
        return false;
    }
    crate::value::read_host(path, text).is_ok_and(|tree| {
        tree.get("States").is_none()
            && (tree.get("Resources").is_some() || tree.get("stepFunctions").is_some())
    })
}
