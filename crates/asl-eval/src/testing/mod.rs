//! Test cases (design §3.3), in the format of the conformance corpus: `name, definition |
//! definition_file, input, expect{status, output | error, cause}, states?, states_ordered?,
//! mocks?, normalize?`. A file holds one case or `{"cases": [...]}`.
//!
//! Comparison follows the corpus rules: `normalize` paths are wildcards, numbers compare
//! by value (`1` equals `1.0`), a `cause` expected as an object is compared with the
//! actual cause parsed as JSON, object key order is irrelevant, and state records compare
//! in order or, with `states_ordered: false`, as a multiset.

mod compare;

pub use compare::parse_path;
use compare::{compare_states, diff, path_of, Masks};

use crate::mocks::Mocks;
use crate::record::Outcome;
use crate::{Execution, Options};
use asl_model::{Document, Format};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// One test case: a machine, an input and what the execution must give (the format of
/// the conformance corpus).
#[derive(Clone, Debug)]
pub struct TestCase {
    /// What the case checks, as reports name it.
    pub name: String,
    /// A group for the per-topic table of `asl test`.
    pub topic: Option<String>,
    /// The file the case came from (`definition_file` is relative to it).
    pub file: PathBuf,
    /// The machine inline.
    pub definition: Option<Value>,
    /// Or its file, relative to the test file.
    pub definition_file: Option<String>,
    /// The execution input.
    pub input: Value,
    /// The expected `status` and `output`, or `error` and `cause`.
    pub expect: Map<String, Value>,
    /// Expected state records, when the case checks them.
    pub states: Option<Vec<Value>>,
    /// False: the state records compare as a multiset (Parallel and Map interleave).
    pub states_ordered: bool,
    /// Task results, in either mock format.
    pub mocks: Option<Value>,
    /// For a Step Functions Local mock config file in `mocks`.
    pub test_case: Option<String>,
    /// Paths whose values differ run to run (ids, times): compared as wildcards.
    pub normalize: Vec<Vec<Segment>>,
}

/// One step of a normalize path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
    /// `#key`: the object key at this position is a placeholder.
    AnyKey,
}

/// Reads a test file: one case object or `{"cases": [...]}`.
pub fn read_file(path: &Path) -> Result<Vec<TestCase>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: not JSON: {e}", path.display(), e.line(), e.column()))?;
    cases_of(&value, path)
}

/// The cases of a test file's JSON (`file` locates relative definitions and names errors).
pub fn cases_of(value: &Value, file: &Path) -> Result<Vec<TestCase>, String> {
    let where_ = file.display();
    let Some(object) = value.as_object() else {
        return Err(format!("{where_}: a test file is a case object or {{\"cases\": [...]}}"));
    };
    match object.get("cases") {
        Some(Value::Array(cases)) => cases
            .iter()
            .enumerate()
            .map(|(i, c)| TestCase::from_value(c, file).map_err(|m| format!("{where_}: cases[{i}]: {m}")))
            .collect(),
        Some(_) => Err(format!("{where_}: \"cases\" must be an array")),
        None => TestCase::from_value(value, file).map(|c| vec![c]).map_err(|m| format!("{where_}: {m}")),
    }
}

