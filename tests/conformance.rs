//! The AWS-recorded conformance corpus (`$ASL_CONFORMANCE_DIR`, one case per file): every
//! case runs, a per-topic table is printed (`--nocapture` shows it), and the outcome is
//! held against `conformance-failing.txt`: a case failing that is not listed fails this
//! test (a regression), and a listed case that passes fails it too (shrink the list).

use asl_eval::testing::{self, TestCase};
use asl_eval::Options;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn failing_list() -> BTreeSet<String> {
    let text = include_str!("conformance-failing.txt");
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn run_case(case: &TestCase) -> Result<(), String> {
    let doc = case.document()?;
    let outcome = case.run(&doc, &Options::default())?;
    case.compare(&outcome)
}

#[test]
fn conformance_corpus() {
    let Some(dir) = std::env::var_os("ASL_CONFORMANCE_DIR") else {
        eprintln!("\n*** SKIPPED conformance_corpus: ASL_CONFORMANCE_DIR is not set (it names ../shared/conformance/cases) ***\n");
        return;
    };
    let dir = PathBuf::from(dir);
    assert!(dir.is_dir(), "ASL_CONFORMANCE_DIR={} is not a folder", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no cases in {}", dir.display());

    let listed = failing_list();
    let mut seen = BTreeSet::new();
    let mut topics: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut regressions = Vec::new();
    let mut fixed = Vec::new();
    for file in &files {
        let cases = testing::read_file(file).unwrap_or_else(|e| panic!("{e}"));
        for case in cases {
            seen.insert(case.name.clone());
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(&case)))
                .unwrap_or_else(|_| Err("the interpreter panicked".into()));
            let topic = topics.entry(case.topic.clone().unwrap_or_else(|| "?".into())).or_default();
            match result {
                Ok(()) => {
                    topic.0 += 1;
                    if listed.contains(&case.name) {
                        fixed.push(case.name.clone());
                    }
                }
                Err(difference) => {
                    topic.1 += 1;
                    if !listed.contains(&case.name) {
                        regressions.push(format!("{}: {difference}", case.name));
                    }
                }
            }
        }
    }
    print_table(&topics, &dir);
    let stale: Vec<&String> = listed.iter().filter(|n| !seen.contains(*n)).collect();
    let mut problems = String::new();
    if !regressions.is_empty() {
        problems += &format!(
            "\n{} case(s) fail that are not in conformance-failing.txt:\n  {}\n",
            regressions.len(),
            regressions.join("\n  ")
        );
    }
    if !fixed.is_empty() {
        problems += &format!(
            "\n{} listed case(s) pass now: remove them from conformance-failing.txt:\n  {}\n",
            fixed.len(),
            fixed.join("\n  ")
        );
    }
    if !stale.is_empty() {
        let names: Vec<&str> = stale.iter().map(|s| s.as_str()).collect();
        problems += &format!(
            "\n{} listed case(s) are not in the corpus: remove them:\n  {}\n",
            stale.len(),
            names.join("\n  ")
        );
    }
    assert!(problems.is_empty(), "{problems}");
}

fn print_table(topics: &BTreeMap<String, (usize, usize)>, dir: &Path) {
    let (mut p, mut f) = (0, 0);
    println!("\nconformance corpus: {}", dir.display());
    println!("{:20} {:>6} {:>6}", "topic", "passed", "total");
    for (topic, (passed, failed)) in topics {
        println!("{topic:20} {passed:>6} {:>6}", passed + failed);
        p += passed;
        f += failed;
    }
    println!("{p} passed, {f} failed");
}
