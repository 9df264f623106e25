//! The options `asl run` and `asl test` share for what is set up around an execution on
//! this machine, read by [`asl_session::setup`] as the app reads them: the folder standing
//! in for S3 (`--s3-root`, default the `bucket/` folder beside the definition) and local
//! commands for Tasks, mapped in the definition's run configuration (`<name>.run.json`
//! beside it) and run only with `--allow-commands`: without it a mapped Task fails saying
//! so.

use asl_eval::{CommandHandler, S3Folders, TaskHandler};
use asl_session::setup::{self, MachineFiles};
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
        MachineFiles::of(definition).s3_folders(self.s3_root.as_deref()).map_err(|e| s3_error(&e))
    }

    /// `--s3-root` alone (each test case adds the `bucket/` folder beside its definition).
    pub fn s3_root(&self) -> Result<Option<PathBuf>, String> {
        setup::s3_root(self.s3_root.as_deref()).map_err(|e| s3_error(&e))
    }

    /// `inner` with the definition's local commands in front of it.
    pub fn handler<H: TaskHandler>(&self, definition: &Path, inner: H) -> Result<CommandHandler<H>, String> {
        setup::local_commands(Some(definition), self.allow_commands.into(), inner)
            .map_err(|e| format!("asl: {e}"))
    }
}

fn s3_error(e: &setup::SetupError) -> String {
    format!("asl: --s3-root {e}")
}
