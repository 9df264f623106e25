//! Distributed Map (`ItemProcessor.ProcessorConfig.Mode = DISTRIBUTED`): items come from
//! `ItemReader` (local folders standing in for S3, see [`crate::s3`]) or the input; each
//! item (or batch) runs as a child execution of its own (`$$.Execution` is the child's,
//! `$$.StateMachine.Name` is `<machine>/<Label>`), at most MaxConcurrency at once (0 or
//! absent: AWS's 10,000); failures beyond ToleratedFailureCount/Percentage (default 0)
//! fail the map run with `States.ExceedToleratedFailureThreshold`; `ResultWriter` writes
//! AWS's `manifest.json`, `SUCCEEDED_0.json` and `FAILED_0.json` and the Map's result
//! becomes `{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}`.
//!
//! The parent's history gets `MapRunStarted` and `MapRunSucceeded`/`MapRunFailed`; child
//! executions keep no history or records (AWS keeps them apart from the parent's).

use super::context::{pseudo_uuid, ExecutionContext};
use super::map::Plan;
use super::options::{ExecutionType, Options};
use super::run::{error_output, StateRun};
use super::{join, Engine, Failure, Frame};
use crate::expr;
use crate::history::{History, STANDARD_HISTORY_LIMIT};
use crate::jsonata::{States, Step};
use crate::record::Status;
use crate::s3::{self, ReaderConfig};
use crate::RuntimeError;
use asl_model::model::{Map as MapState, StateMachine};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Mutex;

/// AWS runs at most this many child executions of a Distributed Map at once.
pub(crate) const DISTRIBUTED_CONCURRENCY: usize = 10_000;

fn reader_failed(cause: impl Into<String>) -> Failure {
    Failure::catchable(RuntimeError::new("States.ItemReaderFailed", cause))
}

fn writer_failed(cause: impl Into<String>) -> Failure {
    Failure::catchable(RuntimeError::new("States.ResultWriterFailed", cause))
}

/// One finished child execution.
struct Child {
    arn: String,
    /// The input as JSON text (only when results are written).
    input: Option<String>,
    status: Status,
    output: Option<Value>,
    error: Option<String>,
    cause: Option<String>,
}

