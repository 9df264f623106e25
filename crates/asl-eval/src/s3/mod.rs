//! Local folders standing in for S3 buckets, for the Distributed Map's `ItemReader` and
//! `ResultWriter`: `s3://bucket/key` is the file `<folder of bucket>/key`.
//!
//! A bucket's folder is, in order: `buckets[bucket]`, then `<root>/<bucket>`, then
//! `fallback` (read only: a Distributed Map never writes there). `asl run` and `asl test`
//! use the convention [`S3Folders::beside`]: a `bucket/` folder next to the definition is
//! the fallback, so every bucket the machine reads is that folder.

mod csv;
mod json;
mod manifest;
mod reader;

pub(crate) use reader::Items;
pub(crate) use reader::ReaderConfig;

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Which local folder stands for which S3 bucket (see the module).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct S3Folders {
    /// `s3://bucket/key` -> `<root>/<bucket>/<key>` (read and write).
    pub root: Option<PathBuf>,
    /// Per-bucket folders (read and write); win over `root`.
    pub buckets: BTreeMap<String, PathBuf>,
    /// Any other bucket is read from this folder (never written).
    pub fallback: Option<PathBuf>,
}

impl S3Folders {
    /// `bucket/` next to `definition`, when it exists, as the fallback folder.
    pub fn beside(definition: &Path) -> S3Folders {
        let dir = definition.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        let folder = dir.join("bucket");
        S3Folders { fallback: folder.is_dir().then_some(folder), ..S3Folders::default() }
    }

    /// True when no bucket has a folder.
    pub fn is_empty(&self) -> bool {
        self.root.is_none() && self.buckets.is_empty() && self.fallback.is_none()
    }

    /// The folder a bucket is read from.
    pub fn read_folder(&self, bucket: &str) -> Option<PathBuf> {
        self.write_folder(bucket).or_else(|| self.fallback.clone())
    }

    /// The folder a bucket is written to (`None`: results are not written).
    pub fn write_folder(&self, bucket: &str) -> Option<PathBuf> {
        if let Some(f) = self.buckets.get(bucket) {
            return Some(f.clone());
        }
        if !safe_name(bucket) {
            return None;
        }
        self.root.as_ref().map(|r| r.join(bucket))
    }
}

fn safe_name(bucket: &str) -> bool {
    !bucket.is_empty() && !bucket.contains(['/', '\\']) && bucket != "." && bucket != ".."
}

/// `key` under `folder`, refusing keys that would leave it.
pub(crate) fn object_path(folder: &Path, key: &str) -> Result<PathBuf, String> {
    let rel = Path::new(key);
    if key.is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!("The key '{key}' is not a valid local object key."));
    }
    Ok(folder.join(rel))
}

fn no_folder(bucket: &str) -> String {
    format!("No local folder is mapped for the S3 bucket '{bucket}' (a 'bucket/' folder next to the definition, or Options::s3).")
}

/// `s3:getObject`: the object, opened for reading.
pub(crate) fn get_object(folders: &S3Folders, bucket: &str, key: &str) -> Result<std::fs::File, String> {
    let folder = folders.read_folder(bucket).ok_or_else(|| no_folder(bucket))?;
    let path = object_path(&folder, key)?;
    let opened = match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => Err(std::io::Error::other("it is a folder")),
        _ => std::fs::File::open(&path),
    };
    opened.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "The specified key does not exist. (Service: S3, Status Code: 404, Bucket: {bucket}, Key: {key})"
        ),
        _ => format!("Cannot read s3://{bucket}/{key} ({}): {e}", path.display()),
    })
}

/// The items `s3:getObject` gives for `key` as `config` reads it (with InputType
/// MANIFEST, the objects an S3 inventory lists).
pub(crate) fn get_items(
    folders: &S3Folders,
    bucket: &str,
    key: &str,
    config: &ReaderConfig,
) -> Result<Items, String> {
    let file = get_object(folders, bucket, key)?;
    if config.input_type == "MANIFEST" {
        return manifest::open(folders, bucket, file, config);
    }
    reader::open(file, config)
}

/// `s3:listObjectsV2`: every object under `prefix`, in key order, as AWS's ItemReader
/// gives them (`Etag`, `Key`, `LastModified` in epoch seconds, `Size`, `StorageClass`).
pub(crate) fn list_objects(folders: &S3Folders, bucket: &str, prefix: &str) -> Result<Vec<Value>, String> {
    let folder = folders.read_folder(bucket).ok_or_else(|| no_folder(bucket))?;
    if !folder.is_dir() {
        return Err(format!(
            "The specified bucket does not exist. (Service: S3, Status Code: 404, Bucket: {bucket})"
        ));
    }
    let mut keys = Vec::new();
    walk(&folder, String::new(), &mut keys);
    keys.retain(|(k, _)| k.starts_with(prefix));
    keys.sort();
    let mut out = Vec::with_capacity(keys.len());
    for (key, path) in keys {
        let bytes = std::fs::read(&path).map_err(|e| format!("Cannot read s3://{bucket}/{key}: {e}"))?;
        let modified = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        out.push(json!({
            "Etag": format!("\"{}\"", md5_hex(&bytes)),
            "Key": key,
            "LastModified": modified,
            "Size": bytes.len(),
            "StorageClass": "STANDARD",
        }));
    }
    Ok(out)
}

fn walk(dir: &Path, prefix: String, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let key = format!("{prefix}{name}");
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, format!("{key}/"), out),
            Ok(t) if t.is_file() => out.push((key, path)),
            _ => {}
        }
    }
}

fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    Md5::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_leave_the_folder() {
        assert!(object_path(Path::new("/tmp"), "../etc/passwd").is_err());
        assert!(object_path(Path::new("/tmp"), "/etc/passwd").is_err());
        assert!(object_path(Path::new("/tmp"), "a/b.json").is_ok());
    }
}
