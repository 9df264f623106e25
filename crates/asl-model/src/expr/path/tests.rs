use super::*;
use proptest::prelude::*;
use serde_json::json;

fn name(n: &str) -> Segment {
    Segment::Child(Selector::Name(n.to_string()))
}

fn ok(s: &str) -> JsonPath {
    match parse_path(s) {
        Ok(path) => {
            let canonical = path.to_string();
            let again = parse_path(&canonical).unwrap_or_else(|e| panic!("{s} -> {canonical}: {e}"));
            assert_eq!(again, path, "{s} -> {canonical} does not read back");
            path
        }
        Err(e) => panic!("{s:?} rejected at {}: {e}", e.offset),
    }
}

fn err(s: &str) -> ExprError {
    match parse_path(s) {
        Ok(path) => panic!("{s:?} accepted as {path:?}"),
        Err(e) => {
            assert!(e.offset <= s.len() && s.is_char_boundary(e.offset), "{s:?}: bad offset {}", e.offset);
            e
        }
    }
}

#[test]
fn roots() {
    assert_eq!(ok("$"), JsonPath { root: PathRoot::Input, segments: vec![] });
    assert_eq!(ok("$$").root, PathRoot::Context);
    assert_eq!(ok("$$.Map.Item.Value").segments, vec![name("Map"), name("Item"), name("Value")]);
    let var = ok("$myVar.field");
    assert_eq!(var.root, PathRoot::Variable("myVar".into()));
    assert_eq!(var.segments, vec![name("field")]);
    assert_eq!(ok("$_x1").root, PathRoot::Variable("_x1".into()));
    assert_eq!(ok("$$.Execution.Input.x").segments.len(), 3);
}

#[test]
fn dotted_names_are_liberal_like_jayway() {
    for (s, n) in [
        ("$.foo-bar", "foo-bar"),
        ("$.a:b", "a:b"),
        ("$.détail", "détail"),
        ("$.123", "123"),
        ("$.a*b", "a*b"),
    ] {
        assert_eq!(ok(s).segments, vec![name(n)], "{s}");
    }
    assert_eq!(ok("$.${Attr}").segments, vec![name("${Attr}")]);
    assert_eq!(ok("$.a,b").to_string(), "$['a,b']");
}

