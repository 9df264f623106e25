//! How an object's bytes become items (`ReaderConfig`), read on demand: a Distributed Map
//! asks for the next item only when it can start another child execution, so memory
//! holds the items in flight, not the whole dataset.
//!
//! CSV and JSON Lines stream from the file through a buffered reader (one line at a time;
//! a quoted CSV field may span lines). A JSON array is checked whole first (so a syntax
//! error anywhere fails before any child runs, as AWS reads it) and then parsed one
//! element at a time from its bytes: the text stays in memory, its values do not.

use super::csv::CsvItems;
use super::json::JsonElements;
use serde_json::Value;
use std::fs::File;
use std::io::{BufRead, BufReader};

/// `ReaderConfig` as the reader needs it.
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
        let get =
            |k: &str| config.and_then(|c| c.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned();
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

/// The items of an ItemReader, produced one at a time (at most `MaxItems`).
pub(crate) struct Items {
    source: Source,
    remaining: usize,
}

enum Source {
    Memory(std::vec::IntoIter<Value>),
    Csv(CsvItems<BufReader<File>>),
    Lines { input: BufReader<File>, line: String, number: usize },
    Json(JsonElements),
    Manifest(super::manifest::ManifestItems),
}

impl Items {
    /// Items already in memory (an object listing).
    pub(crate) fn memory(items: Vec<Value>, max_items: Option<usize>) -> Items {
        Items { source: Source::Memory(items.into_iter()), remaining: max_items.unwrap_or(usize::MAX) }
    }

    /// How many items are left, when that is known without reading them.
    pub fn known_len(&self) -> Option<usize> {
        match &self.source {
            Source::Memory(items) => Some(items.len().min(self.remaining)),
            _ => None,
        }
    }

    pub(crate) fn manifest(items: super::manifest::ManifestItems, max_items: Option<usize>) -> Items {
        Items { source: Source::Manifest(items), remaining: max_items.unwrap_or(usize::MAX) }
    }
}

impl Iterator for Items {
    type Item = Result<Value, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        let item = match &mut self.source {
            Source::Memory(items) => items.next().map(Ok),
            Source::Csv(rows) => rows.next(),
            Source::Lines { input, line, number } => next_line(input, line, number),
            Source::Json(elements) => elements.next(),
            Source::Manifest(items) => items.next(),
        };
        match &item {
            Some(Ok(_)) => self.remaining -= 1,
            // A broken object ends the items after its error.
            Some(Err(_)) => self.remaining = 0,
            None => {}
        }
        item
    }
}

/// Opens an object read with `s3:getObject` as items. Problems found before the first
/// item (no such type, a missing header row, JSON that is not an array) fail here.
pub(crate) fn open(file: File, config: &ReaderConfig) -> Result<Items, String> {
    let remaining = config.max_items.unwrap_or(usize::MAX);
    let source = match config.input_type.as_str() {
        "JSON" => {
            let bytes = read_all(file)?;
            Source::Json(JsonElements::new(bytes)?)
        }
        "JSONL" => Source::Lines { input: BufReader::new(file), line: String::new(), number: 0 },
        "CSV" => Source::Csv(CsvItems::new(BufReader::new(file), config)?),
        "MANIFEST" => {
            return Err("InputType MANIFEST reads an S3 inventory: its manifest.json is read with the bucket folders (see Options::s3).".into())
        }
        "" => return Err("ReaderConfig.InputType is required with s3:getObject.".into()),
        other => return Err(format!("Unsupported ReaderConfig.InputType '{other}'.")),
    };
    Ok(Items { source, remaining })
}

fn read_all(mut file: File) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| format!("Cannot read the object: {e}"))?;
    Ok(bytes)
}

fn next_line(
    input: &mut impl BufRead,
    line: &mut String,
    number: &mut usize,
) -> Option<Result<Value, String>> {
    loop {
        line.clear();
        match input.read_line(line) {
            Ok(0) => return None,
            Ok(_) => *number += 1,
            Err(e) => return Some(Err(format!("Line {} is not UTF-8 text: {e}", *number + 1))),
        }
        if line.trim().is_empty() {
            continue;
        }
        return Some(serde_json::from_str(line).map_err(|e| format!("Line {number} is not valid JSON: {e}")));
    }
}
