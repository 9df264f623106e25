use super::*;
use crate::expr::path::parse_path;
use proptest::prelude::*;

/// Parses, checks there is no static problem, and that the canonical text reads back.
fn ok(s: &str) -> IntrinsicCall {
    let call = parse_intrinsic(s).unwrap_or_else(|e| panic!("{s:?} rejected at {}: {e}", e.offset));
    let problems = check_intrinsic(&call);
    assert!(problems.is_empty(), "{s:?}: {problems:?}");
    let again = parse_intrinsic(&call.to_string()).expect("canonical text parses");
    assert_eq!(again.to_string(), call.to_string());
    call
}

fn parse_err(s: &str) -> ExprError {
    let e = parse_intrinsic(s).expect_err(s);
    assert!(e.offset <= s.len() && s.is_char_boundary(e.offset), "{s:?}: bad offset {}", e.offset);
    e
}

/// The problems `check_intrinsic` reports, as (offset, message).
fn problems(s: &str) -> Vec<(usize, String)> {
    let call = parse_intrinsic(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
    check_intrinsic(&call).into_iter().map(|e| (e.offset, e.message)).collect()
}

fn string(value: &str, raw: &str) -> ArgValue {
    ArgValue::String(StringLiteral { value: value.into(), raw: raw.into() })
}

#[test]
fn literal_arguments() {
    let call = ok("States.Array(1, 'a', true, null, $.x, -2.5, false, 1e3)");
    let values: Vec<_> = call.args.iter().map(|a| a.value.clone()).collect();
    assert_eq!(values[0], ArgValue::Number(1.into()));
    assert_eq!(values[1], string("a", "a"));
    assert_eq!(values[2], ArgValue::Bool(true));
    assert_eq!(values[3], ArgValue::Null);
    assert_eq!(values[4], ArgValue::Path(parse_path("$.x").unwrap()));
    assert_eq!(values[5].to_string(), "-2.5");
    assert_eq!(values[6], ArgValue::Bool(false));
    assert_eq!(call.args.iter().map(|a| a.offset).collect::<Vec<_>>(), vec![13, 16, 21, 27, 33, 38, 44, 51]);
    assert_eq!(ok("States.UUID()").args, vec![]);
    assert_eq!(ok("States.UUID ( ) ").offset, 0);
    assert_eq!(parse_err(" States.UUID()").offset, 0);
}

#[test]
fn path_arguments() {
    for s in [
        "States.JsonToString($$.Execution.Id)",
        "States.Format('Hello {}', $inputPayload.data.firstname)",
        "States.Format('{}_{}',$$.Execution.Name,$['test-batch']['batch_id'])",
        "States.Format('{}', $..constraint)",
        "States.JsonToString($[1].Labels)",
        "States.StringToJson($.[0].body)",
        "States.Array($)",
        "States.Array($.a[?(@.b > 1)], $.c[0,1])",
    ] {
        ok(s);
    }
}

#[test]
fn string_escapes_and_format_templates() {
    let call = ok(r"States.Format('{}\'s {}', $.a, $.b)");
    let ArgValue::String(template) = &call.args[0].value else { panic!() };
    assert_eq!(template.value, "{}'s {}");
    assert_eq!(template.raw, r"{}\'s {}");
    assert_eq!(template.placeholder_count(), 2);

    let call = ok(r"States.Format('a \{} b {} c \\ d \n', $.x)");
    let ArgValue::String(template) = &call.args[0].value else { panic!() };
    assert_eq!(template.value, r"a {} b {} c \ d \n");
    assert_eq!(
        template.format_pieces(),
        vec![
            FormatPiece::Text("a {} b ".into()),
            FormatPiece::Placeholder,
            FormatPiece::Text(r" c \ d \n".into())
        ]
    );
    ok("States.Format('\n\nHuman: {}\n\nAssistant:', $.prompt)");
    ok("States.Format('unload (\\'{}\\') to \\'s3://{}/{}/result_\\'', $.a, $.b, $.c)");
    ok("States.Format('{} xyz {}', 1, 'def')");
    ok("States.Format('no placeholders')");
    ok("States.Format($.template, $.a, $.b)");
}

#[test]
fn nested_calls() {
    let call = ok("States.StringToJson(States.Format('{}', States.JsonToString($.a)))");
    let ArgValue::Call(inner) = &call.args[0].value else { panic!() };
    assert_eq!(inner.name, "States.Format");
    assert_eq!(inner.offset, 20);
    let ArgValue::Call(innermost) = &inner.args[1].value else { panic!() };
    assert_eq!(innermost.name, "States.JsonToString");
    // The AWS guide's nine-call example, with its template fixed: it has three `{}` for
    // two values, which the ASL spec forbids ("as many remaining arguments as ... {}").
    ok("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))");
    ok("States.MathAdd(States.ArrayLength($$.Execution.Input.machines),-1)");
    ok("States.JsonMerge(States.StringToJson($.Body), States.StringToJson('{\"NewField\": \"MyValue\" }'), false)");
}

#[test]
fn is_intrinsic_call_is_cheap_and_strict() {
    assert!(is_intrinsic_call("States.Format('x')"));
    assert!(is_intrinsic_call("States.UUID ()"));
    assert!(!is_intrinsic_call(" States.UUID()"));
    assert!(is_intrinsic_call("States.Nope("));
    assert!(!is_intrinsic_call("States.Format"));
    assert!(!is_intrinsic_call("States.(1)"));
    assert!(!is_intrinsic_call("$.States.Format()"));
    assert!(!is_intrinsic_call("states.Format()"));
    assert!(!is_intrinsic_call(""));
}

#[test]
fn syntax_errors() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "empty"),
        ("States.Format('abc", 14, "unterminated"),
        ("States.Format('abc\\", 14, "unterminated"),
        ("States.Format('x', $.a", 13, "missing ')'"),
        ("States.UUID", 11, "expected '('"),
        ("States.Array(1,)", 15, "trailing ','"),
        ("States.Array(1 2)", 15, "expected ',' or ')'"),
        ("States.Array(,1)", 13, "expected an argument"),
        ("States.Array(\"a\")", 13, "single quotes"),
        ("States.Array(1) x", 16, "after the closing"),
        ("States.Array($.)", 15, "expected a member name"),
        ("States.Array($.a b)", 17, "expected ',' or ')'"),
        ("States.Array(-)", 13, "invalid number"),
        ("States.Array(@.a)", 13, "unexpected '@'"),
        ("States.Array(#)", 13, "unexpected"),
        ("(1)", 0, "function name"),
    ];
    for (s, offset, needle) in cases {
        let e = parse_err(s);
        assert_eq!(e.offset, *offset, "{s:?}: {e}");
        assert!(e.message.contains(needle), "{s:?}: {e}");
    }
    let deep = format!("{}1{}", "States.Array(".repeat(5000), ")".repeat(5000));
    assert!(parse_intrinsic(&deep).is_err());
}

