//! Untitled copies and file names: a sample opens as an untitled copy of its file (the
//! installed sample is never written), and a name saved without an extension gets the
//! document's own (`.asl.json` / `.asl.yaml`), so the file opens again as ASL.

use super::Session;
use crate::error::SessionError;
use crate::files::read_text;
use asl_model::Format;
use std::path::{Path, PathBuf};

impl Session {
    /// Opens `path` as an untitled document with the file's text: Save asks where, and
    /// the file itself is never written. Untouched, it is nothing to lose (not dirty).
    pub fn open_copy(path: &Path) -> Result<Session, SessionError> {
        let text = read_text(path)?;
        let origin = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let mut session = Session::from_text(None, Format::from_path(&origin), text);
        session.saved = Some(session.text.clone());
        session.origin = Some(origin);
        Ok(session)
    }

    /// A deployed state machine's definition, as AWS returned it, as an untitled document
    /// (Save asks where; nothing to lose until it is edited).
    pub fn from_deployed(name: &str, arn: &str, definition: String) -> Session {
        let format = if definition.trim_start().starts_with('{') { Format::Json } else { Format::Yaml };
        let mut session = Session::from_text(None, format, definition);
        session.saved = Some(session.text.clone());
        session.deployed_name = Some(name.to_owned());
        session.deployed_arn = Some(arn.to_owned());
        session
    }

    /// The deployed state machine this document was opened from (or linked to while it
    /// had no file).
    pub fn deployed_arn(&self) -> Option<&str> {
        self.deployed_arn.as_deref()
    }

    pub fn set_deployed_arn(&mut self, arn: Option<String>) {
        self.deployed_arn = arn;
    }

    /// The file an untitled copy was made from (none once it is saved).
    pub fn origin(&self) -> Option<&Path> {
        self.origin.as_deref()
    }

    /// The file whose folder holds the machine's run inputs, mocks, test files and run
    /// configuration: the document's own file, or for an untitled copy the original's,
    /// so a sample's mocks still apply before the copy is saved anywhere.
    pub fn setup_path(&self) -> Option<&Path> {
        self.path.as_deref().or(self.origin.as_deref())
    }

    /// The file name Save as and Export start from: the file's, the original's for a
    /// copy, else `untitled.asl.json` (or `.asl.yaml`).
    pub fn suggested_name(&self) -> String {
        self.path
            .as_deref()
            .or(self.origin.as_deref())
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("untitled.{}", extension(self.format)))
    }

    /// "Copy of order-processing.asl.json": says the document is not the file it came from.
    pub(super) fn copy_title(&self) -> Option<String> {
        let name = self.origin.as_deref()?.file_name()?;
        Some(format!("Copy of {}", name.to_string_lossy()))
    }
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Json => "asl.json",
        Format::Yaml => "asl.yaml",
    }
}

/// `path` with the format's ASL extension added when its file name has none
/// (`order` -> `order.asl.json`; `order.asl` -> `order.asl.json`). A name with any
/// extension is the user's choice and is kept (`order.json`, `notes.txt`).
pub fn with_asl_extension(path: &Path, format: Format) -> PathBuf {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return path.to_owned();
    };
    // A leading dot names a hidden file, not an extension (".machine" has none).
    let stem = name.trim_start_matches('.');
    let full = extension(format);
    let added = if stem.is_empty() {
        return path.to_owned();
    } else if let Some(base) = name.strip_suffix(".asl") {
        format!("{base}.{full}")
    } else if stem.contains('.') {
        return path.to_owned();
    } else {
        format!("{name}.{full}")
    };
    path.with_file_name(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_extension_gets_the_documents() {
        let json = |p: &str| with_asl_extension(Path::new(p), Format::Json);
        assert_eq!(json("/tmp/order"), Path::new("/tmp/order.asl.json"));
        assert_eq!(json("/tmp/order.asl"), Path::new("/tmp/order.asl.json"));
        assert_eq!(json("/tmp/.order"), Path::new("/tmp/.order.asl.json"));
        assert_eq!(
            with_asl_extension(Path::new("/tmp/order"), Format::Yaml),
            Path::new("/tmp/order.asl.yaml")
        );
        for kept in ["/tmp/order.asl.json", "/tmp/order.json", "/tmp/order.yml", "/tmp/notes.txt"] {
            assert_eq!(json(kept), Path::new(kept));
        }
    }

    #[test]
    fn a_copy_is_untitled_and_never_writes_its_original() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("order.asl.json");
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
        std::fs::write(&original, text).unwrap();
        let mut copy = Session::open_copy(&original).unwrap();
        assert_eq!(copy.path(), None, "Save must ask where");
        assert_eq!(copy.title(), "Copy of order.asl.json");
        assert_eq!(copy.suggested_name(), "order.asl.json");
        assert_eq!(copy.setup_path(), Some(original.as_path()), "mocks and inputs beside the original");
        assert!(!copy.is_dirty());
        assert!(copy.save().is_err(), "no file to save to");
        copy.set_text(text.replace("Pass", "Succeed").replace(", \"End\": true", ""), false);
        let mine = dir.path().join("mine.asl.json");
        copy.save_as(&mine).unwrap();
        assert_eq!(std::fs::read_to_string(&original).unwrap(), text);
        assert_eq!(copy.title(), "mine.asl.json");
        assert_eq!(copy.origin(), None);
        assert_eq!(copy.setup_path(), Some(mine.as_path()));
    }
}
