//! A Map's inputs, made one at a time: each item (from the state input or an ItemReader)
//! goes through ItemSelector (with `$$.Map.Item.Index/Value`), then ItemBatcher groups
//! them into `{"BatchInput", "Items"}`. A Distributed Map pulls the next input only when
//! it can start another child execution, so an ItemReader's dataset is never all in
//! memory; an inline Map collects them all first (its items are in the input anyway).

use super::io::Env;
use super::run::{StateExtra, StateRun};
use super::{Engine, Failure};
use crate::expr;
use crate::jsonata::{States, Step};
use crate::s3::Items;
use crate::RuntimeError;
use serde_json::{Map, Value};

pub(crate) fn reader_failed(cause: impl Into<String>) -> Failure {
    Failure::catchable(RuntimeError::new("States.ItemReaderFailed", cause))
}

/// The inputs of a Map run, in item order.
pub(crate) struct Feed<'e, 'a> {
    engine: &'e Engine<'a>,
    run: &'e StateRun<'a>,
    effective: &'e Value,
    context: &'e Value,
    variables: &'e Map<String, Value>,
    retries: u32,
    items: Items,
    selector: Option<&'a Value>,
    /// ItemBatcher as written, and once read (at the first item: its paths and
    /// expressions are evaluated after the items are read, as AWS orders errors).
    batcher_spec: Option<&'a Value>,
    batcher: Option<Batcher>,
    /// Items read so far (the index of the next one).
    read: usize,
    /// Inputs handed out so far.
    produced: usize,
    done: bool,
}

impl<'e, 'a> Feed<'e, 'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        engine: &'e Engine<'a>,
        run: &'e StateRun<'a>,
        effective: &'e Value,
        context: &'e Value,
        variables: &'e Map<String, Value>,
        retries: u32,
        items: Items,
        selector: Option<&'a Value>,
        batcher_spec: Option<&'a Value>,
    ) -> Self {
        Feed {
            engine,
            run,
            effective,
            context,
            variables,
            retries,
            items,
            selector,
            batcher_spec,
            batcher: None,
            read: 0,
            produced: 0,
            done: false,
        }
    }

    /// How many inputs there are in all, once that is known (read to the end, or items
    /// in memory without batching).
    pub fn total(&self) -> Option<usize> {
        if self.done {
            return Some(self.produced);
        }
        match (&self.batcher_spec, self.items.known_len()) {
            (None, Some(left)) => Some(self.produced + left),
            _ => None,
        }
    }

    /// Every input, in order (stops at the first error).
    pub fn collect_all(self) -> Result<Vec<Value>, Failure> {
        let mut out = Vec::with_capacity(self.items.known_len().unwrap_or(0));
        for input in self {
            out.push(input?);
        }
        Ok(out)
    }

    fn select(&self, index: usize, item: Value) -> Result<Value, Failure> {
        let Some(template) = self.selector else { return Ok(item) };
        let (engine, run) = (self.engine, self.run);
        let extra = StateExtra { retry_count: self.retries, task_token: None, map_item: Some((index, item)) };
        let item_context = engine.context_object(run, extra);
        if run.jsonata {
            let mut step = Step::new(States {
                input: self.effective,
                result: None,
                error_output: None,
                context: &item_context,
                variables: self.variables,
            });
            return step.render(template, "ItemSelector").map_err(|e| run.fail(e));
        }
        let scope = expr::Scope { input: self.effective, context: &item_context, variables: self.variables };
        expr::render_template(template, &scope).map_err(|e| run.fail(e))
    }

    fn batcher(&mut self) -> Result<Option<&mut Batcher>, Failure> {
        if self.batcher.is_none() {
            if let Some(spec) = self.batcher_spec {
                let env = Env { context: self.context, variables: self.variables };
                self.batcher = Some(self.engine.batcher(self.run, spec, self.effective, env)?);
            }
        }
        Ok(self.batcher.as_mut())
    }

    fn step(&mut self) -> Option<Result<Value, Failure>> {
        loop {
            let item = match self.items.next() {
                Some(Ok(item)) => item,
                Some(Err(e)) => return Some(Err(reader_failed(e))),
                None => {
                    return match self.batcher() {
                        Ok(b) => b.and_then(Batcher::finish).map(Ok),
                        Err(f) => Some(Err(f)),
                    }
                }
            };
            let index = self.read;
            self.read += 1;
            let input = match self.select(index, item) {
                Ok(v) => v,
                Err(f) => return Some(Err(f)),
            };
            match self.batcher() {
                Err(f) => return Some(Err(f)),
                Ok(None) => return Some(Ok(input)),
                Ok(Some(b)) => {
                    if let Some(batch) = b.push(input) {
                        return Some(Ok(batch));
                    }
                }
            }
        }
    }
}

