//! `--query KQL` and `--query-file FILE|-`: the hunting query's text, read and checked before
//! anything is sent (not empty, at most 30,000 characters, UTF-8, a timespan that reads as an
//! ISO 8601 duration).

use std::io::Read;
use std::path::Path;

use crate::model::{MAX_QUERY_CHARS, Origin, Query, Rows};

/// The query the flags give, if any; problems are recorded on `b` (exit 2, nothing sent).
/// `stdin_taken`: a machines file already reads standard input.
pub fn read<B: Rows>(
    text: Option<&str>,
    file: Option<&Path>,
    timespan: &str,
    max_machines: u64,
    stdin_taken: bool,
    b: &mut B,
) -> Option<Query> {
    let (origin, text) = match (text, file) {
        (Some(t), _) => ("--query".to_string(), t.to_string()),
        (None, Some(path)) => {
            let origin = format!("--query-file {}", path.display());
            if path.as_os_str() == "-" && stdin_taken {
                b.error(
                    Origin::new(origin, 0),
                    "standard input can be read only once (a machines file reads it)".into(),
                );
                return None;
            }
            match read_file(path) {
                Ok(t) => (origin, t),
                Err(why) => {
                    b.error(Origin::new(origin, 0), why);
                    return None;
                }
            }
        }
        (None, None) => return None,
    };
    let at = Origin::new(origin.clone(), 0);
    // A BOM, and the blank lines and spaces around the query, are not the query.
    let text = text.trim_start_matches('\u{feff}').trim().to_string();
    let chars = text.chars().count();
    if text.is_empty() {
        b.error(at, "the hunting query is empty".into());
        return None;
    }
    if chars > MAX_QUERY_CHARS {
        b.error(
            at,
            format!("the hunting query is {chars} characters long; the limit is {MAX_QUERY_CHARS}"),
        );
        return None;
    }
    if !is_duration(timespan) {
        b.error(
            Origin::new("--query-timespan", 0),
            format!(
                "'{}' is not an ISO 8601 duration (P30D, P7D, PT12H, P1DT6H)",
                crate::model::text::excerpt(timespan)
            ),
        );
        return None;
    }
    Some(Query {
        text,
        origin,
        timespan: timespan.to_string(),
        max_machines: usize::try_from(max_machines).unwrap_or(usize::MAX),
    })
}

/// Reads at most a little more than the longest query could take (4 bytes a character).
fn read_file(path: &Path) -> Result<String, String> {
    let cap = (MAX_QUERY_CHARS * 4 + 4) as u64;
    let (_, reader) = super::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    reader
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "the hunting query is longer than {MAX_QUERY_CHARS} characters"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (byte {}): save the query as UTF-8",
            e.utf8_error().valid_up_to() + 1
        )
    })
}

/// `PnYnMnWnDTnHnMnS`, with at least one part, as Graph's `Timespan` takes it.
fn is_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let parts = |s: &str, units: &str| -> Option<usize> {
        let mut count = 0;
        let mut digits = 0;
        let mut allowed = units;
        for c in s.chars() {
            if c.is_ascii_digit() {
                digits += 1;
            } else if digits > 0
                && let Some(at) = allowed.find(c)
            {
                allowed = &allowed[at + 1..];
                count += 1;
                digits = 0;
            } else {
                return None;
            }
        }
        (digits == 0).then_some(count)
    };
    match (parts(date, "YMWD"), time.map(|t| parts(t, "HMS"))) {
        (Some(d), None) => d > 0,
        (Some(_), Some(Some(t))) => t > 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlanBuilder;

    #[test]
    fn durations_are_iso_8601() {
        for ok in ["P30D", "P7D", "PT12H", "P1DT6H", "P1Y2M3W4DT5H6M7S", "PT0S"] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in [
            "", "P", "30D", "PT", "P1DT", "P1H", "PT1D", "P-1D", "P1D1D", "p30d",
        ] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    fn errors(b: PlanBuilder) -> Vec<String> {
        match b.finish() {
            Ok(_) => Vec::new(),
            Err(e) => e.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn a_query_is_trimmed_and_checked() {
        let mut b = PlanBuilder::default();
        let q = read(
            Some("  DeviceInfo | take 1\n"),
            None,
            "P7D",
            5,
            false,
            &mut b,
        )
        .unwrap();
        assert_eq!(q.text, "DeviceInfo | take 1");
        assert_eq!((q.timespan.as_str(), q.max_machines), ("P7D", 5));
        assert!(errors(b).is_empty());

        let mut b = PlanBuilder::default();
        assert!(read(Some(" \n"), None, "P30D", 5, false, &mut b).is_none());
        assert_eq!(errors(b), ["--query: the hunting query is empty"]);

        let long = "x".repeat(MAX_QUERY_CHARS + 1);
        let mut b = PlanBuilder::default();
        assert!(read(Some(&long), None, "P30D", 5, false, &mut b).is_none());
        assert_eq!(
            errors(b),
            ["--query: the hunting query is 30001 characters long; the limit is 30000"]
        );

        let mut b = PlanBuilder::default();
        assert!(read(Some("DeviceInfo"), None, "30 days", 5, false, &mut b).is_none());
        assert!(errors(b)[0].starts_with("--query-timespan: '30 days' is not an ISO 8601"));
    }

    #[test]
    fn a_query_file_is_read_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("q.kql");
        std::fs::write(&ok, "\u{feff}DeviceInfo\n| distinct DeviceId\n").unwrap();
        let mut b = PlanBuilder::default();
        let q = read(None, Some(&ok), "P30D", 5, false, &mut b).unwrap();
        assert_eq!(q.text, "DeviceInfo\n| distinct DeviceId");
        assert!(q.origin.starts_with("--query-file "), "{}", q.origin);

        let big = dir.path().join("big.kql");
        std::fs::write(&big, "x".repeat(MAX_QUERY_CHARS * 4 + 10)).unwrap();
        let mut b = PlanBuilder::default();
        assert!(read(None, Some(&big), "P30D", 5, false, &mut b).is_none());
        assert!(errors(b)[0].contains("longer than 30000 characters"));

        let mut b = PlanBuilder::default();
        assert!(read(None, Some(Path::new("-")), "P30D", 5, true, &mut b).is_none());
        assert!(errors(b)[0].contains("standard input can be read only once"));
    }
}
