//! MathAdd and MathRandom. Both round non-integers as Java's `Math.round` does (AWS
//! documents the rounding; the corpus shows `MathAdd(-2.5, 0)` = -2 and
//! `MathAdd(1.5, 1.51)` = 4) and work on Java `int`s.

use super::args::Args;
use crate::RuntimeError;
use serde_json::Value;

/// `States.MathAdd(a, b)`: the sum of the two rounded values.
pub(super) fn add(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(2, 2)?;
    let a = int32(&args, 0)?;
    let b = int32(&args, 1)?;
    Ok(Value::from(i64::from(a) + i64::from(b)))
}

/// `States.MathRandom(start, end[, seed])`: an integer in `[start, end)`, drawn with
/// Java's `java.util.Random` so a seed always gives the same number. AWS's exact
/// generator is not observable in the corpus; Java's is the natural guess for a Java
/// service and gives the seed a stable meaning.
pub(super) fn random(args: Args) -> Result<Value, RuntimeError> {
    args.expect_count(2, 3)?;
    let start = int32(&args, 0)?;
    let end = int32(&args, 1)?;
    let bound = i64::from(end) - i64::from(start);
    let bound = i32::try_from(bound)
        .ok()
        .filter(|b| *b > 0)
        .ok_or_else(|| args.fail(format!("the end ({end}) must be greater than the start ({start})")))?;
    let seed = if args.len() == 3 { args.rounded(2)? } else { rand::random::<i64>() };
    let drawn = JavaRandom::new(seed).next_int(bound);
    Ok(Value::from(i64::from(start) + i64::from(drawn)))
}

/// Argument `i` rounded, within Java's `int` range.
fn int32(args: &Args, i: usize) -> Result<i32, RuntimeError> {
    let value = args.rounded(i)?;
    i32::try_from(value).map_err(|_| {
        args.fail(format!(
            "argument {} ({value}) is outside the integer range -2147483648..2147483647",
            i + 1
        ))
    })
}

/// `java.util.Random`: a 48-bit linear congruential generator.
struct JavaRandom {
    seed: u64,
}

impl JavaRandom {
    const MULTIPLIER: u64 = 0x5_DEEC_E66D;
    const MASK: u64 = (1 << 48) - 1;

    fn new(seed: i64) -> Self {
        JavaRandom { seed: (seed as u64 ^ Self::MULTIPLIER) & Self::MASK }
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.seed = self.seed.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB) & Self::MASK;
        // Java keeps the low 32 bits of the shifted seed (`(int)(seed >>> (48 - bits))`).
        (self.seed >> (48 - bits)) as u32 as i32
    }

    /// `Random.nextInt(bound)` for `bound > 0`, rejection loop included.
    fn next_int(&mut self, bound: i32) -> i32 {
        let mut r = self.next(31);
        let m = bound - 1;
        if bound & m == 0 {
            return ((i64::from(bound) * i64::from(r)) >> 31) as i32;
        }
        let mut u = r;
        loop {
            r = u % bound;
            if u.wrapping_sub(r).wrapping_add(m) >= 0 {
                return r;
            }
            u = self.next(31);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::JavaRandom;

    #[test]
    fn matches_java_util_random() {
        // Values printed by OpenJDK 17 for the same calls.
        assert_eq!(JavaRandom::new(42).next_int(10), 0);
        assert_eq!(JavaRandom::new(0).next_int(100), 60);
        assert_eq!(JavaRandom::new(1).next_int(16), 11); // the power-of-two path
        let mut r = JavaRandom::new(42);
        let seq: Vec<i32> = (0..5).map(|_| r.next_int(1000)).collect();
        assert_eq!(seq, vec![130, 763, 248, 884, 970]);
        assert_eq!(JavaRandom::new(-7).next_int(i32::MAX), 577_934_662);
        assert_eq!(JavaRandom::new(i64::MIN).next_int(3), 0);
    }
}
