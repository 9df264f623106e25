//! State machines: Create/Describe/Update/Delete/ListStateMachines, the definition checks
//! behind them (our `asl-check` diagnostics, refused as AWS refuses), and tags.

use crate::error::ApiError;
use crate::names::{check_arn, check_name, epoch, now, page_token, read_page_token, ArnKind};
use crate::request::Request;
use crate::store::MachineVersion;
use crate::Service;
use asl_check::{check, parse_error, Diagnostic, Severity};
use asl_model::{Document, Format};
use serde_json::{json, Value};
use std::sync::Arc;

/// AWS's largest definition (1 MiB of characters).
const DEFINITION_LIMIT: usize = 1024 * 1024;
/// Tags per resource.
const TAG_LIMIT: usize = 50;

/// The definition's problems (errors and warnings), parse errors included.
fn diagnose(definition: &str) -> (Option<Document>, Vec<Diagnostic>) {
    match Document::parse(definition, Format::Json) {
        Ok(doc) => {
            let diagnostics = check(&doc);
            (Some(doc), diagnostics)
        }
        Err(e) => (None, vec![parse_error(&e)]),
    }
}

/// The definition read and checked, or `InvalidDefinition` naming every error.
fn read_definition(definition: &str) -> Result<Document, ApiError> {
    if definition.len() > DEFINITION_LIMIT {
        return Err(ApiError::constraint(
            "definition",
            "<definition>",
            &format!("Member must have length less than or equal to {DEFINITION_LIMIT}"),
        ));
    }
    let (doc, diagnostics) = diagnose(definition);
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("SCHEMA_VALIDATION_FAILED: {} at {}", d.message, location(d)))
        .collect();
    match doc {
        Some(doc) if errors.is_empty() => Ok(doc),
        _ => Err(ApiError::new(
            "InvalidDefinition",
            format!("Invalid State Machine Definition: '{}'", errors.join(", ")),
        )),
    }
}

fn location(d: &Diagnostic) -> String {
    if d.pointer.is_empty() {
        "/".into()
    } else {
        d.pointer.clone()
    }
}

fn machine_type(r: &Request) -> Result<bool, ApiError> {
    match r.opt_str("type")? {
        None | Some("STANDARD") => Ok(false),
        Some("EXPRESS") => Ok(true),
        Some(other) => Err(ApiError::constraint(
            "type",
            other,
            "Member must satisfy enum value set: [STANDARD, EXPRESS]",
        )),
    }
}

fn role(r: &Request, member: &str) -> Result<Option<String>, ApiError> {
    match r.opt_str(member)? {
        None => Ok(None),
        Some(arn) if arn.starts_with("arn:") && arn.split(':').count() >= 6 => Ok(Some(arn.to_owned())),
        Some(arn) => Err(ApiError::invalid_arn(arn, "Invalid role ARN")),
    }
}

/// The machine of `arn` (a `#TestCase` suffix is not part of a machine's ARN here).
pub fn find(service: &Service, arn: &str) -> Result<Arc<MachineVersion>, ApiError> {
    check_arn(arn, ArnKind::StateMachine)?;
    service.store().machines.get(arn).cloned().ok_or_else(|| {
        ApiError::new("StateMachineDoesNotExist", format!("State Machine Does Not Exist: '{arn}'"))
    })
}

