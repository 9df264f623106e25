//! The `asl` binary: forwards to the library so tests run the same code in-process.

use std::process::ExitCode;

// mimalloc backs the heap with huge pages: a run or layout of a big machine takes ~250
// page faults instead of ~8,000-13,000 with glibc's malloc, a third of its time (issue 14).
// Counted per thread, so a runaway JSONata query is stopped at its memory limit.
#[global_allocator]
static GLOBAL: asl_alloc::Counting<mimalloc::MiMalloc> = asl_alloc::Counting(mimalloc::MiMalloc);

fn main() -> ExitCode {
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut io = asl_cli::Io { out: &mut out, err: &mut err };
    ExitCode::from(asl_cli::run(std::env::args_os(), &mut io))
}
