//! Base64Encode, Base64Decode and Hash: text is UTF-8, output is standard padded Base64
//! and lowercase hex, as AWS's examples show.

use super::args::Args;
use crate::RuntimeError;
use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT;
use base64::Engine;
use md5::Md5;
use serde_json::Value;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

/// AWS limits the input of these functions to 10,000 characters (Java counts UTF-16 units).
const MAX_CHARS: usize = 10_000;

fn limited<'a>(args: &'a Args, i: usize) -> Result<&'a str, RuntimeError> {
    let text = args.string(i)?;
    let chars = text.encode_utf16().count();
    if chars > MAX_CHARS {
        return Err(
            args.fail(format!("the input has {chars} characters, more than the maximum of {MAX_CHARS}"))
        );
    }
    Ok(text)
}

/// `States.Base64Encode(text)`.
pub(super) fn base64_encode(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(1, 1)?;
    Ok(Value::String(STANDARD_PAD_INDIFFERENT.encode(limited(&args, 0)?)))
}

/// `States.Base64Decode(base64)`: padding optional, as Java's decoder allows; bytes that
/// are not UTF-8 become U+FFFD, as Java's `new String(bytes, UTF_8)` makes them.
pub(super) fn base64_decode(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(1, 1)?;
    let encoded = limited(&args, 0)?;
    let bytes = STANDARD_PAD_INDIFFERENT
        .decode(encoded)
        .map_err(|e| args.fail(format!("the input is not valid Base64 ({e})")))?;
    Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

/// `States.Hash(text, algorithm)` with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.
pub(super) fn hash(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(2, 2)?;
    let data = limited(&args, 0)?.as_bytes();
    let digest = match args.string(1)? {
        "MD5" => Md5::digest(data).to_vec(),
        "SHA-1" => Sha1::digest(data).to_vec(),
        "SHA-256" => Sha256::digest(data).to_vec(),
        "SHA-384" => Sha384::digest(data).to_vec(),
        "SHA-512" => Sha512::digest(data).to_vec(),
        other => {
            return Err(args.fail(format!(
                "the algorithm '{other}' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
            )))
        }
    };
    Ok(Value::String(digest.iter().map(|b| format!("{b:02x}")).collect()))
}
