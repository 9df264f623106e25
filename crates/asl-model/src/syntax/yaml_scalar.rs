//! YAML 1.2 core-schema resolution of plain scalars, with strict booleans, into the
//! JSON values the syntax tree holds.

use super::NodeValue;

/// Core-schema resolution of an untagged plain scalar (strict booleans).
pub(super) fn resolve_plain(value: &str) -> Result<NodeValue, &'static str> {
    Ok(match value {
        "" | "~" | "null" | "Null" | "NULL" => NodeValue::Null,
        "true" | "True" | "TRUE" => NodeValue::Bool(true),
        "false" | "False" | "FALSE" => NodeValue::Bool(false),
        _ => {
            let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
            if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(value, ".nan" | ".NaN" | ".NAN") {
                return Err("YAML infinity and NaN cannot be represented in JSON");
            }
            match json_number(value) {
                Some(n) => NodeValue::Number(n),
                None => NodeValue::String(value.into()),
            }
        }
    })
}

/// A core-schema int or float as canonical JSON number text, or `None` for a string.
fn json_number(value: &str) -> Option<String> {
    if let Some(hex) = value.strip_prefix("0x") {
        return radix_number(hex, 16);
    }
    if let Some(oct) = value.strip_prefix("0o") {
        return radix_number(oct, 8);
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (negative, body) = match value.as_bytes().first() {
        Some(b'-') => (true, &value[1..]),
        Some(b'+') => (false, &value[1..]),
        _ => (false, value),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let has_digit = !int.is_empty() || frac.is_some_and(|f| !f.is_empty());
    if !has_digit || !digits(int) || !frac.is_none_or(digits) {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !digits(e) {
            return None;
        }
    }
    // JSON wants no `+`, no leading zeros, digits on both sides of the point.
    let mut out = String::with_capacity(value.len() + 2);
    if negative {
        out.push('-');
    }
    let int = int.trim_start_matches('0');
    out.push_str(if int.is_empty() { "0" } else { int });
    if let Some(f) = frac {
        out.push('.');
        out.push_str(if f.is_empty() { "0" } else { f });
    }
    if let Some(e) = exponent {
        out.push('e');
        out.push_str(e);
    }
    Some(out)
}

fn radix_number(digits: &str, radix: u32) -> Option<String> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if let Ok(n) = u64::from_str_radix(digits, radix) {
        return Some(n.to_string());
    }
    // Too big for u64: keep the magnitude as a float, as JSON readers would.
    let f = digits
        .chars()
        .filter_map(|c| c.to_digit(radix))
        .fold(0.0f64, |acc, d| acc * f64::from(radix) + f64::from(d));
    serde_json::Number::from_f64(f).map(|n| n.to_string())
}
