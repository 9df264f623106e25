//! InputType CSV (and the data files of an S3 inventory, see `manifest.rs`): rows parsed
//! as RFC 4180 a line at a time, each an object keyed by the header.

use super::reader::ReaderConfig;
use serde_json::{Map, Value};
use std::io::BufRead;

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
}
