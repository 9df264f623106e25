//! The workspace's fidelity cases (`tests/fidelity/cases`): AWS behaviours the conformance corpus does not
//! cover — runtime error texts, numbers given as strings, `$$.Task.Token`, JSONPath
//! escapes — each built from a LocalStack AWS-recorded snapshot (its `source` names the
//! snapshot and test id; `tests/fidelity/build.py` made them). Unlike the corpus, every
//! case here must pass: there is no list of known failures.

use asl_eval::testing::{self, TestCase};
use asl_eval::Options;
use std::path::PathBuf;

fn run_case(case: &TestCase) -> Result<(), String> {
    let doc = case.document()?;
    let outcome = case.run(&doc, &Options::default())?;
    case.compare(&outcome)
}

#[test]
fn fidelity_cases() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fidelity/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fidelity/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut passed, mut failures) = (0, Vec::new());
    for file in &files {
        for case in testing::read_file(file).unwrap_or_else(|e| panic!("{e}")) {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(&case)))
                .unwrap_or_else(|_| Err("the interpreter panicked".into()));
            match result {
                Ok(()) => passed += 1,
                Err(difference) => failures.push(format!("{}: {difference}", case.name)),
            }
        }
    }
    println!("fidelity: {passed} passed, {} failed", failures.len());
    assert!(passed > 0, "no cases in {}", dir.display());
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}
