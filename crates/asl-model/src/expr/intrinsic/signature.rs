//! The signature of every AWS intrinsic and the static checks they allow.
//!
//! Source: the AWS Step Functions developer guide, "Intrinsic functions" (input
//! validation sections). Only what can be known without data is checked: arity, the type
//! of literal arguments, the return type of nested calls, and the documented literal
//! limits. Path arguments are typed only at run time.

use super::{ArgValue, IntrinsicArg, IntrinsicCall};
use crate::expr::ExprError;

/// What an argument must be (or what a function returns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// Anything.
    Any,
    /// A string.
    String,
    /// A number.
    Number,
    /// An integer.
    Integer,
    /// > 0 (ArrayPartition chunk size)
    PositiveInteger,
    /// >= 0 (ArrayGetItem index)
    NonNegativeInteger,
    /// != 0 (ArrayRange step)
    NonZeroInteger,
    /// A boolean.
    Boolean,
    /// exactly `false` (JsonMerge: only shallow merging exists)
    False,
    /// An array.
    Array,
    /// An object.
    Object,
    /// What `States.Format` can insert: string, number, boolean or null.
    FormatValue,
    /// One of [`HASH_ALGORITHMS`].
    HashAlgorithm,
}

impl ArgKind {
    /// The kind in words, for messages ("a positive integer").
    pub fn describe(self) -> &'static str {
        match self {
            ArgKind::Any => "any value",
            ArgKind::String => "a string",
            ArgKind::Number => "a number",
            ArgKind::Integer => "an integer",
            ArgKind::PositiveInteger => "a positive integer",
            ArgKind::NonNegativeInteger => "a non-negative integer",
            ArgKind::NonZeroInteger => "a non-zero integer",
            ArgKind::Boolean => "a boolean",
            ArgKind::False => "false",
            ArgKind::Array => "an array",
            ArgKind::Object => "a JSON object",
            ArgKind::FormatValue => "a string, number, boolean or null",
            ArgKind::HashAlgorithm => "one of MD5, SHA-1, SHA-256, SHA-384, SHA-512",
        }
    }
}

/// Arity and argument kinds of one intrinsic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntrinsicSignature {
    /// The function name, e.g. `States.ArrayRange`.
    pub name: &'static str,
    /// Fewest arguments.
    pub min_args: usize,
    /// `None`: variadic.
    pub max_args: Option<usize>,
    /// Kinds of the leading arguments, by position.
    pub params: &'static [ArgKind],
    /// Kind of every argument after `params`.
    pub rest: ArgKind,
    /// Kind of the returned value.
    pub returns: ArgKind,
}

impl IntrinsicSignature {
    /// The kind the argument at `index` must be.
    pub fn param(&self, index: usize) -> ArgKind {
        self.params.get(index).copied().unwrap_or(self.rest)
    }
}

