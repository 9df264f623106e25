//! What the user chooses before and during a run, as the UI sends it (camelCase JSON).

use super::RunError;
use asl_eval::debug::{Breakpoint, Command, Condition, Place};
use asl_eval::Mocks;
use asl_model::model::StateMachine;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::Path;

/// How one run is set up. Every field may be left out (the UI sends what it sets).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RunConfig {
    /// The execution input (AWS's default: `{}`).
    #[cfg_attr(feature = "ts", ts(as = "Option<Value>", optional))]
    pub input: Value,
    #[cfg_attr(feature = "ts", ts(as = "Option<MockChoice>", optional))]
    pub mocks: MockChoice,
    #[cfg_attr(feature = "ts", ts(as = "Option<ClockChoice>", optional))]
    pub clock: ClockChoice,
    /// Standard keeps AWS's 25,000-event history limit; Express lifts it (the history is
    /// still recorded here, as an Express machine's CloudWatch log would show it).
    #[cfg_attr(feature = "ts", ts(as = "Option<ExecutionTypeChoice>", optional))]
    pub execution_type: ExecutionTypeChoice,
    /// Run the local commands of the machine's run configuration (`NAME.run.json`); the
    /// user's consent for this file, asked once by the UI.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub allow_commands: bool,
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<BreakpointSpec>>", optional))]
    pub breakpoints: Vec<BreakpointSpec>,
    /// Let the mocks answer `.waitForTaskToken` tasks at once (as `asl run` does). By
    /// default such a task waits for the user's Approve/Reject.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub mock_callbacks: bool,
    /// Also pause when a Retrier schedules a retry / a Catcher handles an error.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub stop_on_retry: bool,
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub stop_on_catch: bool,
    /// Ends a runaway loop after this many transitions (default: the engine's).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub max_transitions: Option<u64>,
    /// Begin at a state of an earlier run, with the input and variables it had there,
    /// instead of at `StartAt`; `input` is then not used.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub rerun_from: Option<super::RerunFrom>,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            input: Value::Object(Map::new()),
            mocks: MockChoice::None,
            clock: ClockChoice::Virtual,
            execution_type: ExecutionTypeChoice::Standard,
            allow_commands: false,
            breakpoints: Vec::new(),
            mock_callbacks: false,
            stop_on_retry: false,
            stop_on_catch: false,
            max_transitions: None,
            rerun_from: None,
        }
    }
}

/// The execution type the machine is deployed as (not part of the ASL).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExecutionTypeChoice {
    #[default]
    Standard,
    Express,
}

/// Where Task results come from (design §3.2: either mock format, told apart by shape).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum MockChoice {
    /// No mocks: every Task not answered otherwise fails as unhandled.
    #[default]
    None,
    /// A file, relative to the machine's folder (or absolute). `testCase` picks a
    /// `MockConfigFile` test case, `stateMachine` its machine when the file has several.
    File {
        file: String,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        test_case: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        state_machine: Option<String>,
    },
    /// Mocks edited in the run panel.
    Inline {
        mocks: Value,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        test_case: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        state_machine: Option<String>,
    },
}

impl MockChoice {
    /// The mocks, reading a file from `dir` (the machine's folder) when one is named.
    pub fn load(&self, dir: Option<&Path>) -> Result<Mocks, RunError> {
        match self {
            MockChoice::None => Ok(Mocks::default()),
            MockChoice::File { file, test_case, state_machine } => {
                let path = dir.map(|dir| dir.join(file)).unwrap_or_else(|| file.into());
                crate::setup::read_mocks(&path, state_machine.as_deref(), test_case.as_deref())
                    .map_err(|e| RunError::Mocks(e.to_string()))
            }
            MockChoice::Inline { mocks, test_case, state_machine } => {
                Mocks::from_value(mocks, state_machine.as_deref(), test_case.as_deref())
                    .map_err(|e| RunError::Mocks(e.0))
            }
        }
    }
}

/// Virtual time (waits and backoffs complete at once, timestamps advance as if they had
/// passed) or real time.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ClockChoice {
    #[default]
    Virtual,
    Real,
}

/// Where a breakpoint stops: before the state is entered, after it exited, at a retry or
/// at a catch.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BreakpointPlace {
    #[default]
    BeforeEnter,
    AfterExit,
    Retry,
    Catch,
}

/// A breakpoint as the UI keeps it: the state's JSON pointer (every branch it runs in
/// and every iteration), or a run path for one place (`Parallel/1/Name`, `Map/3/Name`,
/// `Map/*/Name`); where it stops; an optional condition over the state input.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BreakpointSpec {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub pointer: Option<String>,
    /// Wins over `pointer` when both are given.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub path: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<BreakpointPlace>", optional))]
    pub place: BreakpointPlace,
    /// A JSONPath (`$.urgent`: holds when it selects something other than null, false or
    /// `[]`) or, for anything else, a JSONata expression (`$states.input.amount > 1000`,
    /// `{% ... %}`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub condition: Option<String>,
}

