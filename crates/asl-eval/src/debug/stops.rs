//! Whether a point the engine reports stops, and why: a requested Pause, a breakpoint
//! (its path pattern, place and condition), a step, or a Retrier/Catcher when asked for.

use super::session::{Mode, Point, State};
use super::{Condition, PauseReason, Place};
use serde_json::Value;

/// Why `point` pauses, if it does.
pub(super) fn decide(st: &State, point: &Point) -> Option<PauseReason> {
    let stepping_place = matches!(point.place, Place::BeforeEnter | Place::AfterExit);
    if matches!(st.mode, Mode::Pausing) && stepping_place {
        return Some(PauseReason::Pause);
    }
    let hit = st.breakpoints.iter().any(|b| {
        b.place == point.place && path_matches(&b.path, point.path) && holds(b.condition.as_ref(), point)
    });
    if hit {
        return Some(PauseReason::Breakpoint);
    }
    if let Mode::Step(step) = &st.mode {
        let lane = &point.path[..point.path.len() - point.name.len()];
        let next_lane = step.lane_ended
            && point.depth == step.depth
            && step.siblings.as_deref().is_some_and(|p| lane.starts_with(p));
        let stops = point.depth < step.depth
            || (point.place == Place::BeforeEnter
                && ((step.lane_too && lane == step.lane)
                    || next_lane
                    || step.into.as_deref().is_some_and(|p| point.path.starts_with(p))));
        if stops && stepping_place {
            return Some(PauseReason::Step);
        }
    }
    match point.place {
        Place::Retry if st.stop_on_retry => Some(PauseReason::Retry),
        Place::Catch if st.stop_on_catch => Some(PauseReason::Catch),
        _ => None,
    }
}

/// The last `/`-separated segment (the state name for a state path).
pub(super) fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Segment-wise: `*` matches any one segment; `iteration 3` and `branch 1` mean `3`, `1`.
pub(crate) fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    pattern.len() == path.len()
        && pattern.iter().zip(&path).all(|(p, s)| {
            let p = p.strip_prefix("iteration ").or_else(|| p.strip_prefix("branch ")).unwrap_or(p);
            p == "*" || p == *s
        })
}

/// Whether the breakpoint's condition holds at `point` (no condition: always; an
/// evaluation error: never).
fn holds(condition: Option<&Condition>, point: &Point) -> bool {
    let value = match condition {
        None => return true,
        Some(Condition::JsonPath(path)) => {
            let scope =
                crate::expr::Scope { input: point.input, context: &Value::Null, variables: point.variables };
            crate::expr::select(path, &scope)
        }
        Some(Condition::Jsonata(text)) => {
            let body = crate::jsonata::expression(text).unwrap_or(text);
            let states = crate::jsonata::States {
                input: point.input,
                result: None,
                error_output: None,
                context: &Value::Null,
                variables: point.variables,
            };
            crate::jsonata::Session::new(&states).evaluate(body, "Condition")
        }
    };
    matches!(value, Ok(v) if !matches!(&v, Value::Null | Value::Bool(false)) && v != Value::Array(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn paths_match_by_segment() {
        assert!(path_matches("Map/iteration 3/Work", "Map/3/Work"));
        assert!(path_matches("P/branch 1/A", "P/1/A"));
        assert!(path_matches("Map/*/Work", "Map/7/Work"));
        assert!(!path_matches("Map/3/Work", "Map/30/Work"));
        assert!(!path_matches("Work", "Map/3/Work"));
    }
}
