//! Generated machines for the layout benchmark and tests: blocks of the shapes real
//! machines have, chained until the state count (nested states included) is reached.

use serde_json::{json, Map, Value};

/// States in one block, nested ones included.
pub const PER_BLOCK: usize = 23;

/// One block: Tasks that Catch into a handler which loops back to retry; a Choice
/// diamond (three rules and a Default); a poll loop (Wait -> Choice -> back to Wait);
/// a Parallel whose first branch holds a Map, and a Map whose iteration holds a
/// Parallel (nesting two deep).
fn block(i: usize, next: &str, states: &mut Map<String, Value>) {
    let n = |s: &str| format!("{s}{i}");
    let task =
        |next: String| json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": next});
    let catching = |next: String, handler: String| {
        json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Catch": [{"ErrorEquals": ["States.TaskFailed", "States.Timeout"], "Next": handler}], "Next": next})
    };
    states.insert(n("Fetch"), catching(n("Validate"), n("Handle")));
    states.insert(n("Validate"), catching(n("Route"), n("Handle")));
    states.insert(n("Handle"), json!({"Type": "Pass", "Next": n("Fetch")}));
    states.insert(
        n("Route"),
        json!({
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.amount", "NumericLessThan": 10, "Next": n("Small")},
                {"And": [{"Variable": "$.amount", "NumericGreaterThanEquals": 10},
                         {"Variable": "$.amount", "NumericLessThan": 1000}], "Next": n("Medium")},
                {"Variable": "$.tier", "StringEquals": "gold", "Next": n("Large")}
            ],
            "Default": n("Review")
        }),
    );
    for s in ["Small", "Medium", "Large", "Review"] {
        states.insert(n(s), task(n("Join")));
    }
    states.insert(n("Join"), json!({"Type": "Pass", "Next": n("Poll")}));
    states.insert(n("Poll"), json!({"Type": "Wait", "Seconds": 5, "Next": n("Check")}));
    states.insert(
        n("Check"),
        json!({
            "Type": "Choice",
            "Choices": [{"Variable": "$.status", "StringEquals": "done", "Next": n("Fan")}],
            "Default": n("Poll")
        }),
    );
    let inner_map = json!({
        "Type": "Map", "ItemsPath": "$.items", "End": true,
        "ItemProcessor": {"StartAt": n("Work"), "States": {
            n("Work"): task(n("WorkDone")),
            n("WorkDone"): {"Type": "Pass", "End": true}
        }}
    });
    states.insert(
        n("Fan"),
        json!({
            "Type": "Parallel", "Next": n("Each"),
            "Branches": [
                {"StartAt": n("Inner"), "States": {n("Inner"): inner_map}},
                {"StartAt": n("Notify"), "States": {
                    n("Notify"): task(n("Notified")),
                    n("Notified"): {"Type": "Pass", "End": true}
                }}
            ]
        }),
    );
    let branch = |b: &str| {
        json!({"StartAt": format!("{b}{i}"), "States": {
            format!("{b}{i}"): task(format!("{b}Done{i}")),
            format!("{b}Done{i}"): {"Type": "Succeed"}
        }})
    };
    states.insert(
        n("Each"),
        json!({
            "Type": "Map", "ItemsPath": "$.items", "Next": next,
            "ItemProcessor": {"StartAt": n("Split"), "States": {
                n("Split"): {"Type": "Parallel", "End": true, "Branches": [branch("Left"), branch("Right")]}
            }}
        }),
    );
}

/// A machine of about `states` states (a multiple of [`PER_BLOCK`]) as JSON text.
pub fn machine(states: usize) -> String {
    let blocks = states.div_ceil(PER_BLOCK).max(1);
    let mut map = Map::new();
    for i in 0..blocks {
        let next = if i + 1 < blocks { format!("Fetch{}", i + 1) } else { "Finish".into() };
        block(i, &next, &mut map);
    }
    map.insert("Finish".into(), json!({"Type": "Succeed"}));
    let doc = json!({"Comment": "generated", "StartAt": "Fetch0", "States": map});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// A single chain of `states` Pass states.
pub fn chain(states: usize) -> String {
    let mut map = Map::new();
    for i in 0..states {
        let state = if i + 1 < states {
            json!({"Type": "Pass", "Next": format!("S{}", i + 1)})
        } else {
            json!({"Type": "Succeed"})
        };
        map.insert(format!("S{i}"), state);
    }
    serde_json::to_string(&json!({"StartAt": "S0", "States": map})).unwrap_or_default()
}

/// `blocks` blocks of five states (a Task whose catcher goes to the final `Done`, a
/// Choice over two Pass states, a Wait), chained: every catcher ends on one handler far
/// below, the shape that used to give each catcher its own path of hundreds of dummies.
pub fn catch_to_one_handler(blocks: usize) -> String {
    let mut map = Map::new();
    for i in 0..blocks {
        let next = if i + 1 < blocks { format!("Task{}", i + 1) } else { "Done".into() };
        map.insert(
            format!("Task{i}"),
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"Payload.$": "$"},
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": format!("Check{i}")}),
        );
        map.insert(
            format!("Check{i}"),
            json!({"Type": "Choice",
                   "Choices": [{"Variable": "$.n", "NumericGreaterThan": i, "Next": format!("Big{i}")}],
                   "Default": format!("Small{i}")}),
        );
        map.insert(format!("Big{i}"), json!({"Type": "Pass", "Next": format!("Wait{i}")}));
        map.insert(format!("Small{i}"), json!({"Type": "Pass", "Next": format!("Wait{i}")}));
        map.insert(format!("Wait{i}"), json!({"Type": "Wait", "Seconds": 1, "Next": next}));
    }
    map.insert("Done".into(), json!({"Type": "Succeed"}));
    serde_json::to_string_pretty(&json!({"StartAt": "Task0", "States": map})).unwrap_or_default()
}

/// A small deterministic generator (test data needs no dependency).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `states` states wired at random (fixed seed): Choices with three rules and a Default,
/// Tasks with a catcher, Pass states, a quarter of them looping on themselves. Cycles
/// everywhere, and crossings no ordering can avoid.
pub fn tangled(states: usize, seed: u64) -> String {
    let n = states.max(1);
    let mut rng = Lcg(seed);
    let name = |k: usize| format!("S{k}");
    let mut map = Map::new();
    for i in 0..n {
        let state = match i % 3 {
            0 => json!({"Type": "Choice",
                "Choices": (0..3).map(|r| json!({"Variable": "$.v", "NumericEquals": r, "Next": name(rng.below(n))})).collect::<Vec<_>>(),
                "Default": name(rng.below(n))}),
            1 => {
                json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": name(rng.below(n)),
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": name(rng.below(n))}]})
            }
            _ => json!({"Type": "Pass", "Next": name(if rng.below(4) == 0 { i } else { rng.below(n) })}),
        };
        map.insert(name(i), state);
    }
    serde_json::to_string(&json!({"StartAt": "S0", "States": map})).unwrap_or_default()
}

/// The number of states in a generated document, nested ones included.
pub fn count_states(text: &str) -> usize {
    text.matches("\"Type\":").count()
}