impl BreakpointSpec {
    /// The engine's breakpoint, its pointer resolved in `machine`; `None` when the pointer
    /// names no state of it (the text changed since the breakpoint was set).
    pub fn to_breakpoint(&self, machine: &StateMachine) -> Option<Breakpoint> {
        let path = match (&self.path, &self.pointer) {
            (Some(path), _) => path.clone(),
            (None, Some(pointer)) => super::paths::breakpoint_path(machine, pointer)?,
            (None, None) => return None,
        };
        let place = match self.place {
            BreakpointPlace::BeforeEnter => Place::BeforeEnter,
            BreakpointPlace::AfterExit => Place::AfterExit,
            BreakpointPlace::Retry => Place::Retry,
            BreakpointPlace::Catch => Place::Catch,
        };
        let condition = self.condition.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(|c| {
            let json_path = c == "$" || c.starts_with("$.") || c.starts_with("$[") || c.starts_with("$$");
            if json_path {
                Condition::JsonPath(c.to_owned())
            } else {
                Condition::Jsonata(c.to_owned())
            }
        });
        Some(Breakpoint { path, place, condition })
    }
}

/// A debugger command from the UI.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DebugCommand {
    Continue,
    Pause,
    StepOver,
    /// Into the paused Parallel/Map; `index`: into that branch/iteration.
    StepInto {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        index: Option<usize>,
    },
    StepOut,
    Stop,
    /// Real clock: end the waits (Wait states, retry backoffs) in progress now.
    SkipWait,
}

impl DebugCommand {
    pub fn name(self) -> &'static str {
        match self {
            DebugCommand::Continue => "continue",
            DebugCommand::Pause => "pause",
            DebugCommand::StepOver => "stepOver",
            DebugCommand::StepInto { .. } => "stepInto",
            DebugCommand::StepOut => "stepOut",
            DebugCommand::Stop => "stop",
            DebugCommand::SkipWait => "skipWait",
        }
    }

    /// The engine's command; `None` for those the run driver handles itself.
    pub fn to_engine(self) -> Option<Command> {
        match self {
            DebugCommand::Continue => Some(Command::Continue),
            DebugCommand::Pause => Some(Command::Pause),
            DebugCommand::StepOver => Some(Command::StepOver),
            DebugCommand::StepInto { index } => Some(Command::StepInto(index)),
            DebugCommand::StepOut => Some(Command::StepOut),
            DebugCommand::Stop | DebugCommand::SkipWait => None,
        }
    }
}

/// The answer to a waiting callback: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CallbackOutcome {
    Success {
        output: Value,
    },
    Failure {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
        error: String,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
        cause: String,
    },
    Heartbeat,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_config_reads_from_camel_case_json_with_defaults() {
        let config: RunConfig = serde_json::from_value(json!({
            "mocks": {"kind": "file", "file": "mocks.json", "testCase": "HappyPath"},
            "clock": "real", "allowCommands": true,
            "breakpoints": [{"pointer": "/States/P/Branches/1/States/A", "place": "afterExit", "condition": "$states.input.n > 2"}]
        }))
        .unwrap();
        let doc = asl_model::Document::parse(
            r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}},
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]}}}"#,
            asl_model::Format::Json,
        )
        .unwrap();
        let machine = doc.machine();
        assert_eq!(config.input, json!({}));
        assert_eq!(config.clock, ClockChoice::Real);
        assert!(matches!(&config.mocks, MockChoice::File { test_case: Some(c), .. } if c == "HappyPath"));
        let bp = config.breakpoints[0].to_breakpoint(machine).unwrap();
        assert_eq!((bp.path.as_str(), bp.place), ("P/1/A", Place::AfterExit));
        assert_eq!(bp.condition, Some(Condition::Jsonata("$states.input.n > 2".into())));
        let spec = BreakpointSpec {
            path: Some("P/1/A".into()),
            condition: Some("$.urgent".into()),
            ..Default::default()
        };
        assert_eq!(
            spec.to_breakpoint(machine).unwrap().condition,
            Some(Condition::JsonPath("$.urgent".into()))
        );
        let gone = BreakpointSpec { pointer: Some("/States/Gone".into()), ..Default::default() };
        assert_eq!(gone.to_breakpoint(machine), None);
    }

    #[test]
    fn commands_read_as_the_ui_sends_them() {
        let c: DebugCommand = serde_json::from_value(json!({"kind": "stepInto", "index": 2})).unwrap();
        assert_eq!(c.to_engine(), Some(Command::StepInto(Some(2))));
        let c: DebugCommand = serde_json::from_value(json!({"kind": "stepOver"})).unwrap();
        assert_eq!(c, DebugCommand::StepOver);
        let o: CallbackOutcome =
            serde_json::from_value(json!({"kind": "failure", "error": "Rejected"})).unwrap();
        assert_eq!(o, CallbackOutcome::Failure { error: "Rejected".into(), cause: String::new() });
    }
}
