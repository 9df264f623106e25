//! The debugger's way in: the run loop calls a [`Hook`] before entering and after leaving
//! each state. The hook may take its time (a paused debugger simply does not return).

use super::join::BoxFuture;
use serde_json::Value;

/// A state about to be entered, or just left.
#[derive(Clone, Copy, Debug)]
pub struct StatePoint<'a> {
    /// `Name`, `Parallel/1/Name`, `Map/3/Name`.
    pub path: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    /// Container depth: 0 at the top, 1 inside a branch or iteration, ...
    pub depth: usize,
    /// The state's input.
    pub input: &'a Value,
    /// The state's output (after leaving, when it exited normally).
    pub output: Option<&'a Value>,
}

pub trait Hook: Send + Sync {
    fn before_state<'a>(&'a self, point: StatePoint<'a>) -> BoxFuture<'a, ()>;
    fn after_state<'a>(&'a self, point: StatePoint<'a>) -> BoxFuture<'a, ()>;
}
