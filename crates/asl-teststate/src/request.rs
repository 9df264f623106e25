//! The TestState request, read from its JSON form with AWS's field names. The fields the
//! API takes as JSON *text* (`definition`, `input`, `variables`, `context`,
//! `mock.result`, `stateConfiguration.mapItemReaderData`) are accepted as text (a JSON
//! string, as the SDKs send them) or already decoded (any other JSON value), so the
//! server can pass the wire request and a user can write the request file by hand.

use crate::ApiError;
use serde_json::{Map, Value};

/// `inspectionLevel`: how much of the state's processing the response shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    Info,
    Debug,
    Trace,
}

/// `mock.fieldValidationMode`: how a mock result is held against the API model (shared
/// with the engine's mocks).
pub(crate) use asl_catalogue::FieldValidation;

/// `mock`: what the state's work returns instead of calling the service.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mock {
    pub result: Option<Value>,
    /// `errorOutput`: `(error, cause)`.
    pub error_output: Option<(String, String)>,
    pub field_validation: FieldValidation,
}

/// `stateConfiguration`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct StateConfiguration {
    pub retrier_retry_count: Option<u64>,
    pub error_caused_by_state: Option<String>,
    pub map_iteration_failure_count: Option<u64>,
    pub map_item_reader_data: Option<Value>,
    /// Whether the request held the object at all (some checks only look at presence).
    pub map_iteration_failure_count_given: bool,
}

/// One TestState request.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Request {
    pub definition: Value,
    pub state_name: Option<String>,
    pub role_arn: Option<String>,
    pub input: Value,
    pub level: Level,
    pub reveal_secrets: bool,
    pub variables: Option<Map<String, Value>>,
    pub context: Option<Value>,
    pub mock: Option<Mock>,
    pub configuration: StateConfiguration,
}

/// AWS's wording for a request field that breaks the API's constraints.
pub(crate) fn constraint(value: &str, field: &str, rule: &str) -> ApiError {
    ApiError::validation(format!(
        "1 validation error detected: Value {value} at '{field}' failed to satisfy constraint: {rule}"
    ))
}

/// A field the API takes as JSON text: a string is parsed, anything else is taken as the
/// decoded value.
fn json_text(value: &Value, field: &str) -> Result<Value, ApiError> {
    match value {
        Value::String(text) => serde_json::from_str(text)
            .map_err(|e| ApiError::validation(format!("The field '{field}' is not valid JSON: {e}"))),
        other => Ok(other.clone()),
    }
}

fn string(request: &Map<String, Value>, field: &str) -> Result<Option<String>, ApiError> {
    match request.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(constraint(&other.to_string(), field, "Member must be a string")),
    }
}

fn count(object: &Map<String, Value>, field: &str, path: &str) -> Result<Option<u64>, ApiError> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_u64() {
            Some(n) => Ok(Some(n)),
            None => Err(constraint(
                &v.to_string(),
                &format!("{path}.{field}"),
                "Member must have value greater than or equal to 0",
            )),
        },
    }
}

