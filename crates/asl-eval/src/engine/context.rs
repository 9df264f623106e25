//! The context object `$$`: `Execution` (Id, Input, StartTime, Name, RoleArn,
//! RedriveCount), `StateMachine` (Id, Name), `State` (Name, EnteredTime, and RetryCount
//! for the states that can retry), and where they apply `Task.Token` and `Map.Item`.

use super::options::Options;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

pub(crate) struct ExecutionContext {
    pub execution_arn: String,
    pub state_machine_arn: String,
    pub role_arn: String,
    pub execution_name: String,
    pub state_machine_name: String,
    pub start_time: String,
}

impl ExecutionContext {
    pub fn new(options: &Options, _input: &Value, start: DateTime<Utc>) -> ExecutionContext {
        let execution_name = if options.execution_name.is_empty() {
            pseudo_uuid(options.seed.unwrap_or_else(|| start.timestamp_nanos_opt().unwrap_or(0) as u64))
        } else {
            options.execution_name.clone()
        };
        let sm = &options.state_machine_name;
        let (region, account) = (&options.region, &options.account);
        let role_arn = if options.role_arn.is_empty() {
            format!("arn:aws:iam::{account}:role/service-role/StepFunctions-{sm}-role")
        } else {
            options.role_arn.clone()
        };
        ExecutionContext {
            execution_arn: format!("arn:aws:states:{region}:{account}:execution:{sm}:{execution_name}"),
            state_machine_arn: format!("arn:aws:states:{region}:{account}:stateMachine:{sm}"),
            role_arn,
            execution_name,
            state_machine_name: sm.clone(),
            start_time: start.to_rfc3339_opts(SecondsFormat::Millis, true),
        }
    }

    /// `$$` while a state runs.
    pub fn object(&self, input: &Value, state: &StateContext) -> Value {
        let mut state_obj = Map::new();
        state_obj.insert("Name".into(), Value::String(state.name.to_owned()));
        state_obj.insert("EnteredTime".into(), Value::String(state.entered_time.clone()));
        if let Some(n) = state.retry_count {
            state_obj.insert("RetryCount".into(), json!(n));
        }
        let mut root = Map::new();
        root.insert(
            "Execution".into(),
            json!({
                "Id": self.execution_arn,
                "Input": input,
                "StartTime": self.start_time,
                "Name": self.execution_name,
                "RoleArn": self.role_arn,
                "RedriveCount": 0,
            }),
        );
        root.insert(
            "StateMachine".into(),
            json!({"Id": self.state_machine_arn, "Name": self.state_machine_name}),
        );
        root.insert("State".into(), Value::Object(state_obj));
        if let Some(token) = &state.task_token {
            root.insert("Task".into(), json!({"Token": token}));
        }
        if let Some((index, value)) = &state.map_item {
            root.insert("Map".into(), json!({"Item": {"Index": index, "Value": value}}));
        }
        Value::Object(root)
    }
}

/// The per-state part of `$$`.
#[derive(Clone, Debug, Default)]
pub(crate) struct StateContext<'s> {
    pub name: &'s str,
    pub entered_time: String,
    pub retry_count: Option<u32>,
    pub task_token: Option<String>,
    pub map_item: Option<(usize, Value)>,
}

/// A version-4-shaped UUID from a seed (names and task tokens need to look like AWS's,
/// not to be unguessable).
pub(crate) fn pseudo_uuid(seed: u64) -> String {
    let mut x = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let (a, b) = (next(), next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        a as u16 & 0x0fff,
        ((b >> 48) as u16 & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuids_look_like_uuids() {
        let u = super::pseudo_uuid(42);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(u, super::pseudo_uuid(43));
    }
}
