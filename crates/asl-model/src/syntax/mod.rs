//! Reading text into a spanned syntax tree: JSON (JSONC-tolerant) and YAML.

mod json;
mod json_token;
mod tree;
mod yaml;
mod yaml_scalar;
mod yaml_write;

pub use json::{read_json, read_json_with_duplicates};
pub use tree::{
    find_duplicates, number_value, pointer_push, pointer_tokens, value_kind, Duplicate, FastMap, Fnv, Member,
    Members, Node, NodeValue,
};
pub use yaml::{read_yaml, read_yaml_tagged};
pub use yaml_write::write_yaml;

/// Nesting deeper than this is refused before any recursive code sees it: real machines
/// nest a few dozen levels, and recursion over 100,000 levels would overflow the stack.
pub const MAX_DEPTH: usize = 512;
