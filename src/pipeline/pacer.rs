//! Exact rolling-window pacing. Each window keeps the start times of its last N calls; a call may
//! start when every window has room and no 429 pause is in force. This lets `100/1m` send 100
//! calls at once and then wait, instead of spacing them 0.6 s apart like a token bucket, and it
//! is shared by every task of the run so the caps hold for the run as a whole.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// One hard cap: at most `limit` calls started in any rolling `period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub limit: u32,
    pub period: Duration,
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.period.as_millis();
        let (n, unit) = if ms.is_multiple_of(3_600_000) {
            (ms / 3_600_000, "h")
        } else if ms.is_multiple_of(60_000) {
            (ms / 60_000, "m")
        } else if ms.is_multiple_of(1000) {
            (ms / 1000, "s")
        } else {
            return write!(f, "{}/{}s", self.limit, self.period.as_secs_f64());
        };
        write!(f, "{}/{n}{unit}", self.limit)
    }
}

/// Parses `N/DURATION[,N/DURATION]...` where DURATION is a number and `s`, `m` or `h`
/// (`100/1m,1500/1h`, `20/2s`).
pub fn parse_rate_limit(spec: &str) -> Result<Vec<Window>, String> {
    let mut windows = Vec::new();
    for part in spec.split(',') {
        let part = part.trim();
        let bad = |why: &str| {
            format!(
                "invalid rate limit '{part}' in '{spec}': {why} (expected N/DURATION like 100/1m or 20/2s)"
            )
        };
        let (n, d) = part.split_once('/').ok_or_else(|| bad("no '/'"))?;
        let limit: u32 = n
            .trim()
            .parse()
            .map_err(|_| bad("N is not a whole number"))?;
        if limit == 0 {
            return Err(bad("N must be at least 1"));
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
        if !(num.is_finite() && num > 0.0) {
            return Err(bad("DURATION must be more than zero"));
        }
        windows.push(Window {
            limit,
            period: Duration::from_secs_f64(num * scale),
        });
    }
    Ok(windows)
}

/// Extra time added to every window. The simulator (or the real service) sees a call when it
/// arrives, not when we start it; without a little slack, two calls whose network delays differ
/// could land in one server-side window. 2% of the window, between 10 ms and 1 s.
pub fn safety_margin(period: Duration) -> Duration {
    (period / 50).clamp(Duration::from_millis(10), Duration::from_secs(1))
}

#[derive(Debug)]
struct State {
    /// Per window, the start times of the most recent calls (at most `limit` kept).
    starts: Vec<VecDeque<Instant>>,
    paused_until: Option<Instant>,
    /// When the earliest blocked caller will be let go, for the progress bar.
    blocked_until: Option<Instant>,
    started: u64,
}

#[derive(Debug)]
pub struct Pacer {
    windows: Vec<Window>,
    state: Mutex<State>,
}

impl Pacer {
    pub fn new(windows: Vec<Window>) -> Self {
        let starts = windows
            .iter()
            .map(|w| VecDeque::with_capacity(w.limit.min(1 << 16) as usize))
            .collect();
        Pacer {
            windows,
            state: Mutex::new(State {
                starts,
                paused_until: None,
                blocked_until: None,
                started: 0,
            }),
        }
    }

    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    /// Takes a slot at `now` if one is free, else says when to look again.
    fn try_start(&self, s: &mut State, now: Instant) -> Result<(), Instant> {
        let mut ready_at = s.paused_until.filter(|&t| t > now);
        for (w, starts) in self.windows.iter().zip(&mut s.starts) {
            let span = w.period + safety_margin(w.period);
            while starts.front().is_some_and(|&t| t + span <= now) {
                starts.pop_front();
            }
            if starts.len() >= w.limit as usize {
                let free_at = starts[starts.len() - w.limit as usize] + span;
                ready_at = Some(ready_at.map_or(free_at, |r| r.max(free_at)));
            }
        }
        if let Some(t) = ready_at {
            return Err(t);
        }
        for (w, starts) in self.windows.iter().zip(&mut s.starts) {
            if starts.len() >= w.limit as usize {
                starts.pop_front();
            }
            starts.push_back(now);
        }
        s.started += 1;
        Ok(())
    }

    /// Waits until a call may start and counts it as started.
    pub async fn acquire(&self) {
        loop {
            let wait = {
                let mut s = self.state.lock().expect("pacer lock");
                match self.try_start(&mut s, Instant::now()) {
                    Ok(()) => return,
                    Err(t) => {
                        s.blocked_until = Some(s.blocked_until.map_or(t, |b| b.min(t)));
                        t
                    }
                }
            };
            tokio::time::sleep_until(wait).await;
            let mut s = self.state.lock().expect("pacer lock");
            if s.blocked_until.is_some_and(|b| b <= Instant::now()) {
                s.blocked_until = None;
            }
        }
    }

    /// A 429 said to hold off: nobody starts a call before `until`.
    pub fn pause_until(&self, until: Instant) {
        let mut s = self.state.lock().expect("pacer lock");
        s.paused_until = Some(s.paused_until.map_or(until, |p| p.max(until)));
    }

    /// When dispatch resumes, if callers are waiting on the windows or a 429 pause right now.
    pub fn resumes_at(&self) -> Option<Instant> {
        let s = self.state.lock().expect("pacer lock");
        let now = Instant::now();
        let paused = s.paused_until.filter(|&t| t > now);
        let blocked = s.blocked_until.filter(|&t| t > now);
        paused.max(blocked)
    }

    /// Calls started so far.
    pub fn started(&self) -> u64 {
        self.state.lock().expect("pacer lock").started
    }
}

/// The least time that `calls` call starts can span under these windows when nothing else slows
/// them: each call starts as soon as every window allows. The first call starts at zero, so one
/// call needs no time at all.
pub fn minimum_span(calls: u64, windows: &[Window]) -> Duration {
    if calls == 0 {
        return Duration::ZERO;
    }
    // Only the last `limit` start times matter per window; keep the largest limit's worth.
    let keep = windows.iter().map(|w| w.limit as usize).max().unwrap_or(1);
    let mut recent: VecDeque<Duration> = VecDeque::with_capacity(keep + 1);
    let mut last = Duration::ZERO;
    for _ in 0..calls {
        let mut t = last;
        for w in windows {
            let n = w.limit as usize;
            if recent.len() >= n {
                t = t.max(recent[recent.len() - n] + w.period);
            }
        }
        recent.push_back(t);
        if recent.len() > keep {
            recent.pop_front();
        }
        last = t;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(limit: u32, secs: u64) -> Window {
        Window {
            limit,
            period: Duration::from_secs(secs),
        }
    }

    #[test]
    fn parses_specs() {
        assert_eq!(
            parse_rate_limit("100/1m,1500/1h").unwrap(),
            vec![w(100, 60), w(1500, 3600)]
        );
        assert_eq!(parse_rate_limit("20/2s").unwrap(), vec![w(20, 2)]);
        assert_eq!(
            parse_rate_limit(" 5/0.5s ").unwrap()[0].period,
            Duration::from_millis(500)
        );
        for bad in [
            "", "100", "100/1d", "0/1s", "x/1s", "10/0s", "10/-1s", "10/s",
        ] {
            assert!(parse_rate_limit(bad).is_err(), "{bad}");
        }
        assert_eq!(w(100, 60).to_string(), "100/1m");
        assert_eq!(w(1500, 3600).to_string(), "1500/1h");
    }

    #[test]
    fn a_window_lets_its_whole_budget_go_at_once_then_waits_for_the_oldest() {
        let pacer = Pacer::new(vec![w(3, 10)]);
        let mut s = pacer.state.lock().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(pacer.try_start(&mut s, t0).is_ok());
        }
        let span = Duration::from_secs(10) + safety_margin(Duration::from_secs(10));
        assert_eq!(
            pacer.try_start(&mut s, t0 + Duration::from_secs(1)),
            Err(t0 + span)
        );
        assert!(pacer.try_start(&mut s, t0 + span).is_ok());
        assert_eq!(s.started, 4);
    }

    #[test]
    fn every_window_must_have_room() {
        let pacer = Pacer::new(vec![w(2, 1), w(3, 100)]);
        let mut s = pacer.state.lock().unwrap();
        let t0 = Instant::now();
        let sec = Duration::from_millis(1020); // past the 1 s window and its margin
        assert!(pacer.try_start(&mut s, t0).is_ok());
        assert!(pacer.try_start(&mut s, t0).is_ok());
        assert!(pacer.try_start(&mut s, t0 + sec).is_ok());
        // The short window has room again, the long one does not.
        let err = pacer.try_start(&mut s, t0 + sec * 3).unwrap_err();
        assert_eq!(
            err,
            t0 + Duration::from_secs(100) + safety_margin(Duration::from_secs(100))
        );
    }

    #[test]
    fn a_pause_holds_everyone() {
        let pacer = Pacer::new(vec![w(100, 60)]);
        let t0 = Instant::now();
        pacer.pause_until(t0 + Duration::from_secs(5));
        let mut s = pacer.state.lock().unwrap();
        assert_eq!(
            pacer.try_start(&mut s, t0),
            Err(t0 + Duration::from_secs(5))
        );
        assert!(pacer.try_start(&mut s, t0 + Duration::from_secs(5)).is_ok());
    }

    #[test]
    fn minimum_span_matches_the_windows() {
        assert_eq!(minimum_span(0, &[w(20, 2)]), Duration::ZERO);
        assert_eq!(minimum_span(20, &[w(20, 2)]), Duration::ZERO);
        assert_eq!(minimum_span(21, &[w(20, 2)]), Duration::from_secs(2));
        assert_eq!(minimum_span(300, &[w(50, 2)]), Duration::from_secs(10));
        // 100/1m,1500/1h: 1,500 calls fit in the first 14 minutes, the 1,501st waits an hour.
        let default = [w(100, 60), w(1500, 3600)];
        assert_eq!(minimum_span(1500, &default), Duration::from_secs(14 * 60));
        assert_eq!(minimum_span(1501, &default), Duration::from_secs(3600));
    }

    #[tokio::test(start_paused = true)]
    async fn acquire_waits_on_the_clock() {
        let pacer = Pacer::new(vec![w(2, 1)]);
        let t0 = Instant::now();
        for _ in 0..5 {
            pacer.acquire().await;
        }
        let step = Duration::from_secs(1) + safety_margin(Duration::from_secs(1));
        assert_eq!(Instant::now() - t0, step * 2);
        assert_eq!(pacer.started(), 5);
    }
}
