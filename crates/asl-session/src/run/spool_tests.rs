use super::*;
use serde_json::json;

fn event(id: u64) -> HistoryEvent {
    let details = (id % 2 == 0).then(|| ("stateEnteredEventDetails", json!({"name": format!("S{id}")})));
    HistoryEvent {
        id,
        previous_event_id: id - 1,
        timestamp: format!("2025-01-01T00:00:{:02}.000Z", id % 60),
        kind: if id % 2 == 0 { "PassStateEntered" } else { "TaskScheduled" },
        details,
    }
}

#[test]
fn items_read_back_the_same_from_disk_and_memory_across_the_boundary() {
    let dir = tempfile::tempdir().unwrap();
    let to = SpillTo { dir: dir.path().into(), chunk: 4 };
    let mut spool = Spool::new("history");
    let all: Vec<HistoryEvent> = (1..=30).map(event).collect();
    let mut moved = 0;
    for e in &all {
        spool.push(e.clone());
        spool.spill(spool.len(), &to, |_| moved += 1);
    }
    assert_eq!(spool.len(), 30);
    assert!(spool.spilled() >= 20 && spool.tail().len() <= 8, "{} spilled", spool.spilled());
    assert_eq!(moved, spool.spilled());
    assert_eq!(spool.range(0..30), all);
    assert_eq!(spool.range(3..25), all[3..25]);
    assert_eq!(spool.range(28..40), all[28..]);
    assert_eq!(spool.get(0), Some(all[0].clone()));
    assert_eq!(spool.get(30), None);
    let mut seen = Vec::new();
    spool.for_each(|i, e| seen.push((i, e.clone())));
    assert_eq!(seen, all.iter().cloned().enumerate().collect::<Vec<_>>());
    let file = spool.file_path().unwrap().to_path_buf();
    assert!(file.exists());
    drop(spool);
    assert!(!file.exists(), "the file goes with the spool");
}

#[test]
fn only_finished_items_move_and_a_disk_that_refuses_keeps_them_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let to = SpillTo { dir: dir.path().into(), chunk: 2 };
    let mut spool = Spool::new("history");
    for id in 1..=10 {
        spool.push(event(id));
    }
    spool.spill(1, &to, |_| {});
    assert_eq!(spool.spilled(), 0, "fewer than a chunk finished");
    spool.spill(5, &to, |_| {});
    assert_eq!(spool.spilled(), 5);

    // A folder that cannot be made (a file is in the way): the items stay.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let mut kept = Spool::new("history");
    for id in 1..=10 {
        kept.push(event(id));
    }
    kept.spill(10, &SpillTo { dir: blocked.join("runs"), chunk: 2 }, |_| {});
    assert_eq!((kept.spilled(), kept.range(0..10).len()), (0, 10));
}

#[test]
fn a_state_reads_back_whole_null_values_included() {
    let state = RunState {
        record: StateRecord {
            name: "A".into(),
            kind: "Pass",
            path: "Map/2/A".into(),
            input: Value::Null,
            output: Some(Value::Null),
            variables: Some(serde_json::Map::from_iter([("x".to_owned(), json!(1))])),
            inspection: Inspection {
                input: Some(Value::Null),
                result: Some(json!({"r": [1, null]})),
                error_details: Some(asl_eval::ErrorDetails { retry_index: Some(1), ..Default::default() }),
                ..Default::default()
            },
        },
        pointer: Some("/States/Map/ItemProcessor/States/A".into()),
        from: None,
        ends: true,
        error: None,
        cause: None,
        entered_at: Some(5),
        left_at: Some(9),
    };
    let mut line = Vec::new();
    state.write(&mut line).unwrap();
    assert_eq!(RunState::read(&line).unwrap(), state);
}
