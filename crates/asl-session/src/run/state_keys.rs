//! What stays in memory of the states a run moved to disk (spool.rs): their tally (the
//! canvas colours) and, per state, its pointer and path as small numbers — enough to find
//! one state's executions, a re-run's start or a Map's entries without reading the file.

use super::driver::Live;
use super::record::RunState;
use super::tally::Tally;
use std::collections::HashMap;

#[derive(Default)]
pub(crate) struct SpilledStates {
    pub tally: Tally,
    /// (pointer, path) of each state on disk, in order.
    keys: Vec<(u32, u32)>,
    pointers: Names,
    paths: Names,
}

/// Distinct strings, numbered in order of appearance.
#[derive(Default)]
struct Names {
    list: Vec<String>,
    at: HashMap<String, u32>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.at.get(name) {
            return n;
        }
        let n = self.list.len() as u32;
        self.list.push(name.to_owned());
        self.at.insert(name.to_owned(), n);
        n
    }
}

impl SpilledStates {
    /// A state moved to disk.
    pub fn add(&mut self, s: &RunState) {
        self.tally.add(s);
        // No pointer: numbered as "" (never asked for).
        let pointer = self.pointers.id(s.pointer.as_deref().unwrap_or(""));
        let path = self.paths.id(&s.record.path);
        self.keys.push((pointer, path));
    }
}

impl Live {
    /// The indexes (in entry order) of the states whose pointer and path `keep` accepts:
    /// those on disk by their keys, the rest as they are.
    pub(crate) fn find_states(&self, keep: impl Fn(Option<&str>, &str) -> bool) -> Vec<usize> {
        let s = &self.spilled;
        let mut found: Vec<usize> = Vec::new();
        let mut by_pair: HashMap<(u32, u32), bool> = HashMap::new();
        for (i, &(pointer, path)) in s.keys.iter().enumerate() {
            // Each distinct (pointer, path) is asked about once.
            let hit = *by_pair.entry((pointer, path)).or_insert_with(|| {
                let p = &s.pointers.list[pointer as usize];
                keep((!p.is_empty()).then_some(p.as_str()), &s.paths.list[path as usize])
            });
            if hit {
                found.push(i);
            }
        }
        let base = self.states.spilled();
        for (k, state) in self.states.tail().iter().enumerate() {
            if keep(state.pointer.as_deref(), &state.record.path) {
                found.push(base + k);
            }
        }
        found
    }
}
