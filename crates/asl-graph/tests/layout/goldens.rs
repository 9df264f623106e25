//! The diagrams: every sample drawn as SVG, Mermaid and DOT and compared byte for byte
//! with `tests/goldens/` (`ASL_UPDATE_GOLDENS=1` rewrites them; look at the diff, and at
//! the pictures, before committing); every corpus file drawn in all three formats with
//! well-formed output; hostile names escaped.

use crate::check;
use asl_graph::render::{self, Theme};
use asl_graph::{layout, Graph, Layout};
use asl_model::{Document, Format};
use std::path::{Path, PathBuf};

struct Drawn {
    layout: Layout,
    svg: String,
    dark: String,
    mermaid: String,
    dot: String,
}

/// All three formats of one document, with the renderer's layout checked for the
/// invariants (it measures text with other metrics than the default options).
fn draw(text: &str, format: Format, what: &str) -> Drawn {
    let doc = Document::parse(text, format).unwrap_or_else(|e| panic!("{what}: {e}"));
    let graph = Graph::from(&doc);
    let opts = render::layout_options();
    let l = layout(&graph, &opts);
    check::assert_valid(&l, what);
    let svg = render::svg(&l, &opts, &Theme::light());
    let dark = render::svg(&l, &opts, &Theme::dark());
    for s in [&svg, &dark] {
        if let Err(e) = roxmltree::Document::parse(s) {
            panic!("{what}: the SVG is not well-formed XML: {e}");
        }
    }
    let mermaid = render::mermaid(&graph);
    assert!(mermaid.starts_with("flowchart TD\n"), "{what}");
    let dot = render::dot(&graph, &Theme::light());
    assert!(dot.starts_with("digraph ") && dot.ends_with("}\n"), "{what}");
    assert_eq!(dot.matches('{').count(), dot.matches('}').count(), "{what}: DOT braces balance");
    Drawn { layout: l, svg, dark, mermaid, dot }
}

fn samples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".asl.json") || s.ends_with(".asl.yaml")))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Compares with the golden (or rewrites it); returns a complaint naming the first
/// differing line.
fn compare(path: &Path, actual: &str, update: bool) -> Option<String> {
    if update {
        std::fs::write(path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return None;
    }
    let expected = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            return Some(format!("{}: {e} (run with ASL_UPDATE_GOLDENS=1 to create it)", path.display()))
        }
    };
    if expected == actual {
        return None;
    }
    let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
    Some(format!(
        "{} differs at line {}:\n  golden: {}\n  now:    {}",
        path.display(),
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    ))
}

#[test]
fn sample_diagrams_match_their_goldens() {
    let update = std::env::var_os("ASL_UPDATE_GOLDENS").is_some_and(|v| v == "1");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/goldens");
    if update {
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    let paths = samples();
    assert!(paths.len() >= 7, "found only {} samples", paths.len());
    let mut problems = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let stem = name.split('.').next().unwrap_or(name);
        let d = draw(&text, Format::from_path(path), name);
        // Twice from scratch: the output is a function of the input.
        let again = draw(&text, Format::from_path(path), name);
        assert!(
            d.svg == again.svg && d.mermaid == again.mermaid && d.dot == again.dot,
            "{name}: two runs differ"
        );
        let mut outputs = vec![("svg", &d.svg), ("mmd", &d.mermaid), ("dot", &d.dot)];
        // One dark golden keeps the theme honest without doubling the folder.
        if stem == "parallel-risk-analysis" {
            outputs.push(("dark.svg", &d.dark));
        }
        for (ext, actual) in outputs {
            problems.extend(compare(&dir.join(format!("{stem}.{ext}")), actual, update));
        }
    }
    assert!(problems.is_empty(), "{} golden(s) differ:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_corpus_file_renders() {
    let Some(dir) = std::env::var_os("ASL_CORPUS_DIR") else {
        eprintln!("SKIPPED every_corpus_file_renders: ASL_CORPUS_DIR is not set; set it (as .ci/run does) to run this test");
        return;
    };
    let dir = PathBuf::from(dir).join("valid");
    assert!(dir.is_dir(), "ASL_CORPUS_DIR/valid = {} is not a folder", dir.display());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.to_str().is_some_and(|s| s.ends_with(".json") || s.ends_with(".yaml") || s.ends_with(".yml"))
        })
        .collect();
    paths.sort();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let d = draw(&text, Format::from_path(path), &path.display().to_string());
        // Every state shows up in every format.
        let states = d.layout.nodes.iter().filter(|n| n.state.is_some()).count();
        assert!(d.mermaid.lines().count() > states, "{}", path.display());
    }
    eprintln!("rendered {} corpus files", paths.len());
}

#[test]
fn hostile_names_are_escaped_everywhere() {
    let text = r##"{"StartAt": "a<b>&\"c\"", "States": {
        "a<b>&\"c\"": {"Type": "Choice", "Choices": [
            {"Variable": "$.x", "StringEquals": "|\"#quot;`</text>", "Next": "e]nd\u0001"}
        ], "Default": "--> n0"},
        "e]nd\u0001": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Catch": [{"ErrorEquals": ["<All>"], "Next": "--> n0"}]},
        "--> n0": {"Type": "Succeed"}
    }}"##;
    let d = draw(text, Format::Json, "hostile");
    let svg = roxmltree::Document::parse(&d.svg).expect("well-formed");
    let texts: Vec<String> = svg
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect();
    assert!(texts.iter().any(|t| t == "a<b>&\"c\""), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("</text>")), "{texts:?}");
    assert!(texts.iter().any(|t| t == "e]nd\u{FFFD}"), "a control character becomes U+FFFD: {texts:?}");
    // Mermaid: ids are generated, labels are quoted strings with no raw quote inside.
    for line in d.mermaid.lines().filter(|l| l.contains("[\"") || l.contains("|\"")) {
        let inner: Vec<&str> = line.split('"').collect();
        assert_eq!(inner.len(), 3, "one quoted label per line: {line}");
        let bare = inner[1].replace("<br/>", "").replace("<small>", "").replace("</small>", "");
        assert!(!bare.contains(['<', '>', '|', '`']), "{line}");
    }
    assert!(d.mermaid.contains("a#lt;b#gt;#amp;#quot;c#quot;"), "{}", d.mermaid);
    assert!(d.mermaid.contains(r"#124;\#quot;#35;quot;#96;#lt;/text#gt;"), "{}", d.mermaid);
    assert!(d.mermaid.contains("-.->|\"#lt;All#gt;\"|"), "{}", d.mermaid);
    // DOT: labels are HTML-like with XML-escaped text.
    assert!(d.dot.contains("<b>a&lt;b&gt;&amp;&quot;c&quot;</b>"), "{}", d.dot);
    assert!(!d.dot.contains("</text>"), "{}", d.dot);
}

#[test]
fn deep_nesting_renders_without_recursion() {
    // 60 Parallels deep: the reader's depth limit allows it, and every renderer walks
    // scopes with a work list.
    let mut inner = r#"{"StartAt": "Leaf", "States": {"Leaf": {"Type": "Pass", "End": true}}}"#.to_owned();
    for i in 0..60 {
        inner = format!(
            r#"{{"StartAt": "P{i}", "States": {{"P{i}": {{"Type": "Parallel", "End": true, "Branches": [{inner}]}}}}}}"#
        );
    }
    let d = draw(&inner, Format::Json, "deep");
    assert_eq!(d.mermaid.matches("subgraph").count(), 120, "a container and a branch per level");
    assert_eq!(d.dot.matches("subgraph cluster_").count(), 120);
}
