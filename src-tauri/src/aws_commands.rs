//! AWS Step Functions from the app (issue 17): connect (the SDK's credential chain, a
//! profile, region and endpoint the user picks), list the account's state machines, open
//! one, link the open document to one, diff and deploy it, and start cloud executions
//! that Run mode shows as it shows local runs (followed live from their history). The
//! app stores no credentials and calls AWS only when the user asks. The work itself is
//! asl-aws's; this file only connects it to the open document and the UI.

use crate::error::{IpcError, IpcResult};
use crate::run_events::EventBatcher;
use crate::state::AppState;
use asl_aws::{AwsError, Connection, Deployment, Links, MachineSummary, ServerValidation, Sfn, Target};
use asl_model::Document;
use asl_session::run::{RunEvent, RunSummary};
use asl_session::{Session, Snapshot, StateDiff};
use serde::Serialize;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

type Ipc<'a> = State<'a, AppState>;

/// The app's connection and the link of an open document not saved yet.
#[derive(Default)]
pub struct Cloud {
    inner: tokio::sync::Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    sfn: Option<Sfn>,
}

fn aws(e: AwsError) -> IpcError {
    IpcError::new("aws", e.to_string())
}

/// What the connection reaches.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudStatus {
    /// `AWS Step Functions in eu-west-1`, or the endpoint.
    pub target: String,
    pub region: Option<String>,
}

/// The open document's link and how it differs from what is deployed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudDiff {
    pub arn: String,
    pub name: String,
    /// The deployed definition, as AWS returns it.
    pub deployed: String,
    /// What a deploy would send.
    pub local: String,
    pub states: StateDiff,
    /// What a deploy changes in the text to make it deployable (YAML as JSON, JSONC).
    pub note: Option<String>,
    /// The open document has errors: a deploy is refused.
    pub local_errors: usize,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub server: ServerValidation,
}

