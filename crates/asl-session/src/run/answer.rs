//! The shape of a success answer for a waiting callback when nothing better is known (no
//! mocked result, no answer given before): the fields the next Choice tests in the task's
//! result, each with the first value a rule compares it to. `{}` would take the sample's
//! Choice to its Default; `{"decision": "APPROVED"}` takes its first branch. Read from the
//! definition, so the UI never walks ASL itself.

use serde_json::{Map, Value};

/// `definition`'s task state at `pointer`: the object its next Choice expects under the
/// task's ResultPath. `None` when the next state is no JSONPath Choice, when the result is
/// reshaped before the Choice sees it (ResultSelector, OutputPath) or no rule reads it.
pub(crate) fn output_skeleton(definition: &Value, pointer: &str) -> Option<Value> {
    let state = definition.pointer(pointer)?;
    if state.get("ResultSelector").is_some() || state.get("OutputPath").is_some_and(|p| p != "$") {
        return None;
    }
    // Where the result lands in what the Choice sees: `$.approval.` (or `$.` for `$`).
    let prefix = match state.get("ResultPath") {
        None => "$.".to_owned(),
        Some(Value::String(p)) if p == "$" => "$.".to_owned(),
        Some(Value::String(p)) => format!("{p}."),
        Some(_) => return None,
    };
    let next = state.get("Next")?.as_str()?;
    let scope = &pointer[..pointer.rfind('/')?];
    let choice = definition.pointer(&format!("{scope}/{}", escape(next)))?;
    if choice.get("Type")? != "Choice" || choice.get("QueryLanguage").is_some_and(|q| q == "JSONata") {
        return None;
    }
    let mut skeleton = Map::new();
    for rule in choice.get("Choices")?.as_array()? {
        collect(rule, &prefix, &mut skeleton);
    }
    (!skeleton.is_empty()).then_some(Value::Object(skeleton))
}

fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Adds what `rule` (and its And/Or/Not parts) reads under `prefix`; first value wins.
fn collect(rule: &Value, prefix: &str, into: &mut Map<String, Value>) {
    for key in ["And", "Or"] {
        for part in rule.get(key).and_then(Value::as_array).into_iter().flatten() {
            collect(part, prefix, into);
        }
    }
    if let Some(part) = rule.get("Not") {
        collect(part, prefix, into);
    }
    let Some(path) = rule.get("Variable").and_then(Value::as_str).and_then(|v| v.strip_prefix(prefix)) else {
        return;
    };
    // The compared value (a literal operator's), else null (IsPresent, *Path operators, ...).
    let value = rule
        .as_object()
        .into_iter()
        .flatten()
        .find(|(k, _)| {
            !matches!(k.as_str(), "Variable" | "Next") && !k.ends_with("Path") && !k.starts_with("Is")
        })
        .map_or(Value::Null, |(_, v)| v.clone());
    let mut at = into;
    let fields: Vec<&str> = path.split('.').collect();
    for (i, field) in fields.iter().enumerate() {
        if field.is_empty() || field.contains('[') {
            return;
        }
        if i + 1 == fields.len() {
            at.entry(*field).or_insert(value);
            return;
        }
        let slot = at.entry(*field).or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(inner) = slot else { return };
        at = inner;
    }
}

#[cfg(test)]
mod tests {
    use super::output_skeleton;
    use serde_json::json;

    #[test]
    fn the_next_choice_shapes_the_answer_under_the_result_path() {
        let text = include_str!("../../../../samples/human-approval/human-approval.asl.json");
        let definition: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            output_skeleton(&definition, "/States/RequestApproval"),
            Some(json!({"decision": "APPROVED"}))
        );
    }

    #[test]
    fn nested_fields_and_combined_rules_and_no_choice() {
        let definition = json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [
                {"And": [{"Variable": "$.review.score", "NumericGreaterThan": 3},
                         {"Variable": "$.review.ok", "IsPresent": true}], "Next": "D"}], "Default": "D"},
            "U": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "ResultSelector": {}, "Next": "C"},
            "D": {"Type": "Succeed"}}});
        assert_eq!(
            output_skeleton(&definition, "/States/T"),
            Some(json!({"review": {"score": 3, "ok": null}}))
        );
        assert_eq!(output_skeleton(&definition, "/States/U"), None, "a ResultSelector reshapes the result");
    }
}
