//! The functions AWS adds to JSONata in Step Functions — `$partition`, `$range`, `$hash`,
//! `$random` (with an optional seed), `$uuid`, `$parse` — and its refusal of `$eval`.
//! Errors are JSONata evaluation errors; the caller wraps them into
//! `States.QueryEvaluationError` with the expression and field.

use super::convert::to_jvalue;
use jsonata_core::evaluator::{Evaluator, EvaluatorError};
use jsonata_core::value::JValue;
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

type Result = std::result::Result<JValue, EvaluatorError>;

fn fail(message: impl Into<String>) -> EvaluatorError {
    EvaluatorError::EvaluationError(message.into())
}

/// Installs AWS's functions on `ev`.
pub(crate) fn install(ev: &mut Evaluator) -> std::result::Result<(), EvaluatorError> {
    ev.register_fn("partition", |a: &[JValue]| partition(a))?;
    ev.register_fn("hash", |a: &[JValue]| hash(a))?;
    ev.register_fn("uuid", |a: &[JValue]| uuid(a))?;
    ev.register_fn("parse", |a: &[JValue]| parse(a))?;
    // Built-ins AWS replaces: `$range` is not JSONata's, `$random` takes a seed,
    // `$eval` is not allowed.
    if ev.register_fn("range", |a: &[JValue]| range(a)).is_err() {
        ev.register_fn_override("range", |a: &[JValue]| range(a))?;
    }
    ev.register_fn_override("random", |a: &[JValue]| random(a))?;
    ev.register_fn_override("eval", |_: &[JValue]| -> Result {
        Err(fail("The function $eval is not supported by AWS Step Functions."))
    })?;
    Ok(())
}

fn arg(args: &[JValue], i: usize) -> Option<&JValue> {
    args.get(i).filter(|v| !v.is_undefined())
}

fn integer(args: &[JValue], i: usize, function: &str) -> std::result::Result<i64, EvaluatorError> {
    match arg(args, i).and_then(JValue::as_f64) {
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Ok(n as i64),
        _ => Err(fail(format!("T0410: Argument {} of function ${function} must be an integer", i + 1))),
    }
}

/// `$partition(array, size)`: the array in chunks of `size` items (the last may be shorter).
pub(crate) fn partition(args: &[JValue]) -> Result {
    let items: Vec<JValue> = match arg(args, 0) {
        Some(JValue::Array(a)) => a.iter().cloned().collect(),
        Some(other) => vec![other.clone()],
        None => return Ok(JValue::Undefined),
    };
    let size = integer(args, 1, "partition")?;
    if size <= 0 {
        return Err(fail("T0410: Argument 2 of function $partition must be a positive integer"));
    }
    let chunks = items.chunks(size as usize).map(|c| JValue::array(c.to_vec())).collect();
    Ok(JValue::array(chunks))
}

/// `$range(start, end, step)`: integers from `start` towards `end` (included when reached),
/// as a JSONata sequence: one number comes out as that number, as AWS returns it.
pub(crate) fn range(args: &[JValue]) -> Result {
    let start = integer(args, 0, "range")?;
    let end = integer(args, 1, "range")?;
    let step = integer(args, 2, "range")?;
    if step == 0 {
        return Err(fail("T0410: Argument 3 of function $range must not be zero"));
    }
    let count = ((end - start) / step + 1).max(0);
    if count > 1_000_000 {
        return Err(fail("D2014: The size of the sequence allocated by the range operator exceeds the limit of 1000000 items"));
    }
    Ok(JValue::sequence((0..count).map(|i| JValue::from(start + i * step)).collect()))
}