/// The profiles of the shared config and credentials files, for the picker.
#[tauri::command]
pub fn aws_profiles() -> Vec<String> {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let file = |var: &str, default: &str| std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| home.join(default));
    let mut names = Vec::new();
    for (path, prefixed) in [(file("AWS_CONFIG_FILE", ".aws/config"), true), (file("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials"), false)] {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        for line in text.lines() {
            let Some(section) = line.trim().strip_prefix('[').and_then(|l| l.strip_suffix(']')) else { continue };
            // In `config` a profile is `[profile name]` (or `[default]`); `[sso-session x]`
            // and `[services x]` are not profiles.
            let name = match (prefixed, section.trim().split_once(' ')) {
                (true, Some(("profile", name))) => name.trim(),
                (true, None) if section.trim() == "default" => "default",
                (false, None) => section.trim(),
                _ => continue,
            };
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// Connects (profile, region and endpoint empty: the SDK's defaults); answers where to.
#[tauri::command]
pub async fn aws_connect(
    state: Ipc<'_>,
    profile: Option<String>,
    region: Option<String>,
    endpoint_url: Option<String>,
) -> IpcResult<CloudStatus> {
    let blank = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let connection = Connection {
        profile: blank(profile),
        region: blank(region),
        endpoint_url: blank(endpoint_url),
        max_attempts: None,
    };
    let sfn = Sfn::connect(&connection).await.map_err(aws)?;
    let status = CloudStatus { target: sfn.target(), region: sfn.region.clone() };
    state.cloud.inner.lock().await.sfn = Some(sfn);
    Ok(status)
}

pub(crate) async fn client(state: &AppState) -> IpcResult<Sfn> {
    state.cloud.inner.lock().await.sfn.clone().ok_or_else(|| IpcError::new("aws-not-connected", "connect to AWS first"))
}

#[tauri::command]
pub async fn aws_list(state: Ipc<'_>) -> IpcResult<Vec<MachineSummary>> {
    asl_aws::list(&client(&state).await?).await.map_err(aws)
}

/// Opens a deployed machine's definition as a new document (untitled: Save asks where),
/// linked to it.
#[tauri::command]
pub async fn aws_open<R: Runtime>(app: AppHandle<R>, state: Ipc<'_>, arn: String) -> IpcResult<Snapshot> {
    let deployed = asl_aws::pull(&client(&state).await?, &arn).await.map_err(aws)?;
    let session = Session::from_deployed(&deployed.name, &deployed.arn, deployed.definition);
    crate::watch::unwatch(&app);
    Ok(state.replace(session))
}

/// The open document's link key (its file; `FILE#ID` for a template's machine) and the
/// machine it was opened from, if it was.
fn document_link(state: &AppState) -> IpcResult<(Option<PathBuf>, Option<String>)> {
    let guard = state.session.lock().unwrap_or_else(|p| p.into_inner());
    let session = guard.as_ref().ok_or_else(|| IpcError::new("not-open", "no document is open"))?;
    Ok((session.draft_path().map(PathBuf::from), session.deployed_arn().map(str::to_owned)))
}

fn links() -> IpcResult<Links> {
    let path = Links::default_path().ok_or_else(|| IpcError::new("aws-links", "no config folder for the links"))?;
    Links::load(&path).map_err(|e| IpcError::new("aws-links", e))
}

/// The ARN the open document is linked to, if any. A document opened from the account
/// and since saved keeps its link under its new file.
fn link_of(state: &AppState) -> IpcResult<Option<String>> {
    let (key, opened_from) = document_link(state)?;
    let Some(key) = key else { return Ok(opened_from) };
    let mut store = links()?;
    match (store.get(&key), opened_from) {
        (Some(arn), _) => Ok(Some(arn.to_owned())),
        (None, Some(arn)) => {
            store.set(&key, &arn);
            store.save().map_err(|e| IpcError::new("aws-links", e))?;
            Ok(Some(arn))
        }
        (None, None) => Ok(None),
    }
}

#[tauri::command]
pub fn aws_link_get(state: Ipc<'_>) -> IpcResult<Option<String>> {
    link_of(&state)
}

/// Links the open document to `arn` (none: unlinks it); remembered per file.
#[tauri::command]
pub fn aws_link_set(state: Ipc<'_>, arn: Option<String>) -> IpcResult<Option<String>> {
    let (key, _) = document_link(&state)?;
    state.with_session(|s| {
        s.set_deployed_arn(arn.clone());
        Ok(())
    })?;
    if let Some(key) = key {
        let mut store = links()?;
        match &arn {
            Some(arn) => store.set(&key, arn),
            None => drop(store.remove(&key)),
        }
        store.save().map_err(|e| IpcError::new("aws-links", e))?;
    }
    Ok(arn)
}

/// The open document as a deploy would send it, and the document itself.
fn local(state: &AppState) -> IpcResult<(Document, asl_aws::Deployable, usize)> {
    let guard = state.session.lock().unwrap_or_else(|p| p.into_inner());
    let session = guard.as_ref().ok_or_else(|| IpcError::new("not-open", "no document is open"))?;
    let doc = Document::parse(session.text(), session.format())
        .map_err(|e| IpcError::new("aws-invalid", format!("the definition does not parse: {}", e.message)))?;
    let errors = session.snapshot().problems.iter().filter(|p| p.severity == asl_check::Severity::Error).count();
    Ok((doc.clone(), asl_aws::deployable(&doc), errors))
}

/// A deployed definition as a document (what AWS returns is JSON).
fn deployed_doc(definition: &str) -> IpcResult<Document> {
    Document::parse(definition, asl_model::Format::Json)
        .map_err(|e| IpcError::new("aws", format!("the deployed definition does not parse: {}", e.message)))
}

fn linked(state: &AppState) -> IpcResult<String> {
    link_of(state)?
        .ok_or_else(|| IpcError::new("aws-not-linked", "link this document to a deployed state machine first"))
}

/// The open document against the deployed machine it is linked to: text and states, with
/// the checks a deploy would face (ours, and AWS's ValidateStateMachineDefinition).
#[tauri::command]
pub async fn aws_diff(state: Ipc<'_>) -> IpcResult<CloudDiff> {
    let sfn = client(&state).await?;
    let arn = linked(&state)?;
    let deployed = asl_aws::pull(&sfn, &arn).await.map_err(aws)?;
    let (doc, deployable, local_errors) = local(&state)?;
    let base = deployed_doc(&deployed.definition)?;
    let server = asl_aws::validate(&sfn, &deployable.text, Some(&deployed.kind)).await.map_err(aws)?;
    Ok(CloudDiff {
        arn: deployed.arn,
        name: deployed.name,
        deployed: deployed.definition,
        local: deployable.text,
        states: asl_session::state_diff(&base, &doc),
        note: deployable.note,
        local_errors,
        server,
    })
}

/// Deploys the open document to the machine it is linked to (the UI asked first, showing
/// the diff); optionally publishes a version and moves an alias to it.
#[tauri::command]
pub async fn aws_deploy(state: Ipc<'_>, publish: bool, alias: Option<String>) -> IpcResult<Deployment> {
    let sfn = client(&state).await?;
    let arn = linked(&state)?;
    let (_, deployable, errors) = local(&state)?;
    if errors > 0 {
        return Err(IpcError::new("aws-invalid", format!("fix the {errors} error(s) first: AWS would refuse the definition")));
    }
    let plan = asl_aws::plan(&sfn, Target::Arn(arn)).await.map_err(aws)?;
    let alias = alias.filter(|a| !a.trim().is_empty());
    asl_aws::deploy(&sfn, &plan, &deployable.text, publish, alias.as_deref()).await.map_err(aws)
}

/// Starts a cloud execution of the linked machine and follows it as a run of this session
/// (its events stream over `on_event` as a local run's do).
#[tauri::command]
pub async fn aws_start(state: Ipc<'_>, input: serde_json::Value, on_event: Channel<Vec<RunEvent>>) -> IpcResult<RunSummary> {
    let sfn = client(&state).await?;
    let arn = linked(&state)?;
    let deployed = asl_aws::pull(&sfn, &arn).await.map_err(aws)?;
    let doc = deployed_doc(&deployed.definition)?;
    let path = document_link(&state)?.0;
    let started = asl_aws::start(&sfn, &arn, &input.to_string(), None).await.map_err(aws)?;
    let name = started.execution_arn.rsplit(':').next().unwrap_or_default().to_owned();
    let title = format!("{} — {name} (AWS)", deployed.name);
    let batcher = EventBatcher::new(on_event);
    let feed = state
        .runs
        .follow_history(doc, path, title, input, move |e| batcher.push(e))
        .map_err(|e| IpcError::from(asl_session::SessionError::from(e)))?;
    let id = feed.id();
    crate::aws_follow::follow(sfn, started.execution_arn, feed);
    state.runs.list().into_iter().find(|r| r.id == id).ok_or_else(|| IpcError::new("aws", "the run is gone"))
}
