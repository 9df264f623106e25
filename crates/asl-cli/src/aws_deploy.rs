//! `asl aws deploy FILE (--arn ARN | --name NAME [--role-arn ARN] [--type STANDARD|EXPRESS])
//! [--publish] [--alias NAME] [--yes]`: shows the diff of the deployed definition against
//! the file, the local validation and AWS's (ValidateStateMachineDefinition, when the
//! server has it), asks, then creates or updates the machine (and publishes a version,
//! and points an alias at it). The definition sent is the file's text byte for byte;
//! YAML and IaC machines (`FILE#ID`) go as JSON; JSONC loses its comments, said so.

use crate::aws::fail;
use crate::exit;
use crate::input::{read_document_as, ReadError};
use crate::Io;
use asl_aws::machines::{ServerDiagnostic, ServerValidation, Target};
use asl_aws::{AwsError, Sfn};
use asl_check::{check, Severity};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The definition: an ASL file (JSON, JSONC or YAML) or FILE#ID of an IaC file.
    file: PathBuf,
    /// Update this state machine.
    #[arg(long, value_name = "ARN", conflicts_with = "name", required_unless_present = "name")]
    arn: Option<String>,
    /// Update the state machine of this name, or create it.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The execution role, to create the machine.
    #[arg(long, value_name = "ARN", requires = "name")]
    role_arn: Option<String>,
    /// The type, to create the machine (default STANDARD).
    #[arg(long = "type", value_enum, requires = "name")]
    kind: Option<Kind>,
    /// Publish a version of the deployed definition.
    #[arg(long)]
    publish: bool,
    /// Create or move this alias to the published version (implies --publish).
    #[arg(long, value_name = "NAME")]
    alias: Option<String>,
    /// Deploy without asking.
    #[arg(long, short = 'y')]
    yes: bool,
    /// Link the file to the deployed machine afterwards (for `asl aws start FILE`).
    #[arg(long)]
    link: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    #[value(name = "STANDARD", alias = "standard")]
    Standard,
    #[value(name = "EXPRESS", alias = "express")]
    Express,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Standard => "STANDARD",
            Kind::Express => "EXPRESS",
        }
    }
}

