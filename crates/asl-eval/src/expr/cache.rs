//! Parsed paths and intrinsic calls, memoised per thread. The engine evaluates the same
//! few strings for every state it enters (a 100,000-iteration loop re-reads one
//! `InputPath`), so parsing each time would dominate; a bounded map keeps memory flat
//! whatever the definitions hold.

use asl_model::expr::{parse_intrinsic, parse_path, parse_result_path, ExprError, IntrinsicCall, JsonPath};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::thread::LocalKey;

/// A parse result; errors are kept too, so a bad string is not re-parsed each time.
pub(crate) type Parsed<T> = Result<Rc<T>, ExprError>;
type Cache<T> = RefCell<HashMap<Box<str>, Parsed<T>, BuildHasherDefault<Fnv>>>;

/// Entries per cache before it is emptied; far above what one definition holds.
const CAPACITY: usize = 4096;

thread_local! {
    static PATHS: Cache<JsonPath> = RefCell::default();
    static RESULT_PATHS: Cache<JsonPath> = RefCell::default();
    static CALLS: Cache<IntrinsicCall> = RefCell::default();
}

pub(crate) fn path(text: &str) -> Parsed<JsonPath> {
    cached(&PATHS, text, parse_path)
}

pub(crate) fn result_path(text: &str) -> Parsed<JsonPath> {
    cached(&RESULT_PATHS, text, parse_result_path)
}

pub(crate) fn intrinsic(text: &str) -> Parsed<IntrinsicCall> {
    cached(&CALLS, text, parse_intrinsic)
}

fn cached<T>(
    cache: &'static LocalKey<Cache<T>>,
    text: &str,
    parse: fn(&str) -> Result<T, ExprError>,
) -> Parsed<T> {
    cache.with(|cell| {
        if let Some(hit) = cell.borrow().get(text) {
            return hit.clone();
        }
        let parsed = parse(text).map(Rc::new);
        let mut map = cell.borrow_mut();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(text.into(), parsed.clone());
        parsed
    })
}

/// FNV-1a: the keys are short strings from the definition (no adversary), where SipHash
/// would cost more than the lookup saves.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}
