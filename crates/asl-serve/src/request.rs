//! Reading a request's members with AWS's checks: a member of the wrong JSON type is a
//! `SerializationException` (the service cannot deserialize the request), an absent
//! required one or a value out of range a `ValidationException`.

use crate::error::ApiError;
use serde_json::{Map, Value};

/// The JSON object of one request.
pub struct Request {
    body: Map<String, Value>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Request {
    /// The body must be one JSON object (an empty body counts as `{}`, as AWS takes it).
    pub fn parse(bytes: &[u8]) -> Result<Request, ApiError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Request { body: Map::new() });
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(body)) => Ok(Request { body }),
            Ok(other) => Err(ApiError::serialization(format!(
                "Start of structure or map expected, found {}",
                type_name(&other)
            ))),
            Err(e) => Err(ApiError::serialization(format!("The request body is not valid JSON: {e}"))),
        }
    }

    fn get(&self, member: &str) -> Option<&Value> {
        self.body.get(member).filter(|v| !v.is_null())
    }

    /// The whole body, for an operation another crate reads (TestState).
    pub fn into_value(self) -> Value {
        Value::Object(self.body)
    }

    /// A member as sent, whatever its type (configuration objects kept as they are).
    pub fn raw(&self, member: &str) -> Option<&Value> {
        self.get(member)
    }

    fn wrong(member: &str, expected: &str, found: &Value) -> ApiError {
        ApiError::serialization(format!("Member '{member}' must be {expected}, found {}", type_name(found)))
    }

    /// An optional string member.
    pub fn opt_str(&self, member: &str) -> Result<Option<&str>, ApiError> {
        match self.get(member) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Self::wrong(member, "a string", other)),
        }
    }

    /// A required string member.
    pub fn str(&self, member: &str) -> Result<&str, ApiError> {
        self.opt_str(member)?.ok_or_else(|| ApiError::missing(member))
    }

    /// An optional boolean member.
    pub fn opt_bool(&self, member: &str) -> Result<Option<bool>, ApiError> {
        match self.get(member) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(Self::wrong(member, "a boolean", other)),
        }
    }

    /// `maxResults` as the list operations take it: 0 (or absent) means the default
    /// page size; more than `max` is refused.
    pub fn page_size(&self, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.get("maxResults") {
            None => Ok(default),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(0) => Ok(default),
                Some(k) if k as usize <= max => Ok(k as usize),
                _ => Err(ApiError::constraint(
                    "maxResults",
                    n,
                    &format!("Member must have value less than or equal to {max}"),
                )),
            },
            Some(other) => Err(Self::wrong("maxResults", "an integer", other)),
        }
    }

    /// A list of `{"key", "value"}` tags.
    pub fn tags(&self, member: &str) -> Result<Vec<(String, String)>, ApiError> {
        let Some(value) = self.get(member) else { return Ok(Vec::new()) };
        let Value::Array(items) = value else { return Err(Self::wrong(member, "a list", value)) };
        let mut tags = Vec::with_capacity(items.len());
        for item in items {
            let key = item.get("key").and_then(Value::as_str);
            let value = item.get("value").and_then(Value::as_str).unwrap_or_default();
            match key {
                Some(k) => tags.push((k.to_owned(), value.to_owned())),
                None => {
                    return Err(ApiError::serialization(format!(
                        "Member '{member}' must be a list of {{\"key\", \"value\"}} tags"
                    )))
                }
            }
        }
        Ok(tags)
    }

    /// A list of strings (`tagKeys`).
    pub fn strings(&self, member: &str) -> Result<Vec<String>, ApiError> {
        let Some(value) = self.get(member) else { return Err(ApiError::missing(member)) };
        let Value::Array(items) = value else { return Err(Self::wrong(member, "a list", value)) };
        items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| Self::wrong(member, "a list of strings", v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_types_are_serialization_errors_and_absent_members_validation_errors() {
        let r = Request::parse(br#"{"name": 5, "maxResults": 2000}"#).unwrap();
        assert_eq!(r.str("name").unwrap_err().kind, "SerializationException");
        assert_eq!(r.str("other").unwrap_err().kind, "ValidationException");
        assert_eq!(r.page_size(100, 1000).unwrap_err().kind, "ValidationException");
        assert_eq!(Request::parse(b"[1]").err().unwrap().kind, "SerializationException");
        assert_eq!(Request::parse(b"{\"a\":").err().unwrap().kind, "SerializationException");
        assert!(Request::parse(b"").is_ok());
    }
}
