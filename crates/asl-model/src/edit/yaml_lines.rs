//! Where things are in YAML text: lines, columns, the `:` after a key and the `-` before
//! an element, and the whole lines a block child sits on together with the `#` comment
//! lines just above it (which go and move with it, as `//` lines do in JSON).

use crate::text::Span;

pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding `offset` ends: its line break (`\r\n` or `\n`), or the text's end.
pub(crate) fn line_end(text: &str, offset: usize) -> usize {
    match text[offset..].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[offset + i - 1] == b'\r' => offset + i - 1,
        Some(i) => offset + i,
        None => text.len(),
    }
}

/// Just after the line break of the line holding `offset` (the text's end on the last).
pub(crate) fn next_line(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1)
}

/// Where a block scalar (`|`, `>`) starting at `start` really ends: the reader ends it at
/// its last non-blank character (`end`), but the whitespace-only lines after that hold
/// content where they are indented past its text (`"  "`), and line breaks with keep
/// chomping (`|+`); a line written before them would cut them off. Empty lines after a
/// clipped or stripped one are the document's blank lines, left out.
pub(crate) fn block_scalar_end(text: &str, start: usize, end: usize) -> usize {
    let header = text[start + 1..line_end(text, start)].split([' ', '\t', '#']).next().unwrap_or("");
    let keep = header.contains('+');
    let (mut at, mut last) = (end, end);
    loop {
        let next = next_line(text, at);
        if next >= text.len() {
            return last;
        }
        let eol = line_end(text, next);
        let line = &text[next..eol];
        if !line.trim_matches([' ', '\t']).is_empty() {
            return last;
        }
        if keep || !line.is_empty() {
            last = eol;
        }
        at = eol;
    }
}

/// Column of `offset` (YAML indents with spaces, so bytes before it on its line).
pub(crate) fn column(text: &str, offset: usize) -> usize {
    offset - line_start(text, offset)
}

/// The `:` after a block key (past the key's quotes and any spaces).
pub(crate) fn colon_after(text: &str, key: Span) -> Option<usize> {
    let rest = &text[key.end..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    (rest.as_bytes().get(skipped) == Some(&b':')).then_some(key.end + skipped)
}

/// The `-` before a block sequence element starting at `start` (its anchor or tag
/// included): on the same line, or alone on a line above it (`-` then the element's
/// lines, blank or comment lines between).
pub(crate) fn dash_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let line = line_start(text, start);
    if line < before.len() {
        return before.ends_with('-').then(|| before.len() - 1);
    }
    let mut end = line;
    while end > 0 {
        let from = line_start(text, end - 1);
        let above = text[from..end - 1].trim_end_matches('\r');
        let body = match above.find('#') {
            Some(i) if i == 0 || above[..i].ends_with([' ', '\t']) => &above[..i],
            _ => above,
        };
        let body = body.trim_end_matches([' ', '\t']);
        if !body.trim_start().is_empty() {
            // Only indicators on that line (`-`, `- -`): a `-` after a key is a scalar.
            let dash = body.split(' ').all(|w| w.is_empty() || w == "-");
            return dash.then(|| from + body.len() - 1);
        }
        end = from;
    }
    None
}

/// Where the node starting at `start` really starts: before the anchor (`&a`) and tag
/// (`!!str`, `!Ref`) written in front of it, if any.
pub(crate) fn with_properties(text: &str, start: usize) -> usize {
    let mut at = start;
    loop {
        let before = &text[..at];
        let trimmed = before.trim_end_matches([' ', '\t']);
        let token_start = trimmed.rfind([' ', '\t', '\r', '\n', '[', '{', ',']).map_or(0, |i| i + 1);
        let token = &trimmed[token_start..];
        if token.len() > 1 && (token.starts_with('&') || token.starts_with('!')) {
            at = token_start;
        } else {
            return at;
        }
    }
}

/// Whether anything but spaces comes before `offset` on its line.
pub(crate) fn owns_line(text: &str, offset: usize) -> bool {
    text[line_start(text, offset)..offset].bytes().all(|b| b == b' ')
}

/// Whether only spaces and `- ` indicators come before `offset` on its line (a mapping or
/// list starting on its parent element's line).
pub(crate) fn after_dashes(text: &str, offset: usize) -> bool {
    let prefix = &text[line_start(text, offset)..offset];
    prefix.contains('-') && prefix.split(' ').all(|w| w.is_empty() || w == "-")
}

fn is_comment_line(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// The whole lines of a block child from `start` (its key, or its `-`) to `end` (its
/// value's end).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lines {
    /// Start of the first `#` comment line right above the child (or of its own line).
    pub start: usize,
    /// Start of the child's own first line.
    pub line: usize,
    /// Where the last line's break starts, and just after it (equal at the text's end).
    pub eol: usize,
    pub end: usize,
}

/// The lines of a child; comment lines above it are its own down to `floor` (the end of
/// the previous child).
pub(crate) fn lines(text: &str, floor: usize, start: usize, end: usize) -> Lines {
    let line = line_start(text, start);
    let mut first = line;
    while first > 0 {
        let above = line_start(text, first - 1);
        if above < floor || !is_comment_line(&text[above..first - 1]) {
            break;
        }
        first = above;
    }
    Lines { start: first, line, eol: line_end(text, end), end: next_line(text, end) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lines_indicators_and_properties() {
        let text = "a: 1\n# about b\n# more\nb:   &x !!str 2 # trailing\r\n- c\n";
        let b = text.find("b:").unwrap();
        let two = text.find('2').unwrap();
        let l = lines(text, 4, b, two + 1);
        assert_eq!(&text[l.start..l.end], "# about b\n# more\nb:   &x !!str 2 # trailing\r\n");
        assert_eq!(&text[l.eol..l.end], "\r\n");
        assert_eq!(&text[with_properties(text, two)..two], "&x !!str ");
        assert_eq!(colon_after(text, Span::new(b, b + 1)), Some(b + 1));
        let c = text.find('c').unwrap();
        assert_eq!(dash_before(text, c), Some(c - 2));
        assert!(owns_line(text, b) && !owns_line(text, c));
        assert!(after_dashes("- - x", 4) && !after_dashes("? x", 2));
        assert_eq!(column(text, c), 2);
        // A `-` alone on a line above its element, blank or comment lines between.
        let list = "a:\n  - # first\n\n    b: 1\n  -\n    c: 2\n";
        assert_eq!(dash_before(list, list.find('b').unwrap()), list.find('-'));
        assert_eq!(dash_before(list, list.find('c').unwrap()), list.rfind('-'));
        assert_eq!(dash_before("a:\n  x: -\n  b: 1\n", 12), None);
    }
}