impl<'a> Engine<'a> {
    /// Parameters (JSONPath) or Arguments (JSONata) of an ItemReader/ResultWriter.
    fn resource_arguments(
        &self,
        run: &StateRun<'a>,
        spec: &Value,
        effective: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Value, Failure> {
        if run.jsonata {
            let Some(template) = spec.get("Arguments") else { return Ok(Value::Null) };
            let mut step = Step::new(States {
                input: effective,
                result: None,
                error_output: None,
                context,
                variables: &frame.variables,
            });
            return step.render(template, "Arguments").map_err(|e| run.fail(e));
        }
        let Some(template) = spec.get("Parameters") else { return Ok(Value::Null) };
        let scope = expr::Scope { input: effective, context, variables: &frame.variables };
        expr::render_template(template, &scope).map_err(|e| run.fail(e))
    }

    /// The items an ItemReader gives.
    pub(crate) fn read_items(
        &self,
        run: &StateRun<'a>,
        reader: &Value,
        effective: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Vec<Value>, Failure> {
        let resource = reader.get("Resource").and_then(Value::as_str).unwrap_or_default();
        let params = self.resource_arguments(run, reader, effective, context, frame)?;
        let config = reader.get("ReaderConfig");
        let max_items = match config.and_then(|c| c.get("MaxItems")) {
            Some(Value::String(s)) if run.jsonata => {
                let mut step = Step::new(States {
                    input: effective,
                    result: None,
                    error_output: None,
                    context,
                    variables: &frame.variables,
                });
                step.render(&Value::String(s.clone()), "MaxItems").map_err(|e| run.fail(e))?.as_u64()
            }
            Some(v) => v.as_u64(),
            None => match config.and_then(|c| c.get("MaxItemsPath")).and_then(Value::as_str) {
                Some(path) => {
                    let scope = expr::Scope { input: effective, context, variables: &frame.variables };
                    let v = expr::select(path, &scope).map_err(|e| run.fail(e))?;
                    Some(v.as_u64().ok_or_else(|| {
                        run.runtime(format!(
                            "The MaxItemsPath field refers to value \"{v}\" which is not a valid integer: {path}"
                        ))
                    })?)
                }
                None => None,
            },
        };
        let max_items = max_items.filter(|n| *n > 0).map(|n| n as usize);
        let text = |key: &str| params.get(key).and_then(Value::as_str).unwrap_or_default();
        let bucket = text("Bucket");
        let folders = &self.options.s3;
        match resource {
            "arn:aws:states:::s3:getObject" => {
                let bytes = s3::get_object(folders, bucket, text("Key")).map_err(reader_failed)?;
                let config = ReaderConfig::from_value(config, max_items).map_err(reader_failed)?;
                s3::parse_items(&bytes, &config).map_err(reader_failed)
            }
            "arn:aws:states:::s3:listObjectsV2" => {
                let mut items = s3::list_objects(folders, bucket, text("Prefix")).map_err(reader_failed)?;
                if let Some(max) = max_items {
                    items.truncate(max);
                }
                Ok(items)
            }
            other => Err(reader_failed(format!("The ItemReader resource '{other}' is not supported locally."))),
        }
    }

    /// Runs every input as a child execution; the Map's result before ResultSelector.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn run_children(
        &self,
        run: &StateRun<'a>,
        map: &'a MapState,
        processor: &'a StateMachine,
        inputs: Vec<Value>,
        plan: &Plan,
        effective: &Value,
        context: &Value,
        frame: &mut Frame,
    ) -> Result<Value, Failure> {
        let opts = self.options;
        let run_id = pseudo_uuid((self.random() * (1u64 << 53) as f64) as u64);
        let label = map.label.clone().unwrap_or_else(|| run.state.name.clone());
        let child_machine = format!("{}/{label}", opts.state_machine_name);
        let map_run_arn =
            format!("arn:aws:states:{}:{}:mapRun:{child_machine}:{run_id}", opts.region, opts.account);
        let child_machine_arn =
            format!("arn:aws:states:{}:{}:stateMachine:{child_machine}", opts.region, opts.account);
        let express =
            processor.processor_config.as_ref().and_then(|c| c.execution_type.as_deref()) == Some("EXPRESS");

        // ResultWriter: where and whether results are written.
        let mut writer = match &map.result_writer {
            Some(spec) if spec.get("Resource").is_some() => {
                let params = self.resource_arguments(run, spec, effective, context, frame)?;
                let bucket = params.get("Bucket").and_then(Value::as_str).unwrap_or_default().to_owned();
                let prefix = params.get("Prefix").and_then(Value::as_str).unwrap_or_default();
                let prefix = prefix.trim_matches('/');
                let dir_key = if prefix.is_empty() { run_id.clone() } else { format!("{prefix}/{run_id}") };
                let folder = match opts.s3.write_folder(&bucket) {
                    Some(f) => Some(s3::object_path(&f, &dir_key).map_err(writer_failed)?),
                    None => None,
                };
                Some(ResultFiles::new(bucket, dir_key, folder, map_run_arn.clone()).map_err(writer_failed)?)
            }
            _ => None,
        };

        let arn = map_run_arn.clone();
        self.event(frame, "MapRunStarted", || Some(("mapRunStartedEventDetails", json!({"mapRunArn": arn}))));

        let count = inputs.len();
        let concurrency = match plan.requested_concurrency {
            None | Some(0) => DISTRIBUTED_CONCURRENCY,
            Some(n) => (n as usize).min(DISTRIBUTED_CONCURRENCY),
        };
        let tolerated_count = plan.tolerated_count.unwrap_or(0);
        let base = Options {
            execution_type: if express { ExecutionType::Express } else { ExecutionType::Standard },
            record_history: false,
            record_states: false,
            hook: None,
            state_machine_name: child_machine.clone(),
            start_time: Some(self.now(&frame.lane)),
            ..opts.clone()
        };
        let start = base.start_time.unwrap_or(self.start);
        let template = ExecutionContext::new(&base, &Value::Null, start);
        let start_text = template.start_time.clone();
        let seed = opts.seed.unwrap_or_else(|| self.start.timestamp_nanos_opt().unwrap_or(1) as u64);
        let index = self.index.scoped(processor);
        let keep_inputs = writer.as_ref().is_some_and(|w| w.folder.is_some());
        let mut outputs: Vec<Value> = if writer.is_some() { Vec::new() } else { vec![Value::Null; count] };
        let mut failures = 0u64;
        let mut exceeded = false;
        let mut write_error: Option<String> = None;
        let mut inputs = inputs;
        {
            let (base, index, template) = (&base, &index, &template);
            let inputs = &mut inputs;
            let (run_id, region, account) = (&run_id, &opts.region, &opts.account);
            let child_machine = &child_machine;
            join::ordered(
                count,
                concurrency,
                |i| {
                    let input = std::mem::take(&mut inputs[i]);
                    Box::pin(async move {
                        let child_seed = seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                        let name = pseudo_uuid(child_seed);
                        let execution_arn = if express {
                            format!("arn:aws:states:{region}:{account}:express:{child_machine}:{run_id}:{name}")
                        } else {
                            format!("arn:aws:states:{region}:{account}:execution:{child_machine}:{name}")
                        };
                        let context = ExecutionContext {
                            execution_arn,
                            state_machine_arn: template.state_machine_arn.clone(),
                            role_arn: template.role_arn.clone(),
                            execution_name: name,
                            state_machine_name: template.state_machine_name.clone(),
                            start_time: template.start_time.clone(),
                        };
                        let input_text = keep_inputs.then(|| input.to_string());
                        let limit = (!express).then_some(STANDARD_HISTORY_LIMIT);
                        let engine = Engine {
                            options: base,
                            handler: self.handler,
                            index: index.clone(),
                            history: Mutex::new(History::new(false, limit)),
                            records: Mutex::new(Vec::new()),
                            transitions: AtomicU64::new(0),
                            start,
                            context,
                            input,
                            rng: Mutex::new(child_seed | 1),
                        };
                        let outcome = engine.run_execution(processor).await;
                        Child {
                            arn: engine.context.execution_arn,
                            input: input_text,
                            status: outcome.status,
                            output: outcome.output,
                            error: outcome.error,
                            cause: outcome.cause,
                        }
                    })
                },
                |i, child| {
                    let ok = child.status == Status::Succeeded;
                    if let Some(w) = writer.as_mut() {
                        if let Err(e) = w.add(&child, &child_machine_arn, &start_text) {
                            write_error = Some(e);
                            return true;
                        }
                    } else if ok {
                        outputs[i] = child.output.unwrap_or(Value::Null);
                    } else {
                        let error = RuntimeError::new(
                            child.error.unwrap_or_default(),
                            child.cause.unwrap_or_default(),
                        );
                        outputs[i] = error_output(&error);
                    }
                    if !ok {
                        failures += 1;
                        let over_count = failures > tolerated_count
                            && (plan.tolerated_percentage.is_none() || plan.tolerated_count.is_some());
                        let over_share =
                            plan.tolerated_percentage.is_some_and(|p| failures as f64 * 100.0 / count as f64 > p);
                        if over_count || over_share {
                            exceeded = true;
                            return true;
                        }
                    }
                    false
                },
            )
            .await;
        }
        let details = match writer.take() {
            Some(w) => Some(w.finish().map_err(writer_failed)?),
            None => None,
        };
        let failure = match write_error {
            Some(e) => Some(writer_failed(e)),
            None if exceeded => Some(Failure::catchable(RuntimeError::new(
                "States.ExceedToleratedFailureThreshold",
                "The specified tolerated failure threshold was exceeded",
            ))),
            None => None,
        };
        if let Some(failure) = failure {
            let details = json!({"error": failure.error.error, "cause": failure.error.cause});
            self.event(frame, "MapRunFailed", || Some(("mapRunFailedEventDetails", details)));
            self.event(frame, "MapStateFailed", || None);
            return Err(failure);
        }
        self.event(frame, "MapRunSucceeded", || None);
        Ok(match details {
            Some((bucket, key)) => {
                json!({"MapRunArn": map_run_arn, "ResultWriterDetails": {"Bucket": bucket, "Key": key}})
            }
            None => Value::Array(outputs),
        })
    }
}

/// `SUCCEEDED_0.json` and `FAILED_0.json` written as children finish (JSON arrays), then
/// `manifest.json`. Without a writable folder nothing is written (the details still are).
struct ResultFiles {
    bucket: String,
    dir_key: String,
    folder: Option<PathBuf>,
    map_run_arn: String,
    succeeded: Option<(std::io::BufWriter<std::fs::File>, u64)>,
    failed: Option<(std::io::BufWriter<std::fs::File>, u64)>,
}

impl ResultFiles {
    fn new(bucket: String, dir_key: String, folder: Option<PathBuf>, map_run_arn: String) -> Result<ResultFiles, String> {
        if let Some(f) = &folder {
            std::fs::create_dir_all(f).map_err(|e| format!("Cannot create {}: {e}", f.display()))?;
        }
        Ok(ResultFiles { bucket, dir_key, folder, map_run_arn, succeeded: None, failed: None })
    }

