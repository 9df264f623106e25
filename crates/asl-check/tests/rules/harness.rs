//! The table runner: each case is a machine and the EXACT set of diagnostics it must
//! produce, as `(code, pointer, line, column)` of where the span starts. All cases of a
//! table run; the failures are reported together, each with what was found instead.

use asl_check::{check_text, Diagnostic, Severity};
use asl_model::{Format, LineIndex};

/// `(code, JSON pointer, line, column)`, 1-based like an editor.
pub type Expected<'a> = (&'a str, &'a str, usize, usize);

/// Codes reported as warnings; every other code must be an error.
const WARNINGS: &[&str] = &["not-a-state"];

/// A table of cases. Its failures are only reported by [`Cases::finish`], so a table
/// dropped unfinished fails the test itself (see the `Drop` impl).
#[derive(Default)]
pub struct Cases {
    failures: Vec<String>,
    run: usize,
    finished: bool,
}

/// One checked case, for further assertions on its messages.
pub struct Checked<'c> {
    cases: &'c mut Cases,
    name: String,
    diagnostics: Vec<Diagnostic>,
}

impl Cases {
    pub fn new() -> Self {
        Self::default()
    }

    /// A JSON machine and every diagnostic it must produce (none for a valid machine).
    pub fn case(&mut self, name: &str, json: &str, expected: &[Expected]) -> Checked<'_> {
        self.case_in(name, json, Format::Json, expected)
    }

    pub fn yaml(&mut self, name: &str, yaml: &str, expected: &[Expected]) -> Checked<'_> {
        self.case_in(name, yaml, Format::Yaml, expected)
    }

    fn case_in(&mut self, name: &str, text: &str, format: Format, expected: &[Expected]) -> Checked<'_> {
        self.run += 1;
        let (doc, diagnostics) = check_text(text, format);
        let found: Vec<(String, String, usize, usize)> = diagnostics
            .iter()
            .map(|d| {
                // A text that did not parse has no document: index its lines directly.
                let at = match &doc {
                    Some(doc) => doc.position(d.span.start),
                    None => LineIndex::new(text).position(text, d.span.start),
                };
                (d.code.to_owned(), d.pointer.clone(), at.line, at.column)
            })
            .collect();
        let mut want: Vec<(String, String, usize, usize)> =
            expected.iter().map(|(c, p, l, col)| (c.to_string(), p.to_string(), *l, *col)).collect();
        let mut got = found.clone();
        want.sort();
        got.sort();
        let severity_wrong: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| (d.severity == Severity::Warning) != WARNINGS.contains(&d.code))
            .collect();
        let blank = diagnostics.iter().any(|d| d.message.trim().is_empty());
        if want != got || !severity_wrong.is_empty() || blank {
            let mut report = format!("case \"{name}\":\n  expected {expected:?}\n  found:\n");
            for (d, (code, pointer, line, column)) in diagnostics.iter().zip(&found) {
                let snippet: String = text.get(d.span.start..).unwrap_or("").chars().take(24).collect();
                report.push_str(&format!(
                    "    (\"{code}\", \"{pointer}\", {line}, {column}), {:?}: {}  @ {snippet:?}\n",
                    d.severity, d.message
                ));
            }
            self.failures.push(report);
        }
        Checked { cases: self, name: name.to_owned(), diagnostics }
    }

    /// Panics with every failed case of the table.
    pub fn finish(mut self) {
        self.finished = true;
        assert!(self.run > 0, "no cases ran");
        assert!(
            self.failures.is_empty(),
            "{} of {} cases failed:\n{}",
            self.failures.len(),
            self.run,
            self.failures.join("\n")
        );
    }
}

impl Drop for Cases {
    /// A forgotten `finish()` would let every failed case pass silently. Not while
    /// panicking: a panic in the test (or in `finish` itself) is already its failure.
    fn drop(&mut self) {
        if !self.finished && !std::thread::panicking() {
            panic!(
                "a table of {} cases was never finished: end it with finish(), which reports its failures",
                self.run
            );
        }
    }
}

#[test]
#[should_panic(expected = "never finished")]
fn a_table_left_unfinished_fails_its_test() {
    let mut t = Cases::new();
    t.case("wrong on purpose", r#"{"StartAt": "A", "States": {}}"#, &[]);
}

impl Checked<'_> {
    /// Some diagnostic's message contains `needle`: messages are what users read.
    pub fn says(self, needle: &str) -> Self {
        if !self.diagnostics.iter().any(|d| d.message.contains(needle)) {
            let messages: Vec<&str> = self.diagnostics.iter().map(|d| d.message.as_str()).collect();
            self.cases
                .failures
                .push(format!("case \"{}\": no message contains {needle:?}: {messages:#?}", self.name));
        }
        self
    }
}
