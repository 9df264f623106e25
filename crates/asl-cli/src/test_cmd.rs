//! `asl test PATH...`: runs test files (design §3.3). A folder runs every test file in it
//! and its subfolders (JSON files holding a case or `{"cases": [...]}`; definitions, mocks
//! and inputs beside them are skipped). One line per case (`ok` or `FAIL` with the first
//! difference), a per-topic table when cases have topics, then `N passed, N failed`.
//! Exit 0 all pass, 1 any fail, 2 usage or unreadable files.

use crate::exit;
use crate::local::LocalArgs;
use crate::Io;
use asl_check::{check, Severity};
use asl_eval::testing::{self, TestCase};
use asl_eval::Options;
use asl_session::setup;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Test files or folders of test files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    local: LocalArgs,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let mut cases = Vec::new();
    let mut usage = false;
    for path in &args.paths {
        if path.is_dir() {
            for file in setup::test_file_candidates(path, true) {
                match setup::read_test_file(&file) {
                    Ok(Some(found)) => cases.extend(found),
                    Ok(None) => {}
                    Err(message) => {
                        let _ = writeln!(io.err, "asl: {message}");
                        usage = true;
                    }
                }
            }
        } else {
            match testing::read_file(path) {
                Ok(found) => cases.extend(found),
                Err(message) => {
                    let _ = writeln!(io.err, "asl: {message}");
                    usage = true;
                }
            }
        }
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut topics: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut options = Options::default();
    match args.local.s3_root() {
        Ok(root) => options.s3.root = root,
        Err(message) => {
            let _ = writeln!(io.err, "{message}");
            return exit::USAGE;
        }
    }
    for case in &cases {
        let result = run_case(case, &options, &args.local);
        let entry = case.topic.as_ref().map(|t| topics.entry(t.clone()).or_default());
        match result {
            Ok(()) => {
                passed += 1;
                if let Some(e) = entry {
                    e.0 += 1;
                }
                let _ = writeln!(io.out, "ok   {}", case.name);
            }
            Err(difference) => {
                failed += 1;
                if let Some(e) = entry {
                    e.1 += 1;
                }
                let _ = writeln!(io.out, "FAIL {} ({}): {difference}", case.name, case.file.display());
            }
        }
    }
    if !topics.is_empty() {
        let width = topics.keys().map(String::len).max().unwrap_or(5).max(5);
        let _ = writeln!(io.out, "\n{:width$}  passed  total", "topic");
        for (topic, (p, f)) in &topics {
            let _ = writeln!(io.out, "{topic:width$}  {p:>6}  {:>5}", p + f);
        }
        let _ = writeln!(io.out);
    }
    let _ = writeln!(io.out, "{passed} passed, {failed} failed");
    if usage {
        exit::USAGE
    } else if failed > 0 {
        exit::INVALID
    } else {
        exit::OK
    }
}

/// Runs one case: validation, execution, comparison; the error is the first difference.
/// Tasks mapped to local commands by the run configuration beside the definition run
/// them when `local` allows it.
fn run_case(case: &TestCase, options: &Options, local: &LocalArgs) -> Result<(), String> {
    let doc = match crate::machines::case_document(case) {
        Some(found) => found?,
        None => case.document()?,
    };
    // The case runs even when the checker objects: the corpus holds definitions AWS ran,
    // so a checker error there is the checker's to fix. A failing case names it.
    let invalid = check(&doc).into_iter().find(|d| d.severity == Severity::Error).map(|d| {
        let p = doc.position(d.span.start);
        format!(
            " [the definition is also invalid: {}:{}: error[{}]: {}]",
            p.line, p.column, d.code, d.message
        )
    });
    let mocks = case.mocks()?;
    let handler = local.handler(&case.definition_path(), mocks)?;
    // Record what the comparison reads: the outcome always, the states only when the case
    // expects some, never the history (no case compares it).
    let options = Options { record_history: false, record_states: case.states.is_some(), ..options.clone() };
    let outcome = case.run_with(&doc, &options, &handler);
    case.compare(&outcome).map_err(|difference| difference + invalid.as_deref().unwrap_or_default())
}
