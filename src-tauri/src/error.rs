//! The one error type that crosses IPC: `{code, message}`.

use serde::Serialize;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        IpcError { code, message: message.into() }
    }
}

impl From<asl_session::SessionError> for IpcError {
    fn from(e: asl_session::SessionError) -> Self {
        IpcError { code: e.code, message: e.message }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
