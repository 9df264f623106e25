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
//! executions keep no history or records (AWS keeps them apart from the parent's). With a
//! hook, the children's states reach it as an inline Map's iterations do (`Map/3/State`,
//! one level deeper), so a debugger steps into them and a run's record shows them — but
//! not their end: a child finishing is not the execution finishing (`ChildHook`).

use super::context::{pseudo_uuid, ExecutionContext};
use super::hook::{ChildHook, Hook, MapRunProgress};
use super::items::{reader_failed, Feed};
use super::map::Plan;
use super::options::{ExecutionType, Options};
use super::result_writer::ResultFiles;
use super::run::{error_output, StateRun};
use super::{join, Engine, Failure, Frame};
use crate::expr;
use crate::history::{History, STANDARD_HISTORY_LIMIT};
use crate::jsonata::{States, Step};
use crate::record::Status;
use crate::s3::{self, Items, ReaderConfig};
use crate::RuntimeError;
use asl_model::model::{Map as MapState, StateMachine};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// AWS runs at most this many child executions of a Distributed Map at once.
pub(crate) const DISTRIBUTED_CONCURRENCY: usize = 10_000;

/// A map run reports its progress to the hook after every this many finished children
/// (and once at the end): often enough to animate, rarely enough to cost nothing.
pub const PROGRESS_EVERY: u64 = 100;

/// What `total` holds while the number of inputs is not known yet.
const UNKNOWN: usize = usize::MAX;

fn writer_failed(cause: impl Into<String>) -> Failure {
    Failure::catchable(RuntimeError::new("States.ResultWriterFailed", cause))
}

/// One finished child execution.
pub(crate) struct Child {
    pub arn: String,
    /// The input as JSON text (only when results are written).
    pub input: Option<String>,
    pub status: Status,
    pub output: Option<Value>,
    pub error: Option<String>,
    pub cause: Option<String>,
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

