//! The syntax tree both readers (JSON and YAML) produce: plain JSON data where every
//! value and every object key carries its byte span in the original text.

use crate::text::Span;
use compact_str::CompactString;
use serde_json::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hash map keyed by short, trusted strings (state names, keys).
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// FNV-1a: state names are short and not adversarial, and SipHash cost a tenth of the
/// validation time on a 5,000-state machine.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A value of the syntax tree, with the byte span it covers in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value is written (for a string, quotes included).
    pub span: Span,
    /// The value.
    pub value: NodeValue,
}

/// A JSON value whose children are [`Node`]s.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// `null`
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The number as written (JSON) or in canonical JSON form (YAML), so `1.0` stays `1.0`.
    Number(String),
    /// Strings (and keys) are stored inline up to 24 bytes: most ASL keys and many
    /// values are short, and a heap allocation per string was a third of reading time.
    String(CompactString),
    /// Elements in text order.
    Array(Vec<Node>),
    /// Members in text order; duplicate keys are kept (the checker reports them) and
    /// lookups see the last one, as JSON.parse and AWS's parser do.
    Object(Members),
}

/// An object's members. Large objects (a machine's `States`) also get a key index, so a
/// lookup by pointer stays O(depth) instead of O(states) on every rule that needs one.
#[derive(Clone, Debug, Default)]
pub struct Members {
    list: Vec<Member>,
    /// Key -> position of its last occurrence; only for objects above `INDEXED`. Boxed:
    /// few objects have one, and every object (and so every `Node`) carried its 32 bytes.
    index: Option<Box<FastMap<CompactString, usize>>>,
}

/// Below this many members a linear scan is faster than hashing.
const INDEXED: usize = 24;

impl Members {
    /// Wraps the members, indexing their keys when there are many.
    pub fn new(list: Vec<Member>) -> Self {
        let index = (list.len() > INDEXED)
            .then(|| Box::new(list.iter().enumerate().map(|(i, m)| (m.key.clone(), i)).collect()));
        // (collect keeps the last position of a duplicated key, as lookups must)
        Members { list, index }
    }

    /// The member with this key (the last one when the key is duplicated).
    pub fn find(&self, key: &str) -> Option<&Member> {
        match &self.index {
            Some(index) => index.get(key).map(|&i| &self.list[i]),
            None => {
                // Length first: most keys of an object differ in length, so few compares.
                let key = key.as_bytes();
                self.list.iter().rev().find(|m| m.key.len() == key.len() && m.key.as_bytes() == key)
            }
        }
    }

    /// Positions of members whose key already appeared before them (usually none, and
    /// then nothing is allocated).
    pub fn repeated(members: &[Member]) -> Vec<usize> {
        if members.len() <= INDEXED {
            let same = |a: &Member, b: &Member| a.key.len() == b.key.len() && a.key == b.key;
            return (0..members.len())
                .filter(|&i| members[..i].iter().any(|p| same(p, &members[i])))
                .collect();
        }
        // A machine's `States` can hold thousands of members: hash, don't compare pairs.
        let mut seen: FastMap<&str, ()> = FastMap::default();
        (0..members.len()).filter(|&i| seen.insert(members[i].key.as_str(), ()).is_some()).collect()
    }

    /// The members, in text order.
    pub fn into_vec(self) -> Vec<Member> {
        self.list
    }
}

impl From<Vec<Member>> for Members {
    fn from(list: Vec<Member>) -> Self {
        Members::new(list)
    }
}

impl std::ops::Deref for Members {
    type Target = Vec<Member>;
    fn deref(&self) -> &Vec<Member> {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Members {
    type Item = &'a Member;
    type IntoIter = std::slice::Iter<'a, Member>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl PartialEq for Members {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

/// An object member: its key, where the key is written, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: CompactString,
    /// The key token, quotes included.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl Member {
    /// From the key's first byte to the value's last.
    pub fn span(&self) -> Span {
        Span::new(self.key_span.start, self.value.span.end)
    }
}

impl Node {
    /// A node of this value over `span`.
    pub fn new(span: Span, value: NodeValue) -> Self {
        Node { span, value }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            NodeValue::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            NodeValue::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            NodeValue::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// A non-negative integer (`3` or `3.0`), as AWS accepts for counts and seconds.
    pub fn as_u64(&self) -> Option<u64> {
        let f = self.as_f64()?;
        (f >= 0.0 && f.fract() == 0.0 && f <= u64::MAX as f64).then_some(f as u64)
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.value, NodeValue::Null)
    }

    /// The member with this key (the last one when the key is duplicated).
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            NodeValue::Object(members) => members.find(key),
            _ => None,
        }
    }

