use super::*;
use crate::run::HistoryIndex;
use asl_eval::{Inspection, StateRecord};
use serde_json::{json, Value};

fn event(id: u64, previous: u64, kind: &'static str, details: Option<(&'static str, Value)>) -> HistoryEvent {
    HistoryEvent {
        id,
        previous_event_id: previous,
        timestamp: format!("2025-01-01T00:00:{:02}.000Z", id % 60),
        kind,
        details,
    }
}

/// A history as the engine writes it: each event follows the one before, Task events
/// chain to their state's entry.
struct Builder(Vec<HistoryEvent>);

impl Builder {
    fn new() -> Builder {
        Builder(vec![event(1, 0, "ExecutionStarted", Some(("executionStartedEventDetails", json!({}))))])
    }
    fn push(&mut self, kind: &'static str, details: Option<(&'static str, Value)>) -> &mut Builder {
        let id = self.0.len() as u64 + 1;
        self.0.push(event(id, id - 1, kind, details));
        self
    }
    fn state(&mut self, kind: &'static str, name: &str) -> &mut Builder {
        let entered: &'static str = format!("{kind}StateEntered").leak();
        let exited: &'static str = format!("{kind}StateExited").leak();
        self.push(entered, Some(("stateEnteredEventDetails", json!({"name": name, "input": "{}"}))))
            .push(exited, Some(("stateExitedEventDetails", json!({"name": name, "output": "{}"}))))
    }
}

/// Init, then `n` times Check and Step, then Check and Done: the counter loop's history.
fn counter_loop(n: usize) -> Vec<HistoryEvent> {
    let mut b = Builder::new();
    b.state("Pass", "Init");
    for _ in 0..n {
        b.state("Choice", "Check").state("Pass", "Step");
    }
    b.state("Choice", "Check").state("Succeed", "Done").push("ExecutionSucceeded", None);
    b.0
}

/// The state of each event, as the index tells; walking back from each event (what an
/// unfiltered page does) must tell the same.
fn attribute(events: &[HistoryEvent]) -> Vec<String> {
    let index = HistoryIndex::of(events);
    let states: Vec<String> = (0..events.len()).map(|i| index.state(i).to_owned()).collect();
    let walked: Vec<&str> =
        (0..events.len()).map(|i| crate::run::history_index::state_of(events, i)).collect();
    assert_eq!(states, walked);
    states
}

fn read_page(events: &[HistoryEvent], query: &HistoryQuery) -> HistoryPage {
    history_page(events, None, query)
}

#[test]
fn events_belong_to_the_state_they_follow() {
    let mut b = Builder::new();
    b.push("TaskStateEntered", Some(("stateEnteredEventDetails", json!({"name": "Charge card"}))))
        .push("TaskScheduled", None)
        .push("TaskFailed", None)
        .push("TaskStateExited", Some(("stateExitedEventDetails", json!({"name": "Charge card"}))))
        // Follows an exit: that chain has ended.
        .push("MapIterationStarted", None)
        .push("ExecutionFailed", None);
    let states = attribute(&b.0);
    assert_eq!(states, ["", "Charge card", "Charge card", "Charge card", "Charge card", "", ""]);
}

#[test]
fn a_branch_event_follows_its_own_chain_even_when_ids_skip() {
    // Two Parallel branches interleave: each event's previousEventId is its branch's last.
    let events = vec![
        event(1, 0, "ExecutionStarted", None),
        event(2, 1, "TaskStateEntered", Some(("stateEnteredEventDetails", json!({"name": "A"})))),
        event(3, 1, "TaskStateEntered", Some(("stateEnteredEventDetails", json!({"name": "B"})))),
        event(4, 2, "TaskScheduled", None),
        // Numbered with a gap: found by search, not by position.
        event(9, 3, "TaskScheduled", None),
        event(10, 9, "TaskSucceeded", None),
    ];
    assert_eq!(attribute(&events), ["", "A", "B", "A", "B", "B"]);
}

#[test]
fn an_index_grows_with_a_live_history_and_is_remade_for_another() {
    let events = counter_loop(100);
    let mut index = HistoryIndex::default();
    for end in [0, 1, 2, 57, 58, 300, events.len()] {
        index.update(&events[..end]);
    }
    let fresh = HistoryIndex::of(&events);
    assert!((0..events.len()).all(|i| index.state(i) == fresh.state(i)));
    assert_eq!((index.state(3), index.state(5)), ("Check", "Step"));

    // Not an extension of what was indexed (ids differ): indexed anew.
    let mut other = Builder::new();
    other.state("Task", "Charge").state("Task", "Ship");
    index.update(&other.0);
    assert_eq!((index.state(1), index.state(3), index.state(5)), ("Charge", "Ship", ""));
    // A shorter history (the engine's own replacing a longer live one) too.
    index.update(&events[..4]);
    assert_eq!((index.state(2), index.state(3), index.state(4)), ("Init", "Check", ""));
}

