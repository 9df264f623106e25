//! Parallel states: every branch gets the effective input; the result is the array of the
//! branch outputs in branch order. The first branch to fail fails the state with the
//! branch's own error (the others are cancelled); `States.Runtime` ends the execution.

use super::io::{self, Env};
use super::join;
use super::run::{Exit, StateExtra, StateRun};
use super::{Engine, Failure, FailureKind, Frame};
use crate::history::Lane;
use asl_model::model::Parallel;
use serde_json::Value;
use std::borrow::Cow;

impl<'a> Engine<'a> {
    pub(crate) async fn parallel_attempt(
        &self,
        run: &StateRun<'a>,
        parallel: &'a Parallel,
        input: &Value,
        frame: &mut Frame,
        retries: u32,
    ) -> Result<Exit<'a>, Failure> {
        let context = self.context_object(run, StateExtra { retry_count: retries, ..StateExtra::default() });
        let branch_input = self.arguments(run, input, &context, frame)?;
        self.event(frame, "ParallelStateStarted", || None);
        let branches = &parallel.branches;
        let mut outputs = vec![Value::Null; branches.len()];
        let mut lanes = Vec::with_capacity(branches.len());
        let mut failed: Option<(Failure, Lane)> = None;
        {
            let parent: &Frame = frame;
            let branch_input = &branch_input;
            join::ordered(
                branches.len(),
                branches.len(),
                |i| {
                    let mut child = Frame {
                        lane: self.started_lane(&parent.lane),
                        variables: parent.variables.clone(),
                        path: self.child_path(&parent.path, &run.state.name, i),
                        depth: parent.depth + 1,
                    };
                    let input = branch_input.clone();
                    let branch = &branches[i];
                    Box::pin(async move {
                        let result = self.run_scope(branch, input, &mut child).await;
                        (result, child.lane)
                    })
                },
                |i, (result, lane)| match result {
                    Ok(v) => {
                        outputs[i] = v;
                        lanes.push(lane);
                        false
                    }
                    Err(f) => {
                        failed = Some((f, lane));
                        true
                    }
                },
            )
            .await;
        }
        if let Some((failure, lane)) = failed {
            if failure.kind == FailureKind::Catchable {
                frame.lane =
                    Lane { last_event: lane.last_event, timeline: frame.lane.timeline.max(lane.timeline) };
                self.event(frame, "ParallelStateFailed", || None);
            }
            return Err(failure);
        }
        join_lanes(&mut frame.lane, &lanes);
        self.event_on(&mut frame.lane, "ParallelStateSucceeded", || None, false);
        let result = Value::Array(outputs);
        self.finish_container(run, input, result, &context, frame)
    }

    /// ResultSelector -> Assign -> ResultPath -> OutputPath, for Parallel and Map results.
    pub(crate) fn finish_container(
        &self,
        run: &StateRun<'a>,
        input: &Value,
        result: Value,
        context: &Value,
        frame: &mut Frame,
    ) -> Result<Exit<'a>, Failure> {
        let fields = &run.state.io;
        self.inspect(run, |i| i.result = Some(result.clone()));
        if run.jsonata {
            return self.jsonata_result(run, input, result, context, frame);
        }
        let env = Env { context, variables: &frame.variables };
        let selected = io::template(std::borrow::Cow::Owned(result), fields.result_selector.as_ref(), env)
            .map_err(|e| run.fail(e))?
            .into_owned();
        if fields.result_selector.is_some() {
            self.inspect(run, |i| i.after_result_selector = Some(selected.clone()));
        }
        let assigned = self.assign(run, fields.assign.as_ref(), &selected, env)?;
        let combined =
            io::result_path(Cow::Borrowed(input), &fields.result_path, selected).map_err(|e| run.fail(e))?;
        self.inspect(run, |i| i.after_result_path = Some(combined.clone()));
        let output = io::output_path(combined, &fields.output_path, env).map_err(|e| run.fail(e))?;
        Ok(Exit { output, next: run.next()?, assigned })
    }
}

/// After all branches succeeded the parent goes on from the latest event and time of any.
pub(crate) fn join_lanes(parent: &mut Lane, lanes: &[Lane]) {
    for lane in lanes {
        parent.last_event = parent.last_event.max(lane.last_event);
        parent.timeline = parent.timeline.max(lane.timeline);
    }
}