/// The algorithms `States.Hash` accepts.
pub const HASH_ALGORITHMS: &[&str] = &["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// AWS counts every call in a field: "You can nest up to 10 intrinsic functions".
const MAX_CALLS: usize = 10;
/// Documented input limits of the Base64 and Hash functions, in characters.
const MAX_DATA_CHARS: usize = 10_000;
/// ArrayRange "can't contain more than 1000 items".
const MAX_RANGE_ITEMS: i128 = 1000;

use ArgKind as K;

const fn sig(
    name: &'static str,
    min_args: usize,
    max_args: Option<usize>,
    params: &'static [ArgKind],
    rest: ArgKind,
    returns: ArgKind,
) -> IntrinsicSignature {
    IntrinsicSignature { name, min_args, max_args, params, rest, returns }
}

/// Every intrinsic function AWS documents.
pub const SIGNATURES: &[IntrinsicSignature] = &[
    sig("States.Format", 1, None, &[K::String], K::FormatValue, K::String),
    sig("States.StringToJson", 1, Some(1), &[K::String], K::Any, K::Any),
    sig("States.JsonToString", 1, Some(1), &[K::Any], K::Any, K::String),
    sig("States.Array", 0, None, &[], K::Any, K::Array),
    sig("States.ArrayPartition", 2, Some(2), &[K::Array, K::PositiveInteger], K::Any, K::Array),
    sig("States.ArrayContains", 2, Some(2), &[K::Array, K::Any], K::Any, K::Boolean),
    sig("States.ArrayRange", 3, Some(3), &[K::Integer, K::Integer, K::NonZeroInteger], K::Any, K::Array),
    sig("States.ArrayGetItem", 2, Some(2), &[K::Array, K::NonNegativeInteger], K::Any, K::Any),
    sig("States.ArrayLength", 1, Some(1), &[K::Array], K::Any, K::Integer),
    sig("States.ArrayUnique", 1, Some(1), &[K::Array], K::Any, K::Array),
    sig("States.Base64Encode", 1, Some(1), &[K::String], K::Any, K::String),
    sig("States.Base64Decode", 1, Some(1), &[K::String], K::Any, K::String),
    sig("States.Hash", 2, Some(2), &[K::String, K::HashAlgorithm], K::Any, K::String),
    sig("States.JsonMerge", 3, Some(3), &[K::Object, K::Object, K::False], K::Any, K::Object),
    // The seed is optional and only needs to be a number.
    sig("States.MathRandom", 2, Some(3), &[K::Integer, K::Integer, K::Number], K::Any, K::Integer),
    sig("States.MathAdd", 2, Some(2), &[K::Integer, K::Integer], K::Any, K::Integer),
    sig("States.StringSplit", 2, Some(2), &[K::String, K::String], K::Any, K::Array),
    sig("States.UUID", 0, Some(0), &[], K::Any, K::String),
];

/// The signature of an intrinsic by its exact (case-sensitive) name.
pub fn signature(name: &str) -> Option<&'static IntrinsicSignature> {
    SIGNATURES.iter().find(|s| s.name == name)
}

/// Every static problem of a call and its nested calls, in source order (none is
/// short-circuited): unknown names, arity, literal types and limits.
pub fn check_intrinsic(call: &IntrinsicCall) -> Vec<ExprError> {
    let mut errors = Vec::new();
    let calls = count_calls(call);
    if calls > MAX_CALLS {
        errors.push(ExprError::new(
            format!("{calls} intrinsic functions in one field; AWS allows at most {MAX_CALLS}"),
            call.offset,
        ));
    }
    check_call(call, &mut errors);
    errors
}

fn count_calls(call: &IntrinsicCall) -> usize {
    1 + call
        .args
        .iter()
        .map(|arg| match &arg.value {
            ArgValue::Call(inner) => count_calls(inner),
            _ => 0,
        })
        .sum::<usize>()
}

fn check_call(call: &IntrinsicCall, errors: &mut Vec<ExprError>) {
    let sig = signature(&call.name);
    match sig {
        None => errors.push(ExprError::new(unknown_message(&call.name), call.offset)),
        Some(sig) => check_arity(call, sig, errors),
    }
    for (i, arg) in call.args.iter().enumerate() {
        if let Some(sig) = sig {
            if let Some(problem) = check_arg(sig.param(i), arg) {
                let message = format!(
                    "argument {} of {} must be {}, found {problem}",
                    i + 1,
                    sig.name,
                    sig.param(i).describe()
                );
                errors.push(ExprError::new(message, arg.offset));
            }
        }
        if let ArgValue::Call(inner) = &arg.value {
            check_call(inner, errors);
        }
    }
    if let Some(sig) = sig {
        check_limits(call, sig, errors);
    }
}

fn unknown_message(name: &str) -> String {
    let suggestion = SIGNATURES
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(name) || s.name.strip_prefix("States.") == Some(name));
    match suggestion {
        Some(s) => format!("unknown intrinsic function '{name}'; did you mean {}?", s.name),
        None => format!("unknown intrinsic function '{name}'"),
    }
}

fn check_arity(call: &IntrinsicCall, sig: &IntrinsicSignature, errors: &mut Vec<ExprError>) {
    let n = call.args.len();
    let too_many = sig.max_args.is_some_and(|max| n > max);
    if n >= sig.min_args && !too_many {
        return;
    }
    let expected = match sig.max_args {
        Some(max) if max == sig.min_args => plural(max),
        Some(max) if too_many => format!("at most {}", plural(max)),
        _ => format!("at least {}", plural(sig.min_args)),
    };
    errors.push(ExprError::new(format!("{} takes {expected}, found {n}", sig.name), call.offset));
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 argument".to_string()
    } else {
        format!("{n} arguments")
    }
}

