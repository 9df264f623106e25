//! `asl replay HISTORY.json [--against FILE] [--mocks-from-history | --mocks FILE]
//! [--format text|json] [--save-mocks FILE]`: a recorded execution (the AWS CLI's
//! get-execution-history output, the console's export, `asl aws history`) told state by
//! state; with `--against FILE`, the definition run locally on the same input and the run
//! diff, the first differing state marked. Exit 0 no difference (or no diff asked), 1 a
//! difference, 2 usage or input errors.

use crate::exit;
use crate::input::{read_document_as, write_atomic, ReadError};
use crate::Io;
use asl_aws::diff::{DiffRow, RunDiff};
use asl_aws::{run_of, HistoryMocks, Run, Step};
use asl_eval::{Mocks, Options, TaskHandler};
use asl_session::setup::{self, MachineFiles};
use serde_json::{json, Value};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The history file: {"events": [...]} or an array of events.
    history: PathBuf,
    /// Run this definition locally on the recorded input and diff the two runs.
    #[arg(long, value_name = "FILE")]
    against: Option<PathBuf>,
    /// The local run's Task results are the recorded ones (TaskSucceeded, TaskFailed,
    /// LambdaFunctionSucceeded, ...).
    #[arg(long, requires = "against", conflicts_with = "mocks")]
    mocks_from_history: bool,
    /// Mocks for the local run, as for `asl run --mocks`.
    #[arg(long, value_name = "FILE", requires = "against")]
    mocks: Option<PathBuf>,
    /// Write the recorded Task results as a Step Functions Local mock config file.
    #[arg(long, value_name = "FILE")]
    save_mocks: Option<PathBuf>,
    /// text, or json: {"recorded": run} or, with --against, the run diff.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let name = args.history.display().to_string();
    let text = match std::fs::read_to_string(&args.history) {
        Ok(t) => t,
        Err(e) => return usage(io, &format!("{name}: cannot read: {e}")),
    };
    let events = match asl_aws::parse_history(&name, &text) {
        Ok(e) => e,
        Err(e) => return usage(io, &e.to_string()),
    };
    let recorded = run_of(&events);
    if let Some(path) = &args.save_mocks {
        let machine = args
            .against
            .as_deref()
            .map_or("StateMachine".into(), |f| MachineFiles::of(f).state_machine_name());
        let config = asl_aws::mock_config(&recorded, &machine, "Recorded");
        let text = format!("{}\n", serde_json::to_string_pretty(&config).unwrap_or_default());
        if let Err(e) = write_atomic(path, text.as_bytes()) {
            return usage(io, &format!("{}: cannot write: {e}", path.display()));
        }
    }
    let Some(against) = &args.against else {
        match args.format {
            Format::Json => {
                let _ = writeln!(io.out, "{}", pretty(&json!({ "recorded": recorded })));
            }
            Format::Text => print_run(&recorded, io),
        }
        return exit::OK;
    };
    let file = against.display().to_string();
    let doc = match read_document_as(against, true) {
        Ok(doc) => doc,
        Err(ReadError::Io(m)) => return usage(io, &m),
        Err(ReadError::Parse { error, .. }) => {
            let p = error.position;
            return usage(
                io,
                &format!("{file}:{}:{}: error[parse-error]: {}", p.line, p.column, error.message),
            );
        }
    };
    let handler: Box<dyn TaskHandler> = if args.mocks_from_history {
        Box::new(HistoryMocks::of(&recorded))
    } else {
        match &args.mocks {
            Some(path) => match setup::read_mocks(path, None, None) {
                Ok(m) => Box::new(m),
                Err(e) => return usage(io, &e.to_string()),
            },
            None => Box::new(Mocks::default()),
        }
    };
    let options =
        Options { state_machine_name: MachineFiles::of(against).state_machine_name(), ..Options::default() };
    let local = asl_aws::run_locally(&doc, &recorded, handler.as_ref(), options);
    let diff = asl_aws::run_diff(&recorded, &local);
    match args.format {
        Format::Json => {
            let _ = writeln!(io.out, "{}", pretty(&json!({"same": diff.is_same(), "diff": diff})));
        }
        Format::Text => print_diff(&diff, &name, &file, io),
    }
    if diff.is_same() {
        exit::OK
    } else {
        exit::INVALID
    }
}

