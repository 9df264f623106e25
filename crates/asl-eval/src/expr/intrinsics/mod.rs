//! The `States.*` intrinsic functions at run time.
//!
//! Arguments are evaluated first, innermost calls first; a path argument that matches
//! nothing fails with `States.Runtime` worded like any other missing path of the field.
//! Bad argument *values* (a string where an array is needed, an index out of range, a
//! range over 1,000 items, ...) fail with `States.IntrinsicFailure`: the corpus records
//! no such failure, so the cause texts are ours, each naming the function and the
//! offending value.

mod args;
mod array;
mod encoding;
mod json;
mod math;
mod string;

use super::jsonpath::evaluate;
use super::{cache, select, Scope};
use crate::engine::io::{size_within, PAYLOAD_LIMIT};
use crate::RuntimeError;
use args::Args;
use asl_model::expr::{ArgValue, IntrinsicCall};
use serde_json::Value;

/// Evaluates one intrinsic call such as `States.Format('{}', $.x)` against the scope.
pub fn call_intrinsic(text: &str, scope: &Scope) -> Result<Value, RuntimeError> {
    call_intrinsic_field(text, scope, None)
}

/// [`call_intrinsic`] for the field `field` (`"x.$"`), which missing-path causes name.
pub(crate) fn call_intrinsic_field(
    text: &str,
    scope: &Scope,
    field: Option<&str>,
) -> Result<Value, RuntimeError> {
    let call = cache::intrinsic(text).map_err(|e| {
        RuntimeError::intrinsic(format!("Invalid intrinsic function call '{text}': {}", e.message))
    })?;
    Call { scope, field }.evaluate(&call)
}

/// What evaluating calls needs to know besides the call itself.
struct Call<'s, 'a> {
    scope: &'s Scope<'a>,
    field: Option<&'s str>,
}

/// The most bytes (as JSON) one call's arguments together, or its result, may hold.
/// AWS documents no such limit, only 256 KiB payloads and 10 nested calls; but calls
/// multiply sizes (`States.Format('{}{}', …)` doubles its argument, `States.Array($, $)`
/// copies the input twice), and 10 levels of that from a 256 KiB input would not fit in
/// memory. 64 times the payload limit leaves any value that can end in a payload, or be
/// measured or searched on its way there, well inside.
const MAX_VALUE_BYTES: usize = 64 * PAYLOAD_LIMIT;

impl Call<'_, '_> {
    fn evaluate(&self, call: &IntrinsicCall) -> Result<Value, RuntimeError> {
        let mut budget = MAX_VALUE_BYTES;
        let mut values = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            let value = self.argument(&arg.value)?;
            budget -= size_within(&value, budget).ok_or_else(|| too_big(&call.name, "its arguments"))?;
            values.push(value);
        }
        let args = Args::new(&call.name, values);
        let result = self.dispatch(call, args)?;
        match size_within(&result, MAX_VALUE_BYTES) {
            Some(_) => Ok(result),
            None => Err(too_big(&call.name, "its result")),
        }
    }

    fn dispatch(&self, call: &IntrinsicCall, args: Args) -> Result<Value, RuntimeError> {
        match call.name.as_str() {
            "States.Format" => string::format(call, args),
            "States.StringSplit" => string::string_split(args),
            "States.UUID" => string::uuid(args),
            "States.StringToJson" => json::string_to_json(args),
            "States.JsonToString" => json::json_to_string(args),
            "States.JsonMerge" => json::json_merge(args),
            "States.Array" => Ok(Value::Array(args.into_values())),
            "States.ArrayPartition" => array::partition(args),
            "States.ArrayContains" => array::contains(args),
            "States.ArrayRange" => array::range(args),
            "States.ArrayGetItem" => array::get_item(args),
            "States.ArrayLength" => array::length(args),
            "States.ArrayUnique" => array::unique(args),
            "States.Base64Encode" => encoding::base64_encode(args),
            "States.Base64Decode" => encoding::base64_decode(args),
            "States.Hash" => encoding::hash(args),
            "States.MathRandom" => math::random(args),
            "States.MathAdd" => math::add(args),
            other => Err(RuntimeError::intrinsic(format!("Unknown intrinsic function '{other}'"))),
        }
    }

    fn argument(&self, arg: &ArgValue) -> Result<Value, RuntimeError> {
        Ok(match arg {
            ArgValue::String(s) => Value::String(s.value.clone()),
            ArgValue::Number(n) => Value::Number(n.clone()),
            ArgValue::Bool(b) => Value::Bool(*b),
            ArgValue::Null => Value::Null,
            ArgValue::Path(path) => match evaluate(path, self.scope, None) {
                Ok(selection) => selection.into_value(),
                Err(_) => return Err(select::not_found(&path.to_string(), self.field, self.scope.input)),
            },
            ArgValue::Call(inner) => self.evaluate(inner)?,
        })
    }
}

fn too_big(name: &str, what: &str) -> RuntimeError {
    RuntimeError::intrinsic(format!(
        "{name}: {what} would take more than {MAX_VALUE_BYTES} bytes as JSON (64 times the payload limit of {PAYLOAD_LIMIT} bytes)"
    ))
}

#[cfg(test)]
mod tests;
