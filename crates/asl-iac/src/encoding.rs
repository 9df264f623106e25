//! How a definition's text sits in its host file, and the way back: decoding gives the
//! text and, for every byte of it, where that byte is in the host; writing back maps each
//! changed range of the text onto the host and encodes only the new bytes (indentation
//! after each line break, JSON escapes). Untouched bytes of the host are never rewritten.

use asl_model::{Span, Splice};

/// How the bytes of a span of the host encode the definition text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// The bytes are the text (a whole referenced file, a JSON object in a JSON template,
    /// a one-line YAML flow mapping).
    Verbatim,
    /// Whole lines, each carrying `indent` more spaces than the text (a YAML block
    /// mapping, a YAML literal block scalar, an indented heredoc). The span starts at the
    /// first line's start.
    Indented { indent: usize },
    /// A JSON string literal, quotes included (also a YAML double-quoted scalar on one line).
    JsonString,
    /// A YAML single-quoted scalar on one line (`''` is a quote).
    SingleQuoted,
    /// A Terraform heredoc body (whole lines; `indent` stripped for `<<-`): `$${` is a
    /// literal `${`.
    Heredoc { indent: usize },
}

/// The decoded text and, for each of its byte offsets (and its end), the host offset.
pub(crate) struct Decoded {
    pub text: String,
    pub map: Vec<usize>,
}

impl Decoded {
    fn push(&mut self, s: &str, host: usize) {
        for _ in 0..s.len() {
            self.map.push(host);
        }
        self.text.push_str(s);
    }

    fn push_byte_run(&mut self, s: &str, host: usize) {
        for i in 0..s.len() {
            self.map.push(host + i);
        }
        self.text.push_str(s);
    }
}

/// Decodes `span` of `host`; `None` when the bytes are not in that encoding.
pub(crate) fn decode(host: &str, span: Span, encoding: &Encoding) -> Option<Decoded> {
    let bytes = host.get(span.start..span.end)?;
    let mut d =
        Decoded { text: String::with_capacity(bytes.len()), map: Vec::with_capacity(bytes.len() + 1) };
    match encoding {
        Encoding::Verbatim => d.push_byte_run(bytes, span.start),
        Encoding::Indented { indent } | Encoding::Heredoc { indent } => {
            let heredoc = matches!(encoding, Encoding::Heredoc { .. });
            let mut at = span.start;
            for line in bytes.split_inclusive('\n') {
                let strip = line.bytes().take(*indent).take_while(|&b| b == b' ').count();
                // A shorter line may only be blank (or carry a YAML comment).
                let rest = &line[strip..];
                if strip < *indent && !rest.trim().is_empty() && !rest.trim_start().starts_with('#') {
                    return None;
                }
                if heredoc {
                    push_heredoc_line(&mut d, rest, at + strip);
                } else {
                    d.push_byte_run(rest, at + strip);
                }
                at += line.len();
            }
        }
        Encoding::JsonString => decode_json_string(&mut d, bytes, span.start)?,
        Encoding::SingleQuoted => {
            let inner = bytes.strip_prefix('\'')?.strip_suffix('\'')?;
            let mut i = 0;
            while i < inner.len() {
                let rest = &inner[i..];
                if rest.starts_with("''") {
                    d.push("'", span.start + 1 + i);
                    i += 2;
                } else if rest.starts_with('\n') || rest.starts_with('\'') {
                    return None; // folded or unbalanced: not one line
                } else {
                    let c = rest.chars().next()?;
                    d.push_byte_run(&rest[..c.len_utf8()], span.start + 1 + i);
                    i += c.len_utf8();
                }
            }
        }
    }
    let end = match encoding {
        Encoding::JsonString | Encoding::SingleQuoted => span.end - 1,
        _ => span.end,
    };
    d.map.push(end);
    Some(d)
}

fn push_heredoc_line(d: &mut Decoded, line: &str, host: usize) {
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if rest.starts_with("$${") || rest.starts_with("%%{") {
            // The escape's second character carries the meaning; the first is dropped.
            i += 1;
            continue;
        }
        let c = rest.chars().next().map_or(1, char::len_utf8);
        d.push_byte_run(&rest[..c], host + i);
        i += c;
    }
}

