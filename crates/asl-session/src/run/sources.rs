//! What the run panel offers for a machine: the mock files (either format of design
//! §3.2), test files (§3.3), run configuration and example input found beside it by
//! [`crate::setup`], the same rules `asl run` and `asl test` follow.

use crate::setup::{is_test_file, json_files, MachineFiles};
use serde::Serialize;
use serde_json::{Map, Value};
use std::path::Path;

/// The sources the run panel offers for one machine.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSources {
    /// The machine's folder (none for a document never saved).
    pub dir: Option<String>,
    pub mock_files: Vec<MockFileInfo>,
    pub test_files: Vec<TestFileInfo>,
    /// The run configuration's file name, when there is one.
    pub run_config: Option<String>,
    /// The states and resources it maps to local commands.
    pub commands: Vec<String>,
    /// The text of the example input beside the machine (`NAME.input.json`, else
    /// `input.json`): the run input until the user types another for this file.
    pub example_input: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MockFileInfo {
    /// The file's name in the machine's folder.
    pub file: String,
    /// `plain` (`{"State": [{"return": ...}]}`) or `configFile` (Step Functions Local).
    pub kind: &'static str,
    /// Plain: the states mocked.
    pub states: Vec<String>,
    /// Config file: each state machine with its test case names.
    pub state_machines: Vec<MockMachine>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MockMachine {
    pub name: String,
    pub test_cases: Vec<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestFileInfo {
    pub file: String,
    pub cases: Vec<String>,
    /// Why the file's cases cannot be read, if they cannot.
    pub error: Option<String>,
}

/// The sources in the folder of the machine at `machine` (sorted by file name).
pub fn sources(machine: &Path) -> RunSources {
    let files = MachineFiles::of(machine);
    let dir = machine.parent().unwrap_or(Path::new("."));
    let mut out = RunSources { dir: Some(dir.display().to_string()), ..RunSources::default() };
    let config = files.run_config_path();
    if config.is_file() {
        out.run_config = config.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Ok(Some(commands)) = files.run_config() {
            out.commands = commands.keys().into_iter().map(str::to_owned).collect();
        }
    }
    out.example_input = files.example_input();
    for path in json_files(dir) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path == machine || name.ends_with(".asl.json") || name.ends_with(".run.json") {
            continue;
        }
        let Some(value) =
            std::fs::read_to_string(&path).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            continue;
        };
        if is_test_file(&value) {
            let (cases, error) = match asl_eval::testing::cases_of(&value, &path) {
                Ok(cases) => (cases.into_iter().map(|c| c.name).collect(), None),
                Err(e) => (Vec::new(), Some(e)),
            };
            out.test_files.push(TestFileInfo { file: name, cases, error });
        } else if let Some(info) = mock_file(&name, &value) {
            out.mock_files.push(info);
        }
    }
    out
}

fn mock_file(name: &str, value: &Value) -> Option<MockFileInfo> {
    let object = value.as_object()?;
    if let Some(machines) = object.get("StateMachines").and_then(Value::as_object) {
        let state_machines = machines
            .iter()
            .map(|(name, m)| MockMachine {
                name: name.clone(),
                test_cases: m.get("TestCases").and_then(Value::as_object).map(keys).unwrap_or_default(),
            })
            .collect();
        return Some(MockFileInfo {
            file: name.into(),
            kind: "configFile",
            states: Vec::new(),
            state_machines,
        });
    }
    // Plain mocks: every value a list of {"return"} / {"throw"} entries.
    let plain = !object.is_empty()
        && object.values().all(|v| {
            v.as_array().is_some_and(|items| {
                items.iter().all(|i| i.get("return").is_some() || i.get("throw").is_some())
            })
        });
    plain.then(|| MockFileInfo {
        file: name.into(),
        kind: "plain",
        states: keys(object),
        state_machines: Vec::new(),
    })
}

fn keys(object: &Map<String, Value>) -> Vec<String> {
    object.keys().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_processing_sample_has_plain_mocks_and_a_test_file() {
        let machine = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../samples/order-processing/order-processing.asl.json");
        let found = sources(&machine);
        let mocks: Vec<&str> = found.mock_files.iter().map(|m| m.file.as_str()).collect();
        assert_eq!(mocks, ["mocks.json"]);
        assert_eq!(found.mock_files[0].kind, "plain");
        assert!(found.mock_files[0].states.iter().any(|s| s == "ValidateOrder"));
        assert_eq!(found.test_files.len(), 1);
        assert!(found.test_files[0].cases.iter().any(|c| c == "happy path: order confirmed"));
        assert!(found.run_config.is_none());
        let input = std::fs::read_to_string(machine.with_file_name("input.json")).unwrap();
        assert_eq!(found.example_input.as_deref(), Some(input.as_str()));
    }

    #[test]
    fn config_files_list_machines_and_cases_and_run_configs_their_commands() {
        let dir = tempfile::tempdir().unwrap();
        let machine = dir.path().join("m.asl.json");
        std::fs::write(&machine, "{}").unwrap();
        let config = serde_json::json!({"StateMachines": {"M": {"TestCases": {"Happy": {}, "Sad": {}}}}, "MockedResponses": {}});
        std::fs::write(dir.path().join("MockConfigFile.json"), config.to_string()).unwrap();
        std::fs::write(dir.path().join("input.json"), r#"{"orderId": 1}"#).unwrap();
        std::fs::write(
            dir.path().join("m.run.json"),
            r#"{"commands": {"Work": {"command": ["sh", "-c", "cat"], "timeoutSeconds": 5}}}"#,
        )
        .unwrap();
        let found = sources(&machine);
        assert_eq!(found.mock_files.len(), 1, "input.json is no mock file");
        assert_eq!(found.mock_files[0].state_machines[0].test_cases, ["Happy", "Sad"]);
        assert_eq!(found.run_config.as_deref(), Some("m.run.json"));
        assert_eq!(found.commands, ["Work"]);
        std::fs::write(dir.path().join("m.run.json"), r#"{"commands": {"Work": {}}}"#).unwrap();
        let found = sources(&machine);
        assert_eq!(found.run_config.as_deref(), Some("m.run.json"), "a broken one is still offered");
        assert!(found.commands.is_empty());
    }
}
