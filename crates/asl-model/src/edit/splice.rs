//! The exact text changes an edit makes. An edit rewrites a few byte ranges, one primitive
//! after another; what it made is kept as splices on the *original* text, so the session
//! can send them on (to the code view) instead of finding them again by diffing.

use serde::Serialize;

/// Bytes `start..end` of the old text are replaced by `text`. A list of splices is sorted,
/// the ranges do not overlap, and all count in the old text (apply them last to first).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Splice {
    /// First replaced byte of the old text.
    pub start: usize,
    /// One past the last replaced byte.
    pub end: usize,
    /// The replacement.
    pub text: String,
}

/// The text `splices` make of `old`.
pub fn apply_splices(old: &str, splices: &[Splice]) -> String {
    let mut out = String::with_capacity(old.len());
    let mut pos = 0;
    for s in splices {
        out.push_str(&old[pos..s.start]);
        out.push_str(&s.text);
        pos = s.end;
    }
    out.push_str(&old[pos..]);
    out
}

/// The one splice turning `old` into `new` (common prefix and suffix kept): for changes no
/// edit describes (typed or reloaded text, a re-emitted YAML document).
pub fn diff(old: &str, new: &str) -> Vec<Splice> {
    trimmed(old, Splice { start: 0, end: old.len(), text: new.to_owned() }).into_iter().collect()
}

/// `splices` (which made `new` of `old`) undone: the splices that make `old` of `new`.
pub fn invert(old: &str, splices: &[Splice]) -> Vec<Splice> {
    let mut moved: isize = 0;
    splices
        .iter()
        .map(|s| {
            let start = (s.start as isize + moved) as usize;
            moved += s.text.len() as isize - (s.end - s.start) as isize;
            Splice { start, end: start + s.text.len(), text: old[s.start..s.end].to_owned() }
        })
        .collect()
}

/// `first` (on `old`) then `then` (on the text `first` made), as splices on `old`.
pub fn compose(old: &str, first: &[Splice], then: &[Splice]) -> Vec<Splice> {
    let mut pieces = Pieces::from(old.len(), first);
    // Last to first: each one's offsets are still those of the text it was made on.
    for s in then.iter().rev() {
        pieces.replace(s.start, s.end, &s.text);
    }
    pieces.finish(old)
}

/// The text as changed so far, as pieces of the original and new text, so a change given
/// in the current text's offsets can be told in the original's.
#[derive(Clone, Debug)]
pub(crate) struct Pieces {
    pieces: Vec<Piece>,
    old_len: usize,
}

#[derive(Clone, Debug)]
enum Piece {
    /// Bytes of the original text.
    Old(usize, usize),
    New(String),
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Old(a, b) => b - a,
            Piece::New(t) => t.len(),
        }
    }

    /// The piece's bytes `from..to` (offsets inside the piece).
    fn part(&self, from: usize, to: usize) -> Piece {
        match self {
            Piece::Old(a, _) => Piece::Old(a + from, a + to),
            Piece::New(t) => Piece::New(t[from..to].to_owned()),
        }
    }
}

impl Pieces {
    /// The original text, unchanged.
    pub fn new(old_len: usize) -> Pieces {
        Pieces::from(old_len, &[])
    }

    fn from(old_len: usize, splices: &[Splice]) -> Pieces {
        let mut pieces = Vec::new();
        let mut pos = 0;
        for s in splices {
            if s.start > pos {
                pieces.push(Piece::Old(pos, s.start));
            }
            if !s.text.is_empty() {
                pieces.push(Piece::New(s.text.clone()));
            }
            pos = s.end;
        }
        if pos < old_len {
            pieces.push(Piece::Old(pos, old_len));
        }
        Pieces { pieces, old_len }
    }

    /// Replaces bytes `start..end` of the current text with `text`.
    pub fn replace(&mut self, start: usize, end: usize, text: &str) {
        let mut out = Vec::with_capacity(self.pieces.len() + 2);
        let mut at = 0;
        let mut placed = false;
        for piece in self.pieces.drain(..) {
            let (from, to) = (at, at + piece.len());
            at = to;
            if from < start {
                out.push(piece.part(0, (start - from).min(to - from)));
            }
            if !placed && to >= start {
                if !text.is_empty() {
                    out.push(Piece::New(text.to_owned()));
                }
                placed = true;
            }
            if to > end && end >= from {
                out.push(piece.part(end.max(from) - from, to - from));
            } else if from > end {
                out.push(piece);
            }
        }
        if !placed && !text.is_empty() {
            out.push(Piece::New(text.to_owned()));
        }
        out.retain(|p| p.len() > 0);
        self.pieces = out;
    }

