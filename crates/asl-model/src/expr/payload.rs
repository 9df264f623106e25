//! The value of a `"key.$"` payload-template field (Parameters, ResultSelector,
//! ItemSelector, Credentials, Assign, ...): a JSONPath or an intrinsic function call.

use super::intrinsic::{check_intrinsic, parse_intrinsic};
use super::path::parse_path;
use super::ExprError;

/// Checks a `"key.$"` value: a path (`$`, `$$` or `$var`) or an intrinsic call, which
/// must also pass [`check_intrinsic`]. Returns the first problem found.
pub fn check_payload_path(s: &str) -> Result<(), ExprError> {
    match s.chars().next() {
        Some('$') => parse_path(s).map(|_| ()),
        // A letter starts a function name; parse it to get a precise message even for
        // near misses such as `States.Format` without parentheses.
        Some(c) if c.is_ascii_alphabetic() => {
            let call = parse_intrinsic(s)?;
            match check_intrinsic(&call).into_iter().next() {
                Some(problem) => Err(problem),
                None => Ok(()),
            }
        }
        _ => Err(ExprError::new(
            "a \".$\" field needs a path starting with '$' or an intrinsic function such as States.Format(...)",
            0,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::check_payload_path;

    #[test]
    fn accepts_paths_and_calls() {
        for ok in [
            "$",
            "$$",
            "$.a.b",
            "$$.Execution.Input.x",
            "$$.Map.Item.Value",
            "$myVar.field",
            "$myVar",
            "States.Format('Hello {}', $.name)",
            "States.UUID()  ",
            "$$.Execution.Name ",
            "States.Array(1, 'a', true, null, $.x)",
        ] {
            assert!(check_payload_path(ok).is_ok(), "{ok}: {:?}", check_payload_path(ok));
        }
    }

    #[test]
    fn rejects_other_text_with_offsets() {
        let err = check_payload_path("hello").unwrap_err();
        assert_eq!(err.offset, 5, "{err}");
        let err = check_payload_path("'x'").unwrap_err();
        assert_eq!(err.offset, 0);
        // Both AWS's language service and statelint reject a leading blank.
        assert!(check_payload_path(" States.Array('Foo', $.xyz)").is_err());
        assert!(check_payload_path("  $.a").is_err());
        assert!(check_payload_path("").is_err());
        assert!(check_payload_path("$.a.").is_err());
        assert!(check_payload_path("States.Format").is_err());
        let err = check_payload_path("States.MathAdd($.a, 'b')").unwrap_err();
        assert_eq!(err.offset, 20);
        let err = check_payload_path("States.Nope()").unwrap_err();
        assert!(err.message.contains("unknown"), "{err}");
    }
}
