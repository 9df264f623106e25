//! Local folders standing in for S3 buckets, for the Distributed Map's `ItemReader` and
//! `ResultWriter`: `s3://bucket/key` is the file `<folder of bucket>/key`.
//!
//! A bucket's folder is, in order: `buckets[bucket]`, then `<root>/<bucket>`, then
//! `fallback` (read only: a Distributed Map never writes there). `asl run` and `asl test`
//! use the convention [`S3Folders::beside`]: a `bucket/` folder next to the definition is
//! the fallback, so every bucket the machine reads is that folder.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

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

/// `s3:getObject`: the object's bytes.
pub(crate) fn get_object(folders: &S3Folders, bucket: &str, key: &str) -> Result<Vec<u8>, String> {
    let folder = folders.read_folder(bucket).ok_or_else(|| no_folder(bucket))?;
    let path = object_path(&folder, key)?;
    std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "The specified key does not exist. (Service: S3, Status Code: 404, Bucket: {bucket}, Key: {key})"
        ),
        _ => format!("Cannot read s3://{bucket}/{key} ({}): {e}", path.display()),
    })
}

/// `s3:listObjectsV2`: every object under `prefix`, in key order, as AWS's ItemReader
/// gives them (`Etag`, `Key`, `LastModified` in epoch seconds, `Size`, `StorageClass`).
pub(crate) fn list_objects(folders: &S3Folders, bucket: &str, prefix: &str) -> Result<Vec<Value>, String> {
    let folder = folders.read_folder(bucket).ok_or_else(|| no_folder(bucket))?;
    if !folder.is_dir() {
        return Err(format!("The specified bucket does not exist. (Service: S3, Status Code: 404, Bucket: {bucket})"));
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

/// How an object's bytes become items (`ReaderConfig`).
#[derive(Clone, Debug, Default)]
pub(crate) struct ReaderConfig {
    /// `JSON`, `JSONL`, `CSV`, `MANIFEST`.
    pub input_type: String,
    /// `FIRST_ROW` or `GIVEN`.
    pub header_location: String,
    pub headers: Vec<String>,
    pub delimiter: u8,
    pub max_items: Option<usize>,
}

impl ReaderConfig {
    pub fn from_value(config: Option<&Value>, max_items: Option<usize>) -> Result<ReaderConfig, String> {
        let get = |k: &str| config.and_then(|c| c.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned();
        let delimiter = match get("CSVDelimiter").as_str() {
            "" | "COMMA" => b',',
            "PIPE" => b'|',
            "SEMICOLON" => b';',
            "SPACE" => b' ',
            "TAB" => b'\t',
            other => return Err(format!("Unsupported CSVDelimiter '{other}'.")),
        };
        let headers = config
            .and_then(|c| c.get("CSVHeaders"))
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|h| h.as_str().unwrap_or_default().to_owned()).collect())
            .unwrap_or_default();
        Ok(ReaderConfig {
            input_type: get("InputType"),
            header_location: get("CSVHeaderLocation"),
            headers,
            delimiter,
            max_items,
        })
    }
}

/// The items of an object read with `s3:getObject`.
pub(crate) fn parse_items(bytes: &[u8], config: &ReaderConfig) -> Result<Vec<Value>, String> {
    let max = config.max_items.unwrap_or(usize::MAX);
    match config.input_type.as_str() {
        "JSON" => match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Array(mut items)) => {
                items.truncate(max);
                Ok(items)
            }
            Ok(_) => Err("Attempting to map over non-iterable node.".into()),
            Err(e) => Err(format!("The object is not valid JSON: {e}")),
        },
        "JSONL" => {
            let text = std::str::from_utf8(bytes).map_err(|e| format!("The object is not UTF-8: {e}"))?;
            let mut out = Vec::new();
            for (n, line) in text.lines().enumerate() {
                if out.len() >= max {
                    break;
                }
                if line.trim().is_empty() {
                    continue;
                }
                out.push(serde_json::from_str(line).map_err(|e| format!("Line {} is not valid JSON: {e}", n + 1))?);
            }
            Ok(out)
        }
        "CSV" => csv_items(bytes, config, max),
        "MANIFEST" => Err("InputType MANIFEST (S3 inventory) is not supported by the local interpreter.".into()),
        "" => Err("ReaderConfig.InputType is required with s3:getObject.".into()),
        other => Err(format!("Unsupported ReaderConfig.InputType '{other}'.")),
    }
}

