//! `asl`: the ASL Studio engine on the command line, for CI and scripts. The commands
//! live in this library so tests can run them in-process; `main.rs` only forwards.

mod aws;
mod aws_deploy;
mod aws_start;
mod export;
mod input;
mod layout;
mod local;
mod machines;
mod render;
mod replay;
mod report;
mod run;
pub mod run_json;
mod serve;
mod test_cmd;
mod test_state;
mod validate;

use clap::{Parser, Subcommand};
use std::io::Write;

#[derive(Parser)]
#[command(
    name = "asl",
    version,
    about = "Validate, export, lay out, draw, run and test AWS Step Functions state machines (Amazon States Language)"
)]
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
    /// Print the diagram geometry as JSON (boxes, containers, routed edges, labels).
    Layout(layout::Args),
    /// Draw the machine: SVG (light or dark), Mermaid for markdown, or Graphviz DOT.
    Render(render::Args),
    /// Run one execution locally (mocked tasks, virtual clock); exit 0 when it succeeds.
    Run(run::Args),
    /// Run test files (cases with input, mocks and the expected outcome); exit 0 when all pass.
    Test(test_cmd::Args),
    /// Answer one AWS Step Functions TestState request (JSON file) as AWS would.
    TestState(test_state::Args),
    /// List the state machines of a SAM, CloudFormation, CDK, Terraform or Serverless file.
    Machines(machines::Args),
    /// Serve the AWS Step Functions API on localhost (a drop-in for Step Functions Local).
    Serve(serve::Args),
    /// AWS Step Functions in the cloud: list, pull, deploy, start and follow, history, link.
    Aws(aws::Args),
    /// Tell a recorded execution state by state; with --against FILE, diff it with a local run.
    Replay(replay::Args),
}

/// Exit codes shared by every command.
pub mod exit {
    pub const OK: u8 = 0;
    /// The input has errors (invalid definition, parse error).
    pub const INVALID: u8 = 1;
    /// Usage or I/O problems.
    pub const USAGE: u8 = 2;
}

/// Where a command writes: standard output and standard error, or buffers in tests.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Runs `asl` with these arguments (the first is the program name); returns the exit code.
pub fn run<I, T>(args: I, io: &mut Io) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are successes that clap reports as "errors".
            let _ = write!(if e.use_stderr() { &mut *io.err } else { &mut *io.out }, "{}", e.render().ansi());
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    match cli.command {
        Command::Validate(args) => validate::run(args, io),
        Command::Export(args) => export::run(args, io),
        Command::Layout(args) => layout::run(args, io),
        Command::Render(args) => render::run(args, io),
        Command::Run(args) => run::run(args, io),
        Command::Test(args) => test_cmd::run(args, io),
        Command::TestState(args) => test_state::run(args, io),
        Command::Serve(args) => serve::run(args, io),
        Command::Machines(args) => machines::run(args, io),
        Command::Aws(args) => aws::run(args, io),
        Command::Replay(args) => replay::run(args, io),
    }
}
