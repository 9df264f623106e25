//! The curated samples are a corpus too: each validates clean and round-trips.

use asl_tests::{asl, files, workspace};

#[test]
fn every_sample_validates_clean_and_exports_identically() {
    let samples = workspace().join("samples");
    let mut machines = Vec::new();
    for entry in std::fs::read_dir(&samples).expect("samples folder") {
        let dir = entry.expect("entry").path();
        if dir.is_dir() {
            machines.extend(files(&dir, &[".asl.json", ".asl.yaml"]));
        }
    }
    assert!(machines.len() >= 7, "expected the seven seed samples, found {}", machines.len());
    for path in machines {
        let p = path.to_str().unwrap_or_default();
        let v = asl(&["validate", p]);
        assert_eq!(v.code, 0, "{p}:\n{}", v.stdout());
        assert!(!v.stdout().contains("warning["), "{p} has warnings:\n{}", v.stdout());
        let e = asl(&["export", p]);
        assert_eq!(e.out, std::fs::read(&path).unwrap_or_default(), "{p}: export changed bytes");
        for side in ["input.json", "mocks.json", "tests.json"] {
            let file = path.parent().map(|d| d.join(side)).unwrap_or_default();
            if file.exists() {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            }
        }
    }
}

#[test]
fn every_sample_passes_its_test_file() {
    let samples = workspace().join("samples");
    let mut dirs: Vec<_> = std::fs::read_dir(&samples)
        .expect("samples folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    dirs.sort();
    let mut checked = 0;
    for dir in dirs.iter().filter(|d| d.join("tests.json").is_file()) {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let run = asl(&["test", dir.join("tests.json").to_str().unwrap_or_default()]);
        let out = run.stdout();
        let summary = out.lines().rev().find(|l| l.ends_with(" failed")).unwrap_or_default().to_owned();
        let failed: usize = summary
            .split(", ")
            .nth(1)
            .and_then(|f| f.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(usize::MAX);
        assert_eq!(failed, 0, "{name}: {summary}\n{out}");
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} samples have tests.json");
}
