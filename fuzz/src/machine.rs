//! Small state machines generated from `arbitrary` bytes: every state type, transitions
//! to any state of the scope (loops included), Retry/Catch, nested Parallel and Map, in
//! either query language. Mostly valid, so runs get past `asl-check`.

use crate::json;
use arbitrary::{Result, Unstructured};
use serde_json::{json, Map, Value};

const ERRORS: &[&str] = &["States.ALL", "States.TaskFailed", "States.Timeout", "E", "States.Runtime"];
const PATHS: &[&str] = &["$", "$.a", "$.items", "$.items[0]", "$.b.c", "$$.Execution.Input", "$.n"];
const JSONATA: &[&str] = &[
    "{% $states.input %}",
    "{% $states.input.items %}",
    "{% $count($states.input.items) %}",
    "{% $states.input.n + 1 %}",
    "{% $string($states.context.State.Name) %}",
    "{% $v %}",
];

/// A machine of 1 to 6 states; `depth` bounds the nesting of Parallel and Map.
pub fn machine(u: &mut Unstructured, depth: u32) -> Result<Value> {
    let jsonata = u.ratio(1, 4)?;
    let n = u.int_in_range(1..=6)?;
    let names: Vec<String> = (0..n).map(|i| format!("S{i}")).collect();
    let mut states = Map::new();
    for name in &names {
        states.insert(name.clone(), state(u, &names, depth, jsonata)?);
    }
    let mut m = json!({"StartAt": names[0], "States": states});
    if jsonata {
        m["QueryLanguage"] = json!("JSONata");
    }
    Ok(m)
}

fn state(u: &mut Unstructured, names: &[String], depth: u32, jsonata: bool) -> Result<Value> {
    let next = |u: &mut Unstructured| -> Result<(String, Value)> {
        Ok(if u.ratio(1, 3)? { ("End".into(), json!(true)) } else { ("Next".into(), json!(u.choose(names)?)) })
    };
    let kinds = if depth == 0 { 5 } else { 7 };
    let mut s = match u.int_in_range(0..=kinds)? {
        0 => json!({"Type": "Pass"}),
        1 => {
            let n = u.int_in_range(1..=3)?;
            let mut rules = Vec::new();
            for _ in 0..n {
                let target = u.choose(names)?;
                rules.push(if jsonata {
                    json!({"Condition": u.choose(&["{% $states.input.n > 1 %}", "{% true %}", "{% $exists($states.input.a) %}"])?, "Next": target})
                } else {
                    match u.int_in_range(0..=2)? {
                        0 => json!({"Variable": u.choose(PATHS)?, "IsPresent": u.arbitrary::<bool>()?, "Next": target}),
                        1 => json!({"Variable": "$.n", "NumericGreaterThan": u.int_in_range(-1..=5)?, "Next": target}),
                        _ => json!({"Variable": u.choose(PATHS)?, "StringEquals": "x", "Next": target}),
                    }
                });
            }
            let mut c = json!({"Type": "Choice", "Choices": rules});
            if u.arbitrary()? {
                c["Default"] = json!(u.choose(names)?);
            }
            return Ok(c);
        }
        2 => json!({"Type": "Wait", "Seconds": u.int_in_range(0..=100_000)?}),
        3 => return Ok(json!({"Type": "Succeed"})),
        4 => return Ok(json!({"Type": "Fail", "Error": u.choose(ERRORS)?, "Cause": "c"})),
        5 => {
            let mut t = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"});
            if u.arbitrary()? {
                t["Retry"] = json!([{"ErrorEquals": [u.choose(ERRORS)?], "MaxAttempts": u.int_in_range(0..=3)?,
                    "IntervalSeconds": u.int_in_range(1..=5)?, "BackoffRate": 2.0}]);
            }
            if u.arbitrary()? {
                t["Catch"] = json!([{"ErrorEquals": [u.choose(ERRORS)?], "Next": u.choose(names)?}]);
            }
            t
        }
        6 => {
            let n = u.int_in_range(1..=2)?;
            let branches = (0..n).map(|_| machine(u, depth - 1)).collect::<Result<Vec<_>>>()?;
            json!({"Type": "Parallel", "Branches": branches})
        }
        _ => {
            let mut m = json!({"Type": "Map", "ItemProcessor": machine(u, depth - 1)?});
            if u.arbitrary()? {
                m["MaxConcurrency"] = json!(u.int_in_range(0..=2)?);
            }
            if jsonata {
                m["Items"] = json!("{% $states.input.items %}");
            } else {
                m["ItemsPath"] = json!("$.items");
            }
            m
        }
    };
    if jsonata {
        if u.arbitrary()? {
            s["Output"] = json!(u.choose(JSONATA)?);
        }
        if u.arbitrary()? {
            s["Assign"] = json!({"v": u.choose(JSONATA)?});
        }
    } else {
        if u.arbitrary()? {
            s["ResultPath"] = json!(u.choose(&["$.r", "$", "$.a.b", "$.items[0]"])?);
        }
        if u.arbitrary()? {
            s["Parameters"] = json!({"p.$": u.choose(PATHS)?, "f.$": "States.Format('{}', $.n)", "k": json(u, 1)?});
        }
    }
    let (key, value) = next(u)?;
    s[key] = value;
    Ok(s)
}

/// Plain mocks (`{"State": [{"return": v} | {"throw": {...}}]}`) for the states named.
pub fn mocks(u: &mut Unstructured, names: &[String]) -> Result<Map<String, Value>> {
    let mut m = Map::new();
    for name in names {
        let n = u.int_in_range(0..=3)?;
        let mut answers = Vec::new();
        for _ in 0..n {
            answers.push(if u.ratio(1, 3)? {
                json!({"throw": {"error": u.choose(ERRORS)?, "cause": "mocked"}})
            } else {
                json!({"return": json(u, 2)?})
            });
        }
        m.insert(name.clone(), Value::Array(answers));
    }
    Ok(m)
}
