//! The condition builder's live answer: what a Choice does with the input the last run
//! gave it, decided by the engine (issue 12, item 3).

use asl_model::Format;
use asl_session::run::{choice_decision, RunConfig, RunEvent, Runs};
use asl_session::Session;
use serde_json::{json, Value};

mod common;
use common::{start, PATIENCE};

fn rules() -> Value {
    json!({"Type": "Choice", "Choices": [
        {"And": [{"Variable": "$.total", "NumericGreaterThan": 100}, {"Variable": "$.vip", "BooleanEquals": true}], "Next": "Big"},
        {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"}],
     "Default": "Small"})
}

#[test]
fn the_engine_says_which_rule_matches_and_where_it_goes() {
    let big = choice_decision(&rules(), "JSONPath", &json!({"total": 150, "vip": true}));
    assert_eq!((big.rule, big.default, big.next.as_deref()), (Some(0), false, Some("Big")));
    let review = choice_decision(&rules(), "JSONPath", &json!({"total": 150, "vip": false}));
    assert_eq!((review.rule, review.next.as_deref()), (Some(1), Some("Review")));
    // Each rule alone: the And does not match, the second does.
    let each: Vec<bool> = review.rules.iter().map(|r| r.matches).collect();
    assert_eq!(each, [false, true]);
    let small = choice_decision(&rules(), "JSONPath", &json!({"total": 5}));
    assert_eq!((small.rule, small.default, small.next.as_deref()), (None, true, Some("Small")));
    // A variable that is not there is the run's own error.
    let missing = choice_decision(&rules(), "JSONPath", &json!({}));
    assert_eq!(missing.error.as_deref(), Some("States.Runtime"), "{missing:?}");
    assert!(missing.cause.unwrap().contains("$.total"));
    // No rule and no Default: what AWS says (recorded: a failed transition, not the
    // spec's States.NoChoiceMatched).
    let mut strict = rules();
    strict.as_object_mut().unwrap().remove("Default");
    let none = choice_decision(&strict, "JSONPath", &json!({"total": 1}));
    assert_eq!(none.error.as_deref(), Some("States.Runtime"), "{none:?}");
    assert!(none.cause.unwrap().contains("does not point to a next state"));
    // JSONata conditions too.
    let jsonata = json!({"Type": "Choice", "Choices": [
        {"Condition": "{% $states.input.total > 100 and $count($states.input.items) > 1 %}", "Next": "Big"}],
        "Default": "Small"});
    let answer = choice_decision(&jsonata, "JSONata", &json!({"total": 101, "items": [1, 2]}));
    assert_eq!((answer.rule, answer.next.as_deref()), (Some(0), Some("Big")));
}

#[test]
fn the_preview_reads_the_input_the_last_run_gave_the_choice() {
    let machine = json!({"StartAt": "Add", "States": {
        "Add": {"Type": "Pass", "Result": 150, "ResultPath": "$.total", "Next": "Decide"},
        "Decide": rules(),
        "Big": {"Type": "Succeed"}, "Review": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}});
    let session = Session::from_text(None, Format::Json, machine.to_string());
    let runs = Runs::default();
    let nothing = runs.choice_preview("/States/Decide", &rules(), "JSONPath", |_| true);
    assert_eq!((nothing.input_from, nothing.input), (None, None), "no run yet");

    let config: RunConfig = serde_json::from_value(json!({"input": {"vip": false}})).unwrap();
    let (_, events) = start(&runs, &session, config);
    while !matches!(events.recv_timeout(PATIENCE).expect("the run ends"), RunEvent::Finished { .. }) {}
    let preview = runs.choice_preview("/States/Decide", &rules(), "JSONPath", |_| true);
    assert_eq!(preview.input_from.as_deref(), Some("state"));
    assert_eq!(preview.input, Some(json!({"vip": false, "total": 150})), "what Add handed the Choice");
    assert_eq!((preview.rule, preview.next.as_deref()), (Some(1), Some("Review")));
    // Another document's runs say nothing about this one.
    let other = runs.choice_preview("/States/Decide", &rules(), "JSONPath", |_| false);
    assert_eq!(other.input_from, None);
}