#[test]
fn signature_table_covers_every_aws_intrinsic() {
    let names = [
        "Format",
        "StringToJson",
        "JsonToString",
        "Array",
        "ArrayPartition",
        "ArrayContains",
        "ArrayRange",
        "ArrayGetItem",
        "ArrayLength",
        "ArrayUnique",
        "Base64Encode",
        "Base64Decode",
        "Hash",
        "JsonMerge",
        "MathRandom",
        "MathAdd",
        "StringSplit",
        "UUID",
    ];
    assert_eq!(SIGNATURES.len(), names.len());
    for name in names {
        let sig = signature(&format!("States.{name}")).unwrap_or_else(|| panic!("{name}"));
        assert!(sig.max_args.is_none_or(|max| max >= sig.min_args && sig.params.len() <= max));
    }
}

#[test]
fn valid_calls_have_no_problems() {
    for s in [
        "States.ArrayPartition($.inputArray, 4)",
        "States.ArrayContains($.inputArray, 'x')",
        "States.ArrayRange(1, 9, 2)",
        "States.ArrayRange(10, 0, -5)",
        "States.ArrayRange(0, 999, 1)",
        "States.ArrayGetItem($.a, 0)",
        "States.ArrayLength($.a)",
        "States.ArrayUnique($.a)",
        "States.Base64Encode('data')",
        "States.Base64Decode($.b)",
        "States.Hash($.x, 'SHA-256')",
        "States.Hash('x', 'MD5')",
        "States.JsonMerge($.a, $.b, false)",
        "States.MathRandom(1, 999)",
        "States.MathRandom($.start, $.end, 7)",
        "States.MathAdd($.count, -1)",
        "States.StringSplit('a,b', ',')",
        "States.Array()",
        "States.Format('{}', true)",
        "States.Format('{} {}', null, 2.5)",
    ] {
        ok(s);
    }
}

#[test]
fn arity_problems() {
    assert_eq!(problems("States.UUID(1)"), vec![(0, "States.UUID takes 0 arguments, found 1".into())]);
    assert_eq!(problems("States.Format()")[0].1, "States.Format takes at least 1 argument, found 0");
    assert_eq!(
        problems("States.MathRandom(1)")[0].1,
        "States.MathRandom takes at least 2 arguments, found 1"
    );
    assert_eq!(
        problems("States.MathRandom(1, 2, 3, 4)")[0].1,
        "States.MathRandom takes at most 3 arguments, found 4"
    );
    assert_eq!(
        problems("States.StringToJson($.a, $.b)")[0].1,
        "States.StringToJson takes 1 argument, found 2"
    );
}

