//! Tests of the YAML reader.
use super::*;
use serde_json::json;

fn value_of(scalar: &str) -> Result<serde_json::Value, ParseError> {
    read_yaml(&format!("v: {scalar}\n")).map(|n| n.to_value()["v"].clone())
}

#[test]
fn scalars_resolve_by_the_core_schema_with_strict_booleans() {
    let table = [
        ("true", json!(true)),
        ("True", json!(true)),
        ("FALSE", json!(false)),
        ("yes", json!("yes")),
        ("no", json!("no")),
        ("on", json!("on")),
        ("Off", json!("Off")),
        ("null", json!(null)),
        ("NULL", json!(null)),
        ("~", json!(null)),
        ("", json!(null)),
        ("nil", json!("nil")),
        ("12", json!(12)),
        ("-7", json!(-7)),
        ("+5", json!(5)),
        ("007", json!(7)),
        ("0x1F", json!(31)),
        ("0o17", json!(15)),
        ("0b1", json!("0b1")),
        ("1.50", json!(1.5)),
        ("-.5", json!(-0.5)),
        ("1.", json!(1.0)),
        ("1e3", json!(1000.0)),
        ("1_000", json!("1_000")),
        ("2024-01-01", json!("2024-01-01")),
        ("0x", json!("0x")),
        ("'true'", json!("true")),
        ("\"12\"", json!("12")),
        ("!!str 12", json!("12")),
        ("!!str", json!("")),
        ("!Sub 'x-${y}'", json!("x-${y}")),
        ("!Ref Foo", json!("Foo")),
        ("!GetAtt", json!(null)),
        ("$.a", json!("$.a")),
        ("|\n  a\n  b", json!("a\nb\n")),
    ];
    for (text, want) in table {
        assert_eq!(value_of(text), Ok(want), "{text:?}");
    }
    let node = read_yaml("[1.50, +5, 0x1F, .5e+3]").unwrap();
    let texts: Vec<_> = node.as_array().unwrap().iter().map(|n| n.value.clone()).collect();
    let want = ["1.50", "5", "31", "0.5e+3"].map(|s| NodeValue::Number(s.to_owned()));
    assert_eq!(texts, want);
    for bad in [".inf", "-.Inf", ".NaN"] {
        assert!(value_of(bad).unwrap_err().message.contains("infinity"), "{bad}");
    }
}

#[test]
fn spans_cover_tokens_in_block_and_flow_documents() {
    let text = "StartAt: A\nStates:\n  \"A\": {Type: Pass, End: true}\nList:\n  - x\n  - |\n    lit\n";
    let root = read_yaml(text).unwrap();
    let slice = |s: Span| &text[s.start..s.end];
    let start_at = root.member("StartAt").unwrap();
    assert_eq!((slice(start_at.key_span), slice(start_at.value.span)), ("StartAt", "A"));
    let a = root.at("/States/A").unwrap();
    assert_eq!(slice(root.member("States").unwrap().value.member("A").unwrap().key_span), "\"A\"");
    assert_eq!(slice(a.span), "{Type: Pass, End: true}");
    assert_eq!(slice(root.at("/States").unwrap().span), "\"A\": {Type: Pass, End: true}");
    assert_eq!(slice(root.at("/States/A/End").unwrap().span), "true");
    assert_eq!(slice(root.at("/List").unwrap().span), "- x\n  - |\n    lit");
    assert_eq!(slice(root.at("/List/1").unwrap().span), "|\n    lit");
    assert_eq!(root.span, Span::new(0, text.len() - 1));
}

#[test]
fn duplicates_are_kept_and_keys_become_strings() {
    let root = read_yaml("a: 1\na: 2\n1: x\nnull: y\n[p, q]: z\n").unwrap();
    let keys: Vec<_> = root.as_object().unwrap().iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["a", "a", "1", "null", "[p, q]"]);
    assert_eq!(root.get("a").unwrap().to_value(), json!(2));
}

#[test]
fn aliases_expand_and_merge_keys_merge() {
    let text = "base: &b {x: 1, y: 2}\ncopy: *b\nover:\n  <<: *b\n  y: 3\nquoted:\n  \"<<\": *b\n";
    let v = read_yaml(text).unwrap().to_value();
    assert_eq!(v["copy"], json!({"x": 1, "y": 2}));
    assert_eq!(v["over"], json!({"x": 1, "y": 3}));
    assert_eq!(v["quoted"], json!({"<<": {"x": 1, "y": 2}}));
    let many = read_yaml("a: &a {p: 1}\nb: &b {q: 2}\nc: {<<: [*a, *b], p: 0}\n").unwrap().to_value();
    assert_eq!(many["c"], json!({"p": 0, "q": 2}));
    let own = read_yaml("a: &a [1, *a]\n").unwrap_err();
    assert!(own.message.contains("contains it"), "{own:?}");
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        text.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
    }
    let started = std::time::Instant::now();
    let err = read_yaml(&text).unwrap_err();
    assert_eq!(err.message, format!("YAML aliases expand to more than {MAX_ALIAS_NODES} nodes"));
    assert!(err.position.line >= 6, "{err:?}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    for text in [
        "[".repeat(100_000),
        format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        "{a: ".repeat(100_000),
    ] {
        let err = read_yaml(&text).unwrap_err();
        assert!(err.message.contains("deeper than 512"), "{}", err.message);
    }
    let ok = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(read_yaml(&ok).is_ok());
    let block: String = (0..600).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
    assert!(read_yaml(&block).unwrap_err().message.contains("deeper than 512"));
    // An alias can deepen the tree too.
    let text = format!("a: &a {}1{}\nb: [[[*a]]]\n", "[".repeat(510), "]".repeat(510));
    assert!(read_yaml(&text).unwrap_err().message.contains("deeper"));
}

#[test]
fn errors_carry_line_and_column() {
    let cases = [
        ("a: 1\nb: [1, 2\n", 2, 4),
        ("a:\n\tb: 1\n", 2, 2),
        ("ok: 1\n\u{1}\u{2}garbage: [}", 2, 1),
        ("a: 1\n---\nb: 2\n", 2, 1),
        ("", 1, 1),
        ("# just a comment\n", 1, 1),
        ("---\n", 1, 4),
        ("a: *missing\n", 1, 4),
        ("é: .inf\n", 1, 4),
    ];
    for (text, line, column) in cases {
        let err = read_yaml(text).unwrap_err();
        assert_eq!((err.position.line, err.position.column), (line, column), "{text:?}: {err:?}");
        assert!(!err.message.is_empty());
    }
    assert!(read_yaml("a: 1\n---\nb: 2\n").unwrap_err().message.contains("one YAML document"));
    assert!(read_yaml("").unwrap_err().message.contains("one YAML document"));
    assert!(read_yaml("- 1\n").is_ok() && read_yaml("just text").is_ok());
}

#[test]
fn never_panics_on_garbage_or_truncation() {
    let sample = "Comment: \"x\"\nStates:\n  A: &a {Type: Pass, Next: B, List: [1, 'two', |\n  B:\n    <<: *a\n    Text: >-\n      folded\n";
    for cut in (0..=sample.len()).filter(|&i| sample.is_char_boundary(i)) {
        let _ = read_yaml(&sample[..cut]);
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        let bytes: Vec<u8> = (0..64)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                b"{}[]:,-?|>&*!'\"# \n\t\\aZ0.~%@`\x00\xff"[(seed % 30) as usize]
            })
            .collect();
        let _ = read_yaml(&String::from_utf8_lossy(&bytes));
    }
}
