//! Map states (inline): each item of the array at ItemsPath (through ItemSelector, with
//! `$$.Map.Item.Index/Value`, and ItemBatcher) runs the ItemProcessor; the result is the
//! array of iteration outputs in item order. MaxConcurrency bounds the iterations in
//! flight (0 means AWS's inline maximum, 40); ToleratedFailureCount/Percentage let some
//! iterations fail.

use super::io::{self, Env};
use super::items::Feed;
use super::join;
use super::numbers::{bare, float, integer};
use super::parallel::join_lanes;
use super::run::{error_output, Exit, StateExtra, StateRun};
use super::{Engine, Failure, FailureKind, Frame};
use crate::expr;
use crate::history::Lane;
use crate::s3::Items;
use crate::RuntimeError;
use asl_model::model::Map;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

/// AWS runs at most this many inline iterations at once.
pub(crate) const INLINE_CONCURRENCY: usize = 40;

/// The Map's settings once read from the input.
pub(crate) struct Plan {
    pub items: Vec<Value>,
    pub concurrency: usize,
    /// MaxConcurrency as given (a Distributed Map has its own maximum).
    pub requested_concurrency: Option<u64>,
    pub tolerated_count: Option<u64>,
    pub tolerated_percentage: Option<f64>,
}

impl<'a> Engine<'a> {
    pub(crate) async fn map_attempt(
        &self,
        run: &StateRun<'a>,
        map: &'a Map,
        input: &Value,
        frame: &mut Frame,
        retries: u32,
    ) -> Result<Exit<'a>, Failure> {
        let Some(processor) = map.item_processor.as_ref() else {
            return Err(run.runtime("The Map state has no ItemProcessor."));
        };
        let distributed =
            processor.processor_config.as_ref().and_then(|c| c.mode.as_deref()) == Some("DISTRIBUTED");
        let context = self.context_object(run, StateExtra { retry_count: retries, ..StateExtra::default() });
        let fields = &run.state.io;
        let (effective, mut plan) = if run.jsonata {
            (input.clone(), self.jsonata_plan(run, map, input, &context, frame)?)
        } else {
            let env = Env { context: &context, variables: &frame.variables };
            let effective =
                io::filter_path(input, &fields.input_path, env).map_err(|e| run.fail(e))?.into_owned();
            self.inspect(run, |i| i.after_input_path = Some(effective.clone()));
            let plan = self.plan(run, map, &effective, env)?;
            (effective, plan)
        };
        let selector = map.item_selector.as_ref().or(fields.parameters.as_ref());
        let reader = map.item_reader.as_ref().filter(|_| distributed);
        let items = match reader {
            Some(reader) => self.read_items(run, reader, &effective, &context, frame)?,
            None => Items::memory(std::mem::take(&mut plan.items), None),
        };
        let variables = frame.variables.clone();
        let feed = |items| {
            Feed::new(
                self,
                run,
                &effective,
                &context,
                &variables,
                retries,
                items,
                selector,
                map.item_batcher.as_ref(),
            )
        };
        // An ItemReader's items stream into the child executions; items from the input
        // are all selected and batched first (they are in memory already).
        if reader.is_some() {
            let result = self
                .run_children(run, map, processor, feed(items), &plan, &effective, &context, frame)
                .await?;
            return self.finish_container(run, input, result, &context, frame);
        }
        let inputs = feed(items).collect_all()?;
        if distributed {
            let prepared = Items::memory(inputs, None);
            let feed = Feed::new(self, run, &effective, &context, &variables, retries, prepared, None, None);
            let result =
                self.run_children(run, map, processor, feed, &plan, &effective, &context, frame).await?;
            return self.finish_container(run, input, result, &context, frame);
        }
        let count = inputs.len();
        self.event(frame, "MapStateStarted", || {
            Some(("mapStateStartedEventDetails", json!({"length": count})))
        });
        let mut outputs = vec![Value::Null; count];
        let mut lanes = Vec::new();
        let mut failures = 0usize;
        let mut failed: Option<(Failure, Lane)> = None;
        let mut exceeded = false;
        let tolerant = plan.tolerated_count.is_some() || plan.tolerated_percentage.is_some();
        let progress = Progress::new(self, run, frame, count);
        progress.report(false);
        {
            let parent: &Frame = frame;
            let inputs = &inputs;
            let name = run.state.name.as_str();
            let progress = &progress;
            join::ordered(
                count,
                plan.concurrency,
                |index| {
                    progress.started.fetch_add(1, Ordering::Relaxed);
                    progress.report(false);
                    let mut child = Frame {
                        lane: self.started_lane(&parent.lane),
                        variables: parent.variables.clone(),
                        path: self.child_path(&parent.path, name, index),
                        depth: parent.depth + 1,
                    };
                    let input = inputs[index].clone();
                    Box::pin(async move {
                        let details = json!({"name": name, "index": index});
                        self.event(&mut child, "MapIterationStarted", || {
                            Some(("mapIterationStartedEventDetails", details.clone()))
                        });
                        let result = self.run_scope(processor, input, &mut child).await;
                        match &result {
                            Ok(_) => {
                                self.event(&mut child, "MapIterationSucceeded", || {
                                    Some(("mapIterationSucceededEventDetails", details))
                                });
                            }
                            Err(f) if f.kind == FailureKind::Catchable => {
                                self.event_on(
                                    &mut child.lane,
                                    "MapIterationFailed",
                                    || Some(("mapIterationFailedEventDetails", details)),
                                    false,
                                );
                            }
                            Err(_) => {}
                        }
                        (result, child.lane)
                    })
                },
                |index, (result, lane)| match result {
                    Ok(v) => {
                        outputs[index] = v;
                        lanes.push(lane);
                        progress.ended(true);
                        false
                    }
                    Err(f) if f.kind == FailureKind::Catchable && tolerant => {
                        progress.ended(false);
                        failures += 1;
                        outputs[index] = error_output(&f.error);
                        lanes.push(lane);
                        let over_count = plan.tolerated_count.is_some_and(|n| failures as u64 > n);
                        let over_share = plan
                            .tolerated_percentage
                            .is_some_and(|p| failures as f64 * 100.0 / count as f64 > p);
                        if over_count || over_share {
                            exceeded = true;
                            failed = Some((f, lane));
                            return true;
                        }
                        false
                    }
                    Err(f) => {
                        progress.ended(false);
                        failed = Some((f, lane));
                        true
                    }
                },
            )
            .await;
        }
        progress.report(true);
        if let Some((mut failure, lane)) = failed {
            if exceeded {
                failure = Failure::catchable(RuntimeError::new(
                    "States.ExceedToleratedFailureThreshold",
                    "The specified tolerated failure threshold was exceeded",
                ));
            }
            if failure.kind == FailureKind::Catchable {
                frame.lane =
                    Lane { last_event: lane.last_event, timeline: frame.lane.timeline.max(lane.timeline) };
                self.event(frame, "MapStateFailed", || None);
            }
            return Err(failure);
        }
        join_lanes(&mut frame.lane, &lanes);
        self.event_on(&mut frame.lane, "MapStateSucceeded", || None, false);
        self.finish_container(run, input, Value::Array(outputs), &context, frame)
    }

    fn plan(&self, run: &StateRun<'a>, map: &Map, effective: &Value, env: Env<'_>) -> Result<Plan, Failure> {
        let items = match (&map.items_path, &map.items) {
            (Some(path), _) => expr::select(path, &env.scope(effective)).map_err(|e| run.fail(e))?,
            (None, Some(items)) => items.clone(),
            (None, None) if map.item_reader.is_some() => Value::Array(Vec::new()),
            (None, None) => effective.clone(),
        };
        let Value::Array(items) = items else {
            return Err(run.runtime(format!("Map state input must be an array but was: {items}")));
        };
        let concurrency = self.int_field(
            run,
            map.max_concurrency.as_ref(),
            map.max_concurrency_path.as_deref(),
            "MaxConcurrencyPath",
            effective,
            env,
        )?;
        let requested_concurrency = concurrency;
        let concurrency = match concurrency {
            None | Some(0) => INLINE_CONCURRENCY,
            Some(n) => (n as usize).min(INLINE_CONCURRENCY),
        };
        let tolerated_count = match (&map.tolerated_failure_count, &map.tolerated_failure_count_path) {
            (Some(v), _) => v.as_u64(),
            (None, Some(path)) => {
                let v = expr::select(path, &env.scope(effective)).map_err(|e| run.fail(e))?;
                match integer(&v) {
                    Some(n) if n < 0 => return Err(run.runtime("ToleratedFailureCount cannot be negative.")),
                    Some(n) => Some(n as u64),
                    None => {
                        return Err(run.runtime(format!(
                            "The ToleratedFailureCountPath field refers to value \"{}\" which is not a valid integer: {path}",
                            bare(&v)
                        )))
                    }
                }
            }
            (None, None) => None,
        };
        let tolerated_percentage = match (
            &map.tolerated_failure_percentage,
            &map.tolerated_failure_percentage_path,
        ) {
            (Some(v), _) => v.as_f64(),
            (None, Some(path)) => {
                let v = expr::select(path, &env.scope(effective)).map_err(|e| run.fail(e))?;
                match float(&v) {
                    Some(p) if (0.0..=100.0).contains(&p) => Some(p),
                    Some(_) => {
                        return Err(run.runtime("ToleratedFailurePercentage must be between 0 and 100."))
                    }
                    None => {
                        return Err(run.runtime(format!(
                            "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {path}",
                            bare(&v)
                        )))
                    }
                }
            }
            (None, None) => None,
        };
        Ok(Plan { items, concurrency, requested_concurrency, tolerated_count, tolerated_percentage })
    }

    /// A non-negative integer field given literally or by a `...Path`.
    pub(crate) fn int_field(
        &self,
        run: &StateRun<'a>,
        literal: Option<&Value>,
        path: Option<&str>,
        field: &str,
        effective: &Value,
        env: Env<'_>,
    ) -> Result<Option<u64>, Failure> {
        if let Some(v) = literal {
            return Ok(v.as_u64());
        }
        let Some(path) = path else { return Ok(None) };
        let v = expr::select(path, &env.scope(effective)).map_err(|e| run.fail(e))?;
        match integer(&v).and_then(|n| u64::try_from(n).ok()) {
            Some(n) => Ok(Some(n)),
            None => Err(run.runtime(format!(
                "The {field} field refers to value \"{}\" which is not a valid integer: {path}",
                bare(&v)
            ))),
        }
    }
}

