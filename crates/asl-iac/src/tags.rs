//! CloudFormation's short-form tags (`!Sub`, `!GetAtt`, `!Ref`, ...) read as their JSON
//! long forms, and where intrinsic functions sit in a definition.

use asl_model::syntax::{read_yaml_tagged, Member, Node, NodeValue};
use asl_model::ParseError;

/// Reads YAML with CloudFormation's short forms turned into their long forms:
/// `!Ref X` -> `{"Ref": "X"}`, `!GetAtt A.B` -> `{"Fn::GetAtt": ["A", "B"]}` (split at the
/// first dot), `!Condition C` -> `{"Condition": "C"}`, any other `!Fn v` -> `{"Fn::Fn": v}`.
pub fn read_tagged_yaml(text: &str) -> Result<Node, ParseError> {
    read_yaml_tagged(text, &long_form)
}

fn long_form(tag: &str, node: Node) -> Node {
    let span = node.span;
    let key = match tag {
        "Ref" | "Condition" => tag.to_owned(),
        _ => format!("Fn::{tag}"),
    };
    let value = match (tag, node.as_str()) {
        ("GetAtt", Some(s)) if s.contains('.') => {
            let (resource, attribute) = s.split_once('.').unwrap_or((s, ""));
            let part = |s: &str| Node::new(span, NodeValue::String(s.into()));
            Node::new(span, NodeValue::Array(vec![part(resource), part(attribute)]))
        }
        _ => node,
    };
    Node::new(
        span,
        NodeValue::Object(vec![Member { key: key.as_str().into(), key_span: span, value }].into()),
    )
}

/// Whether a node is an intrinsic function call: an object with one member named `Ref`,
/// `Condition` or `Fn::*`.
pub(crate) fn is_intrinsic(node: &Node) -> bool {
    match node.as_object() {
        Some([m]) => m.key == "Ref" || m.key == "Condition" || m.key.starts_with("Fn::"),
        _ => false,
    }
}

/// JSON pointers of the intrinsic function calls in a definition (`Resource: !GetAtt
/// F.Arn`): a validator reports their object where a string belongs, but CloudFormation
/// replaces them with strings before AWS ever sees the definition.
pub fn intrinsic_pointers(tree: &Node) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), tree)];
    while let Some((pointer, node)) = stack.pop() {
        if is_intrinsic(node) {
            out.push(pointer);
            continue;
        }
        match &node.value {
            NodeValue::Object(members) => {
                for m in members.iter() {
                    stack.push((asl_model::syntax::pointer_push(&pointer, &m.key), &m.value));
                }
            }
            NodeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    stack.push((format!("{pointer}/{i}"), item));
                }
            }
            _ => {}
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_become_long_forms() {
        let tree = read_tagged_yaml(
            "a: !GetAtt Fn.Arn\nb: !Ref X\nc: !Sub\n  - '${A}'\n  - {A: 1}\nd: !Join [',', [x]]\n",
        )
        .unwrap();
        let v = tree.to_value();
        assert_eq!(v["a"], serde_json::json!({"Fn::GetAtt": ["Fn", "Arn"]}));
        assert_eq!(v["b"], serde_json::json!({"Ref": "X"}));
        assert_eq!(v["c"], serde_json::json!({"Fn::Sub": ["${A}", {"A": 1}]}));
        assert_eq!(v["d"], serde_json::json!({"Fn::Join": [",", ["x"]]}));
        assert_eq!(intrinsic_pointers(&tree), ["/a", "/b", "/c", "/d"]);
    }
}
