//! Versions and aliases (AWS's, kept simple): `publish` on Create/UpdateStateMachine and
//! PublishStateMachineVersion freeze the current revision as version N
//! (`...:stateMachine:NAME:N`); an alias (`...:stateMachine:NAME:ALIAS`) routes executions
//! to one or two versions by weight. Both ARNs are accepted wherever a machine ARN
//! starts an execution or is described.

use crate::error::ApiError;
use crate::names::{check_arn, check_name, epoch, now, page_token, read_page_token, ArnKind};
use crate::request::Request;
use crate::store::{Alias, MachineVersion, PublishedVersion, Store};
use crate::Service;
use serde_json::{json, Value};
use std::sync::Arc;

/// What an ARN that starts an execution names.
pub struct Target {
    /// The revision to run.
    pub version: Arc<MachineVersion>,
    /// The version ARN, when a version or an alias was named.
    pub version_arn: Option<String>,
    /// The alias ARN, when an alias was named.
    pub alias_arn: Option<String>,
}

fn no_machine(arn: &str) -> ApiError {
    ApiError::new("StateMachineDoesNotExist", format!("State Machine Does Not Exist: '{arn}'"))
}

/// `(machine ARN, qualifier)` of `...:stateMachine:NAME[:QUALIFIER]`.
fn split(arn: &str) -> (&str, Option<&str>) {
    match arn.match_indices(':').nth(6) {
        Some((i, _)) => (&arn[..i], Some(&arn[i + 1..])),
        None => (arn, None),
    }
}

/// The machine, version or alias `arn` names (an alias picks a version by its weights).
pub fn resolve(service: &Service, arn: &str) -> Result<Target, ApiError> {
    check_arn(arn, ArnKind::StateMachine)?;
    let store = service.store();
    let (machine, qualifier) = split(arn);
    match qualifier {
        None => {
            let version = store.machines.get(machine).cloned().ok_or_else(|| no_machine(arn))?;
            Ok(Target { version, version_arn: None, alias_arn: None })
        }
        Some(q) if q.chars().all(|c| c.is_ascii_digit()) => {
            let v = published(&store, arn).ok_or_else(|| no_machine(arn))?;
            Ok(Target { version: v.version.clone(), version_arn: Some(v.arn.clone()), alias_arn: None })
        }
        Some(_) => {
            let alias = store.aliases.get(arn).ok_or_else(|| no_machine(arn))?;
            let total: u32 = alias.routing.iter().map(|(_, w)| w).sum();
            let mut pick = (uuid::Uuid::new_v4().as_u128() % u128::from(total.max(1))) as u32;
            let chosen = alias.routing.iter().find(|(_, w)| {
                let hit = pick < *w;
                pick = pick.saturating_sub(*w);
                hit
            });
            let version_arn =
                chosen.or(alias.routing.first()).map(|(v, _)| v.clone()).ok_or_else(|| no_machine(arn))?;
            let v = published(&store, &version_arn).ok_or_else(|| no_machine(&version_arn))?;
            Ok(Target {
                version: v.version.clone(),
                version_arn: Some(version_arn),
                alias_arn: Some(arn.to_owned()),
            })
        }
    }
}

fn published<'s>(store: &'s Store, version_arn: &str) -> Option<&'s PublishedVersion> {
    let (machine, _) = split(version_arn);
    store.versions.get(machine)?.iter().find(|v| v.arn == version_arn)
}

/// Publishes the machine's current revision (the latest version again when the revision
/// is unchanged, as AWS does); returns the version's ARN and date.
pub fn publish(
    service: &Service,
    store: &mut Store,
    machine_arn: &str,
    description: Option<&str>,
) -> Result<(String, Value), ApiError> {
    let current = store.machines.get(machine_arn).cloned().ok_or_else(|| no_machine(machine_arn))?;
    let list = store.versions.entry(machine_arn.to_owned()).or_default();
    if let Some(last) = list.last().filter(|v| v.version.revision_id == current.revision_id) {
        return Ok((last.arn.clone(), epoch(last.created)));
    }
    let counter = store.version_counter.entry(machine_arn.to_owned()).or_insert(0);
    *counter += 1;
    let v = PublishedVersion {
        arn: format!("{machine_arn}:{counter}"),
        version: current,
        description: description.map(str::to_owned),
        created: now(),
    };
    service.persist(|d| d.save_version(&v))?;
    let out = (v.arn.clone(), epoch(v.created));
    store.versions.entry(machine_arn.to_owned()).or_default().push(v);
    Ok(out)
}