    /// The items an ItemReader gives, opened to be read as the children start.
    pub(crate) fn read_items(
        &self,
        run: &StateRun<'a>,
        reader: &Value,
        effective: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Items, Failure> {
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
                    Some(super::numbers::integer(&v).and_then(|n| u64::try_from(n).ok()).ok_or_else(|| {
                        run.runtime(format!(
                            "The MaxItemsPath field refers to value \"{}\" which is not a valid integer: {path}",
                            super::numbers::bare(&v)
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
                let config = ReaderConfig::from_value(config, max_items).map_err(reader_failed)?;
                s3::get_items(folders, bucket, text("Key"), &config).map_err(reader_failed)
            }
            "arn:aws:states:::s3:listObjectsV2" => {
                let items = s3::list_objects(folders, bucket, text("Prefix")).map_err(reader_failed)?;
                Ok(Items::memory(items, max_items))
            }
            other => {
                Err(reader_failed(format!("The ItemReader resource '{other}' is not supported locally.")))
            }
        }
    }

    /// Runs every input as a child execution; the Map's result before ResultSelector.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn run_children(
        &self,
        run: &StateRun<'a>,
        map: &'a MapState,
        processor: &'a StateMachine,
        mut feed: Feed<'_, 'a>,
        plan: &Plan,
        effective: &Value,
        context: &Value,
        frame: &mut Frame,
    ) -> Result<Value, Failure> {
        // The first input is made before the map run starts, so an ItemReader or
        // ItemSelector that fails at once fails the state before any child runs.
        let mut first = match feed.next() {
            Some(Err(f)) => return Err(f),
            Some(Ok(v)) => Some(v),
            None => None,
        };
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

        let concurrency = match plan.requested_concurrency {
            None | Some(0) => DISTRIBUTED_CONCURRENCY,
            Some(n) => (n as usize).min(DISTRIBUTED_CONCURRENCY),
        };
        let tolerated_count = plan.tolerated_count.unwrap_or(0);
        let watched = opts.hook.clone();
        let base = Options {
            execution_type: if express { ExecutionType::Express } else { ExecutionType::Standard },
            record_history: false,
            // Kept only for the hook: the inspection stages its states report on leaving.
            record_states: watched.is_some(),
            // Child executions' records are not the parent's (AWS keeps them apart).
            sink: None,
            hook: watched.map(|inner| Arc::new(ChildHook(inner)) as Arc<dyn Hook>),
            // A child execution runs its ItemProcessor from its own StartAt.
            start_at: None,
            state_machine_name: child_machine.clone(),
            start_time: Some(self.now(&frame.lane)),
            ..opts.clone()
        };
        let start = base.start_time.unwrap_or(self.start);
        let frame_elapsed = frame.lane.timeline.elapsed;
        let template = ExecutionContext::new(&base, &Value::Null, start);
        let start_text = template.start_time.clone();
        let seed = opts.seed.unwrap_or_else(|| self.start.timestamp_nanos_opt().unwrap_or(1) as u64);
        let index = self.index.scoped(processor);
        let keep_inputs = writer.as_ref().is_some_and(|w| w.folder.is_some());
        // Without a ResultWriter the Map's result is the array of every child's output,
        // as AWS returns it: memory grows with the output. With one, results go to files.
        let mut outputs: Vec<Value> = Vec::new();
        let (mut succeeded, mut failures) = (0u64, 0u64);
        let mut exceeded = false;
        let mut aborted = false;
        let mut write_error: Option<String> = None;
        let mut feed_error: Option<Failure> = None;
        // Shared by the producer and the sink (atomics: the future stays `Send`).
        let started = AtomicUsize::new(0);
        let total = AtomicUsize::new(feed.total().unwrap_or(UNKNOWN));
        let hook = opts.hook.as_deref();
        let path = match hook {
            Some(_) => format!("{}{}", frame.path, run.state.name),
            None => String::new(),
        };
        let progress = |succeeded: u64, failed: u64, running: u64, finished: bool| {
            let Some(hook) = hook else { return };
            let total = total.load(Ordering::Relaxed);
            hook.map_run_progress(MapRunProgress {
                path: &path,
                pointer: &run.state.pointer,
                map_run_arn: &map_run_arn,
                total: (total != UNKNOWN).then_some(total as u64),
                succeeded,
                failed,
                running,
                finished,
            });
        };
        {
            let (base, index, template) = (&base, &index, &template);
            let (run_id, region, account) = (&run_id, &opts.region, &opts.account);
            let child_machine = &child_machine;
            let (path, depth) = (&path, frame.depth + 1);
            let (started, total, feed_error) = (&started, &total, &mut feed_error);
            join::streamed(
                concurrency,
                |i| {
                    let input = match first.take() {
                        Some(v) => v,
                        None => match feed.next() {
                            Some(Ok(v)) => v,
                            Some(Err(f)) => {
                                *feed_error = Some(f);
                                return None;
                            }
                            None => {
                                total.store(feed.total().unwrap_or(i), Ordering::Relaxed);
                                return None;
                            }
                        },
                    };
                    if let Some(n) = feed.total() {
                        total.store(n, Ordering::Relaxed);
                    }
                    started.store(i + 1, Ordering::Relaxed);
                    let child_prefix = if hook.is_some() { format!("{path}/{i}/") } else { String::new() };
                    Some(Box::pin(async move {
                        let child_seed = seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                        let name = pseudo_uuid(child_seed);
                        let execution_arn = if express {
                            format!(
                                "arn:aws:states:{region}:{account}:express:{child_machine}:{run_id}:{name}"
                            )
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
                            records: Mutex::new(super::records::Records::new(None)),
                            transitions: AtomicU64::new(0),
                            start,
                            context,
                            input,
                            rng: Mutex::new(child_seed | 1),
                            origin: (child_prefix, depth),
                            timers: self.timers.clone(),
                            time_offset: self.time_offset.saturating_add(frame_elapsed),
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
                    }) as join::BoxFuture<'_, Child>)
                },
                |i, child| {
                    // Stopped by the debugger inside a child: the whole run stops.
                    if child.status == Status::Aborted && hook.is_some() {
                        aborted = true;
                        return true;
                    }
                    let ok = child.status == Status::Succeeded;
                    if let Some(w) = writer.as_mut() {
                        if let Err(e) = w.add(&child, &child_machine_arn, &start_text) {
                            write_error = Some(e);
                            return true;
                        }
                    } else {
                        if outputs.len() <= i {
                            outputs.resize(i + 1, Value::Null);
                        }
                        outputs[i] = if ok {
                            child.output.unwrap_or(Value::Null)
                        } else {
                            error_output(&RuntimeError::new(
                                child.error.unwrap_or_default(),
                                child.cause.unwrap_or_default(),
                            ))
                        };
                    }
                    if ok {
                        succeeded += 1;
                    } else {
                        failures += 1;
                        let known = total.load(Ordering::Relaxed);
                        if over_threshold(
                            plan,
                            tolerated_count,
                            failures,
                            (known != UNKNOWN).then_some(known),
                        ) {
                            exceeded = true;
                            return true;
                        }
                    }
                    let done = succeeded + failures;
                    if done % PROGRESS_EVERY == 0 {
                        let running = started.load(Ordering::Relaxed) as u64 - done;
                        progress(succeeded, failures, running, false);
                    }
                    false
                },
            )
            .await;
        }
        if aborted {
            return Err(Failure::aborted());
        }
        progress(succeeded, failures, 0, true);
        // A share of failures can only be judged once the number of inputs is known.
        let known = total.load(Ordering::Relaxed);
        if !exceeded && feed_error.is_none() && known != UNKNOWN {
            exceeded = over_threshold(plan, tolerated_count, failures, Some(known));
        }
        let details = match writer.take() {
            Some(w) => Some(w.finish().map_err(writer_failed)?),
            None => None,
        };
        let failure = match write_error {
            Some(e) => Some(writer_failed(e)),
            None if feed_error.is_some() => feed_error,
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

/// Whether `failures` children failing is more than ToleratedFailureCount/Percentage
/// (default: none) allow; a percentage needs the number of inputs (`total`).
fn over_threshold(plan: &Plan, tolerated_count: u64, failures: u64, total: Option<usize>) -> bool {
    let over_count =
        failures > tolerated_count && (plan.tolerated_percentage.is_none() || plan.tolerated_count.is_some());
    let over_share = match (plan.tolerated_percentage, total) {
        (Some(p), Some(total)) if total > 0 => failures as f64 * 100.0 / total as f64 > p,
        _ => false,
    };
    over_count || over_share
}
