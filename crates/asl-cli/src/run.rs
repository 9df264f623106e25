//! `asl run FILE [--input JSON|@FILE] [--mocks FILE [--test-case NAME]] [--type standard|express]
//! [--format text|json] [--real-time] [--max-transitions N] [--s3-root DIR] [--allow-commands]`:
//! one execution on the local engine. Exit 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 2 usage, I/O or invalid definition.

use crate::exit;
use crate::input::read_document_with;
use crate::local::LocalArgs;
use crate::report::render;
use crate::Io;
use asl_check::{check, parse_error, Severity};
use asl_eval::{Execution, ExecutionType, Mocks, Options, RealClock, Status};
use asl_session::setup::{self, MachineFiles};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// The ASL file to run.
    file: PathBuf,
    /// The execution input: JSON text, or @FILE to read it from a file (default {}).
    #[arg(long, value_name = "JSON|@FILE")]
    input: Option<String>,
    /// Mocked task results: a plain {"State": [{"return": ...} | {"throw": ...}]} list or a
    /// Step Functions Local mock config file.
    #[arg(long, value_name = "FILE")]
    mocks: Option<PathBuf>,
    /// The test case of a mock config file.
    #[arg(long, value_name = "NAME", requires = "mocks")]
    test_case: Option<String>,
    /// The state machine of a mock config file (default: the only one), also its name in
    /// the context object (default: the file name).
    #[arg(long, value_name = "NAME")]
    state_machine_name: Option<String>,
    /// Execution type: express lifts the 25,000-event history limit.
    #[arg(long = "type", value_enum, default_value = "standard")]
    kind: Kind,
    /// text: the output JSON (error and cause on stderr); json: status, output, error,
    /// cause, per-state records and the history.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Really wait in Wait states and retry backoffs (default: a virtual clock).
    #[arg(long)]
    real_time: bool,
    /// End a runaway execution after this many state transitions (0: no limit).
    #[arg(long, value_name = "N", default_value_t = asl_eval::MAX_TRANSITIONS)]
    max_transitions: u64,
    /// For a machine of a template: the value of a `${NAME}` placeholder (or an intrinsic,
    /// `--sub '!GetAtt Fn.Arn=arn:...'`), ahead of the template's own. Repeatable.
    #[arg(long = "sub", value_name = "NAME=VALUE", value_parser = parse_sub)]
    subs: Vec<(String, String)>,
    #[command(flatten)]
    local: LocalArgs,
}

fn parse_sub(s: &str) -> Result<(String, String), String> {
    // An intrinsic's name holds no `=`; a placeholder's neither: the first `=` splits.
    let (name, value) = s.split_once('=').ok_or_else(|| format!("expected NAME=VALUE, found \"{s}\""))?;
    let name = name.trim().trim_start_matches("${").trim_end_matches('}');
    Ok((name.to_owned(), value.to_owned()))
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Standard,
    Express,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let prepared = prepare(&args, io).and_then(|(doc, input, mocks, mut options)| {
        let handler = args.local.handler(&args.file, mocks)?;
        match args.format {
            // Text shows the output, or the error and cause: no state records, no history
            // (its events are still counted for the 25,000-event limit). Recording them cost
            // ~5 KB a transition: 1 GB and 3 s for a 100,000-iteration loop (issue 14).
            OutputFormat::Text => {
                options.record_states = false;
                options.record_history = false;
                Ok(Execution::run(&doc, input, &handler, &options))
            }
            // Written as the run goes: memory does not grow with the records.
            OutputFormat::Json => crate::run_json::run(&doc, input, &handler, options, &mut *io.out)
                .map_err(|e| format!("asl: cannot write the report: {e}")),
        }
    });
    match prepared {
        Ok(outcome) => {
            match args.format {
                OutputFormat::Text => {
                    if let Some(output) = &outcome.output {
                        let _ = writeln!(io.out, "{}", pretty(output));
                    } else {
                        let _ = writeln!(
                            io.err,
                            "asl: execution {}: {}{}",
                            outcome.status.as_str(),
                            outcome.error.as_deref().unwrap_or("(no error name)"),
                            outcome.cause.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
                        );
                    }
                }
                OutputFormat::Json => {}
            }
            if outcome.status == Status::Succeeded {
                exit::OK
            } else {
                exit::INVALID
            }
        }
        Err(message) => {
            if !message.is_empty() {
                let _ = writeln!(io.err, "{message}");
            }
            exit::USAGE
        }
    }
}

fn prepare(args: &Args, io: &mut Io) -> Result<(asl_model::Document, Value, Mocks, Options), String> {
    let file = args.file.display().to_string();
    let subs: std::collections::BTreeMap<String, String> = args.subs.iter().cloned().collect();
    let doc = match read_document_with(&args.file, Some(&subs)) {
        Ok(doc) => doc,
        Err(crate::input::ReadError::Io(m)) => return Err(format!("asl: {m}")),
        Err(crate::input::ReadError::Parse { text, error }) => {
            let d = parse_error(&error);
            let _ = writeln!(io.err, "{}", render(&file, text.as_deref(), None, error.position, &d));
            return Err(String::new());
        }
    };
    let diagnostics = crate::machines::in_template(&args.file, &doc, check(&doc));
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    if !errors.is_empty() {
        for d in &errors {
            let _ = writeln!(
                io.err,
                "{}",
                render(&file, Some(doc.text()), Some(doc.lines()), doc.position(d.span.start), d)
            );
        }
        return Err(format!(
            "asl: {file}: the definition is invalid ({} error{}); not run",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ));
    }
    let input = match &args.input {
        None => json!({}),
        Some(text) => read_json_arg(text, "--input")?,
    };
    let machine_name =
        args.state_machine_name.clone().unwrap_or_else(|| MachineFiles::of(&args.file).state_machine_name());
    let mocks = match &args.mocks {
        None => Mocks::default(),
        Some(path) => setup::read_mocks(path, args.state_machine_name.as_deref(), args.test_case.as_deref())
            .map_err(|e| format!("asl: {e}"))?,
    };
    let mut options = Options {
        execution_type: match args.kind {
            Kind::Standard => ExecutionType::Standard,
            Kind::Express => ExecutionType::Express,
        },
        max_transitions: (args.max_transitions > 0).then_some(args.max_transitions),
        state_machine_name: machine_name,
        s3: args.local.s3(&args.file)?,
        ..Options::default()
    };
    if args.real_time {
        options.clock = Arc::new(RealClock);
    }
    Ok((doc, input, mocks, options))
}

/// `JSON` or `@FILE`.
fn read_json_arg(text: &str, what: &str) -> Result<Value, String> {
    match text.strip_prefix('@') {
        Some(path) => setup::read_json(Path::new(path)).map_err(|e| format!("asl: {e}")),
        None => serde_json::from_str(text).map_err(|e| format!("asl: {what}: not JSON: {e}")),
    }
}

pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}