/// `$hash(text, algorithm)`: the hex digest (MD5, SHA-1, SHA-256, SHA-384, SHA-512).
pub(crate) fn hash(args: &[JValue]) -> Result {
    let Some(text) = arg(args, 0) else { return Ok(JValue::Undefined) };
    let Some(text) = text.as_str() else {
        return Err(fail("T0410: Argument 1 of function $hash must be a string"));
    };
    let data = text.as_bytes();
    let digest = match arg(args, 1).and_then(JValue::as_str).unwrap_or("SHA-256") {
        "MD5" => Md5::digest(data).to_vec(),
        "SHA-1" => Sha1::digest(data).to_vec(),
        "SHA-256" => Sha256::digest(data).to_vec(),
        "SHA-384" => Sha384::digest(data).to_vec(),
        "SHA-512" => Sha512::digest(data).to_vec(),
        other => {
            return Err(fail(format!(
                "T0410: Argument 2 of function $hash must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, found '{other}'"
            )))
        }
    };
    Ok(JValue::from(digest.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

/// `$random([seed])`: a number in [0, 1); the same seed gives the same number.
pub(crate) fn random(args: &[JValue]) -> Result {
    let seed = match arg(args, 0) {
        None => rand::random::<u64>(),
        Some(v) => match v.as_f64() {
            Some(n) => n.to_bits(),
            None => return Err(fail("T0410: Argument 1 of function $random must be a number")),
        },
    };
    // splitmix64: a well-mixed draw from one seed.
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    Ok(JValue::from((z >> 11) as f64 / (1u64 << 53) as f64))
}

/// `$uuid()`: a random version-4 UUID.
pub(crate) fn uuid(_args: &[JValue]) -> Result {
    let id = uuid::Builder::from_random_bytes(rand::random::<[u8; 16]>()).into_uuid();
    Ok(JValue::from(id.hyphenated().to_string()))
}

/// `$parse(text)`: the JSON value the text holds.
pub(crate) fn parse(args: &[JValue]) -> Result {
    let Some(text) = arg(args, 0) else { return Ok(JValue::Undefined) };
    let Some(text) = text.as_str() else {
        return Err(fail("T0410: Argument 1 of function $parse must be a string"));
    };
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => Ok(to_jvalue(&v)),
        Err(e) => Err(fail(format!("The string '{text}' cannot be parsed as JSON: {e}"))),
    }
}

#[cfg(test)]
fn json(v: Result) -> serde_json::Value {
    super::convert::from_jvalue(&v.unwrap()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json as j;

    fn n(x: i64) -> JValue {
        JValue::from(x)
    }

    #[test]
    fn partition_and_range() {
        let a = JValue::array(vec![n(1), n(2), n(3)]);
        assert_eq!(json(partition(&[a.clone(), n(2)])), j!([[1, 2], [3]]));
        assert_eq!(json(partition(&[JValue::array(vec![]), n(2)])), j!([]));
        assert!(partition(&[a, n(0)]).is_err());
        assert_eq!(json(range(&[n(0), n(10), n(3)])), j!([0, 3, 6, 9]));
        assert_eq!(json(range(&[n(5), n(1), n(-2)])), j!([5, 3, 1]));
        assert_eq!(json(range(&[n(1), n(0), n(1)])), j!([]));
        assert!(range(&[n(0), n(1), n(0)]).is_err());
    }

    #[test]
    fn hash_uuid_parse_random() {
        let h = json(hash(&[JValue::from("abc"), JValue::from("MD5")]));
        assert_eq!(h, j!("900150983cd24fb0d6963f7d28e17f72"));
        assert!(hash(&[JValue::from("abc"), JValue::from("SHA-3")]).is_err());
        assert_eq!(json(uuid(&[])).as_str().unwrap().len(), 36);
        assert_eq!(json(parse(&[JValue::from("[1, {\"a\": true}]")])), j!([1, {"a": true}]));
        assert_eq!(json(parse(&[JValue::from("-0")])), j!(0));
        assert!(parse(&[JValue::from("{")]).is_err());
        let a = json(random(&[n(7)]));
        assert_eq!(a, json(random(&[n(7)])));
        assert!((0.0..1.0).contains(&a.as_f64().unwrap()));
    }
}
