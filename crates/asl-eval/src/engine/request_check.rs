//! Service integration parameters that AWS refuses before it calls the service: the Task
//! fails with `States.Runtime` ("The Parameters '...' could not be used to start the
//! Task: [...]") and no TaskScheduled event (LocalStack's AWS snapshot
//! test_apigetway_task_service.py::TestTaskApiGateway::test_invoke_with_headers
//! [singleStringHeader]).

use serde_json::Value;

/// Why AWS would refuse `params` for `resource`, in its words; `None` when it would call.
pub(crate) fn refusal(resource: &str, params: &Value) -> Option<String> {
    if resource.starts_with("arn:aws:states:::apigateway:invoke") {
        // API Gateway's Headers and QueryParameters map names to lists of strings.
        for field in ["Headers", "QueryParameters"] {
            if let Some(v) = params.get(field) {
                if !is_string_lists(v) {
                    return Some(format!("The value of the field '{field}' has an invalid format"));
                }
            }
        }
    }
    None
}

fn is_string_lists(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            m.values().all(|l| l.as_array().is_some_and(|items| items.iter().all(Value::is_string)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn api_gateway_headers_must_map_names_to_lists_of_strings() {
        let invoke = "arn:aws:states:::apigateway:invoke";
        assert_eq!(refusal(invoke, &json!({"Headers": {"h": ["a", "b"]}})), None);
        assert_eq!(
            refusal(invoke, &json!({"Headers": {"h": "a"}})).as_deref(),
            Some("The value of the field 'Headers' has an invalid format")
        );
        assert!(refusal(invoke, &json!({"QueryParameters": {"q": [1]}})).is_some());
        assert!(refusal(invoke, &json!({"Headers": ["h"]})).is_some());
        assert_eq!(refusal("arn:aws:states:::sqs:sendMessage", &json!({"Headers": "x"})), None);
    }
}
