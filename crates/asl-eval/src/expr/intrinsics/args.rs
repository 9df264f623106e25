//! Evaluated arguments of one call, read with the type each function requires. Every
//! mismatch becomes `States.IntrinsicFailure` naming the function, the argument and
//! the value found.

use crate::expr::value::{as_integer, compact, type_name};
use crate::RuntimeError;
use serde_json::{Map, Number, Value};

pub(super) struct Args<'n> {
    name: &'n str,
    values: Vec<Value>,
}

impl<'n> Args<'n> {
    pub fn new(name: &'n str, values: Vec<Value>) -> Self {
        Args { name, values }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn into_values(self) -> Vec<Value> {
        self.values
    }

    /// Fails unless the call has between `min` and `max` arguments.
    pub fn expect_count(&self, min: usize, max: usize) -> Result<(), RuntimeError> {
        let n = self.values.len();
        if (min..=max).contains(&n) {
            return Ok(());
        }
        let expected = match (min, max) {
            (a, b) if a == b => format!("{a}"),
            (a, b) => format!("{a} to {b}"),
        };
        Err(self.fail(format!("expected {expected} argument(s), found {n}")))
    }

    /// A `States.IntrinsicFailure` about this call.
    pub fn fail(&self, detail: impl std::fmt::Display) -> RuntimeError {
        RuntimeError::intrinsic(format!("Invalid arguments in {}: {detail}", self.name))
    }

    pub fn get(&self, i: usize) -> Result<&Value, RuntimeError> {
        self.values.get(i).ok_or_else(|| self.fail(format!("argument {} is missing", i + 1)))
    }

    /// Moves argument `i` out (it is left `null`).
    pub fn take(&mut self, i: usize) -> Result<Value, RuntimeError> {
        match self.values.get_mut(i) {
            Some(v) => Ok(std::mem::take(v)),
            None => Err(self.fail(format!("argument {} is missing", i + 1))),
        }
    }

    fn wrong(&self, i: usize, expected: &str) -> RuntimeError {
        match self.values.get(i) {
            Some(found) => self.fail(format!(
                "argument {} must be {expected}, but was the {} {}",
                i + 1,
                type_name(found),
                compact(found)
            )),
            None => self.fail(format!("argument {} is missing", i + 1)),
        }
    }

    pub fn string(&self, i: usize) -> Result<&str, RuntimeError> {
        self.get(i)?.as_str().ok_or_else(|| self.wrong(i, "a string"))
    }

    pub fn array(&self, i: usize) -> Result<&Vec<Value>, RuntimeError> {
        self.get(i)?.as_array().ok_or_else(|| self.wrong(i, "an array"))
    }

    pub fn object(&self, i: usize) -> Result<&Map<String, Value>, RuntimeError> {
        self.get(i)?.as_object().ok_or_else(|| self.wrong(i, "a JSON object"))
    }

    pub fn boolean(&self, i: usize) -> Result<bool, RuntimeError> {
        self.get(i)?.as_bool().ok_or_else(|| self.wrong(i, "a boolean"))
    }

    pub fn number(&self, i: usize) -> Result<&Number, RuntimeError> {
        self.get(i)?.as_number().ok_or_else(|| self.wrong(i, "a number"))
    }

    /// An integral number (`2` or `2.0`).
    pub fn integer(&self, i: usize) -> Result<i64, RuntimeError> {
        self.number(i).ok().and_then(as_integer).ok_or_else(|| self.wrong(i, "an integer"))
    }

    /// A number rounded to the nearest integer as Java's `Math.round` does (halves go up:
    /// 2.5 -> 3, -2.5 -> -2); AWS documents this rounding for MathAdd and MathRandom and
    /// the corpus confirms it.
    pub fn rounded(&self, i: usize) -> Result<i64, RuntimeError> {
        let n = self.number(i)?;
        if let Some(int) = n.as_i64() {
            return Ok(int);
        }
        let f = n.as_f64().filter(|f| f.is_finite()).ok_or_else(|| self.wrong(i, "a finite number"))?;
        // floor(f + 0.5) computed exactly: adding 0.5 first would round 0.49999999999999994 up.
        let floor = f.floor();
        let r = if f - floor >= 0.5 { floor + 1.0 } else { floor };
        // Beyond i64 the value is meaningless for every caller, which range-check anyway.
        if !(-9.2e18..9.2e18).contains(&r) {
            return Err(self.wrong(i, "a number within the 64-bit integer range"));
        }
        Ok(r as i64)
    }
}
