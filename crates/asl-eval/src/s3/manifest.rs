//! `InputType: MANIFEST`: an S3 inventory. The object read is the inventory's
//! `manifest.json`; its `files` are CSV data files (no header row; the columns are named
//! by `fileSchema`) in the `destinationBucket`. Each row is an item: an object of the
//! schema's fields, every value a string, as AWS gives them (`{"Bucket", "Key", "Size",
//! "LastModifiedDate", ...}`). Data files are opened one after another as items are asked
//! for. AWS stores them gzip-compressed (`.csv.gz`); locally they are read uncompressed.

use super::csv::CsvItems;
use super::reader::{Items, ReaderConfig};
use super::S3Folders;
use serde_json::Value;
use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;

pub(crate) struct ManifestItems {
    folders: S3Folders,
    bucket: String,
    files: VecDeque<String>,
    schema: Vec<String>,
    current: Option<CsvItems<BufReader<File>>>,
}

/// Reads the manifest; the data files are opened as items are read.
pub(crate) fn open(
    folders: &S3Folders,
    bucket: &str,
    file: File,
    config: &ReaderConfig,
) -> Result<Items, String> {
    let manifest: Value = serde_json::from_reader(BufReader::new(file))
        .map_err(|e| format!("The S3 inventory manifest is not valid JSON: {e}"))?;
    let format = manifest.get("fileFormat").and_then(Value::as_str).unwrap_or_default();
    if format != "CSV" {
        return Err(format!(
            "The S3 inventory format '{format}' is not supported: only CSV inventories can be read."
        ));
    }
    let schema: Vec<String> = match manifest.get("fileSchema").and_then(Value::as_str) {
        Some(s) => s.split(',').map(|f| f.trim().to_owned()).collect(),
        None => return Err("The S3 inventory manifest has no fileSchema.".into()),
    };
    let files =
        manifest.get("files").and_then(Value::as_array).ok_or("The S3 inventory manifest has no files.")?;
    let files = files
        .iter()
        .map(|f| {
            f.get("key").and_then(Value::as_str).map(str::to_owned).ok_or("An S3 inventory file has no key.")
        })
        .collect::<Result<VecDeque<_>, _>>()?;
    // `arn:aws:s3:::name` names the bucket holding the data files.
    let destination = manifest.get("destinationBucket").and_then(Value::as_str).unwrap_or(bucket);
    let destination = destination.rsplit(":::").next().unwrap_or(destination);
    let items = ManifestItems {
        folders: folders.clone(),
        bucket: destination.to_owned(),
        files,
        schema,
        current: None,
    };
    Ok(Items::manifest(items, config.max_items))
}

impl ManifestItems {
    fn open_next(&mut self) -> Option<Result<(), String>> {
        let key = self.files.pop_front()?;
        if key.ends_with(".gz") {
            return Some(Err(format!(
                "The S3 inventory file '{key}' is gzip-compressed: the local interpreter reads inventory files uncompressed (store it as '{}').",
                key.trim_end_matches(".gz")
            )));
        }
        let opened = super::get_object(&self.folders, &self.bucket, &key).and_then(|file| {
            let config = ReaderConfig {
                input_type: "CSV".into(),
                header_location: "GIVEN".into(),
                headers: self.schema.clone(),
                delimiter: b',',
                max_items: None,
            };
            CsvItems::new(BufReader::new(file), &config)
        });
        Some(opened.map(|rows| self.current = Some(rows)))
    }
}

impl Iterator for ManifestItems {
    type Item = Result<Value, String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(rows) = &mut self.current {
                match rows.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            if let Err(e) = self.open_next()? {
                return Some(Err(e));
            }
        }
    }
}