    /// The value of the member with this key (the last one when the key is duplicated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The JSON type name used in messages ("object", "string", ...).
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            NodeValue::Null => "null",
            NodeValue::Bool(_) => "boolean",
            NodeValue::Number(_) => "number",
            NodeValue::String(_) => "string",
            NodeValue::Array(_) => "array",
            NodeValue::Object(_) => "object",
        }
    }

    /// Resolves an RFC 6901 JSON pointer ("" is this node).
    pub fn at(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = self;
        if !rest.contains('~') {
            // The common case: no escapes, so tokens are plain slices (no allocation).
            for token in rest.split('/') {
                node = node.child(token)?;
            }
            return Some(node);
        }
        for token in rest.split('/') {
            node = node.child(&token.replace("~1", "/").replace("~0", "~"))?;
        }
        Some(node)
    }

    fn child(&self, token: &str) -> Option<&Node> {
        match &self.value {
            NodeValue::Object(members) => members.find(token).map(|m| &m.value),
            NodeValue::Array(items) => items.get(token.parse::<usize>().ok()?),
            _ => None,
        }
    }

    /// The plain JSON value, without spans.
    pub fn to_value(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Number(n) => number_value(n),
            // `as_str().to_owned()`, not `to_string()`: that goes through `Display`'s
            // formatting machinery, 2% of reading a 10,000-state machine.
            NodeValue::String(s) => Value::String(s.as_str().to_owned()),
            NodeValue::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            NodeValue::Object(members) => {
                let mut map = serde_json::Map::with_capacity(members.len());
                for m in members {
                    // Duplicate keys: the last occurrence wins, in the first one's place.
                    map.insert(m.key.as_str().to_owned(), m.value.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// A key written twice in one object (AWS's parser refuses these).
#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    /// Pointer of the repeated member.
    pub pointer: String,
    /// The span of the repeated key token, quotes included.
    pub key_span: Span,
    /// The key, unescaped.
    pub key: String,
}

/// Every repeated key in the tree (the JSON reader finds them while reading; this walk
/// serves the YAML reader).
pub fn find_duplicates(root: &Node) -> Vec<Duplicate> {
    fn walk(node: &Node, pointer: &mut String, out: &mut Vec<Duplicate>) {
        let len = pointer.len();
        match &node.value {
            NodeValue::Object(members) => {
                for i in Members::repeated(members) {
                    let m = &members[i];
                    out.push(Duplicate {
                        pointer: pointer_push(pointer, &m.key),
                        key_span: m.key_span,
                        key: m.key.to_string(),
                    });
                }
                for m in members {
                    *pointer = pointer_push(pointer, &m.key);
                    walk(&m.value, pointer, out);
                    pointer.truncate(len);
                }
            }
            NodeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pointer.push_str(&format!("/{i}"));
                    walk(item, pointer, out);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(root, &mut String::new(), &mut out);
    out
}

/// The JSON type of a value as messages name it ("object", "string", ...), shared by
/// the checker and the interpreter so both speak alike.
pub fn value_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A number token as a JSON value; a literal too large for f64 degrades to f64 infinity's
/// nearest representable form rather than failing.
pub fn number_value(text: &str) -> Value {
    if let Ok(n) = serde_json::from_str::<serde_json::Number>(text) {
        return Value::Number(n);
    }
    let f: f64 = text.parse().unwrap_or(0.0);
    serde_json::Number::from_f64(if f.is_finite() { f } else { f64::MAX.copysign(f) })
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// Splits a JSON pointer into unescaped tokens; `None` if it does not start with `/`.
pub fn pointer_tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect())
}

/// Appends one escaped token to a JSON pointer.
pub fn pointer_push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_and_unescape() {
        let p = pointer_push(&pointer_push("", "States"), "a/b~c");
        assert_eq!(p, "/States/a~1b~0c");
        assert_eq!(pointer_tokens(&p).unwrap(), vec!["States", "a/b~c"]);
        assert_eq!(pointer_tokens("x"), None);
    }

    #[test]
    fn numbers_keep_their_value() {
        assert_eq!(number_value("1.0").to_string(), "1.0");
        assert_eq!(number_value("12").as_u64(), Some(12));
        assert!(number_value("1e400").is_number());
    }
}