impl Iterator for Feed<'_, '_> {
    type Item = Result<Value, Failure>;

    /// The next input; after an error or the last input, `None`.
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.step();
        match &next {
            Some(Ok(_)) => self.produced += 1,
            _ => self.done = true,
        }
        next
    }
}

/// ItemBatcher: items gathered into `{"BatchInput": ..., "Items": [...]}`, a batch full at
/// MaxItemsPerBatch items or before MaxInputBytesPerBatch would be passed.
pub(crate) struct Batcher {
    max_items: Option<usize>,
    max_bytes: Option<usize>,
    batch_input: Option<Value>,
    chunk: Vec<Value>,
    bytes: usize,
}

impl Batcher {
    /// Adds an item; gives the batch it completed, if any.
    fn push(&mut self, item: Value) -> Option<Value> {
        // Sizes are measured only when a byte limit needs them.
        let size = if self.max_bytes.is_some() { item.to_string().len() } else { 0 };
        let full_items = self.max_items.is_some_and(|m| self.chunk.len() >= m);
        let full_bytes = self.max_bytes.is_some_and(|m| !self.chunk.is_empty() && self.bytes + size > m);
        let full = (full_items || full_bytes).then(|| {
            self.bytes = 0;
            self.wrap()
        });
        self.bytes += size;
        self.chunk.push(item);
        full
    }

    /// The last, partial batch.
    fn finish(&mut self) -> Option<Value> {
        (!self.chunk.is_empty()).then(|| self.wrap())
    }

    fn wrap(&mut self) -> Value {
        let mut batch = serde_json::Map::new();
        if let Some(b) = &self.batch_input {
            batch.insert("BatchInput".into(), b.clone());
        }
        batch.insert("Items".into(), Value::Array(std::mem::take(&mut self.chunk)));
        Value::Object(batch)
    }
}

impl<'a> Engine<'a> {
    /// Reads an ItemBatcher: MaxItemsPerBatch, MaxInputBytesPerBatch (numbers, `...Path`
    /// in JSONPath, expressions in JSONata) and BatchInput (a template, or JSONata).
    pub(crate) fn batcher(
        &self,
        run: &StateRun<'a>,
        spec: &Value,
        effective: &Value,
        env: Env<'_>,
    ) -> Result<Batcher, Failure> {
        let positive = |n: Option<u64>| n.filter(|n| *n > 0).map(|n| n as usize);
        if run.jsonata {
            let mut step = Step::new(States {
                input: effective,
                result: None,
                error_output: None,
                context: env.context,
                variables: env.variables,
            });
            let mut number = |key: &str| -> Result<Option<usize>, Failure> {
                let n = self.jsonata_number(run, &mut step, spec.get(key), key, true)?;
                Ok(positive(n.map(|n| n as u64)))
            };
            let max_items = number("MaxItemsPerBatch")?;
            let max_bytes = number("MaxInputBytesPerBatch")?;
            let batch_input = match spec.get("BatchInput") {
                Some(template) => Some(step.render(template, "BatchInput").map_err(|e| run.fail(e))?),
                None => None,
            };
            return Ok(Batcher { max_items, max_bytes, batch_input, chunk: Vec::new(), bytes: 0 });
        }
        let read = |key: &str| -> Result<Option<u64>, Failure> {
            let literal = spec.get(key);
            let path = spec.get(format!("{key}Path")).and_then(Value::as_str);
            self.int_field(run, literal, path, &format!("{key}Path"), effective, env)
        };
        let max_items = positive(read("MaxItemsPerBatch")?);
        let max_bytes = positive(read("MaxInputBytesPerBatch")?);
        let batch_input = match spec.get("BatchInput") {
            Some(template) => {
                Some(expr::render_template(template, &env.scope(effective)).map_err(|e| run.fail(e))?)
            }
            None => None,
        };
        Ok(Batcher { max_items, max_bytes, batch_input, chunk: Vec::new(), bytes: 0 })
    }
}
