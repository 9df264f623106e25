//! `asl aws list|pull|deploy|start|history|link`: AWS Step Functions in the cloud
//! (asl-aws), with the standard credential chain and `--profile`, `--region`,
//! `--endpoint-url` (`AWS_ENDPOINT_URL_SFN` / `AWS_ENDPOINT_URL` are honoured too).
//! Exit 0 done; 1 the thing failed (an execution, a rejected definition); 2 usage, input,
//! credentials, connection or other errors that kept it from being done.

use crate::exit;
use crate::input::emit;
use crate::Io;
use asl_aws::{AwsError, Connection, Links, Sfn};
use std::path::{Path, PathBuf};

const CONNECTING: &str = "\
Credentials come from the standard chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the
profile (--profile or AWS_PROFILE) in ~/.aws/config and ~/.aws/credentials, SSO, web
identity, container and instance roles. The endpoint: --endpoint-url, else
AWS_ENDPOINT_URL_SFN, else AWS_ENDPOINT_URL, else AWS's (e.g. `asl serve` on localhost).";

#[derive(clap::Args)]
#[command(after_help = CONNECTING)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// The profile of ~/.aws/config to use.
    #[arg(long, global = true, value_name = "NAME")]
    profile: Option<String>,
    /// The region (default: the profile's, or AWS_REGION).
    #[arg(long, global = true, value_name = "REGION")]
    region: Option<String>,
    /// Send requests here instead of AWS (asl serve, Step Functions Local, moto, ...).
    #[arg(long, global = true, value_name = "URL")]
    endpoint_url: Option<String>,
}

#[derive(clap::Subcommand)]
enum Command {
    /// List the state machines of the account and region.
    List(ListArgs),
    /// Write a deployed definition out, byte for byte as AWS returns it.
    Pull(PullArgs),
    /// Deploy a file: show the diff and the validation, ask, then create or update.
    Deploy(crate::aws_deploy::Args),
    /// Start an execution of a deployed machine (or a file's linked one); --wait follows it.
    Start(crate::aws_start::Args),
    /// Write an execution's history as `aws stepfunctions get-execution-history` prints it.
    History(HistoryArgs),
    /// Link a file to its deployed state machine (or show, or --remove, the link).
    Link(LinkArgs),
}