fn usage(io: &mut Io, message: &str) -> u8 {
    let _ = writeln!(io.err, "asl replay: {message}");
    exit::USAGE
}

fn print_run(run: &Run, io: &mut Io) {
    let width = run.steps.iter().map(|s| s.key.len()).max().unwrap_or(0).max(5);
    let _ = writeln!(io.out, "input: {}", short(run.input.as_ref()));
    for step in &run.steps {
        let _ = writeln!(io.out, "{}", step_line(step, width));
    }
    let _ = writeln!(io.out, "{}", outcome_line(run));
}

fn step_line(step: &Step, width: usize) -> String {
    let status = serde_json::to_value(step.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let mut line = format!(
        "{:width$}  {:8}  {:9}  in {}",
        step.key,
        step.state_type,
        status,
        short(step.input.as_ref())
    );
    if step.output.is_some() {
        line.push_str(&format!("  out {}", short(step.output.as_ref())));
    }
    if let Some(error) = &step.error {
        line.push_str(&format!("  error {error}"));
    }
    if step.tasks.len() > 1 {
        line.push_str(&format!("  ({} attempts)", step.tasks.len()));
    }
    line
}

fn outcome_line(run: &Run) -> String {
    match run.status.as_str() {
        "SUCCEEDED" => format!("SUCCEEDED  output {}", short(run.output.as_ref())),
        status => format!(
            "{status}  {}{}",
            run.error.as_deref().unwrap_or(""),
            run.cause.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
        ),
    }
}

fn print_diff(diff: &RunDiff, history: &str, file: &str, io: &mut Io) {
    let _ = writeln!(io.out, "run diff: {history} (recorded) against {file} (local)");
    let width = diff.rows.iter().map(|r| r.key.len()).max().unwrap_or(0).max(5);
    for (i, row) in diff.rows.iter().enumerate() {
        let mark = if Some(i) == diff.first_difference {
            ">>"
        } else if row.differences.is_empty() {
            "  "
        } else {
            " !"
        };
        let what = if row.differences.is_empty() { "same".to_owned() } else { row.differences.join(", ") };
        let _ = writeln!(io.out, "{mark} {:width$}  {what}", row.key);
        if Some(i) == diff.first_difference {
            print_first(row, io);
        }
    }
    let (r, l) = (&diff.recorded, &diff.local);
    let _ = writeln!(io.out, "outcome: recorded {}, local {}{}", r.status, l.status, {
        if diff.outcome.is_empty() {
            String::new()
        } else {
            format!("; differs: {}", diff.outcome.join(", "))
        }
    });
    if diff.outcome.contains(&"error") || (l.status != "SUCCEEDED" && r.status == "SUCCEEDED") {
        let _ = writeln!(
            io.out,
            "   local error: {}{}",
            l.error.as_deref().unwrap_or("-"),
            l.cause.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
        );
    }
    let differing = diff.rows.iter().filter(|r| !r.differences.is_empty()).count();
    let _ = match (diff.is_same(), diff.first_difference) {
        (true, _) => writeln!(io.out, "no difference"),
        (false, Some(i)) => writeln!(io.out, "{differing} state(s) differ; the first: {}", diff.rows[i].key),
        (false, None) => writeln!(io.out, "the outcome differs"),
    };
}

/// The first differing state, both sides in full.
fn print_first(row: &DiffRow, io: &mut Io) {
    for (side, step) in [("recorded", &row.recorded), ("local", &row.local)] {
        match step {
            None => {
                let _ = writeln!(io.out, "     {side:8}  (not entered)");
            }
            Some(s) => {
                let _ = writeln!(io.out, "     {side:8}  input  {}", full(s.input.as_ref()));
                let _ = writeln!(io.out, "     {side:8}  output {}", full(s.output.as_ref()));
                if let Some(e) = &s.error {
                    let _ =
                        writeln!(io.out, "     {side:8}  error  {e}: {}", s.cause.as_deref().unwrap_or(""));
                }
            }
        }
    }
}

fn full(v: Option<&Value>) -> String {
    v.map_or("-".into(), Value::to_string)
}

/// Compact JSON, cut at 100 characters for the state-by-state lines.
fn short(v: Option<&Value>) -> String {
    let text = full(v);
    if text.chars().count() <= 100 {
        return text;
    }
    let cut: String = text.chars().take(99).collect();
    format!("{cut}…")
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
