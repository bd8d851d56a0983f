//! `--rate-limit N/DURATION[,N/DURATION]...`: the caps the pacer keeps.

use std::time::Duration;

use crate::model::Invalid;
use crate::pipeline::Window;

/// Most calls one window may allow, and its shortest and longest period: past these the
/// numbers mean nothing for this API and only risk overflow.
const MAX_LIMIT: u32 = 1_000_000;
const MIN_PERIOD: Duration = Duration::from_millis(1);
const MAX_PERIOD: Duration = Duration::from_secs(7 * 86_400);

/// Parses `100/1m,1500/1h`, `20/2s`, `100/min`, `5/second`: DURATION is a number (1 when left
/// out) and a unit: `s`, `sec`, `second`; `m`, `min`, `minute`; `h`, `hr`, `hour` (or plurals).
pub fn parse(spec: &str) -> Result<Vec<Window>, Invalid> {
    let mut windows = Vec::new();
    for part in spec.split(',') {
        let part = part.trim();
        let bad = |why: &str| {
            Invalid(format!(
                "invalid rate limit '{part}' in '{spec}': {why} (expected N/DURATION like 100/1m, 100/min or 20/2s)"
            ))
        };
        let (n, d) = part.split_once('/').ok_or_else(|| bad("no '/'"))?;
        let limit: u32 = n
            .trim()
            .parse()
            .map_err(|_| bad("N is not a whole number"))?;
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(bad("N must be from 1 to 1000000"));
        }
        let d = d.trim();
        let at = d.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(d.len());
        let (num, unit) = d.split_at(at);
        let scale = match unit.to_ascii_lowercase().as_str() {
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            _ => {
                return Err(bad(
                    "DURATION must end in a unit: s/sec/second, m/min/minute or h/hour",
                ));
            }
        };
        let num: f64 = match num.trim() {
            "" => 1.0,
            num => num.parse().map_err(|_| bad("DURATION is not a number"))?,
        };
        let period = Duration::try_from_secs_f64(num * scale)
            .ok()
            .filter(|p| (MIN_PERIOD..=MAX_PERIOD).contains(p))
            .ok_or_else(|| bad("DURATION must be from 1 ms to 7 days"))?;
        windows.push(Window::new(limit, period));
    }
    Ok(windows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs_and_refuses_nonsense_without_panicking() {
        let w = |limit, secs| Window::new(limit, Duration::from_secs(secs));
        assert_eq!(
            parse("100/1m,1500/1h").unwrap(),
            vec![w(100, 60), w(1500, 3600)]
        );
        assert_eq!(parse("20/2s").unwrap(), vec![w(20, 2)]);
        assert_eq!(
            parse(" 5/0.5s ").unwrap()[0].period,
            Duration::from_millis(500)
        );
        // Unit words, with or without a number before them.
        for (spec, limit, secs) in [
            ("100/min", 100, 60),
            ("100/minute", 100, 60),
            ("100/Minutes", 100, 60),
            ("5/sec", 5, 1),
            ("5/second", 5, 1),
            ("10/s", 10, 1),
            ("1500/hour", 1500, 3600),
            ("1500/h", 1500, 3600),
            ("1500/1 hour", 1500, 3600),
            ("20/2sec", 20, 2),
            ("20/2 seconds", 20, 2),
            ("100/5min", 100, 300),
        ] {
            assert_eq!(parse(spec).unwrap(), vec![w(limit, secs)], "{spec}");
        }
        assert_eq!(
            parse("100/min,1500/hour").unwrap(),
            vec![w(100, 60), w(1500, 3600)]
        );
        for bad in [
            "10/",
            "10/minx",
            "10/1d",
            "10/day",
            "10/m1",
            "10/1.5.5s",
            "",
            "100",
            "100/1d",
            "0/1s",
            "x/1s",
            "10/0s",
            "10/-1s",
            "1/1e300h",
            "1/NaNs",
            "1/infs",
            "10/0.0000001s",
            "1/8000h",
            "2000000/1s",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
