//! The session's snapshot deltas: after every command (an edit, typing in the code view,
//! undo, redo) merging the delta the UI is sent into the snapshot it holds gives the
//! session's new snapshot, exactly. Input: the document text, a NUL, then the bytes the
//! commands are drawn from.
#![no_main]

use arbitrary::Unstructured;
use asl_fuzz::{edit, split_nul, states, FORMATS};
use asl_session::{Session, Update};
use libfuzzer_sys::fuzz_target;

/// What typing inserts: the characters that make and break JSON and YAML structure.
const TYPED: &[&str] = &["", "\"", "{", "}", "[", "]", ",", ":", " ", "\n", "a", "é", "- ", "#", "\"Next\": \"A\""];

fuzz_target!(|data: &[u8]| {
    let (text, tail) = split_nul(data);
    for format in FORMATS {
        let mut u = Unstructured::new(tail);
        let mut session = Session::from_text(None, format, text.clone());
        let mut held = session.sent_snapshot();
        for _ in 0..8 {
            let Ok(command) = u.int_in_range(0..=5) else { break };
            match command {
                0 | 1 => {
                    let targets = session.document().map(states).unwrap_or_default();
                    let Ok(e) = edit(&mut u, &targets, 1) else { break };
                    let _ = session.edit(&e);
                }
                2 | 3 => {
                    let old = session.text();
                    let Ok(mut at) = u.int_in_range(0..=old.len()) else { break };
                    while !old.is_char_boundary(at) {
                        at -= 1;
                    }
                    let mut end = (at + u.int_in_range(0..=4).unwrap_or(0)).min(old.len());
                    while !old.is_char_boundary(end) {
                        end -= 1;
                    }
                    let Ok(typed) = u.choose(TYPED) else { break };
                    let new = format!("{}{typed}{}", &old[..at], &old[end..]);
                    session.set_text(new, command == 2);
                }
                4 => {
                    session.undo();
                }
                _ => {
                    session.redo();
                }
            }
            let now = serde_json::to_value(session.snapshot()).expect("a snapshot serialises");
            held = match session.update() {
                Update::Full(full) => *full,
                Update::Delta(delta) => {
                    assert_eq!(delta.base, held.revision, "delta on another revision than the UI holds");
                    delta.apply(&held)
                }
            };
            let merged = serde_json::to_value(&held).expect("a snapshot serialises");
            assert!(merged == now, "merged delta differs from the snapshot after command {command}");
        }
    }
});
