//! Helpers for the workspace tests: where the shared corpus is, and running `asl`
//! in-process with its output captured.

use std::path::{Path, PathBuf};

/// The folder named by `var`. Unset: `None`, after saying loudly that the caller skips.
/// Set to a folder that does not exist: a failure, since CI set it on purpose.
pub fn shared_dir(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        None => {
            // To the real stderr: libtest captures eprintln! of a passing test, and a skip
            // must be seen.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED: {var} is not set; set it (as scripts/env.sh does) to run this test ***\n"
            );
            None
        }
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(dir.is_dir(), "{var}={} is not a folder", dir.display());
            Some(dir)
        }
    }
}

/// The files directly in `dir` whose names end with one of `suffixes`, sorted.
pub fn files(dir: &Path, suffixes: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| suffixes.iter().any(|s| n.ends_with(s)))
        })
        .collect();
    out.sort();
    out
}

/// What one `asl` run printed.
pub struct Run {
    pub code: u8,
    pub out: Vec<u8>,
    pub err: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out).into_owned()
    }
}

/// Runs `asl ARGS...` in-process.
pub fn asl(args: &[&str]) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = asl_cli::Io { out: &mut out, err: &mut err };
    let argv = std::iter::once("asl").chain(args.iter().copied());
    let code = asl_cli::run(argv, &mut io);
    Run { code, out, err: String::from_utf8_lossy(&err).into_owned() }
}

/// The workspace root (this package lives in `tests/`).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}