#[test]
fn bracket_names_and_escapes() {
    let p = ok("$.a['b c'][0]");
    assert_eq!(p.segments, vec![name("a"), name("b c"), Segment::Child(Selector::Index(0))]);
    assert_eq!(ok(r#"$["it's"]"#).segments, vec![name("it's")]);
    // AWS reads a bracketed name as written: a backslash only keeps the quote after it
    // from ending the name (test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONPATH]).
    assert_eq!(ok(r"$['it\'s']").segments, vec![name(r"it\'s")]);
    assert_eq!(ok(r"$['a\\b\u00e9\n']").segments, vec![name(r"a\\b\u00e9\n")]);
    assert_eq!(ok(r#"$['Test\""Name"']"#).segments, vec![name(r#"Test\""Name""#)]);
    assert_eq!(ok(r#"$["a\"b"]"#).segments, vec![name(r#"a\"b"#)]);
    assert_eq!(ok(r"$['it\'s']").to_string(), r"$['it\'s']");
    assert_eq!(ok(r#"$["it's"]"#).to_string(), r#"$["it's"]"#);
    assert_eq!(ok(r#"$["a\"b'c"]"#).to_string(), r#"$["a\"b'c"]"#);
    assert_eq!(ok("$.abc.['def ghi']").segments, vec![name("abc"), name("def ghi")]);
    assert_eq!(
        ok("$[ 'a' , \"b\" ]").segments,
        vec![Segment::Child(Selector::Names(vec!["a".into(), "b".into()]))]
    );
    assert_eq!(ok("$['']").to_string(), "$['']");
    assert_eq!(ok("$['a.b']['*']").to_string(), "$['a.b']['*']");
}

#[test]
fn indexes_slices_unions_wildcards() {
    let child = |s: Selector| Segment::Child(s);
    assert_eq!(ok("$[-1]").segments, vec![child(Selector::Index(-1))]);
    assert_eq!(ok("$.books[-2]").segments[1], child(Selector::Index(-2)));
    assert_eq!(ok("$[0,1]").segments, vec![child(Selector::Indices(vec![0, 1]))]);
    assert_eq!(
        ok("$.List[1:]").segments[1],
        child(Selector::Slice { start: Some(1), end: None, step: None })
    );
    assert_eq!(ok("$[:2]").segments[0], child(Selector::Slice { start: None, end: Some(2), step: None }));
    assert_eq!(ok("$[-2:]").segments[0], child(Selector::Slice { start: Some(-2), end: None, step: None }));
    assert_eq!(
        ok("$[0:10:2]").segments[0],
        child(Selector::Slice { start: Some(0), end: Some(10), step: Some(2) })
    );
    assert_eq!(ok("$[::-1]").segments[0], child(Selector::Slice { start: None, end: None, step: Some(-1) }));
    assert_eq!(ok("$[*][*]").segments, vec![child(Selector::Wildcard), child(Selector::Wildcard)]);
    assert_eq!(ok("$.*").to_string(), "$[*]");
    assert_eq!(ok("$.Snapshots.[0].State").to_string(), "$.Snapshots[0].State");
    assert_eq!(ok("$[(@.length-1)].bar").segments[0], child(Selector::LengthOffset(-1)));
    assert_eq!(ok("$[( @.length )]").segments[0], child(Selector::LengthOffset(0)));
}

#[test]
fn recursive_descent() {
    let p = ok("$..book[?(@.price<10)].title");
    assert_eq!(p.segments[0], Segment::Descendant(Selector::Name("book".into())));
    assert_eq!(p.segments[2], name("title"));
    assert_eq!(ok("$..*").segments, vec![Segment::Descendant(Selector::Wildcard)]);
    assert_eq!(ok("$..[0]").segments, vec![Segment::Descendant(Selector::Index(0))]);
    assert_eq!(ok("$..['a b']").to_string(), "$..['a b']");
    assert_eq!(ok("$.a..b").segments.len(), 2);
}

#[test]
fn filters_parse_into_expressions() {
    let Segment::Child(Selector::Filter(f)) = &ok("$[?(@.price < 10)]").segments[0] else { panic!() };
    let FilterExpr::Compare { left, op, right } = f else { panic!("{f:?}") };
    assert_eq!(*op, CompareOp::Lt);
    assert_eq!(left.to_string(), "@.price");
    assert_eq!(*right, FilterOperand::Literal(json!(10)));

    let Segment::Child(Selector::Filter(f)) = &ok("$[?(@.isbn)]").segments[0] else { panic!() };
    assert!(matches!(f, FilterExpr::Exists(_)));

    let Segment::Child(Selector::Filter(f)) = &ok("$[?(!@.a && (@.b == 'x' || @.c != true))]").segments[0]
    else {
        panic!()
    };
    assert_eq!(f.to_string(), "!@.a && (@.b == \"x\" || @.c != true)");

    let Segment::Child(Selector::Filter(f)) = &ok("$[?(@.tags.length() > 2)]").segments[0] else { panic!() };
    assert_eq!(f.to_string(), "@.tags.length() > 2");

    for s in [
        "$.approaches[?(@.workerId == $.agent_id)].approach",
        "$[?(@.name =~ /^a.*\\/x$/i)]",
        "$[?(@.size in ['S', 'M'])]",
        "$[?(@.x NIN [1, 2])]",
        "$[?(@.a subsetof ['x'])]",
        "$[?(@.o == {'k': [1, null]})]",
        "$[?(@ > -1.5e3)]",
        "$[?(@.a === 1 && @.b !== '1' && @.c >= 0 && @.d <= 9)]",
        "$[?(!(@.a == 1))]",
        "$[?((@.a))]",
        "$.[?(@.OU > 0)]",
    ] {
        ok(s);
    }
}

#[test]
fn barewords_in_filters_are_kept() {
    let p = ok("$.SummaryFields[?(@.Type.Text==AMOUNT_PAID)].ValueDetection.Text");
    let Segment::Child(Selector::Filter(FilterExpr::Compare { right, .. })) = &p.segments[1] else {
        panic!()
    };
    assert_eq!(*right, FilterOperand::Bareword("AMOUNT_PAID".into()));
}

#[test]
fn definite_and_indefinite() {
    for s in ["$", "$.a", "$.a['b'][0]", "$$.Execution.Id", "$v.x[-1]", "$[(@.length-1)]", "$.a.length()"] {
        assert!(ok(s).is_definite(), "{s}");
    }
    for s in ["$.*", "$..a", "$[0,1]", "$['a','b']", "$[1:]", "$[?(@.a)]", "$.a[*].b"] {
        assert!(!ok(s).is_definite(), "{s}");
    }
}

#[test]
fn whitespace_around_the_path_is_ignored() {
    assert_eq!(ok("$$.Execution.Name "), ok("$$.Execution.Name"));
    assert_eq!(ok("$.a\t\n"), ok("$.a"));
    assert_eq!(err("  $.a").offset, 0);
}

#[test]
fn rejections_with_offsets() {
    let cases: &[(&str, usize)] = &[
        ("", 0),
        ("   ", 0),
        ("a.b", 0),
        ("@.a", 0),
        ("$.", 2),
        ("$.a.", 4),
        ("$..", 3),
        ("$...a", 3),
        ("$.a b", 3),
        ("$.a]", 3),
        ("$[0", 1),
        ("$['a'", 1),
        ("$['a", 2),
        ("$[\"a]", 2),
        ("$[]", 2),
        ("$[a]", 2),
        ("$[?(@.a)", 1),
        ("$[?(@.a]", 7),
        ("$[?@.a]", 3),
        ("$[?()]", 4),
        ("$[?(@.a ==)]", 10),
        ("$[?(@.a <> 1)]", 9),
        ("$[?(@.a foo 1)]", 8),
        ("$[?('x')]", 4),
        ("$[?(@.a =~ 'x')]", 11),
        ("$[1:2:0]", 6),
        ("$[99999999999999999999]", 2),
        ("$[-]", 3),
        ("$[0,]", 4),
        ("$['a',]", 6),
        ("$[(1+1)]", 3),
        ("$.a.nope()", 4),
        ("$.a.length().b", 12),
        ("$$foo", 2),
        ("$.a'", 3),
        ("$.*x", 3),
        ("$[?(@.a == 'x)]", 11),
    ];
    for (s, offset) in cases {
        let e = err(s);
        assert_eq!(e.offset, *offset, "{s:?}: {e}");
    }
}

#[test]
fn reference_paths() {
    for s in ["$", "$.a", "$.a['b c'][0]", "$$.Execution.Input.items", "$var.items", "$['x'].y[3]"] {
        assert!(parse_reference_path(s).is_ok(), "{s}");
    }
    for (s, offset) in [
        ("$.a[*]", 3),
        ("$..a", 1),
        ("$.a[-1]", 3),
        ("$.a[0,1]", 3),
        ("$.a[1:]", 3),
        ("$.a[?(@.x)]", 3),
        ("$.a.length()", 3),
        ("$[(@.length-1)]", 1),
        ("$.b.*", 3),
        ("$['a','b']", 1),
    ] {
        let e = parse_reference_path(s).unwrap_err();
        assert_eq!(e.offset, offset, "{s}: {e}");
    }
    assert!(parse_reference_path("$.a[").is_err());
}

#[test]
fn result_paths_write_into_the_input_only() {
    assert!(parse_result_path("$.result").is_ok());
    assert!(parse_result_path("$").is_ok());
    assert_eq!(parse_result_path("$$.Execution").unwrap_err().offset, 0);
    assert!(parse_result_path("$var.x").is_err());
    assert!(parse_result_path("$.a[*]").is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("$[?({}@.a{})]", "(".repeat(10_000), ")".repeat(10_000));
    assert!(parse_path(&deep).is_err());
    let deep = format!("$[?({}@.a)]", "!".repeat(10_000));
    assert!(parse_path(&deep).is_err());
    let deep = format!("$[?(@.a in {}{})]", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse_path(&deep).is_err());
    let wide = format!("$[?({})]", vec!["@.a"; 100_000].join(" || "));
    assert!(parse_path(&wide).is_err());
    let wide = format!("$[?({})]", vec!["@.a"; 100_000].join(" && "));
    assert!(parse_path(&wide).is_err());
    let fine = format!("$[?({})]", vec!["@.a == 1"; 20].join(" || "));
    assert!(parse_path(&fine).is_ok());
}

#[test]
fn invalid_fixture_values_are_rejected() {
    // Values from asl-validator's invalid-json-path / invalid-exercise-ajv fixtures and
    // statelint's pass-with-intrinsic-function-inputpath.
    for s in [".guid", "..guid", "()", "$...", "bug$.library.movies", "States.Format('{} xyz {}', 1, 'def')"]
    {
        assert!(parse_path(s).is_err(), "{s}");
    }
    assert!(parse_result_path("$foo").is_err());
}

/// Paths assembled from every segment form, so the round trip sees them all.
fn generated_path() -> impl Strategy<Value = String> {
    let root = prop::sample::select(vec!["$", "$$", "$v", "$_x"]);
    let segment = prop::sample::select(vec![
        ".a",
        ".foo-bar",
        ".a:b",
        ".é",
        ".123",
        "['b c']",
        "[\"it's\"]",
        "['a','b']",
        "[0]",
        "[-1]",
        "[0,2]",
        "[*]",
        ".*",
        "..x",
        "..*",
        "..[1]",
        "[1:]",
        "[:2]",
        "[1:5:2]",
        "[(@.length-1)]",
        ".[0]",
        "[?(@.p < 10)]",
        "[?(@.isbn)]",
        "[?(!@.a || @.b == 'x' && @.c != null)]",
        "[?(@.n =~ /a\\/b/i)]",
        "[?(@.s in ['S', 'M'])]",
        "[?(@.t == VENDOR)]",
        "[?(@.l.length() >= 2)]",
        "[?(@['k,v'] == $.o.x)]",
    ]);
    (root, prop::collection::vec(segment, 0..6))
        .prop_map(|(root, segments)| format!("{root}{}", segments.concat()))
}

proptest! {
    #[test]
    fn generated_paths_round_trip(s in generated_path()) {
        let path = parse_path(&s).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
        prop_assert_eq!(parse_path(&path.to_string()).ok(), Some(path));
    }

    #[test]
    fn never_panics(s in "\\PC{0,40}") {
        let _ = parse_path(&s);
        let _ = parse_reference_path(&s);
    }

    #[test]
    fn never_panics_on_path_like_text(s in "[$@.\\[\\]()?*:,'\"\\\\ a-c0-9=<>!&|~/{}é-]{0,30}") {
        if let Ok(path) = parse_path(&s) {
            let canonical = path.to_string();
            prop_assert_eq!(parse_path(&canonical).ok(), Some(path), "{} -> {}", s, canonical);
        }
    }
}
