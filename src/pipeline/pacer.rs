//! Exact rolling-window pacing. Each window keeps the start times of its last N calls; a call may
//! start when every window has room and no 429 pause is in force. This lets `100/1m` send 100
//! calls at once and then wait, instead of spacing them 0.6 s apart like a token bucket, and it
//! is shared by every task of the run so the caps hold for the run as a whole.

use std::collections::{BTreeSet, VecDeque};
use std::fmt;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use tokio::sync::Notify;
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

/// Extra time added to every window. The simulator (or the real service) sees a call when it
/// arrives, not when we start it; without a little slack, two calls whose network delays differ
/// could land in one server-side window. 2% of the window, between 10 ms and 1 s.
pub fn safety_margin(period: Duration) -> Duration {
    (period / 50).clamp(Duration::from_millis(10), Duration::from_secs(1))
}

impl Window {
    pub const fn new(limit: u32, period: Duration) -> Window {
        Window { limit, period }
    }

    /// How long a start counts against this window: its period and the safety margin.
    fn span(&self) -> Duration {
        self.period + safety_margin(self.period)
    }
}

/// The rolling-window rule on a clock of its own (offsets from a start): given when the last
/// calls started, when may the next? The pacer runs it on real time and the estimates (the
/// dry run's call plan, the long-run warning) on a simulated clock, so the two cannot disagree.
#[derive(Clone, Debug)]
pub struct Schedule {
    windows: Vec<Window>,
    /// Per window, the start times of the most recent calls (at most `limit` kept).
    starts: Vec<VecDeque<Duration>>,
}

impl Schedule {
    pub fn new(windows: &[Window]) -> Schedule {
        Schedule {
            starts: windows
                .iter()
                .map(|w| VecDeque::with_capacity(w.limit.min(1 << 16) as usize))
                .collect(),
            windows: windows.to_vec(),
        }
    }

    /// The earliest time at or after `now` at which every window has room.
    pub fn earliest(&mut self, now: Duration) -> Duration {
        let mut at = now;
        for (w, starts) in self.windows.iter().zip(&mut self.starts) {
            let span = w.span();
            while starts.front().is_some_and(|&t| t + span <= now) {
                starts.pop_front();
            }
            if starts.len() >= w.limit as usize {
                at = at.max(starts[starts.len() - w.limit as usize] + span);
            }
        }
        at
    }

    /// Counts a call started at `at`, at or after every start recorded so far.
    pub fn record(&mut self, at: Duration) {
        for (w, starts) in self.windows.iter().zip(&mut self.starts) {
            if starts.len() >= w.limit as usize {
                starts.pop_front();
            }
            starts.push_back(at);
        }
    }

    /// Counts a call another process started at `at`, which may be earlier than starts
    /// recorded already; only the most recent `limit` of each window are kept.
    pub fn insert(&mut self, at: Duration) {
        for (w, starts) in self.windows.iter().zip(&mut self.starts) {
            let position = starts.partition_point(|&t| t <= at);
            starts.insert(position, at);
            if starts.len() > w.limit as usize {
                starts.pop_front();
            }
        }
    }

    /// The longest time a start counts against any window.
    pub fn memory(&self) -> Duration {
        self.windows
            .iter()
            .map(Window::span)
            .max()
            .unwrap_or_default()
    }

    /// When the last of `calls` more calls starts if each starts as early as the windows allow
    /// from `now` on (`now` itself for none).
    pub fn last_start(&self, now: Duration, calls: u64) -> Duration {
        let mut schedule = self.clone();
        let mut last = now;
        for _ in 0..calls {
            last = schedule.earliest(last);
            schedule.record(last);
        }
        last
    }
}

/// The least time that `calls` call starts span under these windows when nothing else slows
/// them: the pacer's own schedule, from a standing start. One call needs no time at all.
pub fn minimum_span(calls: u64, windows: &[Window]) -> Duration {
    Schedule::new(windows).last_start(Duration::ZERO, calls)
}

/// Call starts shared with the other processes of one app and tenant (the quota ledger), so
/// that runs side by side or back to back stay under the caps together.
pub trait SharedStarts: Send {
    /// Under the ledger's lock: `decide` gets the start times other processes recorded since the
    /// last exchange and says whether this process starts a call now, which is then recorded
    /// for the others. A ledger that cannot be used calls `decide` with nothing.
    fn exchange(&mut self, now: SystemTime, decide: &mut dyn FnMut(&[SystemTime]) -> bool);
}

struct State {
    schedule: Schedule,
    paused_until: Option<Instant>,
    /// When the first caller in the queue will be let go, for the progress bar.
    blocked_until: Option<Instant>,
    started: u64,
    shared: Option<Box<dyn SharedStarts>>,
    /// The tickets of calls waiting to start; the smallest goes next.
    waiting: BTreeSet<u64>,
    /// Since when every answer has been a 429.
    throttled_since: Option<Instant>,
    /// Why no call may start any more (the API asked for a wait longer than mdetag waits).
    closed: Option<String>,
}

