//! Payload templates (JSONPath): Parameters, ResultSelector, ItemSelector and Assign.
//! A key ending in `.$` takes the value of its path or intrinsic call and loses the
//! suffix; other members are copied, with nested objects and arrays rendered the same
//! way. A Pass state's `Result` is *not* a template (the corpus keeps `"x.$"` keys there).

use super::select::evaluate_expression;
use super::Scope;
use crate::RuntimeError;
use serde_json::{Map, Value};

/// Renders `template` against the scope (`$` is the effective input for Parameters and
/// ItemSelector, the raw result for ResultSelector). The first failing field fails the
/// whole template, with the field's key (`"x.$"`) in the cause as AWS writes it.
pub fn render_template(template: &Value, scope: &Scope) -> Result<Value, RuntimeError> {
    render(template, scope, 0)
}

/// Templates come from definitions, whose parsers bound nesting well below this; the
/// guard keeps a template built in code from overflowing the stack.
const MAX_DEPTH: usize = 1000;

fn render(template: &Value, scope: &Scope, depth: usize) -> Result<Value, RuntimeError> {
    if depth > MAX_DEPTH {
        return Err(RuntimeError::runtime(format!(
            "The payload template is nested deeper than {MAX_DEPTH} levels"
        )));
    }
    match template {
        Value::Object(members) => render_object(members, scope, depth).map(Value::Object),
        Value::Array(items) => items
            .iter()
            .map(|item| render(item, scope, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

fn render_object(
    members: &Map<String, Value>,
    scope: &Scope,
    depth: usize,
) -> Result<Map<String, Value>, RuntimeError> {
    let mut out = Map::with_capacity(members.len());
    for (key, value) in members {
        match key.strip_suffix(".$") {
            Some(name) => {
                let Value::String(text) = value else {
                    return Err(RuntimeError::runtime(format!(
                        "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
                    )));
                };
                out.insert(name.to_string(), evaluate_expression(text, scope, key)?);
            }
            None => {
                out.insert(key.clone(), render(value, scope, depth + 1)?);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(template: Value, input: Value) -> Result<Value, RuntimeError> {
        let context = json!({"Execution": {"Name": "exec-1"}, "Map": {"Item": {"Index": 3}}});
        let mut variables = Map::new();
        variables.insert("count".into(), json!(7));
        render_template(&template, &Scope { input: &input, context: &context, variables: &variables })
    }

    #[test]
    fn dollar_keys_take_paths_context_variables_and_intrinsics() {
        let out = render(
            json!({
                "plain": "$.not.a.path",
                "v.$": "$.a",
                "ctx.$": "$$.Execution.Name",
                "var.$": "$count",
                "idx.$": "$$.Map.Item.Index",
                "f.$": "States.Format('{}-{}', $.a, $count)",
                "nested": {"deep.$": "$.b[0]", "list": [{"x.$": "$.a"}, 1, "s"]}
            }),
            json!({"a": "A", "b": [true]}),
        )
        .unwrap();
        assert_eq!(
            out,
            json!({
                "plain": "$.not.a.path", "v": "A", "ctx": "exec-1", "var": 7, "idx": 3, "f": "A-7",
                "nested": {"deep": true, "list": [{"x": "A"}, 1, "s"]}
            })
        );
    }

    #[test]
    fn missing_path_names_the_field_and_prints_compact_input() {
        let err =
            render(json!({"outer": {"value.$": "$.no_such"}}), json!({"a": [1, 2], "b": "x"})).unwrap_err();
        assert_eq!(err.error, "States.Runtime");
        assert_eq!(
            err.cause,
            r#"The JSONPath '$.no_such' specified for the field 'value.$' could not be found in the input '{"a":[1,2],"b":"x"}'"#
        );
    }

    #[test]
    fn indefinite_paths_give_arrays_even_when_empty() {
        let out = render(
            json!({"all.$": "$.items[*].v", "none.$": "$.nothing[*]"}),
            json!({"items": [{"v": 1}, {"v": 2}]}),
        );
        assert_eq!(out.unwrap(), json!({"all": [1, 2], "none": []}));
    }

    #[test]
    fn scalars_and_non_string_dollar_values() {
        assert_eq!(render(json!(5), json!({})).unwrap(), json!(5));
        assert_eq!(render(json!("$.a"), json!({"a": 1})).unwrap(), json!("$.a"));
        assert!(render(json!({"x.$": 5}), json!({})).is_err());
        assert_eq!(render(json!({"whole.$": "$"}), json!([1])).unwrap(), json!({"whole": [1]}));
    }
}
