//! Timestamps as the ASL spec defines them for Choice rules: RFC 3339 with an uppercase
//! `T` between date and time and an uppercase `Z` unless a numeric offset is given
//! (`2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123+01:00`). chrono's own parser is
//! laxer (it takes `t`, a space, `z`), so the shape is checked first.

use chrono::{DateTime, FixedOffset};

pub(crate) fn parse_timestamp(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() >= 20
        && bytes.get(10) == Some(&b'T')
        && bytes.iter().all(|b| b.is_ascii() && !b.is_ascii_lowercase())
        && (text.ends_with('Z') || has_numeric_offset(bytes));
    if !shape_ok {
        return None;
    }
    DateTime::parse_from_rfc3339(text).ok()
}

/// `±HH:MM` at the end.
fn has_numeric_offset(bytes: &[u8]) -> bool {
    let n = bytes.len();
    n >= 6 && matches!(bytes[n - 6], b'+' | b'-') && bytes[n - 3] == b':'
}

#[cfg(test)]
mod tests {
    use super::parse_timestamp;

    #[test]
    fn accepts_the_spec_profile() {
        for ok in [
            "2016-03-14T01:59:00Z",
            "2012-10-09T19:00:55Z",
            "2016-03-14T01:59:00.123Z",
            "2016-03-14T01:59:00.123456789Z",
            "2012-10-09T19:00:55+01:00",
            "2012-10-09T19:00:55-05:30",
        ] {
            assert!(parse_timestamp(ok).is_some(), "{ok}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "2012-10-09T19:00:55",
            "2012-10-09t19:00:55Z",
            "2012-10-09T19:00:55z",
            "2012-10-09 19:00:55Z",
            "2023-02-24",
            "2023-02-24 12:15:56.832957",
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "05-12-2016T21:29:29Z",
            "2012-10-09T19:00:55+0100",
            "date",
            "",
            "2012-10-09T19:00:55+01:00 ",
            "２０１２-10-09T19:00:55Z",
        ] {
            assert!(parse_timestamp(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn offsets_compare_as_instants() {
        let a = parse_timestamp("2012-10-09T19:00:55Z").unwrap();
        let b = parse_timestamp("2012-10-09T20:00:55+01:00").unwrap();
        assert_eq!(a, b);
    }
}
