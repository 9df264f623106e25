//! A JSONata Map's settings: Items (an array, or an expression giving one; default: the
//! state input), MaxConcurrency and ToleratedFailureCount/Percentage as numbers or
//! expressions, with AWS's messages when a value has the wrong type.

use super::map::{Plan, INLINE_CONCURRENCY};
use super::run::StateRun;
use super::{Engine, Failure, Frame};
use crate::jsonata::{query_error, unexpected_type, States, Step};
use asl_model::model::Map;
use serde_json::Value;

impl<'a> Engine<'a> {
    pub(crate) fn jsonata_plan(
        &self,
        run: &StateRun<'a>,
        map: &Map,
        input: &Value,
        context: &Value,
        frame: &Frame,
    ) -> Result<Plan, Failure> {
        let mut step = Step::new(States {
            input,
            result: None,
            error_output: None,
            context,
            variables: &frame.variables,
        });
        let items = match &map.items {
            None if map.item_reader.is_some() => Value::Array(Vec::new()),
            None => input.clone(),
            Some(items @ Value::String(_)) => match step.field(items, "Items").map_err(|e| run.fail(e))? {
                (Value::Array(a), _) => Value::Array(a),
                (other, Some(body)) => return Err(run.fail(unexpected_type(&body, "Items", "array", &other))),
                (other, None) => other,
            },
            Some(items) => step.render(items, "Items").map_err(|e| run.fail(e))?,
        };
        let Value::Array(items) = items else {
            return Err(run.fail(query_error(format!("Map state input must be an array but was: {items}"))));
        };
        let concurrency =
            self.jsonata_number(run, &mut step, map.max_concurrency.as_ref(), "MaxConcurrency", true)?;
        let requested_concurrency = concurrency.map(|n| n.max(0.0) as u64);
        let concurrency = match concurrency {
            None => INLINE_CONCURRENCY,
            Some(n) if n < 1.0 => INLINE_CONCURRENCY,
            Some(n) => (n as usize).min(INLINE_CONCURRENCY),
        };
        let tolerated_count = self
            .jsonata_number(
                run,
                &mut step,
                map.tolerated_failure_count.as_ref(),
                "ToleratedFailureCount",
                true,
            )?
            .map(|n| n as u64);
        let tolerated_percentage = self.jsonata_number(
            run,
            &mut step,
            map.tolerated_failure_percentage.as_ref(),
            "ToleratedFailurePercentage",
            false,
        )?;
        Ok(Plan { items, concurrency, requested_concurrency, tolerated_count, tolerated_percentage })
    }
}
