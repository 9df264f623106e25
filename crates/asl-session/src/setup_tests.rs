use super::*;
use std::time::Duration;

fn machine_in(dir: &Path, name: &str) -> MachineFiles {
    let path = dir.join(name);
    std::fs::write(&path, r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#).unwrap();
    MachineFiles::of(&path)
}

#[test]
fn names_come_from_the_file_name_without_its_machine_extension() {
    let yaml = MachineFiles::of(Path::new("flows/order.asl.yaml"));
    assert_eq!(yaml.stem(), "order");
    assert_eq!(yaml.run_config_path(), Path::new("flows/order.run.json"));
    assert_eq!(MachineFiles::of(Path::new("my.machine.json")).state_machine_name(), "my.machine");
    assert_eq!(MachineFiles::of(Path::new(".asl.json")).state_machine_name(), "StateMachine");
    assert_eq!(MachineFiles::of(Path::new("bare.asl.json")).dir(), Path::new("."));
}

#[test]
fn the_machines_own_example_input_comes_before_the_folders_and_bad_json_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let machine = machine_in(dir.path(), "m.asl.json");
    assert_eq!(machine.example_input(), None);
    std::fs::write(dir.path().join("input.json"), r#"{"shared": true}"#).unwrap();
    assert_eq!(machine.example_input().as_deref(), Some(r#"{"shared": true}"#));
    std::fs::write(dir.path().join("m.input.json"), r#"{"own": true}"#).unwrap();
    assert_eq!(machine.example_input().as_deref(), Some(r#"{"own": true}"#));
    std::fs::write(dir.path().join("m.input.json"), "{not json").unwrap();
    assert_eq!(machine.example_input().as_deref(), Some(r#"{"shared": true}"#));
}

#[test]
fn a_run_configuration_maps_tasks_to_commands_and_its_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let machine = machine_in(dir.path(), "m.asl.json");
    assert_eq!(machine.run_config().unwrap(), None, "no file: no commands");
    let config = dir.path().join("m.run.json");
    std::fs::write(
        &config,
        r#"{"commands": {"Work": {"command": ["sh", "-c", "cat"], "timeoutSeconds": 5}}}"#,
    )
    .unwrap();
    let commands = machine.run_config().unwrap().unwrap();
    assert_eq!(commands.keys(), ["Work"]);
    let work = commands.get("Work").unwrap();
    assert_eq!((work.timeout, work.dir.as_deref()), (Some(Duration::from_secs(5)), Some(dir.path())));

    std::fs::write(&config, r#"{"commands": {"Work": {}}}"#).unwrap();
    let message = machine.run_config().unwrap_err().to_string();
    assert!(
        message.starts_with(&config.display().to_string()) && message.contains("commands.Work"),
        "{message}"
    );
    std::fs::write(&config, "{\n  oops").unwrap();
    let message = machine.run_config().unwrap_err().to_string();
    assert!(message.starts_with(&format!("{}:2:3: not JSON", config.display())), "{message}");
}

#[test]
fn mock_files_of_either_format_load_and_their_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("mocks.json");
    std::fs::write(&plain, r#"{"A": [{"return": 1}]}"#).unwrap();
    assert!(read_mocks(&plain, None, None).is_ok());
    let config = dir.path().join("MockConfigFile.json");
    let file = r#"{"StateMachines": {"M": {"TestCases": {"Happy": {"A": "R"}}}},
                   "MockedResponses": {"R": {"0": {"Return": 1}}}}"#;
    std::fs::write(&config, file).unwrap();
    assert!(read_mocks(&config, Some("M"), Some("Happy")).is_ok());
    let message = read_mocks(&config, None, Some("Sad")).unwrap_err().to_string();
    assert!(message.starts_with(&format!("{}: ", config.display())) && message.contains("Sad"), "{message}");
    let missing = dir.path().join("nope.json");
    assert!(read_mocks(&missing, None, None).unwrap_err().to_string().contains("nope.json: cannot read"));
}

#[test]
fn s3_is_the_bucket_folder_beside_the_machine_and_a_root_must_be_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let machine = machine_in(dir.path(), "m.asl.json");
    assert!(machine.s3_folders(None).unwrap().is_empty());
    std::fs::create_dir(dir.path().join("bucket")).unwrap();
    let folders = machine.s3_folders(Some(dir.path())).unwrap();
    assert_eq!(folders.fallback, Some(dir.path().join("bucket")));
    assert_eq!(folders.root.as_deref(), Some(dir.path()));
    let missing = dir.path().join("no-such-folder");
    let message = machine.s3_folders(Some(&missing)).unwrap_err().to_string();
    assert_eq!(message, format!("{}: not a folder", missing.display()));
}

#[test]
fn test_files_are_found_in_name_order_and_other_json_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    machine_in(root, "m.asl.json");
    std::fs::create_dir(root.join("b")).unwrap();
    let case = r#"{"name": "one", "definition_file": "../m.asl.json", "expect": {"status": "SUCCEEDED"}}"#;
    std::fs::write(root.join("b/t.json"), case).unwrap();
    std::fs::write(root.join("a.json"), r#"{"cases": []}"#).unwrap();
    std::fs::write(root.join("c.json"), r#"{"orderId": 1}"#).unwrap();
    std::fs::write(root.join("m.run.json"), r#"{"commands": {}}"#).unwrap();
    std::fs::write(root.join("d.json"), "not json").unwrap();
    let names = |found: Vec<PathBuf>| -> Vec<String> {
        found.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect()
    };
    assert_eq!(names(test_file_candidates(root, true)), ["a.json", "b/t.json", "c.json", "d.json"]);
    assert_eq!(names(test_file_candidates(root, false)), ["a.json", "c.json", "d.json"]);
    assert_eq!(read_test_file(&root.join("b/t.json")).unwrap().unwrap()[0].name, "one");
    assert!(read_test_file(&root.join("c.json")).unwrap().is_none(), "an input is no test file");
    assert!(read_test_file(&root.join("d.json")).unwrap().is_none());
    std::fs::write(root.join("e.json"), r#"{"cases": [{"name": "no definition", "expect": {}}]}"#).unwrap();
    let message = read_test_file(&root.join("e.json")).unwrap_err().to_string();
    assert!(message.contains("e.json: cases[0]"), "{message}");
}