pub fn publish_version(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("stateMachineArn")?;
    check_arn(arn, ArnKind::StateMachine)?;
    let mut store = service.store();
    if let (Some(expected), Some(m)) = (r.opt_str("revisionId")?, store.machines.get(arn)) {
        if m.revision_id != expected {
            return Err(ApiError::new(
                "ConflictException",
                format!("The revision '{expected}' is not the state machine's current revision"),
            ));
        }
    }
    let (version_arn, created) = publish(service, &mut store, arn, r.opt_str("description")?)?;
    Ok(json!({"stateMachineVersionArn": version_arn, "creationDate": created}))
}

/// DescribeStateMachine of a version or an alias's... (a version ARN only; aliases have
/// DescribeStateMachineAlias).
pub fn describe_version_arn(service: &Service, arn: &str) -> Option<Value> {
    let store = service.store();
    let v = published(&store, arn)?;
    let mut out = crate::machines::describe_version(&v.version);
    out["stateMachineArn"] = json!(v.arn);
    out["creationDate"] = epoch(v.created);
    if let Some(d) = &v.description {
        out["description"] = json!(d);
    }
    Some(out)
}

pub fn list_versions(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("stateMachineArn")?;
    check_arn(arn, ArnKind::StateMachine)?;
    let size = r.page_size(100, 1000)?;
    let from = r.opt_str("nextToken")?.map(|t| read_page_token("versions", t)).transpose()?.unwrap_or(0);
    let store = service.store();
    let list = store.versions.get(arn).map(Vec::as_slice).unwrap_or_default();
    let page: Vec<Value> = list
        .iter()
        .rev()
        .skip(from)
        .take(size)
        .map(|v| json!({"stateMachineVersionArn": v.arn, "creationDate": epoch(v.created)}))
        .collect();
    let mut out = json!({"stateMachineVersions": page});
    if from.saturating_add(size) < list.len() {
        out["nextToken"] = json!(page_token("versions", from.saturating_add(size)));
    }
    Ok(out)
}

pub fn delete_version(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("stateMachineVersionArn")?;
    check_arn(arn, ArnKind::StateMachine)?;
    let mut store = service.store();
    if store.aliases.values().any(|a| a.routing.iter().any(|(v, _)| v == arn)) {
        return Err(ApiError::new("ConflictException", format!("Version '{arn}' is referenced by an alias")));
    }
    service.persist(|d| d.delete(arn))?;
    let (machine, _) = split(arn);
    if let Some(list) = store.versions.get_mut(machine) {
        list.retain(|v| v.arn != arn);
    }
    Ok(json!({}))
}

fn routing(
    service: &Service,
    store: &Store,
    machine: &str,
    r: &Request,
) -> Result<Option<Vec<(String, u32)>>, ApiError> {
    let Some(Value::Array(items)) = r.raw("routingConfiguration") else {
        return match r.raw("routingConfiguration") {
            None => Ok(None),
            Some(_) => Err(ApiError::serialization("Member 'routingConfiguration' must be a list")),
        };
    };
    let mut out = Vec::new();
    for item in items {
        let (Some(v), Some(w)) = (item["stateMachineVersionArn"].as_str(), item["weight"].as_u64()) else {
            return Err(ApiError::serialization(
                "routingConfiguration entries are {stateMachineVersionArn, weight}",
            ));
        };
        if split(v).0 != machine || published(store, v).is_none() {
            return Err(ApiError::new("ResourceNotFound", format!("Resource not found: '{v}'")));
        }
        if w > 100 {
            return Err(ApiError::constraint(
                "weight",
                w,
                "Member must have value less than or equal to 100",
            ));
        }
        out.push((v.to_owned(), w as u32));
    }
    let total: u32 = out.iter().map(|(_, w)| w).sum();
    if out.is_empty() || out.len() > 2 || total != 100 {
        return Err(ApiError::new(
            "ValidationException",
            "routingConfiguration must name one or two versions whose weights add up to 100",
        ));
    }
    let _ = service;
    Ok(Some(out))
}

