//! `asl aws start (FILE | ARN) --input JSON|@FILE [--name N] [--arn ARN] [--wait]`: starts
//! an execution in the cloud. For a FILE the machine is `--arn`, or the file's link
//! (`asl aws link`). `--wait` follows it to its end, printing its history events as they
//! come: exit 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED.

use crate::aws::fail;
use crate::exit;
use crate::Io;
use asl_aws::executions::{follow, Polling};
use asl_aws::Sfn;
use asl_eval::history::HistoryEvent;
use serde_json::Value;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// A state machine (version, alias) ARN, or a local file linked to one.
    machine: String,
    /// The execution input: JSON text, or @FILE (default {}).
    #[arg(long, value_name = "JSON|@FILE")]
    input: Option<String>,
    /// The execution name (default: one the service picks).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// For a FILE: the state machine to start (default: the file's link).
    #[arg(long, value_name = "ARN")]
    arn: Option<String>,
    /// Follow the execution to its end, printing its events.
    #[arg(long)]
    wait: bool,
}

pub async fn run(sfn: &Sfn, args: Args, io: &mut Io<'_>) -> u8 {
    let arn = if args.machine.starts_with("arn:") {
        args.machine.clone()
    } else {
        match crate::aws::linked_arn(Path::new(&args.machine), args.arn.as_deref()) {
            Ok(arn) => arn,
            Err(m) => {
                let _ = writeln!(io.err, "asl aws start: {m}");
                return exit::USAGE;
            }
        }
    };
    if !args.machine.starts_with("arn:") {
        warn_if_changed(sfn, Path::new(&args.machine), &arn, io).await;
    }
    let input = match read_input(args.input.as_deref()) {
        Ok(text) => text,
        Err(m) => {
            let _ = writeln!(io.err, "asl aws start: {m}");
            return exit::USAGE;
        }
    };
    let started = match asl_aws::start(sfn, &arn, &input, args.name.as_deref()).await {
        Ok(s) => s,
        Err(e) => return fail(io, &e),
    };
    let _ = writeln!(io.out, "{}", started.execution_arn);
    if !args.wait {
        return exit::OK;
    }
    let out = &mut *io.out;
    let followed = follow(sfn, &started.execution_arn, Polling::default(), |event| {
        let _ = writeln!(out, "{}", event_line(event));
        let _ = out.flush();
    })
    .await;
    match followed {
        Ok(end) if end.status == "SUCCEEDED" => {
            let output = end.output.as_deref().unwrap_or("null");
            let _ = writeln!(io.out, "{}", pretty(output));
            exit::OK
        }
        Ok(end) => {
            let _ = writeln!(
                io.err,
                "asl aws: execution {}: {}{}",
                end.status,
                end.error.as_deref().unwrap_or("(no error name)"),
                end.cause.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
            );
            exit::INVALID
        }
        Err(e) => {
            let _ = writeln!(
                io.err,
                "asl aws: {e}; the execution goes on in the cloud: asl aws history {} gets the rest",
                e.execution_arn
            );
            exit::USAGE
        }
    }
}

/// Says so when the file is not what is deployed: the execution runs the deployed
/// definition, not the edits. Quiet when either cannot be read (the start says why).
async fn warn_if_changed(sfn: &Sfn, file: &Path, arn: &str, io: &mut Io<'_>) {
    let Ok(doc) = crate::input::read_document_as(file, true) else { return };
    let local = crate::machines::export_json(file, &doc).unwrap_or_else(|| asl_aws::deployable(&doc).text);
    // `ARN#TestCase` (Step Functions Local's form) names the machine before the '#'.
    let machine = arn.split('#').next().unwrap_or(arn);
    if let Ok(deployed) = asl_aws::pull(sfn, machine).await {
        if deployed.definition != local {
            let _ = writeln!(
                io.err,
                "note: {} differs from the deployed definition of {machine}, which is what runs (asl aws deploy to run the edits)",
                file.display()
            );
        }
    }
}

/// `  12  TaskStateEntered  CheckStock` (with the error of a failure).
pub fn event_line(event: &HistoryEvent) -> String {
    let details = event.details.as_ref().map(|(_, d)| d);
    let field = |name: &str| details.and_then(|d| d.get(name)).and_then(Value::as_str);
    let mut line = format!("{:>5}  {}", event.id, event.kind);
    if let Some(name) = field("name") {
        line.push_str("  ");
        line.push_str(name);
        if let Some(index) = details.and_then(|d| d.get("index")).and_then(Value::as_u64) {
            line.push_str(&format!("[{index}]"));
        }
    }
    if let Some(error) = field("error") {
        line.push_str(&format!("  {error}"));
        if let Some(cause) = field("cause") {
            let cause: String = cause.chars().take(200).collect();
            line.push_str(&format!(": {cause}"));
        }
    }
    line
}

fn read_input(input: Option<&str>) -> Result<String, String> {
    let text = match input {
        None => return Ok("{}".into()),
        Some(text) => match text.strip_prefix('@') {
            Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?,
            None => text.to_owned(),
        },
    };
    serde_json::from_str::<Value>(&text).map_err(|e| format!("--input: not JSON: {e}"))?;
    Ok(text)
}

fn pretty(json: &str) -> String {
    serde_json::from_str::<Value>(json)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| json.to_owned())
}