impl TestCase {
    /// One case object of a test file.
    pub fn from_value(v: &Value, file: &Path) -> Result<TestCase, String> {
        let o = v.as_object().ok_or("a case must be an object")?;
        let name = o.get("name").and_then(Value::as_str).ok_or("a case needs a \"name\" string")?.to_owned();
        let definition = o.get("definition").cloned();
        let definition_file = o.get("definition_file").and_then(Value::as_str).map(str::to_owned);
        if definition.is_none() && definition_file.is_none() {
            return Err(format!("case '{name}' needs \"definition\" or \"definition_file\""));
        }
        let expect = o
            .get("expect")
            .and_then(Value::as_object)
            .cloned()
            .ok_or_else(|| format!("case '{name}' needs an \"expect\" object"))?;
        if !expect.get("status").is_some_and(Value::is_string) {
            return Err(format!("case '{name}': \"expect\" needs a \"status\""));
        }
        let states = match o.get("states") {
            None | Some(Value::Null) => None,
            Some(Value::Array(a)) => Some(a.clone()),
            Some(_) => return Err(format!("case '{name}': \"states\" must be an array or null")),
        };
        let normalize = match o.get("normalize") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(paths)) => paths
                .iter()
                .map(|p| {
                    p.as_str()
                        .and_then(parse_path)
                        .ok_or_else(|| format!("case '{name}': bad normalize path {p}"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(format!("case '{name}': \"normalize\" must be an array of paths")),
        };
        Ok(TestCase {
            name,
            topic: o.get("topic").and_then(Value::as_str).map(str::to_owned),
            file: file.to_path_buf(),
            definition,
            definition_file,
            input: o.get("input").cloned().unwrap_or(Value::Object(Map::new())),
            expect,
            states,
            states_ordered: o.get("states_ordered").and_then(Value::as_bool).unwrap_or(true),
            mocks: o.get("mocks").cloned().filter(|m| !m.is_null()),
            test_case: o.get("test_case").and_then(Value::as_str).map(str::to_owned),
            normalize,
        })
    }

    /// The definition as a document (read from `definition_file` when given).
    pub fn document(&self) -> Result<Document, String> {
        match (&self.definition, &self.definition_file) {
            (Some(def), _) => {
                let text = serde_json::to_string_pretty(def).map_err(|e| e.to_string())?;
                Document::parse(text, Format::Json)
                    .map_err(|e| format!("the definition is not a state machine: {}", e.message))
            }
            (None, Some(rel)) => {
                let path = self.file.parent().unwrap_or(Path::new(".")).join(rel);
                let bytes =
                    std::fs::read(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
                Document::from_bytes(&bytes, Format::from_path(&path)).map_err(|e| {
                    format!("{}:{}:{}: {}", path.display(), e.position.line, e.position.column, e.message)
                })
            }
            (None, None) => Err("no definition".into()),
        }
    }

    /// Runs the case on `doc`; an error means the case could not run (bad mocks).
    pub fn run(&self, doc: &Document, options: &Options) -> Result<Outcome, String> {
        let mocks = self.mocks()?;
        Ok(self.run_with(doc, options, &mocks))
    }

    /// The case's mocks (none: every Task fails as unhandled).
    pub fn mocks(&self) -> Result<Mocks, String> {
        match &self.mocks {
            Some(m) => {
                Mocks::from_value(m, None, self.test_case.as_deref()).map_err(|e| format!("mocks: {e}"))
            }
            None => Ok(Mocks::default()),
        }
    }

    /// The definition's file: `definition_file`, or the test file for an inline one.
    pub fn definition_path(&self) -> PathBuf {
        let base = self.file.parent().unwrap_or(Path::new("."));
        match &self.definition_file {
            Some(rel) => base.join(rel),
            None => self.file.clone(),
        }
    }

    /// Runs the case on `doc` with Tasks going to `handler` (the case's mocks, possibly
    /// behind local commands).
    pub fn run_with(&self, doc: &Document, options: &Options, handler: &dyn crate::TaskHandler) -> Outcome {
        let mut options = options.clone();
        if options.s3.fallback.is_none() && options.s3.buckets.is_empty() {
            // A `bucket/` folder next to the definition (or the test file) stands in for
            // the buckets no other folder is given for.
            options.s3.fallback = crate::s3::S3Folders::beside(&self.definition_path()).fallback;
        }
        if options.seed.is_none() {
            options.seed = Some(
                self.name
                    .bytes()
                    .fold(1469598103934665603u64, |h, b| (h ^ b as u64).wrapping_mul(1099511628211)),
            );
        }
        Execution::run(doc, self.input.clone(), handler, &options)
    }

    /// The first difference between the outcome and the expectation, if any.
    pub fn compare(&self, outcome: &Outcome) -> Result<(), String> {
        let masks = Masks(&self.normalize);
        let status = self.expect.get("status").and_then(Value::as_str).unwrap_or_default();
        if status != outcome.status.as_str() {
            let detail = match (&outcome.error, &outcome.cause) {
                (Some(e), Some(c)) => format!(" ({e}: {c})"),
                (Some(e), None) => format!(" ({e})"),
                _ => String::new(),
            };
            return Err(format!("status: expected {status}, got {}{detail}", outcome.status.as_str()));
        }
        if let Some(expected) = self.expect.get("output") {
            let actual = outcome.output.clone().unwrap_or(Value::Null);
            diff(expected, &actual, &mut path_of(&["expect", "output"]), &masks)?;
        }
        for key in ["error", "cause"] {
            let Some(expected) = self.expect.get(key) else { continue };
            let actual = if key == "error" { &outcome.error } else { &outcome.cause };
            let mut path = path_of(&["expect", key]);
            if masks.covers(&path) {
                continue;
            }
            let actual = match (expected, actual) {
                (Value::Null, None) => continue,
                // A JSON cause (a Lambda error) is stored parsed.
                (Value::Object(_) | Value::Array(_), Some(text)) => {
                    serde_json::from_str(text).unwrap_or(Value::String(text.clone()))
                }
                (_, Some(text)) => Value::String(text.clone()),
                (_, None) => Value::Null,
            };
            diff(expected, &actual, &mut path, &masks)?;
        }
        if let Some(expected) = &self.states {
            let actual: Vec<Value> = outcome
                .states
                .iter()
                .map(|r| {
                    let mut m = Map::new();
                    m.insert("name".into(), Value::String(r.name.clone()));
                    m.insert("type".into(), Value::String(r.kind.into()));
                    m.insert("input".into(), r.input.clone());
                    if let Some(o) = &r.output {
                        m.insert("output".into(), o.clone());
                    }
                    if let Some(v) = &r.variables {
                        m.insert("variables".into(), Value::Object(v.clone()));
                    }
                    Value::Object(m)
                })
                .collect();
            compare_states(expected, &actual, self.states_ordered, &masks)?;
        }
        Ok(())
    }
}
