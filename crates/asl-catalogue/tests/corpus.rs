//! Every integration `Resource` the shared corpora use (`$ASL_CORPUS_DIR/valid` and the
//! IaC corpus beside it) is in the catalogue.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn resources_in(text: &str, out: &mut BTreeSet<String>) {
    // `arn:aws:states:::x` and CloudFormation's `arn:${AWS::Partition}:states:::x`.
    for (at, _) in text.match_indices(":states:::") {
        let rest = &text[at + ":states:::".len()..];
        let end =
            rest.find(|c: char| !(c.is_ascii_alphanumeric() || ":._-".contains(c))).unwrap_or(rest.len());
        let name = rest[..end].trim_end_matches(['.', ':']);
        if name.contains(':') {
            out.insert(format!("arn:aws:states:::{name}"));
        }
    }
}

fn walk(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            resources_in(&text, out);
        }
    }
}

#[test]
fn every_integration_the_corpora_use_is_in_the_catalogue() {
    let shared = std::env::var_os("ASL_CORPUS_DIR")
        .map(|d| PathBuf::from(d).join(".."))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let (valid, iac) = (shared.join("corpus/valid"), shared.join("iac"));
    if !valid.is_dir() || !iac.is_dir() {
        eprintln!(
            "SKIPPED every_integration_the_corpora_use_is_in_the_catalogue: no corpus at {}",
            shared.display()
        );
        return;
    }
    let mut used = BTreeSet::new();
    walk(&valid, &mut used);
    walk(&iac, &mut used);
    assert!(used.len() > 100, "only {} resources found", used.len());
    let misses: Vec<&String> = used.iter().filter(|r| asl_catalogue::action(r).is_none()).collect();
    eprintln!("{} integration resources in the corpora, {} missing", used.len(), misses.len());
    assert!(misses.is_empty(), "not in the catalogue: {misses:#?}");
}
