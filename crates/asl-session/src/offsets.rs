//! Byte offsets (Rust's spans) to UTF-16 offsets (CodeMirror's positions).

/// Converts byte offsets of one text to UTF-16 code-unit offsets. ASCII text (the usual
/// case) converts for free; otherwise checkpoints every 64 bytes bound each conversion to
/// one short scan.
pub struct Utf16Index<'a> {
    text: &'a str,
    /// `(byte, units)` at the first character boundary at or after every 64th byte;
    /// `None` when the text is ASCII: byte and UTF-16 offsets are equal.
    checkpoints: Option<Vec<(usize, usize)>>,
}

const STRIDE: usize = 64;

impl<'a> Utf16Index<'a> {
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Utf16Index { text, checkpoints: None };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 2);
        let mut units = 0;
        let mut next = 0;
        for (i, c) in text.char_indices() {
            while next <= i {
                checkpoints.push((i, units));
                next += STRIDE;
            }
            units += c.len_utf16();
        }
        while next <= text.len() {
            checkpoints.push((text.len(), units));
            next += STRIDE;
        }
        Utf16Index { text, checkpoints: Some(checkpoints) }
    }

    /// The UTF-16 offset of a byte offset; an offset inside a character counts as that
    /// character's start, offsets past the end clamp to the end.
    pub fn utf16(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let Some(checkpoints) = &self.checkpoints else { return byte };
        let mut k = byte / STRIDE;
        // A checkpoint moved forward past `byte` (a character straddles it): use the one
        // before, which is at or before `byte` (the first is at 0).
        while checkpoints[k].0 > byte {
            k -= 1;
        }
        let (start, mut units) = checkpoints[k];
        let mut at = start;
        for c in self.text[start..].chars() {
            if at + c.len_utf8() > byte {
                break;
            }
            at += c.len_utf8();
            units += c.len_utf16();
        }
        units
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Index;

    fn slow(text: &str, byte: usize) -> usize {
        text.char_indices().take_while(|(i, c)| i + c.len_utf8() <= byte).map(|(_, c)| c.len_utf16()).sum()
    }

    #[test]
    fn matches_a_plain_count_on_mixed_text() {
        let text = "{\"Ünïcödé\": \"😀 é\", \"a\": \"".to_owned() + &"x😀é".repeat(80) + "\"}";
        let index = Utf16Index::new(&text);
        for byte in 0..=text.len() + 3 {
            assert_eq!(index.utf16(byte), slow(&text, byte.min(text.len())), "byte {byte}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        let index = Utf16Index::new("{\"a\": 1}");
        assert_eq!(index.utf16(5), 5);
        assert_eq!(index.utf16(99), 8);
    }
}
