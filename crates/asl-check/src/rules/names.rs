//! Which state a mistyped name meant: the basis of the "Change to …" fix of a dangling
//! transition, and of telling which dangling transition cut a region off.

/// Optimal string alignment distance over chars: Levenshtein plus swapping two adjacent
/// characters (the commonest typo, `Stpe` for `Step`) as one edit. `None` once it must
/// exceed `limit`, so a scan over thousands of names stays cheap.
pub(crate) fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows: two back (for transpositions), the previous and the current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= limit)
}

/// The name `typed` most likely meant, when that is obvious: within a third of its length
/// in edits (at least one), and either the only name that close or the only one of those
/// that nothing reaches (`unreached`: a region cut off by the typo is what it meant).
pub(crate) fn closest<'n>(typed: &str, names: impl Iterator<Item = (&'n str, bool)>) -> Option<&'n str> {
    let len = typed.chars().count();
    let limit = (len / 3).max(1);
    let mut best: Option<usize> = None;
    let mut found: Vec<(&str, bool)> = Vec::new();
    for (name, unreached) in names {
        let Some(d) = distance(typed, name, best.unwrap_or(limit)) else { continue };
        // Replacing every character is not a typo ("A" for "B").
        if d >= len {
            continue;
        }
        if best.is_some_and(|b| d < b) {
            found.clear();
        }
        best = Some(d);
        found.push((name, unreached));
    }
    match found.as_slice() {
        [(only, _)] => Some(only),
        _ => {
            let mut unreached = found.iter().filter(|(_, u)| *u);
            match (unreached.next(), unreached.next()) {
                (Some((only, _)), None) => Some(only),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("Step", "Step", 3), Some(0));
        assert_eq!(distance("Stpe", "Step", 3), Some(1));
        assert_eq!(distance("Step1", "Step12", 3), Some(1));
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("A", "Something long", 3), None);
    }

    #[test]
    fn closest_is_unique_or_unreached() {
        let names = [("Step 11", true), ("Step 12", true), ("Done", false)];
        assert_eq!(closest("Stpe 11", names.into_iter()), Some("Step 11"));
        assert_eq!(closest("Nope", names.into_iter()), None);
        // Two names one edit away: only the unreached one is what was meant.
        let tie = [("Step 1", false), ("Step 2", true)];
        assert_eq!(closest("Step 3", tie.into_iter()), Some("Step 2"));
        let both = [("Step 1", true), ("Step 2", true)];
        assert_eq!(closest("Step 3", both.into_iter()), None);
    }
}
