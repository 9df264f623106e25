use serde::Serialize;

/// A command that could not be done, as the UI shows it: a short code and a message
/// that names the file (and position) it is about.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct SessionError {
    pub code: &'static str,
    pub message: String,
}

impl SessionError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        SessionError { code, message: message.into() }
    }
}
