//! The progress bar's arithmetic, on a clock of its own (offsets from the start of the run), so
//! that it is tested with made-up times: the rate as a moving average of the operations settled
//! in the last 30 seconds, and the time left from the pacing schedule, the calls in flight and
//! how many may be in flight at once.
//!
//! The rate counts from the first settled call, not from the start: calls that take 8 s to
//! answer would otherwise show a rate that creeps up for 8 s, then overshoots.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// How far back the rate and the typical call time look.
pub const WINDOW: Duration = Duration::from_secs(30);

/// The shortest span a rate is computed over: one settle a moment after another is no rate.
const MIN_SPAN: Duration = Duration::from_secs(1);

/// The least time left shown while work is left: never "0s".
const LEAST: Duration = Duration::from_secs(1);

/// What is left, as the bar says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eta {
    /// Every operation has settled.
    Done,
    /// Work is left, and nothing yet says how long it takes (no call has been answered).
    Unknown,
    /// About this long, at least `LEAST`.
    Left(Duration),
}

#[derive(Debug)]
pub struct Pace {
    total: u64,
    /// Calls in flight at once, at most.
    concurrency: usize,
    settled: u64,
    /// When the first operation settled.
    first: Option<Duration>,
    /// Operations settled, by when: the last `WINDOW` (and the one settle before it).
    recent: VecDeque<(Duration, u64)>,
    /// Calls in flight: the first operation of each, and when its latest attempt left.
    in_flight: HashMap<usize, Duration>,
    /// How long answered calls took, by when they were answered: the last `WINDOW`, and
    /// always the latest one.
    took: VecDeque<(Duration, Duration)>,
}

impl Pace {
    /// A run of `total` operations, `concurrency` calls in flight at once.
    pub fn new(total: u64, concurrency: usize) -> Pace {
        Pace {
            total,
            concurrency: concurrency.max(1),
            settled: 0,
            first: None,
            recent: VecDeque::new(),
            in_flight: HashMap::new(),
            took: VecDeque::new(),
        }
    }

    /// An attempt of a call for `ops` left at `at` (a retry restarts its clock).
    pub fn leaving(&mut self, at: Duration, ops: &[usize]) {
        if let Some(&first) = ops.first() {
            self.in_flight.insert(first, at);
        }
    }

    /// These operations settled at `at`: answered, or settled without a call.
    pub fn settled(&mut self, at: Duration, ops: &[usize]) {
        if ops.is_empty() {
            return;
        }
        for op in ops {
            if let Some(left) = self.in_flight.remove(op) {
                self.took.push_back((at, at.saturating_sub(left)));
            }
        }
        self.settled += ops.len() as u64;
        self.first.get_or_insert(at);
        self.recent.push_back((at, ops.len() as u64));
        let horizon = at.saturating_sub(WINDOW);
        while self.recent.len() > 1 && self.recent[1].0 <= horizon {
            self.recent.pop_front();
        }
        while self.took.len() > 1 && self.took[0].0 < horizon {
            self.took.pop_front();
        }
    }

    /// Operations settled a second, over the last `WINDOW` (from the first settle, when that
    /// is more recent). `None` until there is a second to measure.
    pub fn rate(&self, now: Duration) -> Option<f64> {
        let from = self.first?.max(now.saturating_sub(WINDOW));
        let span = now.saturating_sub(from);
        if span < MIN_SPAN {
            return None;
        }
        let ops: u64 = self
            .recent
            .iter()
            .filter(|(at, _)| *at > from && *at <= now)
            .map(|(_, n)| n)
            .sum();
        Some(ops as f64 / span.as_secs_f64())
    }

    /// How long a call takes: the mean of the answers of the last `WINDOW` (the latest
    /// answer when none is that recent); before any answer, at least as long as the oldest
    /// call in flight has been waiting.
    fn call_time(&self, now: Duration) -> Option<Duration> {
        let horizon = now.saturating_sub(WINDOW);
        let recent: Vec<Duration> = self
            .took
            .iter()
            .filter(|(at, _)| *at >= horizon)
            .map(|(_, took)| *took)
            .collect();
        match (recent.len(), self.took.back()) {
            (0, Some((_, took))) => Some(*took),
            (0, None) => None,
            (n, _) => Some(recent.iter().sum::<Duration>() / n as u32),
        }
    }

