//! Tests of the JSON reader.
use super::*;

#[test]
fn spans_point_at_tokens() {
    let text = "{\n  // c\n  \"a\": [1, \"x\"], /* b */\n}";
    let node = read_json(text).unwrap();
    let m = node.member("a").unwrap();
    assert_eq!(&text[m.key_span.start..m.key_span.end], "\"a\"");
    assert_eq!(&text[m.value.span.start..m.value.span.end], "[1, \"x\"]");
    assert_eq!(node.at("/a/1").unwrap().as_str(), Some("x"));
    assert_eq!(node.span, Span::new(0, text.len()));
}

#[test]
fn bom_is_skipped_but_offsets_stay_in_the_text() {
    let text = "\u{feff}{\"a\": 1}";
    let node = read_json(text).unwrap();
    let a = node.get("a").unwrap();
    assert_eq!(&text[a.span.start..a.span.end], "1");
}

#[test]
fn strings_decode_escapes_and_surrogates() {
    let node = read_json(r#"{"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#).unwrap();
    assert_eq!(node.get("s").unwrap().as_str(), Some("a\"b\\c/d\n\u{e9}\u{1f600}"));
}

#[test]
fn numbers_keep_their_text() {
    let node = read_json(r#"[0, -1.50, 2e10, 3E-2]"#).unwrap();
    let texts: Vec<String> = node
        .as_array()
        .unwrap()
        .iter()
        .map(|n| match &n.value {
            NodeValue::Number(t) => t.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(texts, ["0", "-1.50", "2e10", "3E-2"]);
}

#[test]
fn errors_have_positions() {
    let e = read_json("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
    assert_eq!((e.position.line, e.position.column), (3, 7), "{e:?}");
    assert!(read_json("").unwrap_err().message.contains("empty"));
    assert!(read_json("  // only a comment\n").unwrap_err().message.contains("empty"));
    let e = read_json(&"[".repeat(100_000)).unwrap_err();
    assert!(e.message.contains("nesting"), "{}", e.message);
    for bad in [
        "{'a': 1}",
        "{\"a\": 1} {}",
        "{a: 1}",
        "[01]",
        "[1.]",
        "[+1]",
        "[.5]",
        "[NaN]",
        "[0x10]",
        "{\"a\": 1,,}",
        "[1 2]",
        "\"a\nb\"",
        "\"\\x\"",
        "\"\\u12\"",
        "/* open",
        "[tru]",
        "{\"a\"}",
    ] {
        assert!(read_json(bad).is_err(), "{bad} should not parse");
    }
    let e = read_json("{\"a\": [1, 2").unwrap_err();
    assert!(e.message.contains("never closed"), "{}", e.message);
    assert_eq!(e.position.column, 7);
}

#[test]
fn trailing_commas_and_comments_are_tolerated() {
    let node = read_json("{\"a\": [1, 2,], // x\n \"b\": {},}").unwrap();
    assert_eq!(node.to_value(), serde_json::json!({"a": [1, 2], "b": {}}));
}

#[test]
fn duplicate_keys_are_kept() {
    let node = read_json(r#"{"a": 1, "a": 2}"#).unwrap();
    assert_eq!(node.as_object().unwrap().len(), 2);
    assert_eq!(node.get("a").unwrap().as_u64(), Some(2));
}

#[test]
fn nesting_up_to_the_limit_costs_no_stack() {
    // A small stack (a quarter of a test thread's) shows the reader does not recurse per level.
    let text = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    let handle = std::thread::Builder::new().stack_size(512 * 1024).spawn(move || read_json(&text).is_ok());
    assert!(handle.expect("thread").join().expect("no overflow"));
    let over = format!("{}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert!(read_json(&over).unwrap_err().message.contains("nesting"));
}

#[test]
fn repeated_keys_are_found_while_reading_with_their_pointers() {
    let text = r#"{"a": [{"x": 1}, {"y": [0, {"k": 1, "k": 2}], "y": 3}], "b": {"c": 1, "c": 2}}"#;
    let (node, dupes) = read_json_with_duplicates(text).unwrap();
    let mut found: Vec<(String, String)> = dupes.iter().map(|d| (d.pointer.clone(), d.key.clone())).collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("/a/1/y".to_owned(), "y".to_owned()),
            ("/a/1/y/1/k".to_owned(), "k".to_owned()),
            ("/b/c".to_owned(), "c".to_owned())
        ]
    );
    // The walk used for YAML finds the same.
    let mut walked: Vec<String> =
        super::super::find_duplicates(&node).into_iter().map(|d| d.pointer).collect();
    walked.sort();
    assert_eq!(walked, ["/a/1/y", "/a/1/y/1/k", "/b/c"]);
}

#[test]
fn string_and_space_runs_are_exact_at_every_offset() {
    // Specials at every position around the eight-byte steps, plus multi-byte text.
    for len in 0..20 {
        for special in ["\\n", "\\\"", "\\\\", "é", "\u{1f600}"] {
            let body = format!("{}{special}{}", "a".repeat(len), "b".repeat(len % 7));
            let text = format!("{{{}\"k\": \"{body}\"}}", " ".repeat(len));
            let node = read_json(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let expected: String = serde_json::from_str(&format!("\"{body}\"")).unwrap();
            assert_eq!(node.get("k").and_then(Node::as_str), Some(expected.as_str()), "{text}");
        }
        let bad = format!("{{\"k\": \"{}\u{1}\"}}", "a".repeat(len));
        assert!(read_json(&bad).is_err(), "control character at {len}");
        let open = format!("{{\"k\": \"{}", "a".repeat(len));
        assert!(read_json(&open).is_err());
    }
}
