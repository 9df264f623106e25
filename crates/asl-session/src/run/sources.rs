//! What lies next to a machine for running it: mock files (either format of design
//! §3.2), test files (§3.3) and the run configuration mapping Tasks to local commands
//! (`NAME.run.json` for `NAME.asl.json`, the same file `asl run` reads).

use super::RunError;
use asl_eval::{CommandConfig, LocalCommand};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The sources the run panel offers for one machine.
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

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MockMachine {
    pub name: String,
    pub test_cases: Vec<String>,
}

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
    let dir = machine.parent().unwrap_or(Path::new("."));
    let mut out = RunSources { dir: Some(dir.display().to_string()), ..RunSources::default() };
    let config = run_config_path(machine);
    if config.is_file() {
        out.run_config = config.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Ok(Some(commands)) = local_commands(machine) {
            let mut keys: Vec<String> = commands.into_keys().collect();
            keys.sort();
            out.commands = keys;
        }
    }
    out.example_input = example_input(machine);
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

/// Larger files are no example input a user would type.
const EXAMPLE_INPUT_LIMIT: u64 = 256 * 1024;

fn example_input(machine: &Path) -> Option<String> {
    let name = machine.file_name()?.to_string_lossy();
    let stem = name.strip_suffix(".asl.json").or_else(|| name.strip_suffix(".json")).unwrap_or(&name);
    let dir = machine.parent().unwrap_or(Path::new("."));
    [dir.join(format!("{stem}.input.json")), dir.join("input.json")].into_iter().find_map(|p| {
        let size = std::fs::metadata(&p).ok()?.len();
        let text = (size <= EXAMPLE_INPUT_LIMIT).then(|| std::fs::read_to_string(&p).ok()).flatten()?;
        serde_json::from_str::<Value>(&text).is_ok().then_some(text)
    })
}

/// The `.json` files directly in `dir`, sorted.
pub(crate) fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// A test file holds `{"cases": [...]}` or one case (`name` and `expect`).
pub(crate) fn is_test_file(value: &Value) -> bool {
    value.get("cases").is_some_and(Value::is_array)
        || (value.get("expect").is_some() && value.get("name").is_some())
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

/// `order.asl.json` -> `order.run.json` beside it.
pub fn run_config_path(machine: &Path) -> PathBuf {
    let name = machine.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = [".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name);
    machine.with_file_name(format!("{stem}.run.json"))
}

/// The local commands of the machine's run configuration (`None`: it has none). The file
/// is checked by `asl_eval::CommandConfig::from_value`, so its errors read as `asl run`'s.
pub(crate) fn local_commands(machine: &Path) -> Result<Option<HashMap<String, LocalCommand>>, RunError> {
    let path = run_config_path(machine);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(RunError::Config(format!("{}: cannot read: {e}", path.display()))),
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        RunError::Config(format!("{}:{}:{}: not JSON: {e}", path.display(), e.line(), e.column()))
    })?;
    let base = path.parent();
    CommandConfig::from_value(&value, base)
        .map_err(|e| RunError::Config(format!("{}: {e}", path.display())))?;
    // Valid: read the same entries into commands the run can kill.
    let mut out = HashMap::new();
    for (key, entry) in value["commands"].as_object().into_iter().flatten() {
        let argv: Vec<String> = entry["command"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str().map(str::to_owned))
            .collect();
        let Some((program, args)) = argv.split_first() else { continue };
        let mut command = LocalCommand::new(program.clone(), args.iter().cloned());
        command.dir = match entry.get("dir").and_then(Value::as_str) {
            Some(dir) => Some(base.map(|b| b.join(dir)).unwrap_or_else(|| dir.into())),
            None => base.map(Path::to_path_buf),
        };
        command.timeout = entry.get("timeoutSeconds").and_then(Value::as_f64).map(Duration::from_secs_f64);
        out.insert(key.clone(), command);
    }
    Ok(Some(out))
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
    fn the_machines_own_example_input_comes_before_the_folders_and_bad_json_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let machine = dir.path().join("m.asl.json");
        std::fs::write(&machine, r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#).unwrap();
        assert_eq!(sources(&machine).example_input, None);
        std::fs::write(dir.path().join("input.json"), r#"{"shared": true}"#).unwrap();
        assert_eq!(sources(&machine).example_input.as_deref(), Some(r#"{"shared": true}"#));
        std::fs::write(dir.path().join("m.input.json"), r#"{"own": true}"#).unwrap();
        assert_eq!(sources(&machine).example_input.as_deref(), Some(r#"{"own": true}"#));
        std::fs::write(dir.path().join("m.input.json"), "{not json").unwrap();
        assert_eq!(sources(&machine).example_input.as_deref(), Some(r#"{"shared": true}"#));
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
        let commands = local_commands(&machine).unwrap().unwrap();
        assert_eq!(commands["Work"].timeout, Some(Duration::from_secs(5)));
        assert_eq!(commands["Work"].dir.as_deref(), Some(dir.path()));
        std::fs::write(dir.path().join("m.run.json"), r#"{"commands": {"Work": {}}}"#).unwrap();
        assert!(matches!(local_commands(&machine), Err(RunError::Config(m)) if m.contains("commands.Work")));
    }
}