    /// What is left at `now`, with `unsent` calls still to send, the last of which the pacing
    /// schedule lets start in `last_start_in` (or later, when the API asked for a pause). The
    /// later of: that start and a call's time; and the calls in flight and the unsent ones
    /// going through the concurrency slots, a call's time each.
    pub fn eta(&self, now: Duration, unsent: u64, last_start_in: Duration) -> Eta {
        if self.settled >= self.total {
            return Eta::Done;
        }
        let waited = self
            .in_flight
            .values()
            .map(|&left| now.saturating_sub(left))
            .max();
        let (took, known) = match self.call_time(now) {
            Some(took) => (took, true),
            None => (waited.unwrap_or_default(), false),
        };
        let paced = if unsent > 0 {
            last_start_in + took
        } else {
            Duration::ZERO
        };
        let left = paced.max(self.through_slots(now, unsent, took));
        if !known && left.is_zero() {
            Eta::Unknown
        } else {
            Eta::Left(left.max(LEAST))
        }
    }
}

impl Pace {
    /// How long until the calls in flight and `unsent` more are answered, each taking `took`,
    /// if each new call starts as soon as a slot is free. With one call time for all, the
    /// slots take new calls in turn: with `unsent = q × slots + r`, each slot answers `q` more
    /// and the `r` that free up first one more.
    fn through_slots(&self, now: Duration, unsent: u64, took: Duration) -> Duration {
        let mut free: Vec<Duration> = self
            .in_flight
            .values()
            .map(|&left| (left + took).max(now))
            .collect();
        free.resize(free.len().max(self.concurrency), now);
        free.sort_unstable();
        let slots = free.len() as u64;
        let (q, r) = (unsent / slots, (unsent % slots) as usize);
        let times = |n: u64| took * u32::try_from(n).unwrap_or(u32::MAX);
        let mut last = free[free.len() - 1] + times(q);
        if r > 0 {
            last = last.max(free[r - 1] + times(q + 1));
        }
        last.saturating_sub(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(secs: f64) -> Duration {
        Duration::from_secs_f64(secs)
    }

    #[test]
    fn a_steady_two_a_second_reads_two_a_second_from_the_first_second_on() {
        // Calls leave 2 a second and are answered 8 s later; the rate is read as it goes.
        let mut pace = Pace::new(1000, 10);
        let mut seen = Vec::new();
        for k in 0..200usize {
            let t = k as f64 * 0.5;
            pace.leaving(s(t), &[k]);
            if k >= 16 {
                pace.settled(s(t), &[k - 16]);
            }
            seen.push((t, pace.rate(s(t))));
        }
        assert!(
            seen.iter().all(|(t, r)| *t > 8.5 || r.is_none()),
            "{seen:?}"
        );
        for (t, rate) in seen.iter().filter(|(t, _)| *t >= 9.0) {
            let rate = rate.unwrap();
            assert!((rate - 2.0).abs() < 1e-9, "{rate} at {t}");
        }
    }

    #[test]
    fn the_rate_forgets_what_settled_more_than_30_seconds_ago() {
        let mut pace = Pace::new(1000, 10);
        // A burst of 60 operations in the first second, then nothing.
        for k in 0..60 {
            pace.settled(s(1.0 + f64::from(k) / 60.0), &[k as usize]);
        }
        let early = pace.rate(s(2.0)).unwrap();
        assert!(early > 50.0, "{early}");
        // The window slides past the burst: the rate falls to nothing.
        let later = pace.rate(s(20.0)).unwrap();
        assert!((later - 59.0 / 19.0).abs() < 0.01, "{later}");
        assert_eq!(pace.rate(s(40.0)), Some(0.0));
        // Batches: 500 operations at once count as 500.
        pace.settled(s(41.0), &(100..600).collect::<Vec<_>>());
        let rate = pace.rate(s(42.0)).unwrap();
        assert!((rate - 500.0 / 30.0).abs() < 0.01, "{rate}");
    }

    #[test]
    fn ten_calls_in_flight_at_8_seconds_are_never_eta_0() {
        // The run of the report: 38 calls, 10 in flight, each answered after 8 s, the other
        // 28 paced at 2 a second (the last may start in 14 s).
        let mut pace = Pace::new(38, 10);
        for k in 0..10 {
            pace.leaving(s(0.0), &[k]);
        }
        assert_eq!(pace.eta(s(0.0), 28, s(14.0)), Eta::Left(s(14.0)));
        // Before any answer: a call takes at least as long as they have waited.
        assert_eq!(pace.eta(s(3.0), 28, s(11.0)), Eta::Left(s(14.0)));
        // Every call started, none answered yet: unknown rather than 0.
        let mut all_sent = Pace::new(10, 10);
        for k in 0..10 {
            all_sent.leaving(s(0.0), &[k]);
        }
        assert_eq!(all_sent.eta(s(0.0), 0, s(0.0)), Eta::Unknown);
        // The first answers: 8 s a call. Ten at a time, 28 calls need three more rounds of
        // 8 s: the slots, not the 2/s schedule, set the pace.
        for k in 0..10 {
            pace.settled(s(8.0), &[k]);
        }
        assert_eq!(pace.eta(s(8.0), 28, s(14.0)), Eta::Left(s(24.0)));
    }

    #[test]
    fn calls_wait_for_a_free_slot() {
        // 38 calls, 10 at a time, 3 s each, no rate limit in the way.
        let mut pace = Pace::new(38, 10);
        for k in 0..10 {
            pace.leaving(s(0.0), &[k]);
        }
        for k in 0..10 {
            pace.settled(s(3.0), &[k]);
        }
        for k in 10..20 {
            pace.leaving(s(3.0), &[k]);
        }
        // Rounds at 3, 6 and 9 s (the last with 8 calls): done at 12 s.
        assert_eq!(pace.eta(s(3.0), 18, Duration::ZERO), Eta::Left(s(9.0)));
        assert_eq!(pace.eta(s(4.0), 18, Duration::ZERO), Eta::Left(s(8.0)));
        // One slot: one call after another.
        let mut one = Pace::new(4, 1);
        one.leaving(s(0.0), &[0]);
        one.settled(s(2.0), &[0]);
        one.leaving(s(2.0), &[1]);
        assert_eq!(one.eta(s(2.0), 2, Duration::ZERO), Eta::Left(s(6.0)));
    }

    #[test]
    fn calls_in_flight_count_until_they_are_answered_and_work_left_is_never_0() {
        let mut pace = Pace::new(3, 10);
        pace.leaving(s(0.0), &[0]);
        pace.settled(s(2.0), &[0]);
        pace.leaving(s(2.0), &[1]);
        pace.leaving(s(3.0), &[2]);
        // The last call left at 3 s and takes 2 s.
        assert_eq!(pace.eta(s(3.5), 0, Duration::ZERO), Eta::Left(s(1.5)));
        // It is late: still at least a second, never 0.
        assert_eq!(pace.eta(s(9.0), 0, Duration::ZERO), Eta::Left(LEAST));
        pace.settled(s(9.0), &[1, 2]);
        assert_eq!(pace.eta(s(9.0), 0, Duration::ZERO), Eta::Done);
    }

    #[test]
    fn a_retry_restarts_its_calls_clock_and_the_call_time_follows_recent_answers() {
        let mut pace = Pace::new(100, 10);
        // Slow answers long ago, faster ones now.
        pace.leaving(s(0.0), &[0]);
        pace.settled(s(10.0), &[0]);
        for k in 1..5 {
            pace.leaving(s(60.0), &[k]);
            pace.settled(s(64.0), &[k]);
        }
        assert_eq!(pace.call_time(s(65.0)), Some(s(4.0)));
        // A call that left at 62 s and again, after a 503, at 70 s: due at 74 s, not 66 s.
        pace.leaving(s(62.0), &[5, 6]);
        pace.leaving(s(70.0), &[5, 6]);
        assert_eq!(pace.eta(s(70.0), 0, Duration::ZERO), Eta::Left(s(4.0)));
        // Long after every recent answer, the latest one still says how long a call takes.
        assert_eq!(pace.call_time(s(500.0)), Some(s(4.0)));
    }
}
