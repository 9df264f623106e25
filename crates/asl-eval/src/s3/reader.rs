//! How an object's bytes become items (`ReaderConfig`), read on demand: a Distributed Map
//! asks for the next item only when it can start another child execution, so memory
//! holds the items in flight, not the whole dataset.
//!
//! CSV and JSON Lines stream from the file through a buffered reader (one line at a time;
//! a quoted CSV field may span lines). A JSON array is checked whole first (so a syntax
//! error anywhere fails before any child runs, as AWS reads it) and then parsed one
//! element at a time from its bytes: the text stays in memory, its values do not.

use serde_json::{Map, Value};
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

/// The elements of a JSON array, parsed one at a time from the checked text.
struct JsonElements {
    bytes: Vec<u8>,
    pos: usize,
    first: bool,
}

impl JsonElements {
    fn new(bytes: Vec<u8>) -> Result<JsonElements, String> {
        // Checks the whole text without building its values.
        serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)
            .map_err(|e| format!("The object is not valid JSON: {e}"))?;
        let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
        if bytes.get(start) != Some(&b'[') {
            return Err("Attempting to map over non-iterable node.".into());
        }
        Ok(JsonElements { bytes, pos: start + 1, first: true })
    }

    fn skip_whitespace(&mut self) {
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
    }

    fn next(&mut self) -> Option<Result<Value, String>> {
        self.skip_whitespace();
        match self.bytes.get(self.pos) {
            None | Some(b']') => return None,
            Some(b',') if !self.first => {
                self.pos += 1;
                self.skip_whitespace();
            }
            Some(_) if self.first => {}
            Some(_) => return Some(Err("The object is not valid JSON.".into())),
        }
        self.first = false;
        let mut stream = serde_json::Deserializer::from_slice(&self.bytes[self.pos..]).into_iter::<Value>();
        let value = stream.next()?;
        self.pos += stream.byte_offset();
        Some(value.map_err(|e| format!("The object is not valid JSON: {e}")))
    }
}

/// CSV rows as objects keyed by the header (every field a string).
pub(crate) struct CsvItems<R> {
    rows: CsvRows<R>,
    headers: Vec<String>,
    count: usize,
}

impl<R: BufRead> CsvItems<R> {
    pub fn new(input: R, config: &ReaderConfig) -> Result<CsvItems<R>, String> {
        let mut rows = CsvRows::new(input, config.delimiter);
        let headers = match config.header_location.as_str() {
            "GIVEN" => {
                if config.headers.is_empty() {
                    return Err("CSVHeaders is required when CSVHeaderLocation is GIVEN.".into());
                }
                config.headers.clone()
            }
            "" | "FIRST_ROW" => match rows.next() {
                Some(row) => row?,
                // An empty object has no items.
                None => Vec::new(),
            },
            other => return Err(format!("Unsupported CSVHeaderLocation '{other}'.")),
        };
        Ok(CsvItems { rows, headers, count: 0 })
    }
}

impl<R: BufRead> Iterator for CsvItems<R> {
    type Item = Result<Value, String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let row = match self.rows.next()? {
                Ok(row) => row,
                Err(e) => return Some(Err(e)),
            };
            if row.len() == 1 && row[0].is_empty() {
                continue;
            }
            if row.len() > self.headers.len() {
                return Some(Err(format!(
                    "CSV row {} has {} fields but there are {} headers.",
                    self.count + 1,
                    row.len(),
                    self.headers.len()
                )));
            }
            self.count += 1;
            let mut object = Map::with_capacity(self.headers.len());
            let mut fields = row.into_iter();
            for h in &self.headers {
                object.insert(h.clone(), Value::String(fields.next().unwrap_or_default()));
            }
            return Some(Ok(Value::Object(object)));
        }
    }
}

/// RFC 4180 rows read a line at a time: quoted fields may hold delimiters, newlines and
/// `""`; rows end at `\n`, `\r\n` or `\r`. A leading byte-order mark is dropped.
pub(crate) struct CsvRows<R> {
    input: R,
    delimiter: u8,
    /// The current line and how much of it is used.
    buf: String,
    pos: usize,
    started: bool,
}

impl<R: BufRead> CsvRows<R> {
    pub fn new(input: R, delimiter: u8) -> CsvRows<R> {
        CsvRows { input, delimiter, buf: String::new(), pos: 0, started: false }
    }

