//! What is set up around a run of a machine file, the same for `asl run` / `asl test` and
//! the app's Run mode: the files beside the machine (its example input, its run
//! configuration `NAME.run.json`, the `bucket/` folder standing in for S3, test files),
//! mock files of either format (design §3.2), and the one local-command handler
//! ([`asl_eval::CommandHandler`]) that runs the Tasks the run configuration maps.
//!
//! Errors name the file they are about (`FILE: cannot read: ...`,
//! `FILE:LINE:COL: not JSON: ...`); the CLI puts `asl: ` in front, the app a code.
//!
//! ```no_run
//! use asl_eval::CommandConsent;
//! use asl_session::setup::{self, MachineFiles};
//! use std::path::Path;
//!
//! let machine = MachineFiles::of(Path::new("samples/order-processing/order-processing.asl.json"));
//! let input = machine.example_input(); // order-processing.input.json, else input.json
//! let mocks = setup::read_mocks(&machine.dir().join("mocks.json"), None, None)?;
//! let handler = setup::local_commands(Some(machine.path()), CommandConsent::Denied, mocks)?;
//! # Ok::<(), setup::SetupError>(())
//! ```

use asl_eval::testing::{cases_of, TestCase};
use asl_eval::{CommandConfig, CommandConsent, CommandHandler, Mocks, S3Folders, TaskHandler};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Why a file around the run cannot be used; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}:{line}:{column}: not JSON: {message}", path.display())]
    NotJson { path: PathBuf, line: usize, column: usize, message: String },
    /// JSON, but not what the file must hold (a bad run configuration, bad mocks).
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{}: not a folder", path.display())]
    NotAFolder { path: PathBuf },
    /// A test file whose cases cannot be read (the message names the file and case).
    #[error("{0}")]
    Cases(String),
}

/// Extensions a machine file may have, longest first (`order.asl.json` -> `order`).
const MACHINE_EXTENSIONS: [&str; 6] = [".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"];

/// Larger files are no example input a user would type.
const EXAMPLE_INPUT_LIMIT: u64 = 256 * 1024;

/// A machine file and the files that go with it, found by name beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MachineFiles {
    path: PathBuf,
}

impl MachineFiles {
    pub fn of(path: &Path) -> MachineFiles {
        MachineFiles { path: path.to_path_buf() }
    }

    /// The machine file itself.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The machine's folder (`.` for a bare file name).
    pub fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    }

    /// The file name without its machine extension: `order.asl.json` -> `order`.
    pub fn stem(&self) -> String {
        let name = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        MACHINE_EXTENSIONS.iter().find_map(|ext| name.strip_suffix(ext)).unwrap_or(&name).to_owned()
    }

    /// The state machine's name when none is given: the stem, else `StateMachine`.
    pub fn state_machine_name(&self) -> String {
        let stem = self.stem();
        if stem.is_empty() {
            "StateMachine".into()
        } else {
            stem
        }
    }

    /// `order.asl.json` -> `order.run.json` beside it.
    pub fn run_config_path(&self) -> PathBuf {
        self.path.with_file_name(format!("{}.run.json", self.stem()))
    }

    /// The local commands of the run configuration (`None`: the machine has none); see
    /// [`CommandConfig::from_value`] for its format.
    pub fn run_config(&self) -> Result<Option<CommandConfig>, SetupError> {
        let path = self.run_config_path();
        let value = match read_json(&path) {
            Ok(value) => value,
            Err(SetupError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None)
            }
            Err(e) => return Err(e),
        };
        CommandConfig::from_value(&value, path.parent())
            .map(Some)
            .map_err(|message| SetupError::Invalid { path, message })
    }

    /// The text of the example input beside the machine: `NAME.input.json`, else
    /// `input.json`, when it is JSON of a size a user would type.
    pub fn example_input(&self) -> Option<String> {
        let own = self.dir().join(format!("{}.input.json", self.stem()));
        [own, self.dir().join("input.json")].into_iter().find_map(|p| {
            let size = std::fs::metadata(&p).ok()?.len();
            let text = (size <= EXAMPLE_INPUT_LIMIT).then(|| std::fs::read_to_string(&p).ok()).flatten()?;
            serde_json::from_str::<Value>(&text).is_ok().then_some(text)
        })
    }

    /// The folders standing in for S3: `root` (`--s3-root`) when given, and the `bucket/`
    /// folder beside the machine for every other bucket (read only).
    pub fn s3_folders(&self, root: Option<&Path>) -> Result<S3Folders, SetupError> {
        let mut folders = S3Folders::beside(&self.path);
        folders.root = s3_root(root)?;
        Ok(folders)
    }
}