pub fn create(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let name = r.str("name")?;
    let definition = r.str("definition")?;
    let role_arn = role(r, "roleArn")?.ok_or_else(|| ApiError::missing("roleArn"))?;
    let express = machine_type(r)?;
    let tags = r.tags("tags")?;
    check_name(name)?;
    if tags.len() > TAG_LIMIT {
        return Err(ApiError::new("TooManyTags", format!("Too many tags: at most {TAG_LIMIT} per resource")));
    }
    let doc = read_definition(definition)?;
    let arn = service.account().machine_arn(name);
    let mut store = service.store();
    if let Some(existing) = store.machines.get(&arn) {
        // Same name, same machine: AWS answers as if it had created it (idempotent).
        if existing.definition == definition && existing.role_arn == role_arn && existing.express == express {
            return Ok(json!({"stateMachineArn": arn, "creationDate": epoch(existing.created)}));
        }
        return Err(ApiError::new(
            "StateMachineAlreadyExists",
            format!("State Machine Already Exists: '{arn}'"),
        ));
    }
    let created = now();
    let version = MachineVersion {
        arn: arn.clone(),
        name: name.to_owned(),
        definition: definition.to_owned(),
        doc: Arc::new(doc),
        role_arn,
        express,
        created,
        updated: created,
        revision_id: uuid::Uuid::new_v4().to_string(),
        logging: r_value(r, "loggingConfiguration", json!({"level": "OFF", "includeExecutionData": false})),
        tracing: r_value(r, "tracingConfiguration", json!({"enabled": false})),
    };
    service.persist(|d| {
        d.save_machine(&version)?;
        d.save_tags(&arn, &tags)
    })?;
    store.machines.insert(arn.clone(), Arc::new(version));
    store.machine_order.push(arn.clone());
    store.tags.insert(arn.clone(), tags);
    let mut out = json!({"stateMachineArn": arn, "creationDate": epoch(created)});
    if r.opt_bool("publish")? == Some(true) {
        let (version_arn, _) =
            crate::versions::publish(service, &mut store, &arn, r.opt_str("versionDescription")?)?;
        out["stateMachineVersionArn"] = json!(version_arn);
    }
    Ok(out)
}

fn r_value(r: &Request, member: &str, default: Value) -> Value {
    r.raw(member).cloned().unwrap_or(default)
}

/// DescribeStateMachine's answer, also DescribeStateMachineForExecution's (with its dates).
pub fn describe_version(m: &MachineVersion) -> Value {
    json!({
        "stateMachineArn": m.arn,
        "name": m.name,
        "status": "ACTIVE",
        "definition": m.definition,
        "roleArn": m.role_arn,
        "type": if m.express { "EXPRESS" } else { "STANDARD" },
        "creationDate": epoch(m.created),
        "loggingConfiguration": m.logging,
        "tracingConfiguration": m.tracing,
        "revisionId": m.revision_id,
    })
}

pub fn describe(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("stateMachineArn")?;
    if let Some(published) = crate::versions::describe_version_arn(service, arn) {
        return Ok(published);
    }
    let version = find(service, arn)?;
    Ok(describe_version(&version))
}

pub fn update(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("stateMachineArn")?;
    let definition = r.opt_str("definition")?;
    let role_arn = role(r, "roleArn")?;
    if definition.is_none()
        && role_arn.is_none()
        && r.raw("loggingConfiguration").is_none()
        && r.raw("tracingConfiguration").is_none()
    {
        return Err(ApiError::new("MissingRequiredParameter", "Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified"));
    }
    let current = find(service, arn)?;
    let doc = definition.map(read_definition).transpose()?;
    let updated = now();
    let version = MachineVersion {
        arn: current.arn.clone(),
        name: current.name.clone(),
        definition: definition.map(str::to_owned).unwrap_or_else(|| current.definition.clone()),
        doc: doc.map(Arc::new).unwrap_or_else(|| current.doc.clone()),
        role_arn: role_arn.unwrap_or_else(|| current.role_arn.clone()),
        express: current.express,
        created: current.created,
        updated,
        revision_id: uuid::Uuid::new_v4().to_string(),
        logging: r_value(r, "loggingConfiguration", current.logging.clone()),
        tracing: r_value(r, "tracingConfiguration", current.tracing.clone()),
    };
    let revision = version.revision_id.clone();
    // Running executions keep the revision they started on (their own Arc).
    let mut store = service.store();
    service.persist(|d| d.save_machine(&version))?;
    store.machines.insert(arn.to_owned(), Arc::new(version));
    let mut out = json!({"updateDate": epoch(updated), "revisionId": revision});
    if r.opt_bool("publish")? == Some(true) {
        let (version_arn, _) =
            crate::versions::publish(service, &mut store, arn, r.opt_str("versionDescription")?)?;
        out["stateMachineVersionArn"] = json!(version_arn);
    }
    Ok(out)
}

pub fn delete(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("stateMachineArn")?;
    check_arn(arn, ArnKind::StateMachine)?;
    // AWS answers success for a machine that is already gone; its executions stay describable.
    let mut store = service.store();
    service.persist(|d| d.delete(arn))?;
    if store.machines.remove(arn).is_some() {
        store.machine_order.retain(|a| a != arn);
        store.tags.remove(arn);
    }
    // Its versions and aliases go with it.
    let prefix = format!("{arn}:");
    let gone: Vec<String> = store
        .versions
        .remove(arn)
        .into_iter()
        .flatten()
        .map(|v| v.arn)
        .chain(store.aliases.keys().filter(|a| a.starts_with(&prefix)).cloned())
        .collect();
    for other in &gone {
        service.persist(|d| d.delete(other))?;
        store.aliases.remove(other);
    }
    Ok(json!({}))
}