#[test]
fn a_page_is_a_window_of_the_history() {
    let events = counter_loop(1_000);
    assert_eq!(events.len(), 2 + 2 * (2 * 1_000 + 3));
    assert_eq!(attribute(&events)[events.len() - 3], "Done");
    let page = read_page(&events, &HistoryQuery { offset: 1_000, limit: 300, filter: None });
    assert_eq!((page.total, page.matched, page.offset), (events.len(), events.len(), 1_000));
    assert_eq!(page.rows.len(), 300);
    assert_eq!(page.rows[0].event, events[1_000]);
    assert_eq!(page.rows[299].event.id, 1_300);
    assert_eq!(page.started_at.as_deref(), Some(events[0].timestamp.as_str()));
    // From id 4, each iteration takes four ids (Check entered, exited, Step entered,
    // exited): 1001 = 4 + 4 * 249 + 1.
    assert_eq!((page.rows[0].state.as_str(), page.rows[0].event.kind), ("Check", "ChoiceStateExited"));

    let end = read_page(&events, &HistoryQuery { offset: events.len() - 2, limit: 300, filter: None });
    let kinds: Vec<_> = end.rows.iter().map(|r| (r.event.kind, r.state.as_str())).collect();
    assert_eq!(kinds, [("SucceedStateExited", "Done"), ("ExecutionSucceeded", "")]);
    let past = read_page(&events, &HistoryQuery { offset: events.len() + 5, limit: 300, filter: None });
    assert!(past.rows.is_empty());
    assert_eq!(past.matched, events.len());
}

#[test]
fn a_filter_matches_every_word_in_the_type_or_the_state() {
    let events = counter_loop(1_000);
    let query = |filter: &str, offset| HistoryQuery { offset, limit: 10, filter: Some(filter.into()) };

    let exits = read_page(&events, &query("step EXITED", 500));
    assert_eq!((exits.total, exits.matched), (events.len(), 1_000));
    assert!(exits.rows.iter().all(|r| r.state == "Step" && r.event.kind == "PassStateExited"));
    // The 501st exit of Step: Init's two events, then four per iteration.
    assert_eq!(exits.rows[0].event.id, 1 + 2 + 4 * 500 + 4);

    let choice = read_page(&events, &query("  choice  ", 0));
    assert_eq!(choice.matched, 2 * 1_001);
    let state_and_type = read_page(&events, &query("done succeed", 0));
    assert_eq!(state_and_type.matched, 2);
    let execution = read_page(&events, &query("execution", 0));
    assert_eq!(execution.rows.iter().map(|r| r.event.id).collect::<Vec<_>>(), [1, events.len() as u64]);
    assert_eq!(read_page(&events, &query("nothing", 0)).matched, 0);
    let blank = read_page(&events, &query(" ", 0));
    assert_eq!(blank.matched, events.len());
}

#[test]
fn a_page_never_answers_more_than_max_page_rows() {
    let events = counter_loop(1_000);
    let page = read_page(&events, &HistoryQuery { offset: 0, limit: usize::MAX, filter: None });
    assert_eq!(page.rows.len(), MAX_PAGE);
}

fn run_state(name: &str, path: &str, pointer: Option<&str>, i: usize) -> RunState {
    RunState {
        record: StateRecord {
            name: name.into(),
            kind: "Pass",
            path: path.into(),
            input: json!({"i": i}),
            output: Some(json!({"i": i + 1})),
            variables: None,
            inspection: Inspection::default(),
        },
        pointer: pointer.map(str::to_owned),
        from: None,
        ends: false,
        error: None,
        cause: None,
        entered_at: None,
        left_at: None,
    }
}

#[test]
fn a_states_executions_are_read_by_index_or_newest_first() {
    let mut states = vec![run_state("Init", "Init", Some("/States/Init"), 0)];
    for i in 0..100 {
        states.push(run_state("Check", "Check", Some("/States/Check"), i));
        states.push(run_state("Step", "Step", Some("/States/Step"), i));
    }
    let step =
        |offset, limit| ExecutionsQuery { pointer: Some("/States/Step".into()), path: None, offset, limit };

    let newest = state_executions(&states, &step(None, 1));
    assert_eq!((newest.total, newest.offset), (100, 99));
    assert_eq!(newest.executions[0].record.input, json!({"i": 99}));
    let page = state_executions(&states, &step(Some(40), 5));
    assert_eq!(page.offset, 40);
    let inputs: Vec<_> = page.executions.iter().map(|s| s.record.input["i"].as_u64().unwrap()).collect();
    assert_eq!(inputs, [40, 41, 42, 43, 44]);
    assert!(state_executions(&states, &step(Some(100), 5)).executions.is_empty());
    let few = state_executions(&states, &step(None, 500));
    assert_eq!((few.offset, few.executions.len()), (0, 100));
    let none = ExecutionsQuery { pointer: Some("/States/Nope".into()), path: None, offset: None, limit: 5 };
    assert_eq!(state_executions(&states, &none).total, 0);
}

#[test]
fn executions_are_also_read_by_path() {
    let states: Vec<RunState> = (0..6)
        .map(|i| {
            run_state(
                "Work",
                &format!("Map/{}/Work", i % 3),
                Some("/States/Map/ItemProcessor/States/Work"),
                i,
            )
        })
        .collect();
    let query =
        ExecutionsQuery { pointer: None, path: Some("Map/1/Work".into()), offset: Some(0), limit: 10 };
    let found = state_executions(&states, &query);
    let inputs: Vec<_> = found.executions.iter().map(|s| s.record.input["i"].as_u64().unwrap()).collect();
    assert_eq!((found.total, inputs), (2, vec![1, 4]));
}

#[test]
fn the_record_carries_states_and_history_up_to_the_limit() {
    let small = counter_loop(10);
    let extent = Extent::of(3, small.len());
    assert_eq!(extent, Extent { event_count: small.len(), state_count: 3, paged: false });

    let big = counter_loop(INLINE_LIMIT / 4 + 1);
    assert!(big.len() > INLINE_LIMIT);
    let extent = Extent::of(3, big.len());
    assert!(extent.paged);
    assert_eq!(extent.event_count, big.len());
    // Many states and a short history (a history not recorded yet, while it runs).
    assert!(Extent::of(INLINE_LIMIT + 1, 0).paged);
}