/// Why `arg` cannot be of `kind` (what it was found to be), or `None` if it can.
fn check_arg(kind: ArgKind, arg: &IntrinsicArg) -> Option<String> {
    let found = match &arg.value {
        ArgValue::Path(_) => return None,
        ArgValue::Call(inner) => {
            let returns = signature(&inner.name)?.returns;
            return (!accepts(kind, returns))
                .then(|| format!("{} (returned by {})", returns.describe(), inner.name));
        }
        ArgValue::String(s) => match kind {
            K::Any | K::String | K::FormatValue => return None,
            K::HashAlgorithm if HASH_ALGORITHMS.contains(&s.value.as_str()) => return None,
            K::HashAlgorithm => format!("'{}'", s.value),
            _ => "a string".to_string(),
        },
        ArgValue::Number(n) => {
            let int = n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
            match (kind, int) {
                (K::Any | K::Number | K::FormatValue, _) => return None,
                (K::Integer, Some(_)) => return None,
                (K::PositiveInteger, Some(i)) if i > 0 => return None,
                (K::NonNegativeInteger, Some(i)) if i >= 0 => return None,
                (K::NonZeroInteger, Some(i)) if i != 0 => return None,
                _ => format!("{n}"),
            }
        }
        ArgValue::Bool(b) => match kind {
            K::Any | K::Boolean | K::FormatValue => return None,
            K::False if !b => return None,
            _ => format!("{b}"),
        },
        ArgValue::Null => match kind {
            K::Any | K::FormatValue => return None,
            _ => "null".to_string(),
        },
    };
    Some(found)
}

/// Whether a value of kind `value` (a nested call's return) can fill a `param`.
fn accepts(param: ArgKind, value: ArgKind) -> bool {
    use ArgKind::*;
    matches!(
        (param, value),
        (Any, _)
            | (_, Any)
            | (String | HashAlgorithm | FormatValue, String)
            | (Number | FormatValue, Integer | Number)
            | (Integer | PositiveInteger | NonNegativeInteger | NonZeroInteger, Integer)
            | (Boolean | False | FormatValue, Boolean)
            | (Array, Array)
            | (Object, Object)
    )
}

/// Rules that look at several arguments or at literal sizes.
fn check_limits(call: &IntrinsicCall, sig: &IntrinsicSignature, errors: &mut Vec<ExprError>) {
    let literal_int = |i: usize| match call.args.get(i).map(|a| &a.value) {
        Some(ArgValue::Number(n)) => n.as_i64().map(i128::from),
        _ => None,
    };
    match sig.name {
        "States.Format" => {
            if let Some(IntrinsicArg { value: ArgValue::String(template), offset }) = call.args.first() {
                let placeholders = template.placeholder_count();
                let values = call.args.len() - 1;
                if placeholders != values {
                    let message = format!(
                        "the template has {placeholders} '{{}}' placeholder(s) but {values} value(s) follow it"
                    );
                    errors.push(ExprError::new(message, *offset));
                }
            }
        }
        "States.ArrayRange" => {
            if let (Some(start), Some(end), Some(step)) = (literal_int(0), literal_int(1), literal_int(2)) {
                let items = if step != 0 && (end - start).signum() != -step.signum() {
                    (end - start) / step + 1
                } else {
                    0
                };
                if items > MAX_RANGE_ITEMS {
                    let message = format!(
                        "States.ArrayRange would create {items} items; AWS allows at most {MAX_RANGE_ITEMS}"
                    );
                    errors.push(ExprError::new(message, call.offset));
                }
            }
        }
        "States.Base64Encode" | "States.Base64Decode" | "States.Hash" => {
            if let Some(IntrinsicArg { value: ArgValue::String(data), offset }) = call.args.first() {
                let chars = data.value.chars().count();
                if chars > MAX_DATA_CHARS {
                    let message =
                        format!("{} accepts at most {MAX_DATA_CHARS} characters, found {chars}", sig.name);
                    errors.push(ExprError::new(message, *offset));
                }
            }
        }
        _ => {}
    }
}
