//! Asking about executions: DescribeExecution, ListExecutions, GetExecutionHistory,
//! DescribeStateMachineForExecution; and StopExecution.

use crate::error::ApiError;
use crate::machines;
use crate::names::{check_arn, epoch, now, page_token, read_page_token, ArnKind};
use crate::request::Request;
use crate::store::ExecutionEntry;
use crate::Service;
use serde_json::{json, Value};

const STATUSES: [&str; 6] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

fn not_found(arn: &str) -> ApiError {
    ApiError::new("ExecutionDoesNotExist", format!("Execution Does Not Exist: '{arn}'"))
}

/// Runs `f` on the execution `arn` under the store's lock.
fn with_execution<T>(
    service: &Service,
    arn: &str,
    f: impl FnOnce(&mut ExecutionEntry) -> T,
) -> Result<T, ApiError> {
    check_arn(arn, ArnKind::Execution)?;
    let mut store = service.store();
    let entry = store.executions.get_mut(arn).ok_or_else(|| not_found(arn))?;
    Ok(f(entry))
}

fn summary(e: &ExecutionEntry) -> Value {
    let mut out = json!({
        "executionArn": e.arn,
        "stateMachineArn": e.machine.arn,
        "name": e.name,
        "status": e.status,
        "startDate": epoch(e.start),
    });
    if let Some(stop) = e.stop {
        out["stopDate"] = epoch(stop);
    }
    out
}

pub fn describe(service: &Service, r: &Request) -> Result<Value, ApiError> {
    with_execution(service, r.str("executionArn")?, |e| {
        let mut out = summary(e);
        out["input"] = json!(e.input);
        out["inputDetails"] = json!({"included": true});
        if let Some(output) = &e.output {
            out["output"] = json!(output);
            out["outputDetails"] = json!({"included": true});
        }
        if let Some(error) = &e.error {
            out["error"] = json!(error);
        }
        if let Some(cause) = &e.cause {
            out["cause"] = json!(cause);
        }
        if let Some(v) = &e.version_arn {
            out["stateMachineVersionArn"] = json!(v);
        }
        if let Some(a) = &e.alias_arn {
            out["stateMachineAliasArn"] = json!(a);
        }
        out["redriveCount"] = json!(0);
        out["redriveStatus"] = json!("NOT_REDRIVABLE");
        out
    })
}

pub fn describe_machine(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let version = with_execution(service, r.str("executionArn")?, |e| e.machine.clone())?;
    let mut out = machines::describe_version(&version);
    if let Some(map) = out.as_object_mut() {
        for key in ["status", "type", "creationDate"] {
            map.remove(key);
        }
    }
    out["updateDate"] = epoch(version.updated);
    Ok(out)
}

pub fn list(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let Some(machine_arn) = r.opt_str("stateMachineArn")? else {
        if let Some(map_run) = r.opt_str("mapRunArn")? {
            return Err(ApiError::new("ResourceNotFound", format!("Resource not found: '{map_run}'")));
        }
        return Err(ApiError::new("ValidationException", "Must provide a StateMachine ARN or MapRun ARN"));
    };
    let filter = r.opt_str("statusFilter")?;
    if let Some(f) = filter.filter(|f| !STATUSES.contains(f)) {
        return Err(ApiError::constraint(
            "statusFilter",
            f,
            "Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]",
        ));
    }
    let size = r.page_size(100, 1000)?;
    let token = r.opt_str("nextToken")?.map(|t| read_page_token("executions", t)).transpose()?;
    // A version or alias ARN lists the executions started on it.
    let target = crate::versions::resolve(service, machine_arn)?;
    let (base, qualified) = match (&target.version_arn, &target.alias_arn) {
        (None, None) => (machine_arn.to_owned(), None),
        _ => (target.version.arn.clone(), Some(machine_arn)),
    };
    let matches = |e: &ExecutionEntry| {
        filter.is_none_or(|f| f == e.status)
            && qualified
                .is_none_or(|q| e.version_arn.as_deref() == Some(q) || e.alias_arn.as_deref() == Some(q))
    };
    if target.version.express {
        return Err(ApiError::new(
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine: Express executions are not listed",
        ));
    }
    let store = service.store();
    let arns = store.executions_of.get(&base).map(Vec::as_slice).unwrap_or_default();
    // Newest first. The token is how many of the oldest executions are left to look at,
    // so executions started meanwhile do not shift the pages.
    let mut left = token.unwrap_or(arns.len()).min(arns.len());
    let mut page = Vec::new();
    while left > 0 && page.len() < size {
        left -= 1;
        let Some(e) = store.executions.get(&arns[left]) else { continue };
        if matches(e) {
            page.push(summary(e));
        }
    }
    let more = arns[..left].iter().any(|a| store.executions.get(a).is_some_and(matches));
    let mut out = json!({"executions": page});
    if more {
        out["nextToken"] = json!(page_token("executions", left));
    }
    Ok(out)
}

pub fn stop(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("executionArn")?;
    let error = r.opt_str("error")?.map(str::to_owned);
    let cause = r.opt_str("cause")?.map(str::to_owned);
    with_execution(service, arn, |e| {
        if e.status == "RUNNING" {
            let stopped = now();
            let mut details = serde_json::Map::new();
            if let Some(error) = &error {
                details.insert("error".into(), json!(error));
            }
            if let Some(cause) = &cause {
                details.insert("cause".into(), json!(cause));
            }
            let mut log = e.history.lock().unwrap_or_else(|p| p.into_inner());
            let last = log.last_id();
            let detail = ("executionAbortedEventDetails", Value::Object(details));
            log.push_raw(last + 1, last, stopped.timestamp_millis(), "ExecutionAborted", Some(&detail));
            log.close();
            drop(log);
            e.status = "ABORTED";
            e.stop = Some(stopped);
            e.error = error;
            e.cause = cause;
            if let Some(signal) = e.stop_signal.take() {
                signal.notify_one();
            }
            service.persist(|d| d.save_execution(e))?;
        }
        Ok(json!({"stopDate": epoch(e.stop.unwrap_or_else(now))}))
    })?
}

pub fn history(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("executionArn")?;
    let size = r.page_size(100, 1000)?;
    let reverse = r.opt_bool("reverseOrder")?.unwrap_or(false);
    let with_data = r.opt_bool("includeExecutionData")?.unwrap_or(true);
    let token = r.opt_str("nextToken")?.map(|t| read_page_token("history", t)).transpose()?;
    let log = with_execution(service, arn, |e| e.history.clone())?;
    let log = log.lock().unwrap_or_else(|p| p.into_inner());
    let len = log.len();
    // The token is the index of the next event to send, in either direction.
    let (events, next): (Vec<Value>, Option<usize>) = if reverse {
        let top = token.map(|t| t.min(len)).unwrap_or(len);
        let from = top.saturating_sub(size);
        let events = (from..top).rev().map(|i| log.event_value(i, with_data)).collect();
        (events, (from > 0).then_some(from))
    } else {
        let from = token.unwrap_or(0).min(len);
        let to = (from.saturating_add(size)).min(len);
        let events = (from..to).map(|i| log.event_value(i, with_data)).collect();
        (events, (to < len).then_some(to))
    };
    let mut out = json!({"events": events});
    if let Some(next) = next {
        out["nextToken"] = json!(page_token("history", next));
    }
    Ok(out)
}