impl Request {
    /// Reads a request; unknown fields are refused as the API refuses them.
    pub fn read(request: &Value) -> Result<Request, ApiError> {
        let Value::Object(fields) = request else {
            return Err(ApiError::validation("The TestState request must be a JSON object."));
        };
        const KNOWN: [&str; 10] = [
            "definition",
            "stateName",
            "roleArn",
            "input",
            "inspectionLevel",
            "revealSecrets",
            "variables",
            "context",
            "mock",
            "stateConfiguration",
        ];
        if let Some(unknown) = fields.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(ApiError::validation(format!("The TestState request has no field '{unknown}'.")));
        }
        let definition = match fields.get("definition") {
            None | Some(Value::Null) => {
                return Err(constraint("null", "definition", "Member must not be null"));
            }
            Some(v) => json_text(v, "definition")?,
        };
        let input = match fields.get("input") {
            None | Some(Value::Null) => Value::Object(Map::new()),
            Some(v) => json_text(v, "input")?,
        };
        let level = match string(fields, "inspectionLevel")?.as_deref() {
            None | Some("INFO") => Level::Info,
            Some("DEBUG") => Level::Debug,
            Some("TRACE") => Level::Trace,
            Some(other) => {
                return Err(constraint(
                    &format!("'{other}'"),
                    "inspectionLevel",
                    "Member must satisfy enum value set: [INFO, DEBUG, TRACE]",
                ))
            }
        };
        let reveal_secrets = match fields.get("revealSecrets") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(constraint(&other.to_string(), "revealSecrets", "Member must be a boolean"))
            }
        };
        let variables = match fields.get("variables") {
            None | Some(Value::Null) => None,
            Some(v) => match json_text(v, "variables")? {
                Value::Object(m) => Some(m),
                _ => return Err(ApiError::validation("The field 'variables' must be a JSON object.")),
            },
        };
        let context = match fields.get("context") {
            None | Some(Value::Null) => None,
            Some(v) => Some(json_text(v, "context")?),
        };
        Ok(Request {
            definition,
            state_name: string(fields, "stateName")?,
            role_arn: string(fields, "roleArn")?,
            input,
            level,
            reveal_secrets,
            variables,
            context,
            mock: read_mock(fields.get("mock"))?,
            configuration: read_configuration(fields.get("stateConfiguration"))?,
        })
    }
}

fn read_mock(mock: Option<&Value>) -> Result<Option<Mock>, ApiError> {
    let mock = match mock {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(ApiError::validation("The field 'mock' must be a JSON object.")),
    };
    let result = match mock.get("result") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            json_text(v, "mock.result")
                .map_err(|_| ApiError::validation("Mocked result must be valid JSON"))?,
        ),
    };
    let error_output = match mock.get("errorOutput") {
        None | Some(Value::Null) => None,
        Some(Value::Object(e)) => {
            let text = |key: &str| match e.get(key) {
                Some(Value::String(s)) => Ok(s.clone()),
                None | Some(Value::Null) => Ok(String::new()),
                Some(other) => Err(constraint(
                    &other.to_string(),
                    &format!("mock.errorOutput.{key}"),
                    "Member must be a string",
                )),
            };
            Some((text("error")?, text("cause")?))
        }
        Some(_) => return Err(ApiError::validation("The field 'mock.errorOutput' must be a JSON object.")),
    };
    let field_validation = match mock.get("fieldValidationMode").and_then(Value::as_str) {
        None | Some("STRICT") => FieldValidation::Strict,
        Some("PRESENT") => FieldValidation::Present,
        Some("NONE") => FieldValidation::None,
        Some(other) => {
            return Err(constraint(
                &format!("'{other}'"),
                "mock.fieldValidationMode",
                "Member must satisfy enum value set: [STRICT, PRESENT, NONE]",
            ))
        }
    };
    Ok(Some(Mock { result, error_output, field_validation }))
}

fn read_configuration(configuration: Option<&Value>) -> Result<StateConfiguration, ApiError> {
    let c = match configuration {
        None | Some(Value::Null) => return Ok(StateConfiguration::default()),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(ApiError::validation("The field 'stateConfiguration' must be a JSON object.")),
    };
    let path = "stateConfiguration";
    let error_caused_by_state = match c.get("errorCausedByState") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(constraint(
                &other.to_string(),
                "stateConfiguration.errorCausedByState",
                "Member must be a string",
            ))
        }
    };
    let map_item_reader_data = match c.get("mapItemReaderData") {
        None | Some(Value::Null) => None,
        Some(v) => Some(json_text(v, "stateConfiguration.mapItemReaderData")?),
    };
    Ok(StateConfiguration {
        retrier_retry_count: count(c, "retrierRetryCount", path)?,
        error_caused_by_state,
        map_iteration_failure_count: count(c, "mapIterationFailureCount", path)?,
        map_item_reader_data,
        map_iteration_failure_count_given: c.contains_key("mapIterationFailureCount"),
    })
}
