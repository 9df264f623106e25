//! The shape of the graph: StartAt, States, transitions, reachability, terminal states,
//! state names and duplicate keys.

use crate::harness::Cases;

#[test]
fn start_and_states() {
    let mut t = Cases::new();
    t.case(
        "parse error: unterminated object",
        "{\"StartAt\": \"A\",\n  \"States\": {\n}",
        &[("parse-error", "", 1, 1)],
    );
    t.case(
        "parse error: missing value",
        "{\"StartAt\": \"A\",\n  \"States\": }",
        &[("parse-error", "", 2, 13)],
    );
    t.yaml("parse error: YAML", "StartAt: A\nStates: [\n", &[("parse-error", "", 2, 9)]);
    t.case("missing StartAt", r#"{"States": {"A": {"Type": "Succeed"}}}"#, &[("missing-field", "", 1, 1)])
        .says("\"StartAt\"");
    t.case("missing States", r#"{"StartAt": "A"}"#, &[("missing-field", "", 1, 1)]).says("\"States\"");
    t.case("empty States", r#"{"StartAt": "A", "States": {}}"#, &[("missing-field", "/States", 1, 28)])
        .says("at least one state");
    t.case(
        "States not an object",
        r#"{"StartAt": "A", "States": []}"#,
        &[("invalid-type", "/States", 1, 28)],
    );
    t.case(
        "unknown StartAt",
        r#"{"StartAt": "B", "States": {"A": {"Type": "Succeed"}}}"#,
        &[("unknown-start-at", "/StartAt", 1, 13)],
    )
    .says("\"B\"");
    t.case(
        "StartAt not a string",
        r#"{"StartAt": 1, "States": {"A": {"Type": "Succeed"}}}"#,
        &[("invalid-type", "/StartAt", 1, 13)],
    );
    t.case("minimal valid machine", r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#, &[]);
    t.case(
        "branch without StartAt",
        r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [
    {"States": {"B": {"Type": "Succeed"}}}]}
}}"#,
        &[("missing-field", "/States/P/Branches/0", 3, 5)],
    );
    t.case(
        "Map processor with unknown StartAt",
        r#"{"StartAt": "M", "States": {
  "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "X", "States": {"B": {"Type": "Succeed"}}}}
}}"#,
        &[("unknown-start-at", "/States/M/ItemProcessor/StartAt", 2, 66)],
    );
    t.finish();
}

#[test]
fn transitions() {
    let mut t = Cases::new();
    // The missing target may be the terminal state-to-be: no "no-terminal-state" beside it.
    t.case(
        "dangling Next",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": "B"}
}}"#,
        &[("dangling-next", "/States/A/Next", 2, 33)],
    )
    .says("\"B\"");
    t.case(
        "Next resolves",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": "B"},
  "B": {"Type": "Pass", "End": true}
}}"#,
        &[],
    );
    t.case(
        "dangling Choice rule Next",
        r#"{"StartAt": "C", "States": {
  "C": {"Type": "Choice", "Default": "D", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Z"}]},
  "D": {"Type": "Succeed"}
}}"#,
        &[("dangling-next", "/States/C/Choices/0/Next", 2, 102)],
    );
    t.case(
        "dangling Default",
        r#"{"StartAt": "C", "States": {
  "C": {"Type": "Choice", "Default": "Z", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "D"}]},
  "D": {"Type": "Succeed"}
}}"#,
        &[("dangling-default", "/States/C/Default", 2, 38)],
    );
    t.case(
        "dangling catcher Next",
        r#"{"StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]}
}}"#,
        &[("dangling-next", "/States/T/Catch/0/Next", 3, 59)],
    );
    t.case(
        "dangling Next inside a branch",
        r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [
    {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Z"}, "C": {"Type": "Succeed"}}}]}
}}"#,
        &[
            ("dangling-next", "/States/P/Branches/0/States/B/Next", 3, 63),
            ("unreachable-state", "/States/P/Branches/0/States/C", 3, 69),
        ],
    );
    t.case(
        "Next leaves a Parallel branch",
        r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "Next": "After", "Branches": [
    {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "After"}, "E": {"Type": "Succeed"}}}]},
  "After": {"Type": "Succeed"}
}}"#,
        &[
            ("dangling-next", "/States/P/Branches/0/States/B/Next", 3, 63),
            ("unreachable-state", "/States/P/Branches/0/States/E", 3, 73),
        ],
    )
    .says("outside this Parallel branch");
    t.case(
        "Catch leaves a Map processor",
        r#"{"StartAt": "M", "States": {
  "M": {"Type": "Map", "Next": "After", "ItemProcessor": {"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "After"}]}}}},
  "After": {"Type": "Succeed"}
}}"#,
        &[("dangling-next", "/States/M/ItemProcessor/States/T/Catch/0/Next", 4, 61)],
    )
    .says("outside this Map item processor");
    t.case(
        "end with next",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": "B", "End": true},
  "B": {"Type": "Succeed"}
}}"#,
        &[("end-with-next", "/States/A/End", 2, 38)],
    );
    t.case(
        "no transition",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass"},
  "B": {"Type": "Succeed"}
}}"#,
        &[("missing-transition", "/States/A", 2, 3), ("unreachable-state", "/States/B", 3, 3)],
    );
    t.case(
        "End false without Next",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "End": false},
  "B": {"Type": "Succeed"}
}}"#,
        &[("missing-transition", "/States/A", 2, 3), ("unreachable-state", "/States/B", 3, 3)],
    )
    .says("\"End\": false");
    t.case(
        "Next is a number",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": 1}
}}"#,
        &[
            ("invalid-type", "/States/A/Next", 2, 33),
            ("missing-transition", "/States/A", 2, 3),
            ("no-terminal-state", "/States", 1, 28),
        ],
    );
    t.yaml(
        "dangling Next in YAML",
        "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n",
        &[("dangling-next", "/States/A/Next", 5, 11)],
    );
    t.yaml("valid YAML", "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n", &[]);
    t.case(
        "End is a string",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "End": "true"}
}}"#,
        &[
            ("invalid-type", "/States/A/End", 2, 32),
            ("missing-transition", "/States/A", 2, 3),
            ("no-terminal-state", "/States", 1, 28),
        ],
    );
    t.finish();
}