fn csv_items(bytes: &[u8], config: &ReaderConfig, max: usize) -> Result<Vec<Value>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("The object is not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = CsvRows { text, pos: 0, delimiter: config.delimiter as char };
    let headers: Vec<String> = match config.header_location.as_str() {
        "GIVEN" => {
            if config.headers.is_empty() {
                return Err("CSVHeaders is required when CSVHeaderLocation is GIVEN.".into());
            }
            config.headers.clone()
        }
        "" | "FIRST_ROW" => match rows.next() {
            Some(row) => row?,
            None => return Ok(Vec::new()),
        },
        other => return Err(format!("Unsupported CSVHeaderLocation '{other}'.")),
    };
    let mut out = Vec::new();
    while out.len() < max {
        let Some(row) = rows.next() else { break };
        let row = row?;
        if row.len() == 1 && row[0].is_empty() {
            continue;
        }
        if row.len() > headers.len() {
            return Err(format!(
                "CSV row {} has {} fields but there are {} headers.",
                out.len() + 1,
                row.len(),
                headers.len()
            ));
        }
        let mut object = Map::with_capacity(headers.len());
        let mut fields = row.into_iter();
        for h in &headers {
            object.insert(h.clone(), Value::String(fields.next().unwrap_or_default()));
        }
        out.push(Value::Object(object));
    }
    Ok(out)
}

/// RFC 4180 rows: quoted fields may hold delimiters, newlines and `""`.
struct CsvRows<'t> {
    text: &'t str,
    pos: usize,
    delimiter: char,
}

impl Iterator for CsvRows<'_> {
    type Item = Result<Vec<String>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.text[self.pos..];
        if rest.is_empty() {
            return None;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = rest.char_indices().peekable();
        let mut quoted = false;
        let mut at_start = true;
        while let Some((i, c)) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek().is_some_and(|(_, n)| *n == '"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
                continue;
            }
            match c {
                '"' if at_start => {
                    quoted = true;
                    at_start = false;
                }
                c if c == self.delimiter => {
                    fields.push(std::mem::take(&mut field));
                    at_start = true;
                }
                '\n' | '\r' => {
                    let mut end = i + 1;
                    if c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n') {
                        end += 1;
                    }
                    fields.push(field);
                    self.pos += end;
                    return Some(Ok(fields));
                }
                c => {
                    field.push(c);
                    at_start = false;
                }
            }
        }
        if quoted {
            self.pos = self.text.len();
            return Some(Err("A quoted CSV field is not closed.".into()));
        }
        fields.push(field);
        self.pos = self.text.len();
        Some(Ok(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_headers() {
        let config = ReaderConfig { input_type: "CSV".into(), delimiter: b',', ..ReaderConfig::default() };
        let items = parse_items(b"a,b\n1,\"x, \"\"y\"\"\"\r\n2,\"multi\nline\"\n", &config).unwrap();
        assert_eq!(items, vec![json!({"a": "1", "b": "x, \"y\""}), json!({"a": "2", "b": "multi\nline"})]);
    }

    #[test]
    fn keys_cannot_leave_the_folder() {
        assert!(object_path(Path::new("/tmp"), "../etc/passwd").is_err());
        assert!(object_path(Path::new("/tmp"), "/etc/passwd").is_err());
        assert!(object_path(Path::new("/tmp"), "a/b.json").is_ok());
    }
}
