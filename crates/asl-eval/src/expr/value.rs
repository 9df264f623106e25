//! Small facts about JSON values that several evaluators share: number comparison by
//! value (AWS compares `1` and `1.0` as equal numbers), Java's string order, compact text
//! for error causes.

use serde::Serialize;
use serde_json::{Number, Value};
use std::cmp::Ordering;

/// Orders two JSON numbers by value. Integers compare exactly (an `f64` would round
/// `9007199254740993`); a float on either side compares as `f64`.
pub(crate) fn compare_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return Some(x.cmp(&y));
    }
    // One side is a float, or the integers straddle i64::MAX (then f64 order is right).
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

/// Deep equality where numbers compare by value (`1 == 1.0`) and object key order is
/// irrelevant; used by ArrayContains, ArrayUnique and filter `==`.
pub(crate) fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => compare_numbers(x, y) == Some(Ordering::Equal),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Java's `String.compareTo`: lexicographic over UTF-16 code units, which differs from
/// Rust's byte order for characters above U+FFFF versus U+E000..U+FFFF.
pub(crate) fn java_string_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Compact JSON text as AWS's Jackson writes it (cause messages, JsonToString): like
/// serde_json's, except floats print as Java does (`1.0E21`, not `1e21`) and control
/// characters escape with uppercase hex (`\u001F`).
pub(crate) fn compact(value: &Value) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, JacksonFormatter);
    // Serializing a `Value` cannot fail: its keys are strings and it holds no foreign types.
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    // The serializer only writes valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

struct JacksonFormatter;

impl serde_json::ser::Formatter for JacksonFormatter {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
        match Number::from_f64(value) {
            Some(n) => writer.write_all(java_number(&n).as_bytes()),
            None => writer.write_all(b"null"),
        }
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape::*;
        let short = match escape {
            Quote => b'"',
            ReverseSolidus => b'\\',
            Solidus => b'/',
            Backspace => b'b',
            FormFeed => b'f',
            LineFeed => b'n',
            CarriageReturn => b'r',
            Tab => b't',
            AsciiControl(byte) => return write!(writer, "\\u{:04X}", byte),
        };
        writer.write_all(&[b'\\', short])
    }
}

/// The integer a JSON number stands for, if it is integral and fits in an `i64`
/// (`2.0` counts: AWS reads JSON numbers without caring how they were written).
pub(crate) fn as_integer(n: &Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    // The range check keeps the cast exact; -2^63 is representable, 2^63 is not.
    (f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f))
        .then_some(f as i64)
}

/// `String.valueOf` of the Java number AWS holds: integers as written, floating point
/// numbers as `Double.toString` prints them (`1.0`, `1.1`, `1.0E21`, `1.0E-5`).
pub(crate) fn java_number(n: &Number) -> String {
    let Some(f) = n.as_f64().filter(|_| n.is_f64()) else {
        return n.to_string();
    };
    if (1e-3..1e7).contains(&f.abs()) {
        let text = f.to_string();
        if text.contains('.') {
            text
        } else {
            format!("{text}.0")
        }
    } else if f == 0.0 {
        if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        }
    } else {
        // Shortest round-trip digits, in Java's `d.dddE±n` shape.
        let text = format!("{f:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = if mantissa.contains('.') { mantissa.to_string() } else { format!("{mantissa}.0") };
        format!("{mantissa}E{exponent}")
    }
}

pub(crate) use asl_model::syntax::value_kind as type_name;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value() {
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(json_equal(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!json_equal(&json!(1), &json!("1")));
        assert!(!json_equal(&json!(true), &json!(1)));
        let big = json!(9007199254740993u64);
        assert!(!json_equal(&big, &json!(9007199254740992u64)));
        assert_eq!(compare_numbers(&Number::from(-1), &Number::from(u64::MAX)), Some(Ordering::Less));
    }

    #[test]
    fn object_key_order_is_irrelevant() {
        assert!(json_equal(&json!({"a": 1, "b": 2}), &json!({"b": 2, "a": 1})));
        assert!(!json_equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    }

    #[test]
    fn java_order_uses_utf16_units() {
        // U+1F600 is a surrogate pair (0xD83D...), so it sorts before U+FF5E in Java.
        assert_eq!(java_string_cmp("\u{1F600}", "\u{FF5E}"), Ordering::Less);
        assert_eq!("\u{1F600}".cmp("\u{FF5E}"), Ordering::Greater);
        assert_eq!(java_string_cmp("A", "AB"), Ordering::Less);
    }

    #[test]
    fn numbers_print_as_java_does() {
        let show = |v: Value| java_number(v.as_number().unwrap());
        assert_eq!(show(json!(1)), "1");
        assert_eq!(show(json!(-12)), "-12");
        assert_eq!(show(json!(1.0)), "1.0");
        assert_eq!(show(json!(1.1)), "1.1");
        assert_eq!(show(json!(100.0)), "100.0");
        assert_eq!(show(json!(0.001)), "0.001");
        assert_eq!(show(json!(1e21)), "1.0E21");
        assert_eq!(show(json!(1.5e-5)), "1.5E-5");
        assert_eq!(show(json!(12345678.9)), "1.23456789E7");
        assert_eq!(show(json!(0.0)), "0.0");
    }

    #[test]
    fn compact_text_is_jacksons() {
        assert_eq!(
            compact(&json!({"a": [1, 2.5, 1.0, 1e21, "x\u{1f}\n"], "b": null})),
            r#"{"a":[1,2.5,1.0,1.0E21,"x\u001F\n"],"b":null}"#
        );
        assert_eq!(compact(&json!("é/")), r#""é/""#);
    }

    #[test]
    fn integers_from_any_spelling() {
        assert_eq!(as_integer(json!(2.0).as_number().unwrap()), Some(2));
        assert_eq!(as_integer(json!(2.5).as_number().unwrap()), None);
        assert_eq!(as_integer(json!(1e300).as_number().unwrap()), None);
        assert_eq!(as_integer(json!(-7).as_number().unwrap()), Some(-7));
    }
}
