//! Whole executions of small machines with generated inputs and mocks, under a
//! transition limit: every run ends (the limit is a clean failure), nothing panics, and
//! the run stays small (its transitions within the limit, its history in proportion).
//! Input: a machine's text, a NUL, then the bytes for input and mocks; or, with no NUL,
//! all bytes drawn on for a generated machine (see `asl_fuzz::machine`).
#![no_main]

use arbitrary::Unstructured;
use asl_check::Severity;
use asl_eval::{Execution, Mocks, Options, Status};
use asl_fuzz::{json, machine, split_nul, states, FORMATS};
use asl_model::{Document, Format};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const LIMIT: u64 = 300;

fuzz_target!(|data: &[u8]| {
    if data.contains(&0) {
        let (text, tail) = split_nul(data);
        for format in FORMATS {
            if let Ok(doc) = Document::parse(text.as_str(), format) {
                run(&doc, &mut Unstructured::new(tail));
            }
        }
    } else {
        let mut u = Unstructured::new(data);
        let Ok(m) = machine::machine(&mut u, 2) else { return };
        let Ok(doc) = Document::parse(m.to_string(), Format::Json) else { return };
        run(&doc, &mut u);
    }
});

fn run(doc: &Document, u: &mut Unstructured) {
    // The CLI and the app run only what checks clean; the engine may assume as much.
    if asl_check::check(doc).iter().any(|d| d.severity == Severity::Error) {
        return;
    }
    let mut names: Vec<String> =
        states(doc).iter().filter_map(|(p, _)| p.rsplit('/').next().map(str::to_owned)).collect();
    names.dedup();
    let (Ok(mut input), Ok(mocks)) = (json(u, 3), machine::mocks(u, &names)) else { return };
    if let (Value::Object(o), Ok(n)) = (&mut input, u.int_in_range(0..=4u8)) {
        o.insert("items".into(), Value::Array((0..n).map(Value::from).collect()));
        o.insert("n".into(), Value::from(n));
    }
    let Ok(mocks) = Mocks::from_plain(&mocks) else { return };
    let options = Options { max_transitions: Some(LIMIT), seed: Some(1), ..Options::default() };
    let outcome = Execution::run(doc, input, &mocks, &options);
    assert!(outcome.transitions <= LIMIT + 1, "{} transitions past the limit of {LIMIT}", outcome.transitions);
    assert!(outcome.history.len() as u64 <= 40 * (outcome.transitions + 2), "{} events", outcome.history.len());
    // (A failure may have no error name: a Fail state need not give one.)
    if outcome.status == Status::Succeeded {
        assert!(outcome.output.is_some(), "succeeded with no output");
    }
}