#[test]
fn reachability_and_terminals() {
    let mut t = Cases::new();
    t.case(
        "unreachable state",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Succeed"},
  "B": {"Type": "Succeed"}
}}"#,
        &[("unreachable-state", "/States/B", 3, 3)],
    )
    .says("\"B\" cannot be reached");
    t.case(
        "reachable only through a Catch",
        r#"{"StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}]},
  "F": {"Type": "Fail"}
}}"#,
        &[],
    );
    t.case(
        "no terminal state in the machine",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": "B"},
  "B": {"Type": "Pass", "Next": "A"}
}}"#,
        &[("no-terminal-state", "/States", 1, 28)],
    )
    .says("the machine has no terminal state");
    t.case(
        "no terminal state in a branch",
        r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [
    {"StartAt": "L", "States": {"L": {"Type": "Pass", "Next": "L"}}}]}
}}"#,
        &[("no-terminal-state", "/States/P/Branches/0/States", 3, 32)],
    )
    .says("this Parallel branch has no terminal state");
    t.case(
        "a Fail state is terminal",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Fail", "Error": "E"}
}}"#,
        &[],
    );
    t.finish();
}

#[test]
fn names_and_keys() {
    let mut t = Cases::new();
    let name = |n: usize| "N".repeat(n);
    let machine = |n: usize| {
        format!("{{\"StartAt\": \"{0}\", \"States\": {{\n  \"{0}\": {{\"Type\": \"Succeed\"}}\n}}}}", name(n))
    };
    t.case("state name of 80 characters", &machine(80), &[]);
    t.case(
        "state name of 81 characters",
        &machine(81),
        &[("name-too-long", &format!("/States/{}", name(81)), 2, 3)],
    )
    .says("at most 80");
    t.case(
        "state name of 80 multi-byte characters",
        &machine(0).replace("\"\"", &format!("\"{}\"", "é".repeat(80))),
        &[],
    );
    t.case(
        "same name in two branches",
        r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [
    {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}},
    {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}]}
}}"#,
        &[("duplicate-state-name", "/States/P/Branches/1/States/X", 4, 33)],
    )
    .says("/States/P/Branches/0/States/X");
    t.case(
        "branch state named like a machine state",
        r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [
    {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}]}
}}"#,
        &[("duplicate-state-name", "/States/P/Branches/0/States/P", 3, 33)],
    );
    t.case("Map processor state named like a machine state", r#"{"StartAt": "M", "States": {
  "M": {"Type": "Map", "Next": "Done", "ItemProcessor": {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}},
  "Done": {"Type": "Succeed"}
}}"#, &[("duplicate-state-name", "/States/Done", 3, 3)]).says("already used at /States/M/ItemProcessor/States/Done");
    t.case(
        "duplicate state key",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Succeed"},
  "A": {"Type": "Succeed"}
}}"#,
        &[("duplicate-key", "/States/A", 3, 3)],
    );
    t.case(
        "duplicate field key",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "End": true, "Result": 1, "Result": 2}
}}"#,
        &[("duplicate-key", "/States/A/Result", 2, 51)],
    );
    t.case(
        "duplicate key in Parameters",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "End": true, "Parameters": {"a": 1, "a": 2}}
}}"#,
        &[("duplicate-key", "/States/A/Parameters/a", 2, 61)],
    );
    t.finish();
}

#[test]
fn state_types() {
    let mut t = Cases::new();
    t.case(
        "missing Type",
        r#"{"StartAt": "A", "States": {
  "A": {"End": true}
}}"#,
        &[("missing-field", "/States/A", 2, 3)],
    )
    .says("\"Type\"");
    t.case(
        "unknown state type",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Sleep", "End": true}
}}"#,
        &[("unknown-state-type", "/States/A/Type", 2, 17)],
    )
    .says("\"Sleep\"");
    t.case(
        "state type is case-sensitive",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "succeed"}
}}"#,
        &[("unknown-state-type", "/States/A/Type", 2, 17), ("no-terminal-state", "/States", 1, 28)],
    )
    .says("did you mean \"Succeed\"?");
    t.case(
        "placeholder as the state type",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "${StateType}", "End": true}
}}"#,
        &[],
    );
    t.case(
        "not a state: warning",
        r#"{"StartAt": "A", "States": {
  "A": {"Type": "Succeed"},
  "Note": "this is not a state"
}}"#,
        &[("not-a-state", "/States/Note", 3, 3)],
    );
    t.case(
        "QueryLanguage inside States is honoured",
        r#"{"StartAt": "A", "States": {
  "QueryLanguage": "JSONata",
  "A": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}
}}"#,
        &[("not-a-state", "/States/QueryLanguage", 2, 3)],
    )
    .says("beside \"States\"");
    t.finish();
}
