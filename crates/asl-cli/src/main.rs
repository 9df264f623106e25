//! `asl`: the ASL Studio engine on the command line, for CI and scripts.

mod export;
mod input;
mod report;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "asl", version, about = "Validate and export AWS Step Functions state machines (Amazon States Language)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files against AWS's rules; exit 0 when no file has an error, 1 otherwise.
    Validate(validate::Args),
    /// Write a document out as JSON or YAML (unchanged JSON comes out byte-identical).
    Export(export::Args),
}

/// Exit codes shared by every command.
pub(crate) mod exit {
    pub const OK: u8 = 0;
    /// The input has errors (invalid definition, parse error).
    pub const INVALID: u8 = 1;
    /// Usage or I/O problems.
    pub const USAGE: u8 = 2;
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Export(args) => export::run(args),
    };
    ExitCode::from(code)
}