#[derive(clap::Args)]
struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct PullArgs {
    /// The state machine (or version, or alias) ARN, or a state machine name.
    arn: String,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
struct HistoryArgs {
    /// The execution ARN.
    execution_arn: String,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
struct LinkArgs {
    /// The local file (or FILE#ID).
    file: PathBuf,
    /// The state machine ARN to link it to (none: show the link).
    arn: Option<String>,
    /// Remove the file's link.
    #[arg(long, conflicts_with = "arn")]
    remove: bool,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let connection = Connection {
        profile: args.profile,
        region: args.region,
        endpoint_url: args.endpoint_url,
        max_attempts: None,
    };
    match args.command {
        Command::Link(link) => run_link(link, io),
        Command::List(list) => {
            with_client(&connection, io, |sfn, io| async move { run_list(&sfn, list.format, io).await })
        }
        Command::Pull(pull) => {
            with_client(&connection, io, |sfn, io| async move { run_pull(&sfn, pull, io).await })
        }
        Command::History(h) => {
            with_client(&connection, io, |sfn, io| async move { run_history(&sfn, h, io).await })
        }
        Command::Deploy(d) => {
            with_client(&connection, io, |sfn, io| async move { crate::aws_deploy::run(&sfn, d, io).await })
        }
        Command::Start(s) => {
            with_client(&connection, io, |sfn, io| async move { crate::aws_start::run(&sfn, s, io).await })
        }
    }
}

/// Connects and runs one command on a runtime of its own.
fn with_client<'io, 'a, F, Fut>(connection: &Connection, io: &'io mut Io<'a>, command: F) -> u8
where
    F: FnOnce(Sfn, &'io mut Io<'a>) -> Fut,
    Fut: std::future::Future<Output = u8>,
{
    let runtime = match asl_aws::runtime() {
        Ok(r) => r,
        Err(e) => return fail(io, &e),
    };
    let sfn = match runtime.block_on(Sfn::connect(connection)) {
        Ok(sfn) => sfn,
        Err(e) => return fail(io, &e),
    };
    runtime.block_on(command(sfn, io))
}

/// Reports an AWS error on one line; exit 2 (it kept the command from being done).
pub fn fail(io: &mut Io, e: &AwsError) -> u8 {
    let _ = writeln!(io.err, "asl aws: {e}");
    exit::USAGE
}

async fn run_list(sfn: &Sfn, format: Format, io: &mut Io<'_>) -> u8 {
    let machines = match asl_aws::list(sfn).await {
        Ok(m) => m,
        Err(e) => return fail(io, &e),
    };
    if format == Format::Json {
        let _ = writeln!(io.out, "{}", serde_json::to_string_pretty(&machines).unwrap_or_default());
        return exit::OK;
    }
    if machines.is_empty() {
        let _ = writeln!(io.err, "no state machines at {}", sfn.target());
        return exit::OK;
    }
    let width = machines.iter().map(|m| m.name.len()).max().unwrap_or(4).max(4);
    let _ = writeln!(io.out, "{:width$}  {:8}  {:25}  ARN", "NAME", "TYPE", "CREATED");
    for m in &machines {
        let _ = writeln!(io.out, "{:width$}  {:8}  {:25}  {}", m.name, m.kind, m.creation_date, m.arn);
    }
    exit::OK
}

async fn run_pull(sfn: &Sfn, args: PullArgs, io: &mut Io<'_>) -> u8 {
    let arn = match resolve(sfn, &args.arn).await {
        Ok(arn) => arn,
        Err(e) => return fail(io, &e),
    };
    match asl_aws::pull(sfn, &arn).await {
        Ok(deployed) => emit(args.output.as_deref(), deployed.definition.as_bytes(), io),
        Err(e) => fail(io, &e),
    }
}

async fn run_history(sfn: &Sfn, args: HistoryArgs, io: &mut Io<'_>) -> u8 {
    match asl_aws::executions::history(sfn, &args.execution_arn).await {
        Ok(events) => emit(args.output.as_deref(), asl_aws::to_cli_json(&events).as_bytes(), io),
        Err(e) => fail(io, &e),
    }
}

/// An ARN as given, or the ARN of the machine so named.
pub async fn resolve(sfn: &Sfn, arn_or_name: &str) -> Result<String, AwsError> {
    if arn_or_name.starts_with("arn:") {
        return Ok(arn_or_name.to_owned());
    }
    asl_aws::machines::find_by_name(sfn, arn_or_name).await?.ok_or_else(|| AwsError::NotFound {
        code: "StateMachineDoesNotExist".into(),
        message: format!("no state machine named {arn_or_name} at {}", sfn.target()),
    })
}

fn run_link(args: LinkArgs, io: &mut Io) -> u8 {
    let result = load_links().and_then(|mut links| {
        let file = &args.file;
        match (&args.arn, args.remove) {
            (Some(arn), _) => {
                links.set(file, arn);
                links.save()?;
                Ok(format!("{} -> {arn}", file.display()))
            }
            (None, true) => {
                let had = links.remove(file);
                links.save()?;
                Ok(match had {
                    Some(arn) => format!("{}: link to {arn} removed", file.display()),
                    None => format!("{}: was not linked", file.display()),
                })
            }
            (None, false) => match links.get(file) {
                Some(arn) => Ok(arn.to_owned()),
                None => Err(format!("{}: not linked (asl aws link FILE ARN)", file.display())),
            },
        }
    });
    match result {
        Ok(line) => {
            let _ = writeln!(io.out, "{line}");
            exit::OK
        }
        Err(message) => {
            let _ = writeln!(io.err, "asl aws link: {message}");
            exit::USAGE
        }
    }
}

/// The user's link store.
pub fn load_links() -> Result<Links, String> {
    let path = Links::default_path()
        .ok_or("no config folder to keep links in (set HOME, XDG_CONFIG_HOME or ASL_AWS_LINKS)")?;
    Links::load(&path)
}

/// The ARN a file is deployed as: `--arn`, else its link.
pub fn linked_arn(file: &Path, arn: Option<&str>) -> Result<String, String> {
    if let Some(arn) = arn {
        return Ok(arn.to_owned());
    }
    load_links()?.get(file).map(str::to_owned).ok_or_else(|| {
        format!(
            "{}: no state machine given: pass --arn ARN, or link the file first (asl aws link FILE ARN)",
            file.display()
        )
    })
}
