//! Whole-line views of the children of a multi-line JSON container. An item that sits on
//! lines of its own is removed, inserted and moved as those lines, together with the
//! comments on them or just above them, so every other line keeps its bytes and a
//! neighbour's comment never goes with it.

use crate::text::Span;

/// A child that sits on lines of its own.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Block {
    /// Start of the first line: the first comment line just above the child, or its own.
    pub start: usize,
    /// Start of the child's own first line.
    pub line: usize,
    /// The comma after the child, when it is on its last line.
    pub comma: Option<usize>,
    /// Where the last line's line break starts, and the byte after it.
    pub eol: usize,
    pub end: usize,
}

/// The lines of `item`, a child that starts after `floor` (the end of the previous child,
/// or just inside the container). `None` when it shares a line with anything but a comma
/// and comments.
pub(crate) fn block(text: &str, floor: usize, item: Span) -> Option<Block> {
    let line = line_start(text, item.start);
    if line < floor || !text[line..item.start].bytes().all(|b| b == b' ' || b == b'\t') {
        return None;
    }
    let (comma, eol, end) = tail(text, item.end)?;
    let mut start = line;
    while start > 0 {
        let above = line_start(text, start - 1);
        if above < floor || !is_comment_line(&text[above..start - 1]) {
            break;
        }
        start = above;
    }
    Some(Block { start, line, comma, eol, end })
}

/// What follows a child on its last line: an optional comma and comments, then the line
/// break. Returns (comma, line break start, after the line break).
fn tail(text: &str, from: usize) -> Option<(Option<usize>, usize, usize)> {
    let b = text.as_bytes();
    let mut i = skip_inline(text, from)?;
    let comma = (b.get(i) == Some(&b',')).then_some(i);
    if comma.is_some() {
        i = skip_inline(text, i + 1)?;
    }
    if text[i..].starts_with("//") {
        i += text[i..].find('\n').unwrap_or(text.len() - i);
    }
    match b.get(i) {
        Some(b'\n') if i > 0 && b[i - 1] == b'\r' => Some((comma, i - 1, i + 1)),
        Some(b'\n') => Some((comma, i, i + 1)),
        Some(b'\r') if b.get(i + 1) == Some(&b'\n') => Some((comma, i, i + 2)),
        _ => None,
    }
}

/// Skips spaces, tabs and `/* */` comments that end on the same line.
fn skip_inline(text: &str, mut i: usize) -> Option<usize> {
    let b = text.as_bytes();
    loop {
        match b.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(b'/') if b.get(i + 1) == Some(&b'*') => {
                let close = text[i + 2..].find("*/")? + i + 2;
                if text[i..close].contains('\n') {
                    return None;
                }
                i = close + 2;
            }
            _ => return Some(i),
        }
    }
}

/// The comma separating the child ending at `from` from the next, across whitespace and
/// comments.
pub(crate) fn comma_after(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    loop {
        match b.get(i)? {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => i += text[i..].find('\n')?,
            b'/' if b.get(i + 1) == Some(&b'*') => i = text[i + 2..].find("*/")? + i + 4,
            b',' => return Some(i),
            _ => return None,
        }
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn is_comment_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("//") || line.starts_with("/*") && line.ends_with("*/")
}

/// A child ready to be put into a container: its text as written and the comments that
/// travel with it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Piece {
    /// Comment lines just above it, trimmed.
    pub lead: Vec<String>,
    /// Its text; lines after the first are indented from `base`.
    pub body: String,
    /// A comment after it on its last line (with the spaces before it), or empty.
    pub trail: String,
    /// Indentation of the line it started on.
    pub base: String,
}

impl Piece {
    /// A freshly rendered item, its later lines indented from column 0.
    pub fn rendered(body: String) -> Piece {
        Piece { body, ..Piece::default() }
    }

    /// The piece as whole lines at `indent`, each ending with `eol`.
    pub fn lines(&self, indent: &str, comma: bool, eol: &str) -> String {
        let mut out = String::new();
        for line in &self.lead {
            out.push_str(&format!("{indent}{line}{eol}"));
        }
        out.push_str(indent);
        out.push_str(&self.inline(indent));
        if comma {
            out.push(',');
        }
        out.push_str(&self.trail);
        out.push_str(eol);
        out
    }

    /// The item alone, to stand after other text on a line indented by `indent`. Its
    /// comments are dropped: a `//` comment would swallow what follows it.
    pub fn inline(&self, indent: &str) -> String {
        let mut lines = self.body.split_inclusive('\n');
        let mut out = lines.next().unwrap_or_default().to_owned();
        for line in lines {
            match line.strip_prefix(self.base.as_str()) {
                // Blank lines stay blank, without trailing spaces.
                Some(rest) if !rest.trim().is_empty() => {
                    out.push_str(indent);
                    out.push_str(rest);
                }
                _ => out.push_str(line),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_take_leading_comment_lines_and_the_trailing_comment() {
        let text = "[\n  1,\n  // two\n  2, // the second\n  3\n]";
        let two = text.find('2').unwrap();
        let b = block(text, text.find('1').unwrap() + 1, Span::new(two, two + 1)).unwrap();
        assert_eq!(&text[b.start..b.end], "  // two\n  2, // the second\n");
        assert_eq!(b.comma, Some(two + 1));
        assert!(block("[1, 2]", 1, Span::new(4, 5)).is_none());
        assert_eq!(comma_after("1 /* x */ // y\n , 2", 1), Some(16));
    }

    #[test]
    fn pieces_reindent_their_later_lines() {
        let p = Piece {
            lead: vec!["// c".into()],
            body: "{\n    \"a\": 1\n  }".into(),
            trail: " // t".into(),
            base: "  ".into(),
        };
        assert_eq!(p.lines("\t", true, "\r\n"), "\t// c\r\n\t{\n\t  \"a\": 1\n\t}, // t\r\n");
    }
}
