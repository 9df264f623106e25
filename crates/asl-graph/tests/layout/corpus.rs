//! Every valid file of the shared corpus (`$ASL_CORPUS_DIR/valid`) and every sample.

use crate::lay_out;
use asl_model::Format;
use std::path::{Path, PathBuf};

fn files(dir: &Path, suffixes: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| suffixes.iter().any(|s| n.ends_with(s)))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_valid_corpus_file_lays_out() {
    let Some(dir) = std::env::var_os("ASL_CORPUS_DIR") else {
        eprintln!("SKIPPED every_valid_corpus_file_lays_out: ASL_CORPUS_DIR is not set; set it (as .ci/run does) to run this test");
        return;
    };
    let dir = PathBuf::from(dir).join("valid");
    assert!(dir.is_dir(), "ASL_CORPUS_DIR/valid = {} is not a folder", dir.display());
    let paths = files(&dir, &[".json", ".yaml", ".yml"]);
    assert!(paths.len() > 100, "only {} files in {}", paths.len(), dir.display());
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        lay_out(&text, Format::from_path(path), &path.display().to_string());
    }
    eprintln!("laid out {} corpus files", paths.len());
}

#[test]
fn every_sample_lays_out() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut count = 0;
    for dir in files(&samples, &[""]).into_iter().filter(|p| p.is_dir()) {
        for path in files(&dir, &[".asl.json", ".asl.yaml"]) {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let layout = lay_out(&text, Format::from_path(&path), &path.display().to_string());
            assert!(
                layout.nodes.iter().all(|n| !n.unreachable),
                "{}: a sample with unreachable states",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 7, "found only {count} samples");
}

/// The checker is only as good as what it catches: break a valid layout in each way the
/// invariants forbid and expect a complaint.
#[test]
fn the_checker_catches_broken_layouts() {
    use crate::check::violations;
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/human-approval/human-approval.asl.json");
    let text = std::fs::read_to_string(&path).expect("sample");
    let good = lay_out(&text, Format::Json, "human-approval");
    let find = |l: &asl_graph::Layout, id: &str| l.nodes.iter().position(|n| n.id == id).expect(id);
    let complains = |l: &asl_graph::Layout, needle: &str| {
        let v = violations(l);
        assert!(v.iter().any(|m| m.contains(needle)), "expected a violation with {needle:?}, got {v:?}");
    };

    let mut l = good.clone();
    let (a, b) = (find(&l, "/States/NotifyRejected"), find(&l, "/States/ScheduleReimbursement"));
    l.nodes[a].x = l.nodes[b].x + 10.0;
    complains(&l, "overlaps");

    let mut l = good.clone();
    let rule = l.edges.iter().position(|e| e.kind == "ChoiceRule" && e.index == Some(0)).expect("rule");
    l.edges[rule].points[0][0] += 500.0;
    complains(&l, "not on the border");

    let mut l = good.clone();
    let def = l.edges.iter().position(|e| e.kind == "Default").expect("default");
    let x0 = l.edges[rule].points[0][0];
    l.edges[def].points[0][0] = x0 - 1.0;
    l.edges[def].points[1][0] = x0 - 1.0;
    complains(&l, "rule order");

    let mut l = good.clone();
    let next =
        l.edges.iter().position(|e| e.from == "/States/RequestApproval" && e.kind == "Next").expect("next");
    let target = &l.nodes[find(&l, "/States/ApprovalDecision")];
    let (tx, ty) = (target.x + 2.0, target.y + target.height + 60.0);
    let start = l.edges[next].points[0];
    l.edges[next].points = vec![start, [start[0], ty], [tx, ty], [tx, target.y + target.height]];
    complains(&l, "crosses");

    let mut l = good.clone();
    let a = find(&l, "/States/Approved");
    l.nodes[a].y = 0.0;
    complains(&l, "target is not lower");

    let nested = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/parallel-risk-analysis/parallel-risk-analysis.asl.json");
    let mut l = lay_out(&std::fs::read_to_string(nested).expect("sample"), Format::Json, "parallel");
    let child = l.nodes.iter().position(|n| n.parent.is_some() && n.kind == "Task").expect("a child");
    l.nodes[child].x -= 40.0;
    complains(&l, "not inside its container");
}

/// The geometry JSON of design §2.2, with the extra fields renderers need.
#[test]
fn geometry_json_has_the_documented_shape() {
    let text = r#"{"StartAt": "Pick", "States": {
        "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Done"},
        "Big": {"Type": "Map", "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": true}}}, "Next": "Done"},
        "Done": {"Type": "Succeed"}}}"#;
    let l = lay_out(text, Format::Json, "shape");
    let json: serde_json::Value = serde_json::from_str(&l.to_json()).expect("valid JSON");
    let keys = |v: &serde_json::Value| {
        v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default()
    };
    assert_eq!(keys(&json), ["width", "height", "nodes", "edges"]);
    assert_eq!(
        keys(&json["nodes"][0]),
        [
            "id",
            "state",
            "type",
            "x",
            "y",
            "width",
            "height",
            "parent",
            "pointer",
            "lines",
            "caption",
            "container",
            "titleHeight",
            "unreachable",
            "depth"
        ]
    );
    assert_eq!(
        keys(&json["edges"][0]),
        [
            "from",
            "to",
            "kind",
            "index",
            "label",
            "points",
            "labelBox",
            "labelLines",
            "back",
            "pointer",
            "transition"
        ]
    );
    let ids: Vec<&str> = l.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "#start",
            "/States/Pick",
            "/States/Big",
            "/States/Done",
            "#end",
            "/States/Big/ItemProcessor#start",
            "/States/Big/ItemProcessor/States/One",
            "/States/Big/ItemProcessor#end"
        ]
    );
    let one = l.node("/States/Big/ItemProcessor/States/One").expect("One");
    assert_eq!(one.parent.as_deref(), Some("/States/Big"));
    let big = l.node("/States/Big").expect("Big");
    assert!(big.container && big.title_height > 0.0);
    let rule = l.edges.iter().find(|e| e.kind == "ChoiceRule").expect("rule");
    assert_eq!((rule.label.as_deref(), rule.index), (Some("$.n > 1"), Some(0)));
    assert!(rule.label_box.is_some() && !rule.label_lines.is_empty());
    assert_eq!(rule.pointer.as_deref(), Some("/States/Pick/Choices/0/Next"));
    // Coordinates are on the half-pixel grid; whole numbers print without a fraction.
    let all = l
        .nodes
        .iter()
        .flat_map(|n| [n.x, n.y, n.width, n.height])
        .chain(l.edges.iter().flat_map(|e| e.points.iter().flatten().copied()));
    assert!(all.into_iter().all(|v| (v * 2.0).fract() == 0.0));
    assert!(!l.to_json().contains(".0,"), "whole numbers print as integers");
}

/// The caller measures text (the app passes its font's metrics).
#[test]
fn text_width_comes_from_the_caller() {
    use asl_graph::{layout, Graph, LayoutOptions};
    let doc = asl_model::Document::parse(
        r#"{"StartAt": "Short", "States": {"Short": {"Type": "Pass", "End": true}}}"#,
        Format::Json,
    )
    .expect("parses");
    let g = Graph::from(&doc);
    let narrow = layout(&g, &LayoutOptions::default());
    let wide = layout(&g, &LayoutOptions::with_text_width(|text, _| 60.0 * text.chars().count() as f64));
    let width = |l: &asl_graph::Layout| l.node("/States/Short").expect("state").width;
    assert_eq!(width(&narrow), 96.0, "the least width");
    assert_eq!(width(&wide), 240.0, "the widest a box gets (the name wraps)");
    assert_eq!(wide.node("/States/Short").expect("state").lines, ["Sho", "rt"]);
}
