//! Unsaved work kept in the app's data folder, so it survives a crash: one file per open
//! document, rewritten after edits, removed when the document is saved or closed clean.

use crate::error::SessionError;
use crate::files::save;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    pub id: String,
    pub path: Option<String>,
    pub title: String,
    /// Seconds since the Unix epoch.
    pub saved_at: u64,
    pub format: crate::dto::FormatDto,
    pub text: String,
}

/// The summary the start page lists.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftInfo {
    pub id: String,
    pub path: Option<String>,
    pub title: String,
    pub saved_at: u64,
}

pub struct Drafts {
    dir: PathBuf,
}

impl Drafts {
    pub fn new(dir: impl Into<PathBuf>) -> Drafts {
        Drafts { dir: dir.into() }
    }

    /// A stable id per file (so a file has at most one draft); new documents share one.
    pub fn id_for(path: Option<&Path>) -> String {
        match path {
            None => "untitled".to_owned(),
            Some(p) => {
                // FNV-1a: stable across runs and platforms, unlike std's hasher.
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for b in p.to_string_lossy().bytes() {
                    h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
                }
                format!("{h:016x}")
            }
        }
    }

    fn file(&self, id: &str) -> Result<PathBuf, SessionError> {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(SessionError::new("usage", format!("not a draft id: {id:?}")));
        }
        Ok(self.dir.join(format!("{id}.draft.json")))
    }

    pub fn write(&self, draft: &Draft) -> Result<(), SessionError> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| SessionError::new("io", format!("{}: {e}", self.dir.display())))?;
        let json = serde_json::to_vec(draft).map_err(|e| SessionError::new("internal", e.to_string()))?;
        save(&self.file(&draft.id)?, &json)
    }

    pub fn read(&self, id: &str) -> Result<Draft, SessionError> {
        let file = self.file(id)?;
        let bytes = std::fs::read(&file).map_err(|e| crate::files::io_error(&file, &e))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| SessionError::new("parse", format!("{}: not a draft: {e}", file.display())))
    }

    pub fn discard(&self, id: &str) -> Result<(), SessionError> {
        match std::fs::remove_file(self.file(id)?) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(SessionError::new("io", e.to_string())),
        }
    }

    /// Every readable draft, newest first; unreadable files are skipped (a crash mid-write
    /// cannot happen with atomic writes, but a hand-edited folder can).
    pub fn list(&self) -> Vec<DraftInfo> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut drafts: Vec<DraftInfo> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let id = name.strip_suffix(".draft.json")?;
                let d = self.read(id).ok()?;
                Some(DraftInfo { id: d.id, path: d.path, title: d.title, saved_at: d.saved_at })
            })
            .collect();
        drafts.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
        drafts
    }
}

pub fn now_seconds() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