/// `root` when it is a folder (`--s3-root DIR`).
pub fn s3_root(root: Option<&Path>) -> Result<Option<PathBuf>, SetupError> {
    match root {
        Some(root) if !root.is_dir() => Err(SetupError::NotAFolder { path: root.to_path_buf() }),
        root => Ok(root.map(Path::to_path_buf)),
    }
}

/// The one local-command handler: Tasks mapped by the run configuration beside `machine`
/// run as commands when `consent` allows it (else they fail saying how to allow it);
/// every other Task goes to `inner`. A machine with no file or no configuration maps none.
pub fn local_commands<H: TaskHandler>(
    machine: Option<&Path>,
    consent: CommandConsent,
    inner: H,
) -> Result<CommandHandler<H>, SetupError> {
    let config = match machine {
        Some(path) => MachineFiles::of(path).run_config()?.unwrap_or_default(),
        None => CommandConfig::default(),
    };
    Ok(CommandHandler::new(config, consent, inner))
}

/// A JSON file.
pub fn read_json(path: &Path) -> Result<Value, SetupError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| SetupError::Read { path: path.to_path_buf(), source })?;
    serde_json::from_str(&text).map_err(|e| SetupError::NotJson {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// A mock file of either format, told apart by shape (design §3.2); `state_machine` and
/// `test_case` pick a `MockConfigFile`'s test case (`--state-machine-name`, `--test-case`).
pub fn read_mocks(
    path: &Path,
    state_machine: Option<&str>,
    test_case: Option<&str>,
) -> Result<Mocks, SetupError> {
    let value = read_json(path)?;
    Mocks::from_value(&value, state_machine, test_case)
        .map_err(|e| SetupError::Invalid { path: path.to_path_buf(), message: e.0 })
}

/// A test file holds `{"cases": [...]}` or one case (`name` and `expect`) (design §3.3).
pub fn is_test_file(value: &Value) -> bool {
    value.get("cases").is_some_and(Value::is_array)
        || (value.get("expect").is_some() && value.get("name").is_some())
}

/// The cases of a file found in a folder; `None` when it is no test file (an input, a
/// mock file, a run configuration, not JSON at all).
pub fn read_test_file(path: &Path) -> Result<Option<Vec<TestCase>>, SetupError> {
    let value = match read_json(path) {
        Ok(value) => value,
        Err(SetupError::NotJson { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    if !is_test_file(&value) {
        return Ok(None);
    }
    cases_of(&value, path).map(Some).map_err(SetupError::Cases)
}

/// The `.json` files directly in `dir`, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The files that may hold tests in `dir` and, with `recursive`, its subfolders: every
/// `.json` file but machines (`.asl.json`) and run configurations, in name order (a
/// subfolder's files where the subfolder's name sorts).
pub fn test_file_candidates(dir: &Path, recursive: bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            if recursive {
                out.extend(test_file_candidates(&path, true));
            }
        } else if name.ends_with(".json") && !name.ends_with(".asl.json") && !name.ends_with(".run.json") {
            out.push(path);
        }
    }
    out
}

#[cfg(test)]
#[path = "setup_tests.rs"]
mod tests;
