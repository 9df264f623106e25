//! The definition string a deploy sends: the file's text byte for byte when AWS accepts
//! it as is; YAML as JSON; JSONC with its comments (and trailing commas) removed, since
//! AWS rejects them, and saying so.

use asl_model::{Document, Format};

/// What will be deployed, and what was changed to make it deployable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployable {
    /// The definition string.
    pub text: String,
    /// What was done to the text, for the user (None: sent byte for byte).
    pub note: Option<String>,
}

/// The deployable definition of a document read from a file.
pub fn deployable(doc: &Document) -> Deployable {
    if doc.format() == Format::Yaml {
        return Deployable {
            text: doc.to_format(Format::Json),
            note: Some("YAML converted to JSON (AWS takes JSON definitions)".into()),
        };
    }
    let text = doc.text();
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
        return Deployable { text: text.to_owned(), note: None };
    }
    let (stripped, comments, commas) = strip_jsonc(text);
    let mut removed = Vec::new();
    if comments > 0 {
        removed.push(plural(comments, "comment"));
    }
    if commas > 0 {
        removed.push(plural(commas, "trailing comma"));
    }
    Deployable {
        text: stripped,
        note: Some(format!("removed {} (AWS rejects JSON with them)", removed.join(" and "))),
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Removes `//` and `/* */` comments and trailing commas outside strings; every other
/// byte stays (a line comment's newline too, so line numbers keep).
pub fn strip_jsonc(text: &str) -> (String, usize, usize) {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let (mut comments, mut commas) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.extend_from_slice(&bytes[start..i]);
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                comments += 1;
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                comments += 1;
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i = (i + 2).min(bytes.len());
            }
            b',' => {
                // A comma followed (past blanks and comments) by } or ] is dropped.
                let rest = strip_jsonc_blank_prefix(&text[i + 1..]);
                if rest.starts_with('}') || rest.starts_with(']') {
                    commas += 1;
                } else {
                    out.push(b',');
                }
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8(out).unwrap_or_default(), comments, commas)
}

/// `text` past whitespace and comments.
fn strip_jsonc_blank_prefix(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_json_goes_byte_for_byte() {
        let text = "{\"StartAt\":\"A\",  \"States\":{\"A\":{\"Type\":\"Succeed\"}}}\n";
        let doc = Document::parse(text, Format::Json).unwrap();
        assert_eq!(deployable(&doc), Deployable { text: text.into(), note: None });
    }

    #[test]
    fn comments_and_trailing_commas_go_and_strings_stay() {
        let text = "{\n  // why\n  \"StartAt\": \"A\", /* x */\n  \"Comment\": \"a // b /* c */\",\n  \"States\": {\"A\": {\"Type\": \"Succeed\",},},\n}\n";
        let doc = Document::parse(text, Format::Json).unwrap();
        let d = deployable(&doc);
        let value: serde_json::Value = serde_json::from_str(&d.text).unwrap();
        assert_eq!(value["Comment"], "a // b /* c */");
        assert_eq!(
            d.note.as_deref(),
            Some("removed 2 comments and 3 trailing commas (AWS rejects JSON with them)")
        );
        assert_eq!(d.text.lines().count(), text.lines().count());
    }

    #[test]
    fn yaml_is_sent_as_json() {
        let doc = Document::parse("StartAt: A\nStates:\n  A:\n    Type: Succeed\n", Format::Yaml).unwrap();
        let d = deployable(&doc);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&d.text).unwrap()["StartAt"], "A");
        assert!(d.note.unwrap().contains("YAML"));
    }
}