fn decode_json_string(d: &mut Decoded, bytes: &str, base: usize) -> Option<()> {
    let inner = bytes.strip_prefix('"')?.strip_suffix('"')?;
    let b = inner.as_bytes();
    let mut i = 0;
    while i < inner.len() {
        let host = base + 1 + i;
        match b[i] {
            b'\\' => {
                let (s, len) = match *b.get(i + 1)? {
                    b'"' => ("\"".to_owned(), 2),
                    b'\\' => ("\\".to_owned(), 2),
                    b'/' => ("/".to_owned(), 2),
                    b'b' => ("\u{8}".to_owned(), 2),
                    b'f' => ("\u{c}".to_owned(), 2),
                    b'n' => ("\n".to_owned(), 2),
                    b'r' => ("\r".to_owned(), 2),
                    b't' => ("\t".to_owned(), 2),
                    b'u' => unicode_escape(inner, i)?,
                    _ => return None,
                };
                d.push(&s, host);
                i += len;
            }
            b'"' | b'\n' => return None,
            _ => {
                let c = inner[i..].chars().next()?;
                d.push_byte_run(&inner[i..i + c.len_utf8()], host);
                i += c.len_utf8();
            }
        }
    }
    Some(())
}

/// `\uXXXX` (or a surrogate pair of them) at `i`: the character and the escape's length.
fn unicode_escape(s: &str, i: usize) -> Option<(String, usize)> {
    let hex = |at: usize| s.get(at..at + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
    let first = hex(i + 2)?;
    if (0xd800..0xdc00).contains(&first) && s.get(i + 6..i + 8) == Some("\\u") {
        let second = hex(i + 8)?;
        let c = char::from_u32(0x10000 + ((first - 0xd800) << 10) + (second.checked_sub(0xdc00)?))?;
        return Some((c.to_string(), 12));
    }
    Some((char::from_u32(first)?.to_string(), 6))
}

/// New text as the host writes it at this place.
fn encode(text: &str, encoding: &Encoding) -> String {
    match encoding {
        Encoding::Verbatim => text.to_owned(),
        Encoding::Indented { indent } | Encoding::Heredoc { indent } => {
            let pad = " ".repeat(*indent);
            let mut out = String::with_capacity(text.len());
            let mut lines = text.split('\n').peekable();
            while let Some(line) = lines.next() {
                out.push_str(line);
                if lines.peek().is_some() {
                    out.push('\n');
                    // Blank lines stay blank: no trailing spaces.
                    if lines.peek().is_some_and(|l| !l.trim_end_matches('\r').is_empty()) {
                        out.push_str(&pad);
                    }
                }
            }
            out
        }
        Encoding::JsonString => {
            let quoted = serde_json::to_string(text).unwrap_or_default();
            quoted[1..quoted.len() - 1].to_owned()
        }
        Encoding::SingleQuoted => text.replace('\'', "''"),
    }
}

/// The host with the definition (`old`, decoded from `span`) replaced by `new`: changed
/// lines only when `merge` (lines both texts share are kept), else the changed middle.
pub(crate) fn write_back(
    host: &str,
    span: Span,
    encoding: &Encoding,
    old: &str,
    new: &str,
    merge: bool,
) -> Result<String, String> {
    let decoded =
        decode(host, span, encoding).ok_or("the definition is not written in a form asl-iac can rewrite")?;
    if decoded.text != old {
        return Err("the definition's text in the file is not the text read".into());
    }
    // A re-emitted YAML text ends with a line break the definition's span does not hold
    // (the host's own line break follows it).
    let new = if old.ends_with('\n') { new } else { new.trim_end_matches(['\n', '\r']) };
    if matches!(encoding, Encoding::SingleQuoted) && new.contains('\n') {
        return Err("a single-quoted YAML string cannot hold a line break here".into());
    }
    let pad = match encoding {
        Encoding::Indented { indent } | Encoding::Heredoc { indent } => Some(" ".repeat(*indent)),
        _ => None,
    };
    let at_line_start = |i: usize| i == 0 || old.as_bytes()[i - 1] == b'\n';
    let mut out = host.to_owned();
    let splices = if merge { line_splices(old, new) } else { asl_model::edit::diff(old, new) };
    for s in splices.iter().rev() {
        let (mut start, mut end) = (decoded.map[s.start], decoded.map[s.end]);
        let mut text = encode(&s.text, encoding);
        if let Some(pad) = &pad {
            // At a line start the host's indentation belongs to the line. A change that
            // starts there starts before it and writes its own; one that ends there with
            // whole lines keeps the next line's. New content that follows a line break of
            // the change (the change's first line, or the old line's rest after it) gets
            // the indentation too.
            let from_line_start = at_line_start(s.start);
            let whole_lines =
                at_line_start(s.end) && s.end < old.len() && (s.text.is_empty() || s.text.ends_with('\n'));
            if whole_lines {
                end = line_start(host, end);
            }
            if from_line_start {
                start = line_start(host, start);
                let first_line_has_content =
                    if s.text.is_empty() { !whole_lines } else { !s.text.starts_with(['\n', '\r']) };
                if first_line_has_content {
                    text.insert_str(0, pad);
                }
            }
            if s.text.ends_with('\n') && !whole_lines && end < host.len() {
                text.push_str(pad);
            }
        }
        out.replace_range(start..end, &text);
    }
    Ok(out)
}

/// The splices turning `old` into `new`, line by line: lines both texts share (in order)
/// are kept, so a re-emitted text that repeats most lines rewrites only the others.
pub(crate) fn line_splices(old: &str, new: &str) -> Vec<Splice> {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    // Lines compare without a CloudFormation tag: the YAML the document model re-emits
    // has `Resource: F.Arn` where the host has `Resource: !GetAtt F.Arn`, and the host's
    // line (tag included) is the one to keep.
    let (ka, kb): (Vec<String>, Vec<String>) =
        (a.iter().map(|l| untagged(l)).collect(), b.iter().map(|l| untagged(l)).collect());
    let (a_keys, b_keys): (Vec<&str>, Vec<&str>) =
        (ka.iter().map(String::as_str).collect(), kb.iter().map(String::as_str).collect());
    let prefix = a_keys.iter().zip(&b_keys).take_while(|(x, y)| x == y).count();
    let suffix =
        a_keys[prefix..].iter().rev().zip(b_keys[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let start_of = |lines: &[&str], i: usize| lines[..i].iter().map(|l| l.len()).sum::<usize>();
    let base_a = start_of(&a, prefix);
    // The kept middle lines: a longest common subsequence, when small enough to compute.
    let (ak, bk) = (&a_keys[prefix..a.len() - suffix], &b_keys[prefix..b.len() - suffix]);
    let pairs = if am.len().saturating_mul(bm.len()) <= 4_000_000 { lcs(ak, bk) } else { Vec::new() };
    let mut splices = Vec::new();
    let (mut i, mut j, mut at) = (0, 0, base_a);
    for (pi, pj) in pairs.into_iter().chain(std::iter::once((am.len(), bm.len()))) {
        let removed: usize = am[i..pi].iter().map(|l| l.len()).sum();
        let inserted: String = bm[j..pj].concat();
        if removed > 0 || !inserted.is_empty() {
            splices.push(Splice { start: at, end: at + removed, text: inserted });
        }
        at += removed + am.get(pi).map_or(0, |l| l.len());
        (i, j) = (pi + 1, pj + 1);
    }
    splices.into_iter().flat_map(|s| trim(old, s)).collect()
}

/// The start of the host line holding `at`, which only spaces precede on that line.
fn line_start(host: &str, mut at: usize) -> usize {
    while at > 0 && host.as_bytes()[at - 1] == b' ' {
        at -= 1;
    }
    at
}

/// A line without a local tag written before a value on it (`key: !Tag value`,
/// `- !Tag value`): what the line reads as once the tag is lost.
fn untagged(line: &str) -> String {
    for marker in [": !", "- !"] {
        if let Some(i) = line.find(marker) {
            let tag_start = i + marker.len() - 1;
            let rest = &line[tag_start..];
            let tag_len = rest.find([' ', '\n', '\r']).unwrap_or(rest.len());
            let after = rest[tag_len..].trim_start_matches(' ');
            // Only a tag followed by its scalar on the line (a tag alone opens a block).
            if !after.trim().is_empty() {
                return format!("{}{}", &line[..tag_start], after);
            }
        }
    }
    line.to_owned()
}

/// Narrows a splice to the bytes that differ (common prefix and suffix kept).
fn trim(old: &str, s: Splice) -> Option<Splice> {
    let was = &old[s.start..s.end];
    let mut p = was.bytes().zip(s.text.bytes()).take_while(|(x, y)| x == y).count();
    while !was.is_char_boundary(p) || !s.text.is_char_boundary(p) {
        p -= 1;
    }
    let max_q = was.len().min(s.text.len()) - p;
    let mut q = was.bytes().rev().zip(s.text.bytes().rev()).take(max_q).take_while(|(x, y)| x == y).count();
    while !was.is_char_boundary(was.len() - q) || !s.text.is_char_boundary(s.text.len() - q) {
        q -= 1;
    }
    let text = s.text[p..s.text.len() - q].to_owned();
    let (start, end) = (s.start + p, s.end - q);
    (start != end || !text.is_empty()).then_some(Splice { start, end, text })
}

/// Index pairs of a longest common subsequence of two line lists.
fn lcs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if a[i] == b[j] {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
#[path = "encoding_tests.rs"]
mod tests;
