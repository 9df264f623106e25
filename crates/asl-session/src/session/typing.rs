//! Text from the code view: typed (merged into one undo step per burst), pasted or
//! loaded whole. Typing can be superseded: the work for a text is dropped when a newer
//! text is already on its way, so a keystroke never waits behind the one before it.

use super::{Session, TYPING_PAUSE};
use crate::dto::{Problem, TextRange};
use crate::offsets::Utf16Index;
use crate::view::View;
use asl_model::{Document, History};
use std::time::Instant;

impl Session {
    /// The code view's text. `typing` merges it into the current burst of typing.
    pub fn set_text(&mut self, text: String, typing: bool) {
        self.set_text_at(text, typing, Instant::now());
    }

    pub fn set_text_at(&mut self, text: String, typing: bool, now: Instant) {
        self.set_text_unless(text, typing, now, &|| false);
    }

    /// As [`Session::set_text_at`], unless `superseded()` turns true while the text is
    /// parsed, checked and laid out: then nothing changes and the answer is `false`.
    /// The work is done before the session changes, so a dropped text leaves no trace.
    pub fn set_text_unless(
        &mut self,
        text: String,
        typing: bool,
        now: Instant,
        superseded: &dyn Fn() -> bool,
    ) -> bool {
        if text == self.text {
            return true;
        }
        let merge = typing && self.last_typing.is_some_and(|t| now.duration_since(t) < TYPING_PAUSE);
        if !self.replace_text_unless(text, merge, superseded) {
            return false;
        }
        self.last_typing = typing.then_some(now);
        true
    }

    pub(super) fn replace_text(&mut self, text: String, merge: bool) {
        self.replace_text_unless(text, merge, &|| false);
    }

    fn replace_text_unless(&mut self, text: String, merge: bool, superseded: &dyn Fn() -> bool) -> bool {
        let parsed = Document::parse(text.as_str(), self.format);
        if superseded() {
            return false;
        }
        match parsed {
            Ok(doc) => {
                let Some(view) = View::unless(&doc, Some(&self.view), self.machine.as_deref(), superseded) else { return false };
                self.parse_error = None;
                match self.history.as_mut() {
                    None => self.history = Some(History::new(doc)),
                    Some(history) => {
                        history.push(doc, merge);
                    }
                }
                self.view = view;
            }
            Err(e) => {
                let index = Utf16Index::new(&text);
                let p = e.position;
                let at = index.utf16(e.offset);
                self.parse_error = Some(Problem {
                    code: "parse-error".into(),
                    severity: asl_check::Severity::Error,
                    message: e.message.clone(),
                    pointer: String::new(),
                    state_pointer: None,
                    range: TextRange { from: at, to: at, line: p.line, column: p.column },
                    caused_by: None,
                    group_title: None,
                    fix: None,
                });
            }
        }
        self.revision += 1;
        // Typed or loaded whole: the delta finds the change by diffing.
        self.note_change(None);
        self.text = text;
        true
    }
}
