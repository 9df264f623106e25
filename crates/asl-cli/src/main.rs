//! The `asl` binary: forwards to the library so tests run the same code in-process.

use std::process::ExitCode;

fn main() -> ExitCode {
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut io = asl_cli::Io { out: &mut out, err: &mut err };
    ExitCode::from(asl_cli::run(std::env::args_os(), &mut io))
}