#[test]
fn literal_type_problems() {
    let cases: &[(&str, usize, &str)] = &[
        ("States.MathAdd('a', 1)", 15, "argument 1 of States.MathAdd must be an integer, found a string"),
        ("States.MathAdd(1.5, 1)", 15, "must be an integer, found 1.5"),
        (
            "States.Hash($.x, 'SHA-999')",
            17,
            "must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, found 'SHA-999'",
        ),
        ("States.Hash($.x, 'sha-256')", 17, "found 'sha-256'"),
        ("States.JsonMerge($.a, $.b, true)", 27, "must be false, found true"),
        ("States.JsonMerge($.a, 'b', false)", 22, "must be a JSON object, found a string"),
        ("States.ArrayRange(1, 9, 0)", 24, "must be a non-zero integer, found 0"),
        ("States.ArrayPartition($.a, 0)", 27, "must be a positive integer, found 0"),
        ("States.ArrayPartition('abc', 2)", 22, "must be an array, found a string"),
        ("States.ArrayGetItem($.a, -1)", 25, "must be a non-negative integer, found -1"),
        ("States.ArrayLength(null)", 19, "must be an array, found null"),
        ("States.StringToJson(5)", 20, "must be a string, found 5"),
        ("States.Base64Encode(true)", 20, "must be a string, found true"),
        ("States.Format(1)", 14, "argument 1 of States.Format must be a string, found 1"),
        ("States.Format('{}', States.Array(1))", 20, "found an array (returned by States.Array)"),
        ("States.MathAdd(States.UUID(), 1)", 15, "found a string (returned by States.UUID)"),
        ("States.ArrayLength(States.JsonMerge($.a, $.b, false))", 19, "found a JSON object"),
    ];
    for (s, offset, needle) in cases {
        let found = problems(s);
        assert_eq!(found.len(), 1, "{s}: {found:?}");
        assert_eq!(found[0].0, *offset, "{s}: {found:?}");
        assert!(found[0].1.contains(needle), "{s}: {found:?}");
    }
}

#[test]
fn format_placeholder_count() {
    assert_eq!(
        problems("States.Format('{} and {}', $.a)"),
        vec![(14, "the template has 2 '{}' placeholder(s) but 1 value(s) follow it".into())]
    );
    assert_eq!(problems("States.Format('none', $.a)").len(), 1);
    assert_eq!(problems(r"States.Format('\{}', $.a)").len(), 1);
    assert!(problems("States.Format($.t, $.a, $.b)").is_empty());
}

#[test]
fn limits() {
    assert_eq!(problems("States.ArrayRange(0, 1000, 1)").len(), 1);
    assert!(problems("States.ArrayRange(1000, 1, 1)").is_empty());
    let big = format!("States.Base64Encode('{}')", "a".repeat(10_001));
    assert_eq!(problems(&big).len(), 1);
    let eleven = format!("{}$.a{}", "States.Array(".repeat(11), ")".repeat(11));
    assert_eq!(problems(&eleven).len(), 1);
    let ten = format!("{}$.a{}", "States.Array(".repeat(10), ")".repeat(10));
    assert!(problems(&ten).is_empty());
}

#[test]
fn unknown_functions_and_every_problem_is_reported() {
    assert_eq!(problems("States.Nope()"), vec![(0, "unknown intrinsic function 'States.Nope'".into())]);
    assert_eq!(
        problems("States.format('x')")[0].1,
        "unknown intrinsic function 'States.format'; did you mean States.Format?"
    );
    assert_eq!(problems("States.Array(true(1))")[0].1, "unknown intrinsic function 'true'");
    assert_eq!(problems("UUID()")[0].1, "unknown intrinsic function 'UUID'; did you mean States.UUID?");
    let all = problems("States.Array(States.Nope(States.MathAdd('a', 'b')), States.Hash($.a, 'x'))");
    let offsets: Vec<usize> = all.iter().map(|p| p.0).collect();
    assert_eq!(offsets, vec![13, 40, 45, 69], "{all:?}");
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,40}") {
        let _ = parse_intrinsic(&s).map(|c| check_intrinsic(&c));
        let _ = is_intrinsic_call(&s);
    }

    #[test]
    fn never_panics_on_call_like_text(s in "States\\.[A-Za-z]{0,6}[(),'$.\\\\{} 0-9a-z\\-\\[\\]é]{0,30}") {
        if let Ok(call) = parse_intrinsic(&s) {
            let _ = check_intrinsic(&call);
            let again = parse_intrinsic(&call.to_string());
            prop_assert_eq!(again.map(|c| c.to_string()).ok(), Some(call.to_string()));
        }
    }
}
