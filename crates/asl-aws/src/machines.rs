//! State machines in the account: list, pull (the deployed definition as AWS returns it),
//! server-side validation, and deploy (create or update, publish a version, point an
//! alias at it).

use crate::client::Sfn;
use crate::error::{classify, AwsError};
use aws_sdk_sfn::types::{RoutingConfigurationListItem, StateMachineType};
use aws_smithy_types::date_time::{DateTime, Format};
use serde::Serialize;

/// One state machine of the account and region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MachineSummary {
    /// Its name.
    pub name: String,
    /// `STANDARD` or `EXPRESS`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its ARN.
    pub arn: String,
    /// When it was created (RFC 3339).
    #[serde(rename = "creationDate")]
    pub creation_date: String,
}

/// A deployed state machine, as DescribeStateMachine answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deployed {
    /// Its ARN (as asked: a version or alias ARN stays one).
    pub arn: String,
    /// Its name.
    pub name: String,
    /// `STANDARD` or `EXPRESS`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The definition, byte for byte as AWS returns it.
    pub definition: String,
    /// The execution role.
    #[serde(rename = "roleArn")]
    pub role_arn: String,
    /// The revision (changes on every update), when the server reports one.
    #[serde(rename = "revisionId")]
    pub revision_id: Option<String>,
}

/// Lists every state machine (all pages).
pub async fn list(sfn: &Sfn) -> Result<Vec<MachineSummary>, AwsError> {
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let page = sfn
            .client
            .list_state_machines()
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| classify("ListStateMachines", e))?;
        for m in page.state_machines() {
            out.push(MachineSummary {
                name: m.name().to_owned(),
                kind: m.r#type().as_str().to_owned(),
                arn: m.state_machine_arn().to_owned(),
                creation_date: date(m.creation_date()),
            });
        }
        match page.next_token() {
            Some(t) if !t.is_empty() => token = Some(t.to_owned()),
            _ => return Ok(out),
        }
    }
}

/// The deployed machine at `arn` (a machine, version or alias ARN).
pub async fn pull(sfn: &Sfn, arn: &str) -> Result<Deployed, AwsError> {
    let d = sfn
        .client
        .describe_state_machine()
        .state_machine_arn(arn)
        .send()
        .await
        .map_err(|e| classify("DescribeStateMachine", e))?;
    Ok(Deployed {
        arn: d.state_machine_arn().to_owned(),
        name: d.name().to_owned(),
        kind: d.r#type().as_str().to_owned(),
        definition: d.definition().to_owned(),
        role_arn: d.role_arn().to_owned(),
        revision_id: d.revision_id().map(str::to_owned),
    })
}

/// The ARN of the machine named `name`, if there is one.
pub async fn find_by_name(sfn: &Sfn, name: &str) -> Result<Option<String>, AwsError> {
    Ok(list(sfn).await?.into_iter().find(|m| m.name == name).map(|m| m.arn))
}

/// What the server said of a definition (ValidateStateMachineDefinition).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ServerValidation {
    /// No errors (warnings may be listed).
    Ok {
        /// Warnings: (code, message, location).
        diagnostics: Vec<ServerDiagnostic>,
    },
    /// Errors.
    Fail {
        /// Errors and warnings.
        diagnostics: Vec<ServerDiagnostic>,
    },
    /// The server does not implement the operation (or answered no AWS error): not
    /// checked by the server.
    NotChecked {
        /// Why, for the user.
        reason: String,
    },
}

/// One diagnostic of ValidateStateMachineDefinition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerDiagnostic {
    /// `ERROR` or `WARNING`.
    pub severity: String,
    /// AWS's code (`SCHEMA_VALIDATION_FAILED`, ...).
    pub code: String,
    /// The message.
    pub message: String,
    /// Where (`/States/A/Next`), when given.
    pub location: Option<String>,
}

/// Asks the server to validate `definition` for a machine of type `kind`.
pub async fn validate(sfn: &Sfn, definition: &str, kind: Option<&str>) -> Result<ServerValidation, AwsError> {
    let answer = sfn
        .client
        .validate_state_machine_definition()
        .definition(definition)
        .set_type(kind.map(StateMachineType::from))
        .send()
        .await;
    let answer = match answer {
        Ok(a) => a,
        Err(e) => {
            return match classify("ValidateStateMachineDefinition", e) {
                e @ AwsError::UnknownOperation(_) => {
                    Ok(ServerValidation::NotChecked { reason: e.to_string() })
                }
                // Emulators answer an action they lack with a bare 404/500 (moto) or their
                // own code; the deploy itself still goes to the server, which judges then.
                AwsError::Service { code, message }
                    if code == crate::error::UNKNOWN || code == "InvalidAction" =>
                {
                    Ok(ServerValidation::NotChecked { reason: message })
                }
                other => Err(other),
            };
        }
    };
    let diagnostics = answer
        .diagnostics()
        .iter()
        .map(|d| ServerDiagnostic {
            severity: d.severity().as_str().to_owned(),
            code: d.code().to_owned(),
            message: d.message().to_owned(),
            location: d.location().map(str::to_owned),
        })
        .collect();
    Ok(if answer.result().as_str() == "OK" {
        ServerValidation::Ok { diagnostics }
    } else {
        ServerValidation::Fail { diagnostics }
    })
}

/// Where a deploy goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An existing machine.
    Arn(String),
    /// The machine of this name: updated when it exists, created otherwise.
    Name {
        /// The name.
        name: String,
        /// The execution role (needed to create).
        role_arn: Option<String>,
        /// `STANDARD` (default) or `EXPRESS`, to create.
        kind: Option<String>,
    },
}