fn alias_json(a: &Alias) -> Value {
    let routing: Vec<Value> =
        a.routing.iter().map(|(v, w)| json!({"stateMachineVersionArn": v, "weight": w})).collect();
    let mut out = json!({"stateMachineAliasArn": a.arn, "name": a.name, "routingConfiguration": routing,
        "creationDate": epoch(a.created), "updateDate": epoch(a.updated)});
    if let Some(d) = &a.description {
        out["description"] = json!(d);
    }
    out
}

pub fn create_alias(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let name = r.str("name")?;
    check_name(name)?;
    if name.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::new(
            "InvalidName",
            format!("Invalid Name: '{name}' (an alias name cannot be a number)"),
        ));
    }
    let first = r
        .raw("routingConfiguration")
        .and_then(|v| v.get(0))
        .and_then(|v| v["stateMachineVersionArn"].as_str())
        .ok_or_else(|| ApiError::missing("routingConfiguration"))?;
    let machine = split(first).0.to_owned();
    let mut store = service.store();
    let routing =
        routing(service, &store, &machine, r)?.ok_or_else(|| ApiError::missing("routingConfiguration"))?;
    let arn = format!("{machine}:{name}");
    if store.aliases.contains_key(&arn) {
        return Err(ApiError::new("ConflictException", format!("Alias already exists: '{arn}'")));
    }
    let created = now();
    let alias = Alias {
        arn: arn.clone(),
        name: name.to_owned(),
        description: r.opt_str("description")?.map(str::to_owned),
        routing,
        created,
        updated: created,
    };
    service.persist(|d| d.save_alias(&alias))?;
    store.aliases.insert(arn.clone(), alias);
    Ok(json!({"stateMachineAliasArn": arn, "creationDate": epoch(created)}))
}

fn alias_arn(r: &Request) -> Result<&str, ApiError> {
    let arn = r.str("stateMachineAliasArn")?;
    check_arn(arn, ArnKind::StateMachine)?;
    Ok(arn)
}

pub fn describe_alias(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = alias_arn(r)?;
    let store = service.store();
    store
        .aliases
        .get(arn)
        .map(alias_json)
        .ok_or_else(|| ApiError::new("ResourceNotFound", format!("Resource not found: '{arn}'")))
}

pub fn update_alias(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = alias_arn(r)?;
    let mut store = service.store();
    let machine = split(arn).0.to_owned();
    let routing = routing(service, &store, &machine, r)?;
    let description = r.opt_str("description")?.map(str::to_owned);
    let alias = store
        .aliases
        .get_mut(arn)
        .ok_or_else(|| ApiError::new("ResourceNotFound", format!("Resource not found: '{arn}'")))?;
    if let Some(routing) = routing {
        alias.routing = routing;
    }
    if description.is_some() {
        alias.description = description;
    }
    alias.updated = now();
    let updated = alias.updated;
    let alias = &*alias;
    service.persist(|d| d.save_alias(alias))?;
    Ok(json!({"updateDate": epoch(updated)}))
}

pub fn delete_alias(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = alias_arn(r)?;
    let mut store = service.store();
    service.persist(|d| d.delete(arn))?;
    store.aliases.remove(arn);
    Ok(json!({}))
}

pub fn list_aliases(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let machine = r.str("stateMachineArn")?;
    check_arn(machine, ArnKind::StateMachine)?;
    let store = service.store();
    let mut list: Vec<&Alias> = store.aliases.values().filter(|a| split(&a.arn).0 == machine).collect();
    list.sort_by(|a, b| a.created.cmp(&b.created).then(a.name.cmp(&b.name)));
    let aliases: Vec<Value> = list
        .iter()
        .map(|a| json!({"stateMachineAliasArn": a.arn, "creationDate": epoch(a.created)}))
        .collect();
    Ok(json!({"stateMachineAliases": aliases}))
}
