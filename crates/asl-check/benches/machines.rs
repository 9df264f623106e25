//! Generated machines for benchmarks: blocks of the shapes real machines have, repeated
//! until the state count (nested states included) reaches the target.

use serde_json::{json, Map, Value};

/// One block: a Task with Retry and a Catch to a handler, a Choice diamond, and a
/// Parallel and a Map whose branches hold a Task and a Pass each. 13 states.
fn block(i: usize, next: &str, states: &mut Map<String, Value>) {
    let n = |s: &str| format!("{s}{i}");
    states.insert(n("Charge"), json!({
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:charge", "Payload.$": "$"},
        "ResultSelector": {"status.$": "$.Payload.status"}, "ResultPath": "$.charge",
        "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": n("Recover")}],
        "Next": n("Decide")
    }));
    states.insert(n("Recover"), json!({"Type": "Pass", "Result": {"recovered": true}, "ResultPath": "$.recovery", "Next": n("Decide")}));
    states.insert(n("Decide"), json!({
        "Type": "Choice",
        "Choices": [
            {"Variable": "$.charge.status", "StringEquals": "ok", "Next": n("Left")},
            {"And": [{"Variable": "$.amount", "NumericGreaterThan": 100}, {"Variable": "$.vip", "BooleanEquals": true}], "Next": n("Right")}
        ],
        "Default": n("Right")
    }));
    states.insert(n("Left"), json!({"Type": "Pass", "Parameters": {"side": "left", "id.$": "States.Format('{}-{}', $.id, $$.Execution.Name)"}, "ResultPath": "$.side", "Next": n("Join")}));
    states.insert(n("Right"), json!({"Type": "Wait", "Seconds": 1, "Next": n("Join")}));
    states.insert(n("Join"), json!({"Type": "Pass", "Next": n("Fan")}));
    let branch = |b: usize| {
        json!({
            "StartAt": format!("Work{i}_{b}"),
            "States": {
                format!("Work{i}_{b}"): {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message.$": "$.id"}, "Next": format!("Done{i}_{b}")},
                format!("Done{i}_{b}"): {"Type": "Pass", "End": true}
            }
        })
    };
    states.insert(n("Fan"), json!({"Type": "Parallel", "Branches": [branch(0), branch(1)], "ResultPath": "$.fan", "Next": n("Each")}));
    states.insert(n("Each"), json!({
        "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 4, "ResultPath": "$.each",
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"},
            "StartAt": n("Item"),
            "States": {
                n("Item"): {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "t", "Item": {"id": {"S.$": "$.id"}}}, "Next": n("ItemDone")},
                n("ItemDone"): {"Type": "Pass", "End": true}
            }
        },
        "Next": next
    }));
}

/// A machine of about `states` states as pretty-printed JSON text.
pub fn machine(states: usize) -> String {
    const PER_BLOCK: usize = 14;
    let blocks = states.div_ceil(PER_BLOCK).max(1);
    let mut map = Map::new();
    for i in 0..blocks {
        let next = if i + 1 < blocks { format!("Charge{}", i + 1) } else { "Finish".into() };
        block(i, &next, &mut map);
    }
    map.insert("Finish".into(), json!({"Type": "Succeed"}));
    let doc = json!({"Comment": "generated", "StartAt": "Charge0", "States": map});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The number of states in a generated document, nested ones included.
pub fn count_states(text: &str) -> usize {
    text.matches("\"Type\":").count()
}
