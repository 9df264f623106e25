//! Validation of ASL documents against AWS's rules. Every problem is data: a
//! [`Diagnostic`] with a kebab-case code, a severity, the JSON pointer and span of what
//! it is about, and a message. All are collected; none stops the others.
//!
//! ```
//! use asl_check::{check, Severity};
//! use asl_model::{Document, Format};
//!
//! let doc = Document::parse(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#, Format::Json).unwrap();
//! let diagnostics = check(&doc);
//! assert_eq!(diagnostics[0].code, "dangling-next");
//! assert_eq!(diagnostics[0].pointer, "/States/A/Next");
//! assert_eq!(diagnostics[0].severity, Severity::Error);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod rules;

use asl_model::model::QueryLanguage;
use asl_model::{Document, Format, ParseError, Span};
use serde::Serialize;

/// How much a diagnostic matters: AWS rejects a definition with an error.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS would reject the definition (or the run would fail on it).
    Error,
    /// Accepted by AWS, but probably not what was meant.
    Warning,
}

/// One static problem of a definition: data, collected with all the others.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Kebab-case name of the rule (`dangling-next`), stable for tools and tests.
    pub code: &'static str,
    /// Whether AWS would reject the definition for it.
    pub severity: Severity,
    /// JSON pointer of the value (or key) the diagnostic is about.
    pub pointer: String,
    /// The bytes of the text it is about (for underlining and `file:line:col`).
    pub span: Span,
    /// What is wrong, in words a user reads.
    pub message: String,
    /// The pointer of the diagnostic this one follows from: fixing that one clears this
    /// one too (a state cut off by a dangling transition names that transition). Tools
    /// group by it, so one typo reads as one problem rather than a hundred.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub caused_by: Option<String>,
    /// The repair, when one is obvious (the closest state name, an `End`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub fix: Option<Fix>,
}

/// A repair that sets one value: a dangling target to the closest state name, a state
/// with no transition to `"End": true`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    /// What it does, in words on a button (`Change to "Step 11"`).
    pub title: String,
    /// Pointer of the field to set (created when absent).
    pub pointer: String,
    /// The value the field gets.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub value: serde_json::Value,
}

/// Every diagnostic of a parsed document, in document order.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let mut ctx = Ctx::new(doc);
    rules::run(&mut ctx);
    let mut out = ctx.out;
    // A total order, so parallel checking gives the same output every time.
    out.sort_by(|a, b| {
        (a.span.start, a.severity, a.code, &a.pointer, &a.message).cmp(&(
            b.span.start,
            b.severity,
            b.code,
            &b.pointer,
            &b.message,
        ))
    });
    out
}

/// Reads and checks a text in one go: a parse error is the one diagnostic.
pub fn check_text(text: &str, format: Format) -> (Option<Document>, Vec<Diagnostic>) {
    match Document::parse(text, format) {
        Ok(doc) => {
            let diagnostics = check(&doc);
            (Some(doc), diagnostics)
        }
        Err(e) => (None, vec![parse_error(&e)]),
    }
}

/// The diagnostic for a text that could not be read at all.
pub fn parse_error(e: &ParseError) -> Diagnostic {
    Diagnostic {
        code: "parse-error",
        severity: Severity::Error,
        pointer: String::new(),
        span: Span::new(e.offset, e.offset),
        message: e.message.clone(),
        caused_by: None,
        fix: None,
    }
}

/// What every rule needs: the document, the machine-wide defaults and the output.
pub(crate) struct Ctx<'d> {
    pub doc: &'d Document,
    /// `QueryLanguage` at the top level (JSONPath when absent); states inherit it.
    pub top_ql: QueryLanguage,
    pub out: Vec<Diagnostic>,
    /// Path texts found valid, with a bit per kind of check passed: machines repeat the
    /// same paths state after state, and parsing them was half of the checking.
    pub valid_paths: asl_model::syntax::FastMap<String, u8>,
}

impl<'d> Ctx<'d> {
    pub(crate) fn new(doc: &'d Document) -> Self {
        let top_ql = doc.machine().query_language.unwrap_or(QueryLanguage::JsonPath);
        Ctx { doc, top_ql, out: Vec::new(), valid_paths: Default::default() }
    }

    /// A problem with the value at `pointer` (or its nearest existing parent).
    pub fn error(&mut self, code: &'static str, pointer: &str, message: impl Into<String>) {
        let span = self.doc.span_of(pointer);
        self.push(code, Severity::Error, pointer, span, message.into());
    }

    /// A problem with the field itself (its key is underlined).
    pub fn error_key(&mut self, code: &'static str, pointer: &str, message: impl Into<String>) {
        let span = self.doc.key_span_of(pointer);
        self.push(code, Severity::Error, pointer, span, message.into());
    }

    pub fn warn_key(&mut self, code: &'static str, pointer: &str, message: impl Into<String>) {
        let span = self.doc.key_span_of(pointer);
        self.push(code, Severity::Warning, pointer, span, message.into());
    }

    fn push(&mut self, code: &'static str, severity: Severity, pointer: &str, span: Span, message: String) {
        self.out.push(Diagnostic {
            code,
            severity,
            pointer: pointer.to_owned(),
            span,
            message,
            caused_by: None,
            fix: None,
        });
    }

    /// The diagnostic just pushed, to say what it follows from or how to fix it.
    pub fn last(&mut self) -> &mut Diagnostic {
        self.out.last_mut().expect("called right after a push")
    }
}
