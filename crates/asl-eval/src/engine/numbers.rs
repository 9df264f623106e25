//! Numbers read through a `...Path` field (MaxConcurrencyPath, ToleratedFailureCountPath,
//! ToleratedFailurePercentagePath, MaxItemsPath, the batcher's and a Task's limits).
//!
//! AWS reads the referenced value's text: a string holding a number is as good as the
//! number (its history shows a variable assigned `"1"` accepted as MaxConcurrencyPath and
//! ToleratedFailureCountPath), and its messages quote the text (`refers to value
//! "NoNumber"`). An integer field wants an integer: `1.5` is refused as `"1.5"` is.

use serde_json::Value;

/// The integer a path's value holds: an integral JSON number, or a string of one.
pub(crate) fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => {
            let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        }
        _ => None,
    }
}

/// The number a path's value holds, as a float: any JSON number, or a string of one.
pub(crate) fn float(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// A value as AWS quotes it in messages: strings bare, anything else as JSON.
pub(crate) fn bare(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_holding_numbers_count_as_numbers() {
        assert_eq!(integer(&json!("1")), Some(1));
        assert_eq!(integer(&json!("-3")), Some(-3));
        assert_eq!(integer(&json!(7)), Some(7));
        for refused in
            [json!("1.5"), json!(1.5), json!("NoNumber"), json!({}), json!(""), json!(" 1"), json!(true)]
        {
            assert_eq!(integer(&refused), None, "{refused}");
        }
        assert_eq!(float(&json!("1")), Some(1.0));
        assert_eq!(float(&json!(" 2.5")), Some(2.5));
        assert_eq!(float(&json!("NaN")), None);
        assert_eq!(float(&json!({})), None);
        assert_eq!(bare(&json!("x")), "x");
        assert_eq!(bare(&json!({})), "{}");
    }
}
