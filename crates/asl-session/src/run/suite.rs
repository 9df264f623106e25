//! "Run tests": every case of the test files next to the machine (design §3.3), pass or
//! fail with the first difference, and the path coverage of the cases that ran this
//! machine. A case whose `definition_file` is the open machine runs the document's current
//! text (unsaved edits included), like a run does; other cases run their own definition.

use super::coverage::{Coverage, Tally};
use super::record::RunStatus;
use super::RunError;
use crate::setup::{self, read_test_file, test_file_candidates};
use crate::Session;
use asl_eval::testing::TestCase;
use asl_eval::{CommandHandler, Mocks, Options};
use asl_model::Document;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestReport {
    pub cases: Vec<CaseResult>,
    pub passed: usize,
    pub failed: usize,
    /// Test files that could not be read, with why.
    pub errors: Vec<FileError>,
    pub coverage: Coverage,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseResult {
    /// The test file's name in the machine's folder.
    pub file: String,
    pub name: String,
    pub passed: bool,
    /// The first difference from the expectation (or why the case could not run).
    pub difference: Option<String>,
    /// The execution's status, when it ran.
    pub status: Option<RunStatus>,
    /// True when the case ran the open machine (and so counts for coverage).
    pub this_machine: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileError {
    pub file: String,
    pub error: String,
}

/// What the tests run against, taken from the session (so the session's lock is not
/// held while they run).
pub struct TestTarget {
    path: PathBuf,
    doc: Document,
}

impl TestTarget {
    pub fn of(session: &Session) -> Result<TestTarget, RunError> {
        let path = session.setup_path().ok_or_else(|| {
            RunError::Config(
                "the document has no file yet: test files are found next to it, save it first".into(),
            )
        })?;
        let doc = super::registry::runnable(session)?;
        Ok(TestTarget { path: path.to_path_buf(), doc })
    }
}

/// Runs every case of the test files next to the session's machine.
pub fn run_tests(session: &Session, allow_commands: bool) -> Result<TestReport, RunError> {
    Ok(TestTarget::of(session)?.run(allow_commands))
}

impl TestTarget {
    pub fn run(&self, allow_commands: bool) -> TestReport {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let machine = self.doc.machine();
        let mut report = TestReport {
            cases: Vec::new(),
            passed: 0,
            failed: 0,
            errors: Vec::new(),
            coverage: Coverage::of(machine),
        };
        for file in test_file_candidates(dir, false) {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let cases = match read_test_file(&file) {
                Ok(Some(cases)) => cases,
                Ok(None) => continue,
                Err(error) => {
                    report.errors.push(FileError { file: name, error: error.to_string() });
                    continue;
                }
            };
            for case in &cases {
                let result = self.run_case(case, &name, allow_commands, &mut report.coverage);
                if result.passed {
                    report.passed += 1;
                } else {
                    report.failed += 1;
                }
                report.cases.push(result);
            }
        }
        report
    }

    fn run_case(
        &self,
        case: &TestCase,
        file: &str,
        allow_commands: bool,
        coverage: &mut Coverage,
    ) -> CaseResult {
        let this_machine = same_file(&case.definition_path(), &self.path);
        let mut result = CaseResult {
            file: file.to_owned(),
            name: case.name.clone(),
            passed: false,
            difference: None,
            status: None,
            this_machine,
        };
        let own;
        let doc = if this_machine {
            &self.doc
        } else {
            match case.document() {
                Ok(d) => {
                    own = d;
                    &own
                }
                Err(e) => {
                    result.difference = Some(e);
                    return result;
                }
            }
        };
        let handler = match self.handler(case, allow_commands) {
            Ok(h) => h,
            Err(e) => {
                result.difference = Some(e);
                return result;
            }
        };
        let tally = Arc::new(Tally::default());
        let options = Options { hook: Some(tally.clone()), ..Options::default() };
        let outcome = case.run_with(doc, &options, &handler);
        result.status = Some(outcome.status.into());
        match case.compare(&outcome) {
            Ok(()) => result.passed = true,
            Err(difference) => result.difference = Some(difference),
        }
        if this_machine {
            coverage.add(doc.machine(), &outcome, &tally);
        }
        result
    }

    /// The case's mocks behind the local commands of its definition's run configuration.
    fn handler(&self, case: &TestCase, allow_commands: bool) -> Result<CommandHandler<Mocks>, String> {
        let mocks = case.mocks()?;
        setup::local_commands(Some(&case.definition_path()), allow_commands.into(), mocks)
            .map_err(|e| e.to_string())
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