    /// The changes as splices on `old`, each trimmed to the bytes that really differ.
    pub fn finish(&self, old: &str) -> Vec<Splice> {
        debug_assert_eq!(old.len(), self.old_len);
        let mut out = Vec::new();
        let (mut pos, mut pending) = (0, String::new());
        for piece in &self.pieces {
            match piece {
                Piece::Old(a, b) => {
                    if *a != pos || !pending.is_empty() {
                        let text = std::mem::take(&mut pending);
                        out.extend(trimmed(old, Splice { start: pos, end: *a, text }));
                    }
                    pos = *b;
                }
                Piece::New(t) => pending.push_str(t),
            }
        }
        if pos != self.old_len || !pending.is_empty() {
            out.extend(trimmed(old, Splice { start: pos, end: self.old_len, text: pending }));
        }
        out
    }
}

/// The splice without the bytes it leaves as they were (on character boundaries); none if
/// it changes nothing.
fn trimmed(old: &str, s: Splice) -> Option<Splice> {
    let was = &old[s.start..s.end];
    let mut prefix = was.bytes().zip(s.text.bytes()).take_while(|(a, b)| a == b).count();
    while !was.is_char_boundary(prefix) || !s.text.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = was.len().min(s.text.len()) - prefix;
    let mut suffix =
        was.bytes().rev().zip(s.text.bytes().rev()).take(room).take_while(|(a, b)| a == b).count();
    while !was.is_char_boundary(was.len() - suffix) || !s.text.is_char_boundary(s.text.len() - suffix) {
        suffix -= 1;
    }
    let (start, end) = (s.start + prefix, s.end - suffix);
    let text = &s.text[prefix..s.text.len() - suffix];
    (start != end || !text.is_empty()).then(|| Splice { start, end, text: text.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize, text: &str) -> Splice {
        Splice { start, end, text: text.into() }
    }

    #[test]
    fn a_diff_is_the_changed_middle_on_character_boundaries() {
        assert_eq!(diff("abcXdef", "abcYYdef"), vec![sp(3, 4, "YY")]);
        assert_eq!(diff("aaa", "aaaa"), vec![sp(3, 3, "a")]);
        assert_eq!(diff("é", "è"), vec![sp(0, 2, "è")]);
        assert_eq!(diff("same", "same"), vec![]);
    }

    #[test]
    fn changes_in_turn_are_told_on_the_original_text() {
        let old = "0123456789";
        let mut p = Pieces::new(old.len());
        p.replace(2, 4, "ab"); // 01ab456789
        p.replace(8, 8, "XY"); // 01ab4567XY89
        p.replace(0, 1, ""); // 1ab4567XY89
        let splices = p.finish(old);
        assert_eq!(splices, vec![sp(0, 1, ""), sp(2, 4, "ab"), sp(8, 8, "XY")]);
        assert_eq!(apply_splices(old, &splices), "1ab4567XY89");
        // A later change over an earlier one swallows it.
        p.replace(1, 6, "-"); // 1-7XY89
        let splices = p.finish(old);
        assert_eq!(apply_splices(old, &splices), "1-7XY89");
        assert_eq!(splices, vec![sp(0, 1, ""), sp(2, 7, "-"), sp(8, 8, "XY")]);
    }

    #[test]
    fn a_change_undone_in_turn_leaves_no_splice() {
        let old = "{\"a\": 1}";
        let mut p = Pieces::new(old.len());
        p.replace(6, 7, "2");
        p.replace(6, 7, "1");
        assert_eq!(p.finish(old), vec![]);
    }

    #[test]
    fn composed_and_inverted_splices_give_the_texts() {
        let old = "alpha beta gamma";
        let first = vec![sp(0, 5, "A"), sp(11, 16, "G")]; // "A beta G"
        let mid = apply_splices(old, &first);
        let then = vec![sp(2, 6, "BETA!")]; // "A BETA! G"
        let new = apply_splices(&mid, &then);
        let both = compose(old, &first, &then);
        assert_eq!(apply_splices(old, &both), new);
        assert_eq!(both.len(), 3);
        assert_eq!(apply_splices(&new, &invert(old, &both)), old);
    }
}