    /// Reads the next line; false at the end of the input.
    fn refill(&mut self) -> Result<bool, String> {
        self.buf.clear();
        self.pos = 0;
        let n =
            self.input.read_line(&mut self.buf).map_err(|e| format!("The object is not UTF-8 text: {e}"))?;
        if !self.started {
            self.started = true;
            if self.buf.starts_with('\u{feff}') {
                self.pos = '\u{feff}'.len_utf8();
            }
        }
        Ok(n > 0)
    }
}

impl<R: BufRead> Iterator for CsvRows<R> {
    type Item = Result<Vec<String>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut at_start = true;
        let mut begun = false;
        loop {
            if self.pos >= self.buf.len() {
                match self.refill() {
                    Ok(true) => {}
                    Ok(false) if !begun => return None,
                    Ok(false) if quoted => return Some(Err("A quoted CSV field is not closed.".into())),
                    Ok(false) => {
                        fields.push(field);
                        return Some(Ok(fields));
                    }
                    Err(e) => return Some(Err(e)),
                }
                if self.pos >= self.buf.len() {
                    continue;
                }
            }
            begun = true;
            // Delimiters, quotes and line ends are ASCII, so byte positions are char
            // boundaries and runs between them are copied as slices.
            let bytes = self.buf.as_bytes();
            let delimiter = self.delimiter;
            let mut i = self.pos;
            while i < bytes.len() {
                let b = bytes[i];
                if quoted {
                    if b == b'"' {
                        if bytes.get(i + 1) == Some(&b'"') {
                            field.push('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i += 1;
                        }
                        continue;
                    }
                    let end = bytes[i..].iter().position(|&c| c == b'"').map_or(bytes.len(), |p| i + p);
                    field.push_str(&self.buf[i..end]);
                    i = end;
                    continue;
                }
                if b == b'"' && at_start {
                    quoted = true;
                    at_start = false;
                    i += 1;
                } else if b == delimiter {
                    fields.push(std::mem::take(&mut field));
                    at_start = true;
                    i += 1;
                } else if b == b'\n' || b == b'\r' {
                    let mut end = i + 1;
                    if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        end += 1;
                    }
                    self.pos = end;
                    fields.push(field);
                    return Some(Ok(fields));
                } else {
                    let end = bytes[i..]
                        .iter()
                        .position(|&c| c == delimiter || c == b'\n' || c == b'\r')
                        .map_or(bytes.len(), |p| i + p);
                    field.push_str(&self.buf[i..end]);
                    at_start = false;
                    i = end;
                }
            }
            self.pos = bytes.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn csv(text: &str, config: &ReaderConfig) -> Result<Vec<Value>, String> {
        CsvItems::new(text.as_bytes(), config)?.collect()
    }

    #[test]
    fn csv_quotes_line_ends_and_headers() {
        let config = ReaderConfig { input_type: "CSV".into(), delimiter: b',', ..ReaderConfig::default() };
        let items = csv("\u{feff}a,b\n1,\"x, \"\"y\"\"\"\r\n2,\"multi\nline\"\r3,é\n\n", &config).unwrap();
        assert_eq!(
            items,
            vec![
                json!({"a": "1", "b": "x, \"y\""}),
                json!({"a": "2", "b": "multi\nline"}),
                json!({"a": "3", "b": "é"}),
            ]
        );
        assert_eq!(csv("a\n\"open\n", &config), Err("A quoted CSV field is not closed.".into()));
        assert_eq!(csv("a\n1,2\n", &config), Err("CSV row 1 has 2 fields but there are 1 headers.".into()));
        assert_eq!(csv("", &config), Ok(vec![]));
        assert_eq!(csv("a,b\n1", &config), Ok(vec![json!({"a": "1", "b": ""})]));
    }

    #[test]
    fn json_elements_come_one_at_a_time() {
        let mut elements = JsonElements::new(b" [1, {\"k\": [2, 3]} ,\"s\",[] ]".to_vec()).unwrap();
        let mut out = Vec::new();
        while let Some(v) = elements.next() {
            out.push(v.unwrap());
        }
        assert_eq!(out, vec![json!(1), json!({"k": [2, 3]}), json!("s"), json!([])]);
        assert!(JsonElements::new(b"[]".to_vec()).unwrap().next().is_none());
        assert_eq!(
            JsonElements::new(b"{}".to_vec()).err().as_deref(),
            Some("Attempting to map over non-iterable node.")
        );
        assert!(JsonElements::new(b"[1,".to_vec()).is_err());
    }
}