pub fn list(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let size = r.page_size(100, 1000)?;
    let from = r.opt_str("nextToken")?.map(|t| read_page_token("machines", t)).transpose()?.unwrap_or(0);
    let store = service.store();
    let page: Vec<Value> = store
        .machine_order
        .iter()
        .skip(from)
        .take(size)
        .filter_map(|arn| store.machines.get(arn))
        .map(|m| {
            json!({"stateMachineArn": m.arn, "name": m.name, "type": if m.express { "EXPRESS" } else { "STANDARD" }, "creationDate": epoch(m.created)})
        })
        .collect();
    let mut out = json!({"stateMachines": page});
    if from.saturating_add(size) < store.machine_order.len() {
        out["nextToken"] = json!(page_token("machines", from.saturating_add(size)));
    }
    Ok(out)
}

/// ValidateStateMachineDefinition: our diagnostics in AWS's shape (`code` is our rule's
/// kebab-case name, `location` its JSON pointer).
pub fn validate(r: &Request) -> Result<Value, ApiError> {
    let definition = r.str("definition")?;
    machine_type(r)?;
    let with_warnings = match r.opt_str("severity")? {
        None | Some("ERROR") => false,
        Some("WARNING") => true,
        Some(other) => {
            return Err(ApiError::constraint(
                "severity",
                other,
                "Member must satisfy enum value set: [ERROR, WARNING]",
            ))
        }
    };
    let size = r.page_size(100, 100)?;
    let (_, diagnostics) = diagnose(definition);
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let shown: Vec<&Diagnostic> =
        diagnostics.iter().filter(|d| with_warnings || d.severity == Severity::Error).collect();
    let list: Vec<Value> = shown
        .iter()
        .take(size)
        .map(|d| {
            json!({
                "severity": if d.severity == Severity::Error { "ERROR" } else { "WARNING" },
                "code": d.code,
                "message": d.message,
                "location": location(d),
            })
        })
        .collect();
    Ok(
        json!({"result": if failed { "FAIL" } else { "OK" }, "diagnostics": list, "truncated": shown.len() > size}),
    )
}

fn tagged_resource(service: &Service, arn: &str) -> Result<(), ApiError> {
    check_arn(arn, ArnKind::StateMachine).or_else(|_| check_arn(arn, ArnKind::Activity))?;
    let store = service.store();
    if store.machines.contains_key(arn) || store.activities.contains_key(arn) {
        Ok(())
    } else {
        Err(ApiError::new("ResourceNotFound", format!("Resource not found: '{arn}'")))
    }
}

pub fn tag(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("resourceArn")?;
    let tags = r.tags("tags")?;
    tagged_resource(service, arn)?;
    let mut store = service.store();
    let mut list = store.tags.get(arn).cloned().unwrap_or_default();
    for (k, v) in tags {
        match list.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = v,
            None => list.push((k, v)),
        }
    }
    if list.len() > TAG_LIMIT {
        return Err(ApiError::new("TooManyTags", format!("Too many tags: at most {TAG_LIMIT} per resource")));
    }
    service.persist(|d| d.save_tags(arn, &list))?;
    store.tags.insert(arn.to_owned(), list);
    Ok(json!({}))
}

pub fn untag(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("resourceArn")?;
    let keys = r.strings("tagKeys")?;
    tagged_resource(service, arn)?;
    let mut store = service.store();
    if let Some(list) = store.tags.get_mut(arn) {
        list.retain(|(k, _)| !keys.contains(k));
        service.persist(|d| d.save_tags(arn, list))?;
    }
    Ok(json!({}))
}

pub fn list_tags(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("resourceArn")?;
    tagged_resource(service, arn)?;
    let store = service.store();
    let tags: Vec<Value> =
        store.tags.get(arn).into_iter().flatten().map(|(k, v)| json!({"key": k, "value": v})).collect();
    Ok(json!({"tags": tags}))
}
