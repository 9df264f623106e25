//! `mock.fieldValidationMode`: a Task's mock result held against the response model of
//! the action it calls. The check itself is `asl_catalogue::check_result`, which the
//! engine's mocks share; TestState answers a failure as a validation exception.

use crate::request::FieldValidation;
use crate::ApiError;
use serde_json::Value;

/// Checks `result` for the Task `resource` (see `asl_catalogue::check_result`).
pub(crate) fn check(resource: &str, result: &Value, mode: FieldValidation) -> Result<(), ApiError> {
    asl_catalogue::check_result(resource, result, mode)
        .map_err(|detail| ApiError::validation(format!("Mock result schema validation error: {detail}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(resource: &str, result: Value, mode: FieldValidation) -> Option<String> {
        check(resource, &result, mode).err().map(|e| e.message)
    }

    #[test]
    fn mock_results_are_held_against_the_response_model() {
        let start = "arn:aws:states:::states:startExecution";
        let strict = FieldValidation::Strict;
        assert_eq!(
            message(start, json!({}), strict).as_deref(),
            Some("Mock result schema validation error: Required field 'ExecutionArn' is missing")
        );
        assert_eq!(message(start, json!({}), FieldValidation::Present), None);
        assert_eq!(
            message(start, json!({"StartDate": true}), FieldValidation::Present).as_deref(),
            Some("Mock result schema validation error: Field 'StartDate' must be a string")
        );
        assert_eq!(message(start, json!({"StartDate": true}), FieldValidation::None), None);
        let s3 = "arn:aws:states:::aws-sdk:s3:getObject";
        assert_eq!(
            message(s3, json!({"StorageClass": "Papyrus"}), strict).as_deref(),
            Some("Mock result schema validation error: Field 'StorageClass' is not an expected value")
        );
        assert_eq!(message(s3, json!({"unknown": 1}), strict), None);
        // Callback results are whatever the callback sends.
        assert_eq!(
            message("arn:aws:states:::states:startExecution.waitForTaskToken", json!({}), strict),
            None
        );
    }
}
