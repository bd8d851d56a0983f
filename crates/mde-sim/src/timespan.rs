//! The Graph hunting query's `Timespan`: ISO 8601, in the forms Microsoft's page lists:
//! `P30D` (back from now), `START/END`, `DURATION/END`, `START/DURATION`, or `START` alone (to
//! now). Durations take weeks, days, hours, minutes and seconds (`P1W`, `P2DT12H`, `PT90M`,
//! `PT1.5S`); years and months count as 365 and 30 days.

use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The window `[start, end]` that `spec` names, as of `now`.
pub fn window(spec: &str, now: OffsetDateTime) -> Result<(OffsetDateTime, OffsetDateTime), String> {
    let bad = || {
        format!(
            "Timespan '{spec}' is not valid: expected an ISO 8601 duration (P30D), START/END, DURATION/END, START/DURATION or START."
        )
    };
    let instant = |s: &str| OffsetDateTime::parse(s, &Rfc3339).ok();
    let window = match spec.split_once('/') {
        None => match (duration(spec), instant(spec)) {
            (Some(d), _) => (now - d, now),
            (None, Some(start)) => (start, now),
            _ => return Err(bad()),
        },
        Some((a, b)) => match (instant(a), duration(a), instant(b), duration(b)) {
            (Some(start), _, Some(end), _) => (start, end),
            (None, Some(d), Some(end), _) => (end - d, end),
            (Some(start), _, None, Some(d)) => (start, start + d),
            _ => return Err(bad()),
        },
    };
    if window.0 > window.1 {
        return Err(bad());
    }
    Ok(window)
}

/// An ISO 8601 duration: `P[nY][nM][nW][nD][T[nH][nM][nS]]`, at least one part.
pub fn duration(text: &str) -> Option<Duration> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut secs = 0.0;
    let mut parts = 0;
    for (part, units) in [
        (
            date,
            &[
                ('Y', 365.0 * 86_400.0),
                ('M', 30.0 * 86_400.0),
                ('W', 7.0 * 86_400.0),
                ('D', 86_400.0),
            ][..],
        ),
        (
            time.unwrap_or(""),
            &[('H', 3600.0), ('M', 60.0), ('S', 1.0)][..],
        ),
    ] {
        let mut number = String::new();
        let mut next_unit = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            // Units in their order, each once, each after a number.
            let at = units[next_unit..].iter().position(|(u, _)| *u == c)? + next_unit;
            let n: f64 = number.parse().ok()?;
            secs += n * units[at].1;
            parts += 1;
            number.clear();
            next_unit = at + 1;
        }
        if !number.is_empty() {
            return None;
        }
    }
    (parts > 0).then(|| Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("P30D"), Some(Duration::from_secs(30 * 86_400)));
        assert_eq!(duration("PT1H30M"), Some(Duration::from_secs(5400)));
        assert_eq!(duration("P1DT1S"), Some(Duration::from_secs(86_401)));
        assert_eq!(duration("P1W"), Some(Duration::from_secs(7 * 86_400)));
        assert_eq!(duration("PT0.5S"), Some(Duration::from_millis(500)));
        for bad in [
            "P", "PT", "30D", "P30", "PD", "P1H", "PT1D", "P1D2W", "p30d", "",
        ] {
            assert_eq!(duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn windows() {
        let now = OffsetDateTime::parse("2026-05-10T12:00:00Z", &Rfc3339).unwrap();
        let at = |s: &str| OffsetDateTime::parse(s, &Rfc3339).unwrap();
        assert_eq!(
            window("P1D", now).unwrap(),
            (at("2026-05-09T12:00:00Z"), now)
        );
        assert_eq!(
            window("2026-05-01T00:00:00Z/2026-05-02T00:00:00Z", now).unwrap(),
            (at("2026-05-01T00:00:00Z"), at("2026-05-02T00:00:00Z"))
        );
        assert_eq!(
            window("P1D/2026-05-02T00:00:00Z", now).unwrap(),
            (at("2026-05-01T00:00:00Z"), at("2026-05-02T00:00:00Z"))
        );
        assert_eq!(
            window("2026-05-01T00:00:00Z/PT12H", now).unwrap(),
            (at("2026-05-01T00:00:00Z"), at("2026-05-01T12:00:00Z"))
        );
        assert_eq!(window("2026-05-01T00:00:00Z", now).unwrap().1, now);
        assert!(window("30 days", now).is_err());
        assert!(window("2026-05-02T00:00:00Z/2026-05-01T00:00:00Z", now).is_err());
    }
}
