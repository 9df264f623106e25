//! SendTaskSuccess/Failure/Heartbeat and activities: Create/Describe/List/DeleteActivity
//! and GetActivityTask, which long-polls for up to 60 seconds as AWS's does.

use crate::error::ApiError;
use crate::names::{check_arn, check_name, epoch, now, page_token, read_page_token, ArnKind};
use crate::request::Request;
use crate::store::Activity;
use crate::tasks::Unanswered;
use crate::Service;
use asl_eval::callback::CALLBACK_OUTPUT_LIMIT;
use asl_eval::{CallbackError, CallbackHandle};
use serde_json::{json, Value};

/// The token's registry; AWS's errors for a token that is malformed, unknown or timed out.
fn waiting(service: &Service, token: &str) -> Result<CallbackHandle, ApiError> {
    // Our tokens are UUIDs; anything else was never issued here.
    let shaped = token.len() == 36 && token.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !shaped {
        return Err(ApiError::new("InvalidToken", format!("Invalid Token: '{token}'")));
    }
    service.board.handle(token).map_err(|why| match why {
        Unanswered::TimedOut => {
            ApiError::new("TaskTimedOut", "Task Timed Out: 'Provided task has timed out'")
        }
        Unanswered::Unknown => {
            ApiError::new("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'")
        }
    })
}

fn refused(e: CallbackError) -> ApiError {
    match e {
        CallbackError::TaskDoesNotExist(_) => {
            ApiError::new("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'")
        }
        CallbackError::InvalidOutput(n) => ApiError::new(
            "InvalidOutput",
            format!("Invalid Output: 'output is {n} bytes, more than {CALLBACK_OUTPUT_LIMIT}'"),
        ),
    }
}

pub fn send_success(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let token = r.str("taskToken")?;
    let output = r.str("output")?;
    if output.len() > CALLBACK_OUTPUT_LIMIT {
        return Err(ApiError::constraint(
            "output",
            "<output>",
            "Member must have length less than or equal to 262144",
        ));
    }
    let value: Value = serde_json::from_str(output)
        .map_err(|e| ApiError::new("InvalidOutput", format!("Invalid Output: '{e}'")))?;
    waiting(service, token)?.send_task_success(token, value).map_err(refused)?;
    Ok(json!({}))
}

pub fn send_failure(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let token = r.str("taskToken")?;
    let error = r.opt_str("error")?.unwrap_or_default();
    let cause = r.opt_str("cause")?.unwrap_or_default();
    waiting(service, token)?.send_task_failure(token, error, cause).map_err(refused)?;
    Ok(json!({}))
}

pub fn send_heartbeat(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let token = r.str("taskToken")?;
    waiting(service, token)?.send_task_heartbeat(token).map_err(refused)?;
    Ok(json!({}))
}

fn find(service: &Service, arn: &str) -> Result<Value, ApiError> {
    check_arn(arn, ArnKind::Activity)?;
    let store = service.store();
    let a = store
        .activities
        .get(arn)
        .ok_or_else(|| ApiError::new("ActivityDoesNotExist", format!("Activity Does Not Exist: '{arn}'")))?;
    Ok(json!({"activityArn": a.arn, "name": a.name, "creationDate": epoch(a.created)}))
}

pub fn create_activity(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let name = r.str("name")?;
    let tags = r.tags("tags")?;
    check_name(name)?;
    let arn = service.account().activity_arn(name);
    let mut store = service.store();
    // Creating an existing activity answers with it (AWS: idempotent).
    if let Some(a) = store.activities.get(&arn) {
        return Ok(json!({"activityArn": arn, "creationDate": epoch(a.created)}));
    }
    let activity = Activity { arn: arn.clone(), name: name.to_owned(), created: now() };
    let created = activity.created;
    service.persist(|d| {
        d.save_activity(&activity)?;
        d.save_tags(&arn, &tags)
    })?;
    store.activities.insert(arn.clone(), activity);
    store.activity_order.push(arn.clone());
    store.tags.insert(arn.clone(), tags);
    Ok(json!({"activityArn": arn, "creationDate": epoch(created)}))
}

pub fn describe_activity(service: &Service, r: &Request) -> Result<Value, ApiError> {
    find(service, r.str("activityArn")?)
}

pub fn delete_activity(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("activityArn")?;
    check_arn(arn, ArnKind::Activity)?;
    let mut store = service.store();
    service.persist(|d| d.delete(arn))?;
    if store.activities.remove(arn).is_some() {
        store.activity_order.retain(|a| a != arn);
        store.tags.remove(arn);
    }
    Ok(json!({}))
}

pub fn list_activities(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let size = r.page_size(100, 1000)?;
    let from = r.opt_str("nextToken")?.map(|t| read_page_token("activities", t)).transpose()?.unwrap_or(0);
    let store = service.store();
    let page: Vec<Value> = store
        .activity_order
        .iter()
        .skip(from)
        .take(size)
        .filter_map(|arn| store.activities.get(arn))
        .map(|a| json!({"activityArn": a.arn, "name": a.name, "creationDate": epoch(a.created)}))
        .collect();
    let mut out = json!({"activities": page});
    if from.saturating_add(size) < store.activity_order.len() {
        out["nextToken"] = json!(page_token("activities", from.saturating_add(size)));
    }
    Ok(out)
}

pub async fn get_activity_task(service: &Service, r: &Request) -> Result<Value, ApiError> {
    let arn = r.str("activityArn")?.to_owned();
    if let Some(worker) = r.opt_str("workerName")? {
        check_name(worker)?;
    }
    find(service, &arn)?;
    let deadline = tokio::time::Instant::now() + service.config.activity_poll;
    loop {
        // Registered before looking, so a task queued in between still wakes this poll.
        let queued = service.board.queued.notified();
        tokio::pin!(queued);
        queued.as_mut().enable();
        if let Some((token, input)) = service.board.take_activity_task(&arn) {
            return Ok(json!({"taskToken": token, "input": input}));
        }
        if tokio::time::timeout_at(deadline, queued).await.is_err() {
            // No task within the poll: AWS answers with neither token nor input.
            return Ok(json!({}));
        }
    }
}
