//! Task results checked against the AWS API models, as TestState's `fieldValidationMode`
//! checks its mock (the check is `asl_catalogue::check_result`, shared with TestState):
//! [`FieldValidated`] wraps any handler — mocks, usually — and refuses a result that the
//! action's botocore response model would not allow. A refused result ends the execution
//! (`States.Runtime`): the mock is wrong, no Catch should hide it.

use crate::handler::{TaskFailure, TaskFuture, TaskHandler, TaskRequest};
pub use asl_catalogue::FieldValidation;

/// A handler whose results are checked against the response model of the action called.
#[derive(Debug)]
pub struct FieldValidated<H> {
    inner: H,
    mode: FieldValidation,
}

impl<H: TaskHandler> FieldValidated<H> {
    /// Checks `inner`'s results in `mode` (STRICT: types and required fields; PRESENT: the
    /// types of the fields given; NONE: nothing).
    pub fn new(inner: H, mode: FieldValidation) -> FieldValidated<H> {
        FieldValidated { inner, mode }
    }

    /// The wrapped handler.
    pub fn inner(&self) -> &H {
        &self.inner
    }
}

impl<H: TaskHandler> TaskHandler for FieldValidated<H> {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        let mode = self.mode;
        let resource = request.resource;
        let state = request.state_name;
        let task = self.inner.invoke(request);
        Box::pin(async move {
            let result = task.await?;
            asl_catalogue::check_result(resource, &result, mode).map_err(|detail| {
                TaskFailure::Unhandled(format!(
                    "The mocked result of the Task state '{state}' does not match the response of {resource}: Mock result schema validation error: {detail}"
                ))
            })?;
            Ok(result)
        })
    }
}
