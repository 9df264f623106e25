//! Canonical text of an intrinsic call: `Name(arg, arg)`, strings as written (`raw`), so
//! printing and parsing again gives an equal call (offsets aside).

use super::{ArgValue, IntrinsicCall};
use std::fmt::{self, Display, Formatter};

impl Display for IntrinsicCall {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.name)?;
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", arg.value)?;
        }
        f.write_str(")")
    }
}

impl Display for ArgValue {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ArgValue::String(s) => write!(f, "'{}'", s.raw),
            ArgValue::Number(n) => write!(f, "{n}"),
            ArgValue::Bool(b) => write!(f, "{b}"),
            ArgValue::Null => f.write_str("null"),
            ArgValue::Path(path) => write!(f, "{path}"),
            ArgValue::Call(call) => write!(f, "{call}"),
        }
    }
}
