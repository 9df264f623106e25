//! Comparing an outcome with a case's expectation: masks from `normalize`, numbers by
//! value, state records in order or as a multiset; errors name the first difference.

use super::Segment;
use serde_json::Value;

pub(super) fn compare_states(
    expected: &[Value],
    actual: &[Value],
    ordered: bool,
    masks: &Masks,
) -> Result<(), String> {
    if ordered {
        for (i, e) in expected.iter().enumerate() {
            let Some(a) = actual.get(i) else {
                return Err(format!(
                    "states[{i}]: expected {}, got no record ({} states entered)",
                    brief(e),
                    actual.len()
                ));
            };
            compare_record(e, a, i, masks).map_err(|d| format!("{d} (state {})", brief(e)))?;
        }
    } else {
        let mut used = vec![false; actual.len()];
        for (i, e) in expected.iter().enumerate() {
            let found =
                (0..actual.len()).find(|&j| !used[j] && compare_record(e, &actual[j], i, masks).is_ok());
            match found {
                Some(j) => used[j] = true,
                None => {
                    // Explain with the closest record of the same name.
                    let hint = (0..actual.len())
                        .filter(|&j| !used[j] && actual[j].get("name") == e.get("name"))
                        .find_map(|j| compare_record(e, &actual[j], i, masks).err())
                        .unwrap_or_else(|| "no unmatched record with that name".into());
                    return Err(format!("states (unordered): no record matches {} — {hint}", brief(e)));
                }
            }
        }
    }
    if actual.len() != expected.len() {
        let extra = actual.get(expected.len()).map(brief).unwrap_or_default();
        return Err(format!(
            "states: expected {} records, got {} (first extra: {extra})",
            expected.len(),
            actual.len()
        ));
    }
    Ok(())
}

/// Compares the fields the corpus records: name, input, output (presence too), variables.
fn compare_record(expected: &Value, actual: &Value, index: usize, masks: &Masks) -> Result<(), String> {
    for key in ["name", "input", "output", "variables"] {
        let mut path = vec![Segment::Key("states".into()), Segment::Index(index), Segment::Key(key.into())];
        match (expected.get(key), actual.get(key)) {
            (None, None) => {}
            (Some(e), Some(a)) => diff(e, a, &mut path, masks)?,
            (Some(_), None) if masks.covers(&path) => {}
            (Some(e), None) => {
                return Err(format!("{}: expected {}, got nothing", show_path(&path), short(e)))
            }
            // Variables are recorded only where the corpus has them (JSONata/Assign cases).
            (None, Some(_)) if key == "variables" => {}
            (None, Some(a)) => {
                return Err(format!(
                    "{}: expected none (the state never exited), got {}",
                    show_path(&path),
                    short(a)
                ))
            }
        }
    }
    Ok(())
}

pub(super) struct Masks<'a>(pub(super) &'a [Vec<Segment>]);

impl Masks<'_> {
    pub(super) fn covers(&self, path: &[Segment]) -> bool {
        self.0.iter().any(|m| m.as_slice() == path)
    }

    /// A `#key` mask for an object at `path`: its keys are placeholders.
    fn any_key(&self, path: &[Segment]) -> bool {
        self.0.iter().any(|m| {
            m.len() == path.len() + 1 && m[..path.len()] == *path && m[path.len()] == Segment::AnyKey
        })
    }
}

/// Deep comparison with masks; the error names the first difference.
pub(super) fn diff(
    expected: &Value,
    actual: &Value,
    path: &mut Vec<Segment>,
    masks: &Masks,
) -> Result<(), String> {
    if masks.covers(path) {
        return Ok(());
    }
    let differ = || format!("{}: expected {}, got {}", show_path(path), short(expected), short(actual));
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let same = match (e.as_i64(), a.as_i64(), e.as_u64(), a.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => e.as_f64() == a.as_f64(),
            };
            if same {
                Ok(())
            } else {
                Err(differ())
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{}: expected an array of {}, got one of {}: {}",
                    show_path(path),
                    e.len(),
                    a.len(),
                    short(actual)
                ));
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                path.push(Segment::Index(i));
                diff(x, y, path, masks)?;
                path.pop();
            }
            Ok(())
        }
        (Value::Object(e), Value::Object(a)) => {
            let any_key = masks.any_key(path);
            for (k, x) in e {
                path.push(Segment::Key(k.clone()));
                match a.get(k) {
                    Some(y) => diff(x, y, path, masks)?,
                    None if any_key || masks.covers(path) => {}
                    None => return Err(format!("{}: missing (expected {})", show_path(path), short(x))),
                }
                path.pop();
            }
            if !any_key {
                if let Some(k) = a.keys().find(|k| !e.contains_key(*k)) {
                    return Err(format!("{}.{k}: unexpected (got {})", show_path(path), short(&a[k])));
                }
            }
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(differ()),
    }
}

/// Parses `$.a.b[0]['c d']` (a trailing `#key` marks a placeholder key).
pub fn parse_path(text: &str) -> Option<Vec<Segment>> {
    let (body, any_key) = match text.strip_suffix("#key") {
        Some(b) => (b, true),
        None => (text, false),
    };
    let mut rest = body.strip_prefix('$')?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            out.push(Segment::Key(r[..end].to_owned()));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix("['").or_else(|| rest.strip_prefix("[\"")) {
            let quote = if rest.starts_with("['") { "']" } else { "\"]" };
            let end = r.find(quote)?;
            out.push(Segment::Key(r[..end].to_owned()));
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Segment::Index(r[..end].trim().parse().ok()?));
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    if any_key {
        out.push(Segment::AnyKey);
    }
    Some(out)
}

pub(super) fn path_of(keys: &[&str]) -> Vec<Segment> {
    keys.iter().map(|k| Segment::Key((*k).into())).collect()
}

fn show_path(path: &[Segment]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Segment::Key(k) if !s.is_empty() => {
                s.push('.');
                s.push_str(k);
            }
            Segment::Key(k) => s.push_str(k),
            Segment::Index(i) => s.push_str(&format!("[{i}]")),
            Segment::AnyKey => s.push_str("#key"),
        }
    }
    s
}

/// A value in a message, cut to a readable length.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

fn brief(record: &Value) -> String {
    format!(
        "{} '{}'",
        record.get("type").and_then(Value::as_str).unwrap_or("state"),
        record.get("name").and_then(Value::as_str).unwrap_or("?")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalize_paths_parse() {
        assert_eq!(
            parse_path("$.states[0].output['a b'].c#key"),
            Some(vec![
                Segment::Key("states".into()),
                Segment::Index(0),
                Segment::Key("output".into()),
                Segment::Key("a b".into()),
                Segment::Key("c".into()),
                Segment::AnyKey
            ])
        );
        assert_eq!(parse_path("states"), None);
    }

    #[test]
    fn numbers_by_value_and_masks() {
        let masks_owned = vec![parse_path("$.expect.output.id").unwrap()];
        let masks = Masks(&masks_owned);
        let mut path = path_of(&["expect", "output"]);
        assert!(diff(&json!({"n": 1, "id": "x"}), &json!({"n": 1.0, "id": "y"}), &mut path, &masks).is_ok());
        let err = diff(&json!({"n": 1}), &json!({"n": true}), &mut path_of(&["expect", "output"]), &masks)
            .unwrap_err();
        assert_eq!(err, "expect.output.n: expected 1, got true");
        let err =
            diff(&json!({"n": 1}), &json!({"n": 1, "m": 2}), &mut path_of(&["expect", "output"]), &masks)
                .unwrap_err();
        assert!(err.contains("expect.output.m: unexpected"), "{err}");
    }
}
