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
                serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            }
        }
    }
}
