//! The sample machines the start page offers: each folder of the samples directory with
//! an `*.asl.json`/`*.asl.yaml` file, described by the first paragraph of its README.

use serde::Serialize;
use std::path::Path;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleInfo {
    pub name: String,
    pub path: String,
    pub description: String,
}

pub fn list(dir: &Path) -> Vec<SampleInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut samples: Vec<SampleInfo> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let folder = e.path();
            let machine = std::fs::read_dir(&folder).ok()?.flatten().map(|f| f.path()).find(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                name.ends_with(".asl.json") || name.ends_with(".asl.yaml") || name.ends_with(".asl.yml")
            })?;
            let readme = std::fs::read_to_string(folder.join("README.md")).unwrap_or_default();
            Some(SampleInfo {
                name: e.file_name().to_string_lossy().into_owned(),
                path: std::path::absolute(&machine).unwrap_or(machine).display().to_string(),
                description: first_paragraph(&readme),
            })
        })
        .collect();
    samples.sort_by(|a, b| a.name.cmp(&b.name));
    samples
}

/// The first paragraph of prose: headings skipped, lines joined, markdown emphasis kept
/// as text.
fn first_paragraph(markdown: &str) -> String {
    let mut lines = Vec::new();
    for line in markdown.lines() {
        let line = line.trim();
        if line.starts_with('#') || (line.is_empty() && lines.is_empty()) {
            continue;
        }
        if line.is_empty() {
            break;
        }
        lines.push(line);
    }
    lines.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_paragraph_skips_headings() {
        assert_eq!(super::first_paragraph("# Title\n\nOne\ntwo.\n\nThree."), "One two.");
    }
}