    fn add(&mut self, child: &Child, machine_arn: &str, start: &str) -> Result<(), String> {
        let Some(folder) = &self.folder else { return Ok(()) };
        let ok = child.status == Status::Succeeded;
        let slot = if ok { &mut self.succeeded } else { &mut self.failed };
        if slot.is_none() {
            let file_name = if ok { "SUCCEEDED_0.json" } else { "FAILED_0.json" };
            let path = folder.join(file_name);
            let file = std::fs::File::create(&path).map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
            *slot = Some((std::io::BufWriter::new(file), 0));
        }
        let Some((out, n)) = slot.as_mut() else { return Ok(()) };
        let name = child.arn.rsplit(':').next().unwrap_or_default();
        let input = child.input.as_deref().unwrap_or("null");
        let output = match (ok, &child.output) {
            (true, Some(v)) => v.to_string(),
            _ => "null".into(),
        };
        let write = |out: &mut std::io::BufWriter<std::fs::File>| -> Result<(), std::io::Error> {
            let text = |out: &mut std::io::BufWriter<std::fs::File>, s: &str| {
                serde_json::to_writer(out, s).map_err(std::io::Error::other)
            };
            out.write_all(if *n == 0 { b"[{\"ExecutionArn\":" } else { b",{\"ExecutionArn\":" })?;
            text(out, &child.arn)?;
            out.write_all(b",\"Input\":")?;
            text(out, input)?;
            out.write_all(b",\"InputDetails\":{\"Included\":true},\"Name\":")?;
            text(out, name)?;
            if ok {
                out.write_all(b",\"Output\":")?;
                text(out, &output)?;
                out.write_all(b",\"OutputDetails\":{\"Included\":true},\"RedriveCount\":0,\"RedriveStatus\":\"NOT_REDRIVABLE\",\"RedriveStatusReason\":\"Execution is SUCCEEDED and cannot be redriven\"")?;
            } else {
                if let Some(e) = &child.error {
                    out.write_all(b",\"Error\":")?;
                    text(out, e)?;
                }
                if let Some(c) = &child.cause {
                    out.write_all(b",\"Cause\":")?;
                    text(out, c)?;
                }
                out.write_all(b",\"RedriveCount\":0,\"RedriveStatus\":\"REDRIVABLE\"")?;
            }
            out.write_all(b",\"StartDate\":")?;
            text(out, start)?;
            out.write_all(b",\"StateMachineArn\":")?;
            text(out, machine_arn)?;
            out.write_all(b",\"Status\":")?;
            text(out, child.status.as_str())?;
            out.write_all(b",\"StopDate\":")?;
            text(out, start)?;
            out.write_all(b"}")
        };
        write(out).map_err(|e| e.to_string())?;
        *n += 1;
        Ok(())
    }

    /// Closes the files and writes the manifest: `(bucket, manifest key)`.
    fn finish(self) -> Result<(String, String), String> {
        let manifest_key = format!("{}/manifest.json", self.dir_key);
        let Some(folder) = &self.folder else { return Ok((self.bucket, manifest_key)) };
        let mut files = serde_json::Map::new();
        for (kind, slot) in [("FAILED", self.failed), ("PENDING", None), ("SUCCEEDED", self.succeeded)] {
            let mut list = Vec::new();
            if let Some((mut out, _)) = slot {
                out.write_all(b"]").and_then(|_| out.flush()).map_err(|e| e.to_string())?;
                let file_name = format!("{kind}_0.json");
                let size = std::fs::metadata(folder.join(&file_name)).map(|m| m.len()).unwrap_or(0);
                list.push(json!({"Key": format!("{}/{file_name}", self.dir_key), "Size": size}));
            }
            files.insert(kind.into(), Value::Array(list));
        }
        let manifest = json!({
            "DestinationBucket": self.bucket,
            "MapRunArn": self.map_run_arn,
            "ResultFiles": files,
        });
        let path = folder.join("manifest.json");
        std::fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap_or_default())
            .map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
        Ok((self.bucket, manifest_key))
    }
}
