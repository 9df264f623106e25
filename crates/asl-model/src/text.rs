//! Positions in the document text: byte spans and 1-based line/column.

use serde::Serialize;

/// A byte range `start..end` into the document text.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether it covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span `by` bytes further on.
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// A 1-based line and column; the column counts Unicode scalar values, as editors do.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// Byte offsets of line starts, so an offset maps to a line in O(log n).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The position of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // Offsets inside a multi-byte character count as that character.
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or_else(|| text[start..].char_indices().take_while(|(i, _)| start + i < offset).count());
        Position { line: line + 1, column: column + 1 }
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[(line - 1).min(self.starts.len() - 1)];
        let end = self.starts.get(line).map(|s| s - 1).unwrap_or(text.len());
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') { end - 1 } else { end };
        Span::new(start, end.max(start))
    }

    /// Number of lines (a final line break starts one more, empty line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\n\u{e9}x\r\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 3), Position { line: 2, column: 1 });
        assert_eq!(idx.position(text, 5), Position { line: 2, column: 2 });
        assert_eq!(idx.position(text, 8), Position { line: 3, column: 1 });
        assert_eq!(idx.line_span(text, 2), Span::new(3, 6));
        assert_eq!(idx.position(text, 999), Position { line: 3, column: 2 });
    }
}