/// Takes a ticket out of the queue when its wait ends, however it ends.
struct Leave<'a> {
    pacer: &'a Pacer,
    ticket: u64,
}

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.pacer.leave(self.ticket);
    }
}

/// The pacer is closed: no call may start any more, and this says why.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{0}")]
pub struct Closed(pub String);

/// The run's pacer: shared by every task, so the caps hold for the run as a whole.
pub struct Pacer {
    /// The schedule's zero: far enough back that every start still counting against a window
    /// (another process's too) has a place on it.
    epoch: Instant,
    /// The wall-clock time of `epoch`, for starts other processes share.
    wall_epoch: SystemTime,
    state: Mutex<State>,
    tickets: AtomicU64,
    /// Woken when the queue's head changes.
    turn: Notify,
}

impl Pacer {
    pub fn new(windows: &[Window]) -> Self {
        let schedule = Schedule::new(windows);
        let now = Instant::now();
        let epoch = now.checked_sub(schedule.memory()).unwrap_or(now);
        Pacer {
            epoch,
            wall_epoch: SystemTime::now() - (now - epoch),
            state: Mutex::new(State {
                schedule,
                paused_until: None,
                blocked_until: None,
                started: 0,
                shared: None,
                waiting: BTreeSet::new(),
                throttled_since: None,
                closed: None,
            }),
            tickets: AtomicU64::new(0),
            turn: Notify::new(),
        }
    }

    /// Shares call starts with other processes from now on.
    pub fn share(&self, shared: Box<dyn SharedStarts>) {
        self.state.lock().expect("pacer lock").shared = Some(shared);
    }

    /// Takes a slot at `now` if one is free, else says when to look again.
    fn try_start(&self, s: &mut State, now: Instant) -> Result<(), Instant> {
        let offset = now.saturating_duration_since(self.epoch);
        let State {
            schedule,
            paused_until,
            started,
            shared,
            ..
        } = s;
        let mut decide = |foreign: &[SystemTime]| {
            for t in foreign {
                // Older than the epoch cannot count any more; clamping keeps it conservative.
                schedule.insert(t.duration_since(self.wall_epoch).unwrap_or_default());
            }
            let mut ready = self.epoch + schedule.earliest(offset);
            if let Some(p) = *paused_until {
                ready = ready.max(p);
            }
            if ready > now {
                return Err(ready);
            }
            schedule.record(offset);
            *started += 1;
            Ok(())
        };
        match shared {
            None => decide(&[]),
            Some(ledger) => {
                let mut verdict = Err(now);
                ledger.exchange(SystemTime::now(), &mut |foreign| {
                    verdict = decide(foreign);
                    verdict.is_ok()
                });
                verdict
            }
        }
    }

