//! Which deployed state machine a local file is: a JSON map from the file's absolute path
//! (with `#ID` for a machine of an IaC file) to the state machine ARN, kept in the user's
//! config folder (`asl-studio/aws-links.json`) so the CLI and the app share it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The link store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    path: PathBuf,
    links: BTreeMap<String, String>,
}

impl Links {
    /// The store's default place: `$ASL_AWS_LINKS` when set (tests, portable setups),
    /// else `asl-studio/aws-links.json` in the user's config folder.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("ASL_AWS_LINKS").filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        config_dir().map(|d| d.join("asl-studio").join("aws-links.json"))
    }

    /// Reads the store at `path`; a missing file is an empty store.
    pub fn load(path: &Path) -> Result<Links, String> {
        let links = match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                format!("{}: not a link store (a JSON object of file -> ARN): {e}", path.display())
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        Ok(Links { path: path.to_owned(), links })
    }

    /// The ARN linked to `file` (a path, or `FILE#ID`).
    pub fn get(&self, file: &Path) -> Option<&str> {
        self.links.get(&key(file)).map(String::as_str)
    }

    /// Links `file` to `arn` (replacing any link it had).
    pub fn set(&mut self, file: &Path, arn: &str) {
        self.links.insert(key(file), arn.to_owned());
    }

    /// Removes `file`'s link; returns the ARN it had.
    pub fn remove(&mut self, file: &Path) -> Option<String> {
        self.links.remove(&key(file))
    }

    /// Every link: (file key, ARN).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.links.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Writes the store (atomically: a reader never sees half a file).
    pub fn save(&self) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("{}: cannot write: {e}", self.path.display());
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut text = serde_json::to_string_pretty(&self.links).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(fail)?;
        std::fs::rename(&tmp, &self.path).map_err(fail)
    }
}

/// The absolute, canonical path of `file`, its `#ID` kept (the file part must exist for
/// the canonical form; otherwise the path is only made absolute).
fn key(file: &Path) -> String {
    let text = file.to_string_lossy();
    let (path, id) = match text.rsplit_once('#') {
        Some((p, id)) if !file.exists() => (PathBuf::from(p), Some(id.to_owned())),
        _ => (file.to_owned(), None),
    };
    let absolute = std::fs::canonicalize(&path)
        .or_else(|_| std::env::current_dir().map(|d| d.join(&path)))
        .unwrap_or(path);
    match id {
        Some(id) => format!("{}#{id}", absolute.display()),
        None => absolute.display().to_string(),
    }
}

fn config_dir() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        return env("APPDATA");
    }
    if cfg!(target_os = "macos") {
        return env("HOME").map(|h| h.join("Library").join("Application Support"));
    }
    env("XDG_CONFIG_HOME").or_else(|| env("HOME").map(|h| h.join(".config")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_survive_a_save_and_name_iac_machines() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("sub/links.json");
        let file = dir.path().join("m.asl.json");
        std::fs::write(&file, "{}").unwrap();
        let mut links = Links::load(&store).unwrap();
        assert_eq!(links.get(&file), None);
        links.set(&file, "arn:aws:states:us-east-1:1:stateMachine:m");
        let template = dir.path().join("template.yaml");
        std::fs::write(&template, "").unwrap();
        links.set(Path::new(&format!("{}#Orders", template.display())), "arn:o");
        links.save().unwrap();
        let again = Links::load(&store).unwrap();
        assert_eq!(again.get(&file), Some("arn:aws:states:us-east-1:1:stateMachine:m"));
        assert_eq!(again.get(Path::new(&format!("{}#Orders", template.display()))), Some("arn:o"));
        assert_eq!(again.iter().count(), 2);
    }

    #[test]
    fn a_broken_store_is_an_error_not_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("links.json");
        std::fs::write(&store, "[").unwrap();
        assert!(Links::load(&store).unwrap_err().contains("not a link store"));
    }
}
