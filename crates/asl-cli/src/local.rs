//! What `asl run` and `asl test` set up around an execution on this machine: the folder
//! standing in for S3 (`--s3-root`, default the `bucket/` folder beside the definition)
//! and local commands for Tasks, mapped in the definition's run configuration
//! (`<name>.run.json` beside it, see [`asl_eval::CommandConfig::from_value`]) and run
//! only with `--allow-commands`: without it a mapped Task fails saying so.

use asl_eval::{CommandConfig, CommandConsent, CommandHandler, S3Folders, TaskHandler};
use std::path::{Path, PathBuf};

/// The options both commands share.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct LocalArgs {
    /// A folder standing in for S3: s3://BUCKET/KEY is DIR/BUCKET/KEY, read by ItemReader
    /// and written by ResultWriter (default: a bucket/ folder beside the definition, read
    /// only, for every bucket).
    #[arg(long, value_name = "DIR")]
    pub s3_root: Option<PathBuf>,
    /// Run the local commands that the run configuration beside the definition
    /// (NAME.run.json for NAME.asl.json) maps to Task states. Without this flag no
    /// command runs: such a Task fails with a message saying so.
    #[arg(long)]
    pub allow_commands: bool,
}

impl LocalArgs {
    /// The S3 folders for a definition at `definition`.
    pub fn s3(&self, definition: &Path) -> Result<S3Folders, String> {
        let mut folders = S3Folders::beside(definition);
        if let Some(root) = &self.s3_root {
            if !root.is_dir() {
                return Err(format!("asl: --s3-root {}: not a folder", root.display()));
            }
            folders.root = Some(root.clone());
        }
        Ok(folders)
    }

    /// `inner` with the definition's local commands in front of it, when it has a run
    /// configuration.
    pub fn handler<'h>(
        &self,
        definition: &Path,
        inner: &'h dyn TaskHandler,
    ) -> Result<Box<dyn TaskHandler + 'h>, String> {
        let Some(config) = run_config(definition)? else { return Ok(Box::new(Forward(inner))) };
        let consent = if self.allow_commands { CommandConsent::Allowed } else { CommandConsent::Denied };
        Ok(Box::new(CommandHandler::new(config, consent, Forward(inner))))
    }
}

/// A borrowed handler as an owned one.
struct Forward<'h>(&'h dyn TaskHandler);

impl TaskHandler for Forward<'_> {
    fn invoke<'a>(&'a self, request: asl_eval::TaskRequest<'a>) -> asl_eval::handler::TaskFuture<'a> {
        self.0.invoke(request)
    }
}

/// `order.asl.json` -> `order.run.json` beside it.
pub fn run_config_path(definition: &Path) -> PathBuf {
    let name = definition.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = [".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name);
    definition.with_file_name(format!("{stem}.run.json"))
}

/// The run configuration of a definition, if it has one.
fn run_config(definition: &Path) -> Result<Option<CommandConfig>, String> {
    let path = run_config_path(definition);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("asl: {}: cannot read: {e}", path.display())),
    };
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("asl: {}:{}:{}: not JSON: {e}", path.display(), e.line(), e.column()))?;
    CommandConfig::from_value(&value, path.parent())
        .map(Some)
        .map_err(|e| format!("asl: {}: {e}", path.display()))
}
