//! Builds the Actions catalogue into OUT_DIR from botocore's service models, with
//! `gen/catalogue.py` (Python 3, stdlib only). The botocore wheel is downloaded once into a
//! cache outside the repo and reused, so only the first build needs PyPI.

use std::path::PathBuf;
use std::process::Command;

/// The botocore release the catalogue comes from: bump it to pick up new services/actions.
const BOTOCORE: &str = "1.44.18";

/// The botocore release whose *response* models TestState's mock checks use
/// (`fieldValidationMode`). AWS's TestState checks mocks against models older than
/// botocore's: in the calls of ../shared/conformance-teststate (December 2025) it still
/// held Lambda's `MemorySize` to 10240, as 1.40.0 does, where 1.41.6 on say 32768. Bump
/// it when new recordings show AWS checking against newer models.
const BOTOCORE_RESPONSES: &str = "1.40.0";

fn main() {
    println!("cargo:rerun-if-changed=gen/catalogue.py");
    println!("cargo:rerun-if-changed=gen/optimised.py");
    println!("cargo:rerun-if-env-changed=ASL_BOTOCORE_CACHE");
    println!("cargo:rerun-if-env-changed=PYTHON");
    println!("cargo:rustc-env=ASL_BOTOCORE_VERSION={BOTOCORE}");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("catalogue.bin");
    let cache = |version: &str| match std::env::var_os("ASL_BOTOCORE_CACHE") {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".cache/asl-studio").join(format!("botocore-{version}")),
            None => PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join(format!("botocore-{version}")),
        },
    };
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let status = Command::new(&python)
        .arg("gen/catalogue.py")
        .args(["--version", BOTOCORE, "--cache"])
        .arg(cache(BOTOCORE))
        .args(["--responses-version", BOTOCORE_RESPONSES, "--responses-cache"])
        .arg(cache(BOTOCORE_RESPONSES))
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "asl-catalogue: cannot run `{python}` ({e}). Building the Actions catalogue needs \
                 Python 3 with pip: run scripts/setup.sh (or `apt-get install python3 python3-pip`), \
                 or set PYTHON to a python3 binary."
            )
        });
    if !status.success() {
        panic!("asl-catalogue: gen/catalogue.py failed ({status}); its message above says what is missing");
    }
}
