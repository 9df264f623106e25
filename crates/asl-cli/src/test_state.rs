//! `asl test-state --request FILE`: one AWS Step Functions TestState request (JSON, the
//! API's field names; JSON-text fields as text or decoded) in, the response out as AWS
//! would answer it, its JSON-text fields decoded. An error the API would return instead
//! is printed as `{"exception": {"type", "message"}}` with exit 1; a file that cannot be
//! read or is not JSON exits 2.

use crate::exit;
use crate::Io;
use asl_teststate::{test_state, TestStateOptions, TextFields};
use serde_json::{json, Value};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The TestState request: a JSON file with `definition`, `input`, `mock`, ... (`-` reads stdin).
    #[arg(long, value_name = "FILE")]
    request: PathBuf,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let name = args.request.display().to_string();
    let text = if name == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
    } else {
        std::fs::read_to_string(&args.request)
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            let _ = writeln!(io.err, "asl: cannot read {name}: {e}");
            return exit::USAGE;
        }
    };
    let request: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let _ = writeln!(io.err, "asl: {name}:{}:{}: the request is not JSON: {e}", e.line(), e.column());
            return exit::USAGE;
        }
    };
    let options = TestStateOptions { text_fields: TextFields::Decoded, ..TestStateOptions::default() };
    let (answer, code) = match test_state(&request, &options) {
        Ok(response) => (response, exit::OK),
        Err(e) => (json!({"exception": {"type": e.type_, "message": e.message}}), exit::INVALID),
    };
    let printed = serde_json::to_string_pretty(&answer).unwrap_or_default();
    if writeln!(io.out, "{printed}").is_err() {
        return exit::USAGE;
    }
    code
}