/// What a deploy will do, found before anything changes (for the diff and the question).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The target.
    pub target: Target,
    /// The deployed machine, when it exists (None: it will be created).
    pub deployed: Option<Deployed>,
}

/// Finds the deployed machine of `target` (if any).
pub async fn plan(sfn: &Sfn, target: Target) -> Result<Plan, AwsError> {
    let arn = match &target {
        Target::Arn(arn) => Some(arn.clone()),
        Target::Name { name, .. } => find_by_name(sfn, name).await?,
    };
    let deployed = match arn {
        Some(arn) => Some(pull(sfn, &arn).await?),
        None => None,
    };
    if let (Target::Name { kind: Some(kind), .. }, Some(d)) = (&target, &deployed) {
        if !kind.eq_ignore_ascii_case(&d.kind) {
            return Err(AwsError::Other(format!(
                "{} is a {} state machine; its type cannot change to {kind}",
                d.name, d.kind
            )));
        }
    }
    Ok(Plan { target, deployed })
}

/// What a deploy did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deployment {
    /// The machine's ARN.
    pub arn: String,
    /// True when it was created.
    pub created: bool,
    /// The version published (`--publish`).
    #[serde(rename = "versionArn")]
    pub version_arn: Option<String>,
    /// The alias created or moved to that version.
    #[serde(rename = "aliasArn")]
    pub alias_arn: Option<String>,
}

/// Creates or updates the machine of `plan` with `definition` (sent as is), publishes a
/// version when `publish`, and points `alias` (created if needed) at that version.
pub async fn deploy(
    sfn: &Sfn,
    plan: &Plan,
    definition: &str,
    publish: bool,
    alias: Option<&str>,
) -> Result<Deployment, AwsError> {
    let publish = publish || alias.is_some();
    let (arn, created, version_arn) = match (&plan.deployed, &plan.target) {
        (Some(d), _) => {
            let out = sfn
                .client
                .update_state_machine()
                .state_machine_arn(&d.arn)
                .definition(definition)
                .publish(publish)
                .send()
                .await
                .map_err(|e| classify("UpdateStateMachine", e))?;
            (d.arn.clone(), false, out.state_machine_version_arn().map(str::to_owned))
        }
        (None, Target::Name { name, role_arn, kind }) => {
            let role = role_arn.as_deref().ok_or_else(|| {
                AwsError::Other(format!(
                    "there is no state machine named {name}: creating it needs --role-arn"
                ))
            })?;
            let out = sfn
                .client
                .create_state_machine()
                .name(name)
                .definition(definition)
                .role_arn(role)
                .r#type(StateMachineType::from(
                    kind.as_deref().unwrap_or("STANDARD").to_ascii_uppercase().as_str(),
                ))
                .publish(publish)
                .send()
                .await
                .map_err(|e| classify("CreateStateMachine", e))?;
            (out.state_machine_arn().to_owned(), true, out.state_machine_version_arn().map(str::to_owned))
        }
        (None, Target::Arn(arn)) => {
            return Err(AwsError::NotFound { code: "StateMachineDoesNotExist".into(), message: arn.clone() })
        }
    };
    let version_arn = match (publish, version_arn) {
        (true, None) => Some(publish_version(sfn, &arn).await?),
        (_, v) => v,
    };
    let alias_arn = match (alias, &version_arn) {
        (Some(alias), Some(version)) => Some(point_alias(sfn, &arn, alias, version).await?),
        _ => None,
    };
    Ok(Deployment { arn, created, version_arn, alias_arn })
}

/// Some servers ignore `publish` on create/update: publish explicitly then.
async fn publish_version(sfn: &Sfn, arn: &str) -> Result<String, AwsError> {
    let out = sfn
        .client
        .publish_state_machine_version()
        .state_machine_arn(arn)
        .send()
        .await
        .map_err(|e| classify("PublishStateMachineVersion", e))?;
    Ok(out.state_machine_version_arn().to_owned())
}

/// Creates the alias `name` of machine `arn` routing all traffic to `version`, or moves it.
async fn point_alias(sfn: &Sfn, arn: &str, name: &str, version: &str) -> Result<String, AwsError> {
    let routing = RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version)
        .weight(100)
        .build()
        .map_err(|e| AwsError::Other(format!("alias routing: {e}")))?;
    let alias_arn = format!("{arn}:{name}");
    match sfn.client.describe_state_machine_alias().state_machine_alias_arn(&alias_arn).send().await {
        Ok(_) => {
            sfn.client
                .update_state_machine_alias()
                .state_machine_alias_arn(&alias_arn)
                .routing_configuration(routing)
                .send()
                .await
                .map_err(|e| classify("UpdateStateMachineAlias", e))?;
            Ok(alias_arn)
        }
        Err(e) => match classify("DescribeStateMachineAlias", e) {
            AwsError::NotFound { .. } => {
                let out = sfn
                    .client
                    .create_state_machine_alias()
                    .name(name)
                    .routing_configuration(routing)
                    .send()
                    .await
                    .map_err(|e| classify("CreateStateMachineAlias", e))?;
                Ok(out.state_machine_alias_arn().to_owned())
            }
            other => Err(other),
        },
    }
}

/// RFC 3339, as the CLI prints dates.
pub(crate) fn date(d: &DateTime) -> String {
    d.fmt(Format::DateTime).unwrap_or_else(|_| d.secs().to_string())
}