pub async fn run(sfn: &Sfn, args: Args, io: &mut Io<'_>) -> u8 {
    let file = args.file.display().to_string();
    // An IaC machine deploys with what the template itself gives its `${...}` and
    // intrinsics (literals, parameter defaults); a value only the stack deploy knows
    // (an ARN from !GetAtt, ...) would go as a run's stand-in: refuse instead.
    if let Some(pending) = stack_only_values(&args.file) {
        let _ = writeln!(
            io.err,
            "asl aws deploy: {file}: the file gives no value for {pending} (only a CloudFormation/SAM/CDK/Terraform deploy does): deploy the stack, or a copy of the definition with the values written in"
        );
        return exit::USAGE;
    }

    // IaC machines with their literal substitutions filled in, as a stack deploy would.
    let doc = match read_document_as(&args.file, true) {
        Ok(doc) => doc,
        Err(ReadError::Io(m)) => {
            let _ = writeln!(io.err, "asl: {m}");
            return exit::USAGE;
        }
        Err(ReadError::Parse { error, .. }) => {
            let p = error.position;
            let _ = writeln!(io.err, "{file}:{}:{}: error[parse-error]: {}", p.line, p.column, error.message);
            return exit::INVALID;
        }
    };
    let deployable = match crate::machines::export_json(&args.file, &doc) {
        Some(json) => asl_aws::Deployable { text: json, note: Some("YAML converted to JSON".into()) },
        None => asl_aws::deployable(&doc),
    };
    if let Some(note) = &deployable.note {
        let _ = writeln!(io.err, "note: {file}: {note}");
    }
    // clap requires one of --arn and --name.
    let target = match &args.arn {
        Some(arn) => Target::Arn(arn.clone()),
        None => Target::Name {
            name: args.name.clone().unwrap_or_default(),
            role_arn: args.role_arn.clone(),
            kind: args.kind.map(|k| k.as_str().to_owned()),
        },
    };
    let plan = match asl_aws::plan(sfn, target).await {
        Ok(plan) => plan,
        Err(e) => return fail(io, &e),
    };

    // The diff, deployed -> local.
    match &plan.deployed {
        Some(d) if d.definition == deployable.text => {
            let _ = writeln!(io.out, "{}: the deployed definition is the same as {file}", d.arn);
        }
        Some(d) => {
            let diff = asl_aws::definition_diff(&d.definition, &deployable.text, &d.arn, &file);
            let _ = write!(io.out, "{diff}");
            if !diff.ends_with('\n') {
                let _ = writeln!(io.out);
            }
        }
        None => {
            let name = args.name.as_deref().unwrap_or_default();
            let _ = writeln!(
                io.out,
                "{name}: no state machine of this name at {}: it will be created",
                sfn.target()
            );
        }
    }

    // Validation: ours (of the definition as deployed, substitutions filled in), then
    // the server's when it has the operation.
    let diagnostics = check(&doc);
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    for d in &diagnostics {
        let p = doc.position(d.span.start);
        let severity = crate::report::severity_name(d.severity);
        let _ = writeln!(io.out, "{file}:{}:{}: {severity}[{}]: {}", p.line, p.column, d.code, d.message);
    }
    let _ = writeln!(
        io.out,
        "local validation: {}",
        if errors == 0 { "ok".to_owned() } else { format!("{errors} error(s)") }
    );
    let kind = args.kind.map(Kind::as_str).or(plan.deployed.as_ref().map(|d| d.kind.as_str()));
    let server = match asl_aws::validate(sfn, &deployable.text, kind).await {
        Ok(v) => v,
        Err(e) => return fail(io, &e),
    };
    let server_failed = match &server {
        ServerValidation::NotChecked { reason } => {
            let _ = writeln!(io.out, "server validation: not checked by the server ({reason})");
            false
        }
        ServerValidation::Ok { diagnostics } => {
            print_server(diagnostics, io);
            let _ = writeln!(io.out, "server validation: ok");
            false
        }
        ServerValidation::Fail { diagnostics } => {
            print_server(diagnostics, io);
            let _ = writeln!(io.out, "server validation: FAIL");
            true
        }
    };
    // The server is the judge when it answers; our rules when it cannot.
    if server_failed || (errors > 0 && matches!(server, ServerValidation::NotChecked { .. })) {
        let _ = writeln!(io.err, "asl aws deploy: {file}: not deployed: the definition is invalid");
        return exit::INVALID;
    }

    let what = match &plan.deployed {
        Some(d) => format!("update {}", d.arn),
        None => format!("create {}", args.name.as_deref().unwrap_or_default()),
    };
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            let _ = writeln!(
                io.err,
                "asl aws deploy: not deploying without confirmation: standard input is not a terminal (pass --yes to {what})"
            );
            return exit::USAGE;
        }
        let _ = write!(io.err, "{what}? [y/N] ");
        let _ = io.err.flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
            let _ = writeln!(io.err, "not deployed");
            return exit::INVALID;
        }
    }
    match asl_aws::deploy(sfn, &plan, &deployable.text, args.publish, args.alias.as_deref()).await {
        Ok(done) => {
            let verb = if done.created { "created" } else { "updated" };
            let _ = writeln!(io.out, "{verb} {}", done.arn);
            if let Some(v) = &done.version_arn {
                let _ = writeln!(io.out, "published {v}");
            }
            if let Some(a) = &done.alias_arn {
                let _ = writeln!(io.out, "alias {a} -> {}", done.version_arn.as_deref().unwrap_or_default());
            }
            if args.link {
                if let Err(m) = crate::aws::load_links().and_then(|mut l| {
                    l.set(&args.file, &done.arn);
                    l.save()
                }) {
                    let _ = writeln!(io.err, "asl aws deploy: deployed, but the link was not saved: {m}");
                    return exit::USAGE;
                }
                let _ = writeln!(io.out, "linked {file} -> {}", done.arn);
            }
            exit::OK
        }
        Err(e @ AwsError::Service { .. }) => {
            // The service refused the definition or the change: the thing failed.
            let _ = writeln!(io.err, "asl aws deploy: {e}");
            exit::INVALID
        }
        Err(e) => fail(io, &e),
    }
}

fn print_server(diagnostics: &[ServerDiagnostic], io: &mut Io) {
    for d in diagnostics {
        let at = d.location.as_deref().map(|l| format!(" at {l}")).unwrap_or_default();
        let _ =
            writeln!(io.out, "server: {}[{}]{at}: {}", d.severity.to_ascii_lowercase(), d.code, d.message);
    }
}

/// For an IaC machine, the placeholders and intrinsics of its definition that the file
/// gives no value (stand-ins or nothing), named; None when there are none, or not IaC.
fn stack_only_values(path: &std::path::Path) -> Option<String> {
    let address = asl_iac::split_address(path);
    let is_iac =
        address.id.is_some() || std::fs::read_to_string(path).is_ok_and(|t| asl_iac::is_iac(path, &t));
    if !is_iac {
        return None;
    }
    let machine = address.machine().ok()?;
    let definition = machine.definition().ok()?;
    let pending: Vec<String> = machine
        .resolve(&definition.text, definition.format, &Default::default())
        .into_iter()
        .filter(|s| matches!(s.origin, asl_iac::Origin::Generated | asl_iac::Origin::Unresolved))
        .map(|s| s.name)
        .collect();
    (!pending.is_empty()).then(|| pending.join(", "))
}
