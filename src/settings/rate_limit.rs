//! `--rate-limit N/DURATION[,N/DURATION]...`: the caps the pacer keeps.

use std::time::Duration;

use crate::model::Invalid;
use crate::pipeline::Window;

/// Most calls one window may allow, and its shortest and longest period: past these the
/// numbers mean nothing for this API and only risk overflow.
const MAX_LIMIT: u32 = 1_000_000;
const MIN_PERIOD: Duration = Duration::from_millis(1);
const MAX_PERIOD: Duration = Duration::from_secs(7 * 86_400);

/// Parses `100/1m,1500/1h`, `20/2s`: DURATION is a number and `s`, `m` or `h`.
pub fn parse(spec: &str) -> Result<Vec<Window>, Invalid> {
    let mut windows = Vec::new();
    for part in spec.split(',') {
        let part = part.trim();
        let bad = |why: &str| {
            Invalid(format!(
                "invalid rate limit '{part}' in '{spec}': {why} (expected N/DURATION like 100/1m or 20/2s)"
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
        let (num, unit) = d.split_at(d.len().saturating_sub(1));
        let scale = match unit {
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad("DURATION must end in s, m or h")),
        };
        let num: f64 = num.parse().map_err(|_| bad("DURATION is not a number"))?;
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
        for bad in [
            "",
            "100",
            "100/1d",
            "0/1s",
            "x/1s",
            "10/0s",
            "10/-1s",
            "10/s",
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
