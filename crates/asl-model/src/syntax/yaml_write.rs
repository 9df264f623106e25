//! Writing a JSON value as block-style YAML that reads back as exactly that value.

use super::read_yaml;
use serde_json::Value;

/// Block style, 2-space indent, keys in the value's order. serde-saphyr quotes every
/// string that would resolve to another type — YAML 1.1 spellings such as `yes` too,
/// which keeps the output safe for older readers (CloudFormation, PyYAML).
pub fn write_yaml(value: &Value) -> String {
    // Nicest first: block literals for multi-line text, lists indented under their key
    // as AWS examples write them. Each candidate is read back, and a style that does not
    // give back `value` (an exotic string in a block scalar, say) falls through to a
    // plainer one, so the round trip never depends on the serializer's heuristics alone.
    let candidates = [
        serde_saphyr::ser_options! { compact_list_indent: false },
        serde_saphyr::ser_options! { compact_list_indent: false, prefer_block_scalars: false },
        serde_saphyr::ser_options! { compact_list_indent: false, prefer_block_scalars: false, quote_all: true },
    ];
    let mut first = None;
    for options in candidates {
        let Ok(text) = serde_saphyr::to_string_with_options(value, options) else { continue };
        if read_yaml(&text).is_ok_and(|node| node.to_value() == *value) {
            return text;
        }
        first.get_or_insert(text);
    }
    // Nothing compared equal: nesting deeper than MAX_DEPTH (which our reader refuses), or
    // a 17-digit float that serde_json (without `float_roundtrip`) misreads by one ulp
    // although the written digits are exact. The nicest text is still the right one.
    first.unwrap_or_else(|| serde_json::to_string_pretty(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn assert_round_trip(value: &Value) {
        let text = write_yaml(value);
        let back = read_yaml(&text).map(|n| n.to_value());
        assert_eq!(back.as_ref(), Ok(value), "written as:\n{text}");
    }

    #[test]
    fn tricky_values_round_trip() {
        let strings = [
            "true",
            "False",
            "null",
            "~",
            "",
            "123",
            "-1.5e3",
            "0x1F",
            "0o7",
            ".inf",
            ".NaN",
            "yes",
            "No",
            "on",
            "y",
            "1_000",
            "2024-01-01",
            "12:30",
            "a: b",
            "key:",
            "a #b",
            "# c",
            "- a",
            "? q",
            "$.x",
            "$$.Map",
            "*x",
            "&x",
            "!Ref x",
            "%x",
            "@x",
            "`x",
            "{% raw %}",
            "{x}",
            "[x]",
            "'q'",
            "\"q\"",
            "|",
            ">",
            "<<",
            " lead",
            "trail ",
            "line1\nline2",
            "x\n",
            "x\n\n",
            "\n",
            "  \n  x",
            "x\n ",
            "tab\tin",
            "\ttab",
            "crlf\r\nx",
            "\u{7}",
            "\u{FEFF}bom",
            "a\u{2028}b",
            "é ü 😀",
            "States.Format('{}', $.x)",
            "{% $states.input.a & 'x' %}",
        ];
        for s in strings {
            assert_round_trip(&json!(s));
            assert_round_trip(&json!({ s: s, "list": [s, { s: [s] }] }));
        }
        let long = "word ".repeat(40);
        assert_round_trip(&json!({"long": long, "longer": long.trim(), "key": "x".repeat(2000)}));
        assert_round_trip(&json!({"x".repeat(1500): 1}));
        assert_round_trip(&json!([0, -3, 1.5, 1.0, -0.0, 1e300, 5e-324, u64::MAX, i64::MIN, null, true]));
        assert_round_trip(&json!({"empty": {}, "none": [], "nested": [[], [{}], {"a": [[1]]}]}));
    }

    #[test]
    fn output_is_block_style_in_key_order() {
        let value =
            json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": [1, "yes"], "End": true}}});
        let text = write_yaml(&value);
        let want = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result:\n      - 1\n      - \"yes\"\n    End: true\n";
        assert_eq!(text, want);
    }

    /// Every YAML file of the corpus's `valid/` folder (`$ASL_CORPUS_DIR`, set by
    /// scripts/env.sh): skipped, saying so past libtest's capture, when the variable is
    /// unset; a failure when it names no folder.
    #[test]
    fn corpus_yaml_round_trips() {
        let Some(dir) = std::env::var_os("ASL_CORPUS_DIR") else {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED corpus_yaml_round_trips: ASL_CORPUS_DIR is not set (it names ../shared/corpus) ***\n"
            );
            return;
        };
        let dir = std::path::Path::new(&dir).join("valid");
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("ASL_CORPUS_DIR: cannot read {}: {e}", dir.display()));
        let mut seen = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.to_string_lossy().ends_with(".asl.yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let value = read_yaml(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display())).to_value();
            assert_round_trip(&value);
            seen += 1;
        }
        assert!(seen > 0, "no .asl.yaml files found");
    }

    fn json_leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            // Mantissas and powers of ten small enough that serde_json parses them exactly
            // even without its `float_roundtrip` feature (the YAML text itself is exact).
            (any::<i32>(), -22i32..=22).prop_filter_map("finite", |(m, e)| {
                format!("{m}e{e}")
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
            }),
            "(\\PC|[\n\t\r ]){0,24}".prop_map(Value::String),
            "[-:#&*!|>'\"%@`?{}\\[\\], a-zA-Z0-9.\n]{0,12}".prop_map(Value::String),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn arbitrary_values_round_trip(value in json_leaf().prop_recursive(4, 32, 6, |inner| prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[-:#&*!a-z0-9 .'\"]{0,8}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ])) {
            let text = write_yaml(&value);
            prop_assert_eq!(read_yaml(&text).map(|n| n.to_value()), Ok(value), "written as:\n{}", text);
        }
    }
}
