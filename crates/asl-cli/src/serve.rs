//! `asl serve [--host 127.0.0.1] [--port 8083] [--mock-config FILE] [--data-dir DIR]
//! [--real-time] [--lambda-endpoint URL]`: the AWS Step Functions API on this machine
//! (asl-serve). Prints `listening on http://HOST:PORT` once it answers; Ctrl+C stops it
//! (exit 0); a port in use or an unreadable mock config exits 2 with one line.

use crate::exit;
use crate::Io;
use asl_serve::{Account, Config};
use std::path::PathBuf;

const CLIENTS: &str = "\
Point a client at it (nothing else changes; any credentials and region work):
  export AWS_ENDPOINT_URL_SFN=http://127.0.0.1:8083
  AWS CLI:  export AWS_DISABLE_HOST_PREFIX_INJECTION=true
  boto3:    boto3.client('stepfunctions', config=botocore.config.Config(inject_host_prefix=False))
  JS SDK:   new SFNClient({ endpoint: 'http://127.0.0.1:8083', disableHostPrefix: true })
The host-prefix settings are for StartSyncExecution and TestState, which the SDKs send to
a 'sync-' prefixed host that does not resolve locally; the server answers any Host header.

Step Functions Local compatible: SFN_MOCK_CONFIG (or --mock-config) and executions started
on stateMachineArn#TestCase take that test case's mocks; LAMBDA_ENDPOINT (or
--lambda-endpoint) answers unmocked Lambda tasks; ARNs use AWS_DEFAULT_REGION and
AWS_ACCOUNT_ID (default us-east-1, 123456789012).";

#[derive(clap::Args)]
#[command(after_help = CLIENTS)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port (0: any free port, printed when ready).
    #[arg(long, default_value_t = 8083)]
    port: u16,
    /// A Step Functions Local MockConfigFile (default: $SFN_MOCK_CONFIG).
    #[arg(long, value_name = "FILE")]
    mock_config: Option<PathBuf>,
    /// Keep machines, activities, tags and executions with their histories in an SQLite
    /// database in DIR, so a restart loses nothing acknowledged (default: memory only).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Really wait in Wait states and retry backoffs (default: a virtual clock).
    #[arg(long)]
    real_time: bool,
    /// A Lambda Invoke endpoint (http://HOST:PORT, e.g. sam local start-lambda) for
    /// unmocked Lambda tasks (default: $LAMBDA_ENDPOINT).
    #[arg(long, value_name = "URL")]
    lambda_endpoint: Option<String>,
    /// Histories as AWS shapes them, or with Step Functions Local's known differences
    /// (AWS SDK integrations' Task events: resourceType "aws-sdk", resource "SERVICE:ACTION").
    #[arg(long, value_enum, default_value = "aws")]
    compat: CompatArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CompatArg {
    Aws,
    #[value(name = "stepfunctions-local")]
    StepFunctionsLocal,
}

pub fn run(mut args: Args, io: &mut Io) -> u8 {
    // Step Functions Local's variables, when the flags are not given.
    let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    args.mock_config = args.mock_config.or_else(|| from_env("SFN_MOCK_CONFIG").map(PathBuf::from));
    args.lambda_endpoint = args
        .lambda_endpoint
        .or_else(|| from_env("LAMBDA_ENDPOINT").map(|v| v.to_string_lossy().into_owned()));
    let mock_config = match &args.mock_config {
        None => None,
        Some(path) => match asl_session::setup::read_json(path) {
            Ok(value) if value.get("StateMachines").is_some() || value.get("MockedResponses").is_some() => {
                Some(value)
            }
            Ok(_) => {
                let _ = writeln!(
                    io.err,
                    "asl: {}: not a mock config file (no \"StateMachines\" / \"MockedResponses\")",
                    path.display()
                );
                return exit::USAGE;
            }
            Err(e) => {
                let _ = writeln!(io.err, "asl: {e}");
                return exit::USAGE;
            }
        },
    };
    let config = Config {
        host: args.host.clone(),
        port: args.port,
        mock_config,
        lambda_endpoint: args.lambda_endpoint.clone().filter(|e| !e.is_empty()),
        real_time: args.real_time,
        account: Account::from_env(),
        data_dir: args.data_dir.clone(),
        compat: match args.compat {
            CompatArg::Aws => asl_serve::Compat::Aws,
            CompatArg::StepFunctionsLocal => asl_serve::Compat::StepFunctionsLocal,
        },
        ..Config::default()
    };
    let mut ready = |addr: std::net::SocketAddr| {
        let _ = writeln!(io.out, "listening on http://{addr}");
        let _ = io.out.flush();
    };
    match asl_serve::run_until_ctrl_c(config, &mut ready) {
        Ok(()) => exit::OK,
        Err(e) => {
            let _ = writeln!(io.err, "asl serve: {e}");
            exit::USAGE
        }
    }
}