/// An inline Map's progress for the hook, as a Distributed Map reports its Map Run's: the
/// run's UI counts iterations from here, never from the paths of the states it sees.
struct Progress<'e> {
    hook: Option<&'e dyn crate::Hook>,
    path: String,
    pointer: &'e str,
    total: u64,
    started: AtomicU64,
    succeeded: AtomicU64,
    failed: AtomicU64,
}

impl<'e> Progress<'e> {
    fn new(engine: &'e Engine<'_>, run: &'e StateRun<'_>, frame: &Frame, count: usize) -> Self {
        let hook = engine.options.hook.as_deref();
        let path = if hook.is_some() { format!("{}{}", frame.path, run.state.name) } else { String::new() };
        Progress {
            hook,
            path,
            pointer: &run.state.pointer,
            total: count as u64,
            started: AtomicU64::new(0),
            succeeded: AtomicU64::new(0),
            failed: AtomicU64::new(0),
        }
    }

    fn ended(&self, succeeded: bool) {
        let counter = if succeeded { &self.succeeded } else { &self.failed };
        counter.fetch_add(1, Ordering::Relaxed);
        self.report(false);
    }

    fn report(&self, finished: bool) {
        let Some(hook) = self.hook else { return };
        let (succeeded, failed) =
            (self.succeeded.load(Ordering::Relaxed), self.failed.load(Ordering::Relaxed));
        let started = self.started.load(Ordering::Relaxed);
        hook.map_run_progress(crate::MapRunProgress {
            path: &self.path,
            pointer: self.pointer,
            map_run_arn: "",
            total: Some(self.total),
            succeeded,
            failed,
            // Iterations cut short by a failure of the Map are not running any more.
            running: if finished { 0 } else { started.saturating_sub(succeeded + failed) },
            finished,
        });
    }
}