    /// Waits until a call may start and counts it as started. Calls start first come, first
    /// served: `ticket` is a call's place in the queue, taken on its first attempt and kept for
    /// its retries, so a call throttled and waiting again goes before calls that came later.
    /// Once the pacer is closed, every waiting call is told why instead, and none starts.
    pub async fn acquire(&self, ticket: &mut Option<u64>) -> Result<(), Closed> {
        let mine = *ticket.get_or_insert_with(|| self.tickets.fetch_add(1, Ordering::Relaxed));
        self.state.lock().expect("pacer lock").waiting.insert(mine);
        // Leaves the queue however this ends (a stopped run drops the future).
        let _leave = Leave {
            pacer: self,
            ticket: mine,
        };
        loop {
            let turn = self.turn.notified();
            tokio::pin!(turn);
            turn.as_mut().enable();
            let wait = {
                let mut s = self.state.lock().expect("pacer lock");
                if let Some(why) = &s.closed {
                    return Err(Closed(why.clone()));
                }
                if s.waiting.first() != Some(&mine) {
                    None
                } else {
                    let now = Instant::now();
                    match self.try_start(&mut s, now) {
                        Ok(()) => return Ok(()),
                        Err(t) => {
                            s.blocked_until = Some(t);
                            Some(t)
                        }
                    }
                }
            };
            match wait {
                Some(t) => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(t) => {}
                        _ = &mut turn => {}
                    }
                }
                None => turn.await,
            }
        }
    }

    fn leave(&self, ticket: u64) {
        let mut s = self.state.lock().expect("pacer lock");
        let was_first = s.waiting.first() == Some(&ticket);
        s.waiting.remove(&ticket);
        if was_first {
            s.blocked_until = None;
        }
        drop(s);
        self.turn.notify_waiters();
    }

    /// A 429 said to hold off: nobody starts a call before `until`.
    pub fn pause_until(&self, until: Instant) {
        let mut s = self.state.lock().expect("pacer lock");
        s.paused_until = Some(s.paused_until.map_or(until, |p| p.max(until)));
        s.throttled_since.get_or_insert(Instant::now());
        drop(s);
        self.turn.notify_waiters();
    }

    /// No call starts any more: the API will not take one for longer than mdetag waits. Every
    /// call waiting, and every call that comes, is told `why`.
    pub fn close(&self, why: String) {
        self.state
            .lock()
            .expect("pacer lock")
            .closed
            .get_or_insert(why);
        self.turn.notify_waiters();
    }

    /// A call got an answer that was not a 429: the run is no longer being throttled.
    pub fn answered(&self) {
        self.state.lock().expect("pacer lock").throttled_since = None;
    }

    /// How long the API has been answering nothing but 429 (zero when it is not).
    pub fn throttled_for(&self) -> Duration {
        self.state
            .lock()
            .expect("pacer lock")
            .throttled_since
            .map_or(Duration::ZERO, |t| t.elapsed())
    }

    /// How long dispatch is held back, if callers are waiting on the windows or a 429 pause.
    pub fn holding_for(&self) -> Option<Duration> {
        let s = self.state.lock().expect("pacer lock");
        let now = Instant::now();
        let paused = s.paused_until.filter(|&t| t > now);
        let blocked = s.blocked_until.filter(|&t| t > now);
        paused.max(blocked).map(|t| t - now)
    }

    /// When the last of `calls` more calls can start, counted from now (for estimates).
    pub fn time_for(&self, calls: u64) -> Duration {
        // The walk happens on a copy: dispatch is not held up while it runs.
        let schedule = self.state.lock().expect("pacer lock").schedule.clone();
        let now = Instant::now().saturating_duration_since(self.epoch);
        schedule.last_start(now, calls) - now
    }

    /// Calls started so far.
    pub fn started(&self) -> u64 {
        self.state.lock().expect("pacer lock").started
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(limit: u32, secs: u64) -> Window {
        Window::new(limit, Duration::from_secs(secs))
    }

    #[test]
    fn windows_show_as_they_are_written() {
        assert_eq!(w(100, 60).to_string(), "100/1m");
        assert_eq!(w(1500, 3600).to_string(), "1500/1h");
        assert_eq!(w(20, 2).to_string(), "20/2s");
    }

    #[test]
    fn a_window_lets_its_whole_budget_go_at_once_then_waits_for_the_oldest() {
        let pacer = Pacer::new(&[w(3, 10)]);
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
        let pacer = Pacer::new(&[w(2, 1), w(3, 100)]);
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
        let pacer = Pacer::new(&[w(100, 60)]);
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
    fn minimum_span_is_the_pacers_schedule_with_its_margins() {
        let ms = Duration::from_millis;
        assert_eq!(minimum_span(0, &[w(20, 2)]), Duration::ZERO);
        assert_eq!(minimum_span(20, &[w(20, 2)]), Duration::ZERO);
        assert_eq!(minimum_span(21, &[w(20, 2)]), ms(2040));
        assert_eq!(minimum_span(300, &[w(50, 2)]), ms(5 * 2040));
        // 100/1m,1500/1h: 1,500 calls fit in the first 14 minutes (plus margins), the 1,501st
        // waits for the hour and its margin.
        let default = [w(100, 60), w(1500, 3600)];
        assert_eq!(minimum_span(1500, &default), ms(14 * 61_000));
        assert_eq!(minimum_span(1501, &default), ms(3_601_000));
    }

    #[tokio::test(start_paused = true)]
    async fn the_pacer_starts_calls_when_the_schedule_says() {
        for windows in [
            vec![w(10, 1)],
            vec![w(3, 1), w(7, 5)],
            vec![w(100, 60), w(1500, 3600)],
        ] {
            let pacer = Pacer::new(&windows);
            let t0 = Instant::now();
            for _ in 0..40 {
                pacer.acquire(&mut None).await.unwrap();
            }
            assert_eq!(
                Instant::now() - t0,
                minimum_span(40, &windows),
                "{windows:?}"
            );
            assert_eq!(pacer.time_for(0), Duration::ZERO);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn acquire_waits_on_the_clock() {
        let pacer = Pacer::new(&[w(2, 1)]);
        let t0 = Instant::now();
        for _ in 0..5 {
            pacer.acquire(&mut None).await.unwrap();
        }
        let step = Duration::from_secs(1) + safety_margin(Duration::from_secs(1));
        assert_eq!(Instant::now() - t0, step * 2);
        assert_eq!(pacer.started(), 5);
    }
}
