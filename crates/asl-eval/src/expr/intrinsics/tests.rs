//! Every intrinsic with the edge cases AWS's corpus and documentation show.

use super::call_intrinsic;
use crate::expr::Scope;
use serde_json::{json, Map, Value};

fn call(text: &str, input: Value) -> Result<Value, (String, String)> {
    let context =
        json!({"StateMachine": {"Name": "my-state-machine"}, "Execution": {"Input": {"csv": "a,b"}}});
    let mut variables = Map::new();
    variables.insert("n".into(), json!(41));
    call_intrinsic(text, &Scope { input: &input, context: &context, variables: &variables })
        .map_err(|e| (e.error, e.cause))
}

fn ok(text: &str, input: Value) -> Value {
    call(text, input).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn failure(text: &str, input: Value) -> String {
    match call(text, input) {
        Err((error, cause)) => {
            assert_eq!(error, "States.IntrinsicFailure", "{text}: {cause}");
            cause
        }
        Ok(v) => panic!("{text} gave {v}"),
    }
}

#[test]
fn format() {
    assert_eq!(
        ok("States.Format('Formatting argument {}.', $.v)", json!({"v": ""})),
        json!("Formatting argument .")
    );
    assert_eq!(
        ok(
            "States.Format('{} {} {} {}', $.a, $.b, $.c, $.d)",
            json!({"a": null, "b": 1, "c": 1.1, "d": true})
        ),
        json!("null 1 1.1 true")
    );
    assert_eq!(
        ok("States.Format('fst={} and snd={}.', $.o, $.o)", json!({"o": {"Arg1": 1, "Arg2": []}})),
        json!("fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.")
    );
    assert_eq!(
        ok("States.Format('{}', $.l)", json!({"l": [1, "a", {"k": [null]}]})),
        json!("[1, a, {k=[null]}]")
    );
    assert_eq!(ok("States.Format('{}', $.s)", json!({"s": "{\"Arg1\": 1}"})), json!("{\"Arg1\": 1}"));
    assert_eq!(ok(r"States.Format('a\{\}b {} \'q\' \\', 1)", json!({})), json!(r"a{}b 1 'q' \"));
    assert_eq!(ok("States.Format($.t, 'x')", json!({"t": "<{}>"})), json!("<x>"));
    assert_eq!(ok("States.Format('no placeholders')", json!({})), json!("no placeholders"));
    assert_eq!(ok("States.Format('{}', 2.0)", json!({})), json!("2.0"));
    assert_eq!(ok("States.Format('héllo {}', 'wörld')", json!({})), json!("héllo wörld"));
    assert!(failure("States.Format('{} {}', 1)", json!({})).contains("placeholder"));
    failure("States.Format($.t)", json!({"t": 5}));
}

#[test]
fn string_to_json_and_back() {
    for (text, expected) in [
        ("", json!(null)),
        (" ", json!(null)),
        ("null", json!(null)),
        ("-0", json!(0)),
        ("1", json!(1)),
        ("1.1", json!(1.1)),
        ("true", json!(true)),
        ("\"HelloWorld\"", json!("HelloWorld")),
        ("{\"Arg1\": 1, \"Arg2\": []}", json!({"Arg1": 1, "Arg2": []})),
        ("[-0, {\"z\": -0}]", json!([0, {"z": 0}])),
    ] {
        assert_eq!(ok("States.StringToJson($.s)", json!({ "s": text })), expected, "{text:?}");
    }
    failure("States.StringToJson($.s)", json!({"s": "{oops"}));
    failure("States.StringToJson($.s)", json!({"s": 1}));
    assert_eq!(
        ok("States.JsonToString($.o)", json!({"o": {"b": [1, 2.5, "x"], "a": null}})),
        json!(r#"{"b":[1,2.5,"x"],"a":null}"#)
    );
    assert_eq!(ok("States.JsonToString($.s)", json!({"s": "q\"uote"})), json!(r#""q\"uote""#));
    assert_eq!(ok("States.StringToJson(States.JsonToString($))", json!({"k": [1]})), json!({"k": [1]}));
}

#[test]
fn json_merge_is_shallow() {
    let input = json!({"a": {"a": {"a1": 1}, "b": 2}, "b": {"a": {"a3": 1}, "c": 3}});
    assert_eq!(
        ok("States.JsonMerge($.a, $.b, false)", input.clone()),
        json!({"a": {"a3": 1}, "b": 2, "c": 3})
    );
    assert_eq!(
        ok("States.JsonMerge(States.StringToJson('{\"x\": \"false\"}'), $.a, false)", input.clone()),
        json!({"x": "false", "a": {"a1": 1}, "b": 2})
    );
    failure("States.JsonMerge($.a, $.b, true)", input.clone());
    failure("States.JsonMerge($.a, 1, false)", input);
}

#[test]
fn arrays() {
    assert_eq!(ok("States.Array()", json!({})), json!([]));
    assert_eq!(
        ok("States.Array($.a, 'x', 1, null, States.Array())", json!({"a": {"k": 1}})),
        json!([{"k": 1}, "x", 1, null, []])
    );
    assert_eq!(ok("States.ArrayPartition($.l, 2)", json!({"l": [0, 1, 2]})), json!([[0, 1], [2]]));
    assert_eq!(ok("States.ArrayPartition($.l, 5)", json!({"l": [0, 1]})), json!([[0, 1]]));
    assert_eq!(ok("States.ArrayPartition($.l, 1)", json!({"l": []})), json!([]));
    failure("States.ArrayPartition($.l, 0)", json!({"l": [1]}));
    failure("States.ArrayPartition($.l, 1.5)", json!({"l": [1]}));
    assert_eq!(
        ok("States.ArrayContains($.l, $.v)", json!({"l": [[1, 2, 3], 2], "v": [1, 2, 3]})),
        json!(true)
    );
    assert_eq!(
        ok("States.ArrayContains($.l, $.v)", json!({"l": [{"1": 2, "2": []}], "v": {"2": [], "1": 2}})),
        json!(true)
    );
    assert_eq!(ok("States.ArrayContains($.l, $.v)", json!({"l": [], "v": []})), json!(false));
    assert_eq!(ok("States.ArrayContains($.l, null)", json!({"l": [null]})), json!(true));
    assert_eq!(ok("States.ArrayContains($.l, 1)", json!({"l": [1.0]})), json!(true));
    assert_eq!(ok("States.ArrayGetItem($.l, 5)", json!({"l": [1, 2, 3, 4, 5, 6, 7, 8, 9]})), json!(6));
    failure("States.ArrayGetItem($.l, 3)", json!({"l": [1, 2, 3]}));
    failure("States.ArrayGetItem($.l, -1)", json!({"l": [1, 2, 3]}));
    assert_eq!(ok("States.ArrayLength($.l)", json!({"l": [1, [2], {}]})), json!(3));
    failure("States.ArrayLength($.l)", json!({"l": "abc"}));
    assert_eq!(
        ok(
            "States.ArrayUnique($.l)",
            json!({"l": [null, null, true, 1, 1.0, "1", [], [], {"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1}]})
        ),
        json!([null, true, 1, "1", [], {"a": 1, "b": 2}, {"a": 1}])
    );
}

#[test]
fn array_range() {
    assert_eq!(ok("States.ArrayRange(1, 9, 2)", json!({})), json!([1, 3, 5, 7, 9]));
    assert_eq!(ok("States.ArrayRange(1, 10, 2)", json!({})), json!([1, 3, 5, 7, 9]));
    assert_eq!(ok("States.ArrayRange(5, 1, -2)", json!({})), json!([5, 3, 1]));
    assert_eq!(ok("States.ArrayRange(1, 1, 5)", json!({})), json!([1]));
    assert_eq!(ok("States.ArrayRange(1, 5, -1)", json!({})), json!([]));
    assert_eq!(ok("States.ArrayRange(0, 999, 1)", json!({})).as_array().map(Vec::len), Some(1000));
    assert!(failure("States.ArrayRange(0, 1000, 1)", json!({})).contains("1001"));
    failure("States.ArrayRange(0, 10, 0)", json!({}));
    failure("States.ArrayRange(0, 9223372036854775807, 1)", json!({}));
}

#[test]
fn encoding_and_hashing() {
    assert_eq!(ok("States.Base64Encode($.s)", json!({"s": "Data to encode"})), json!("RGF0YSB0byBlbmNvZGU="));
    assert_eq!(ok("States.Base64Encode('')", json!({})), json!(""));
    assert_eq!(ok("States.Base64Encode('é')", json!({})), json!("w6k="));
    assert_eq!(ok("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", json!({})), json!("Data to encode"));
    assert_eq!(ok("States.Base64Decode('RGF0YQ')", json!({})), json!("Data"));
    assert_eq!(ok("States.Base64Decode('')", json!({})), json!(""));
    failure("States.Base64Decode('***')", json!({}));
    let long = "x".repeat(10_001);
    assert!(failure("States.Base64Encode($.s)", json!({ "s": long })).contains("10000"));
    for (alg, hex) in [
        ("MD5", "812f45842bc6d66ee14572ce20db8e86"),
        ("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7"),
        ("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"),
        ("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"),
        (
            "SHA-512",
            "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
        ),
    ] {
        assert_eq!(ok("States.Hash($.d, $.a)", json!({"d": "input data", "a": alg})), json!(hex), "{alg}");
    }
    failure("States.Hash('x', 'SHA-999')", json!({}));
    failure("States.Hash('x', 'sha-256')", json!({}));
}

#[test]
fn math() {
    for (a, b, sum) in [
        (json!(-9), json!(3), -6),
        (json!(1.49), json!(1.5), 3),
        (json!(1.5), json!(1.51), 4),
        (json!(-1.5), json!(0), -1),
        (json!(-0.5), json!(0), 0),
        (json!(-2.5), json!(0), -2),
        (json!(2.5), json!(0), 3),
        (json!(-1.5), json!(-1.51), -3),
        (json!(1.49), json!(-1.49), 0),
        (json!(111), json!(-1), 110),
    ] {
        assert_eq!(ok("States.MathAdd($.a, $.b)", json!({"a": a, "b": b})), json!(sum), "{a} + {b}");
    }
    assert_eq!(ok("States.MathAdd($n, 1)", json!({})), json!(42));
    assert_eq!(ok("States.MathAdd(2147483647, 2147483647)", json!({})), json!(4294967294i64));
    failure("States.MathAdd(2147483648, 0)", json!({}));
    failure("States.MathAdd('1', 0)", json!({}));
    // Seeded draws are reproducible (java.util.Random: new Random(42).nextInt(1000) == 130).
    assert_eq!(ok("States.MathRandom(0, 1000, 42)", json!({})), json!(130));
    assert_eq!(ok("States.MathRandom(1, 2)", json!({})), json!(1));
    for _ in 0..200 {
        let v = ok("States.MathRandom(-5, 5)", json!({})).as_i64().unwrap_or(99);
        assert!((-5..5).contains(&v), "{v}");
    }
    failure("States.MathRandom(5, 5)", json!({}));
    failure("States.MathRandom(5, 1)", json!({}));
}

#[test]
fn strings() {
    let split = |s: &str, d: &str| ok("States.StringSplit($.s, $.d)", json!({"s": s, "d": d}));
    assert_eq!(split(" ", ","), json!([" "]));
    assert_eq!(split(", , ,", ","), json!([" ", " "]));
    assert_eq!(split(",,,,", ","), json!([]));
    assert_eq!(split("1,2,3,4,5", ","), json!(["1", "2", "3", "4", "5"]));
    assert_eq!(split("This.is+a,test=string", ".+,="), json!(["This", "is", "a", "test", "string"]));
    assert_eq!(split("split on T and \nnew line", "T\n"), json!(["split on ", " and ", "new line"]));
    assert_eq!(split("abc", ""), json!(["abc"]));
    assert_eq!(split("", ","), json!([]));
    assert_eq!(
        ok("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", json!({})),
        json!("my")
    );
    assert_eq!(
        ok(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
            json!({})
        ),
        json!("machine")
    );
    let id = ok("States.UUID()", json!({}));
    let id = id.as_str().unwrap_or_default();
    assert_eq!(id.len(), 36);
    assert_eq!(id.chars().nth(14), Some('4'));
    assert!(matches!(id.chars().nth(19), Some('8' | '9' | 'a' | 'b')), "{id}");
    assert_ne!(ok("States.UUID()", json!({})), ok("States.UUID()", json!({})));
}

#[test]
fn missing_path_arguments_are_runtime_errors() {
    let (error, cause) = call("States.Format('{}', $.missing)", json!({"a": 1})).unwrap_err();
    assert_eq!(error, "States.Runtime");
    assert_eq!(cause, r#"The JSONPath '$.missing' could not be found in the input '{"a":1}'"#);
}

#[test]
fn bad_calls_never_panic() {
    for text in [
        "States.Nope()",
        "States.Format(",
        "",
        "States.ArrayLength()",
        "States.ArrayLength($.a, $.a)",
        "States.UUID(1)",
        "States.MathRandom(1)",
        "States.Hash('a')",
    ] {
        assert!(call(text, json!({"a": []})).is_err(), "{text}");
    }
}

#[test]
fn every_function_with_every_argument_shape_is_safe() {
    let functions = asl_model::expr::SIGNATURES.iter().map(|s| s.name).chain(["States.Nope"]);
    let pool = ["$.s", "$.n", "$.f", "$.b", "$.z", "$.l", "$.o", "$.missing", "-1", "'SHA-1'", "1000000"];
    let input = json!({"s": "a,b", "n": 3, "f": 2.5, "b": false, "z": null, "l": [1, [2], {"k": 3}], "o": {"k": [1]}});
    for function in functions {
        // Every list of 0 to 3 arguments drawn from the pool.
        let mut level: Vec<Vec<&str>> = vec![vec![]];
        let mut arg_lists = level.clone();
        for _ in 0..3 {
            level = level
                .iter()
                .flat_map(|args| pool.iter().map(move |p| [args.clone(), vec![*p]].concat()))
                .collect();
            arg_lists.extend(level.iter().cloned());
        }
        for args in arg_lists {
            let text = format!("{function}({})", args.join(", "));
            if let Err((error, _)) = call(&text, input.clone()) {
                assert!(error == "States.IntrinsicFailure" || error == "States.Runtime", "{text}: {error}");
            }
        }
    }
}
