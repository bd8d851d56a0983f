//! The progress bar: done/total, failures, the rate over the last 30 s, an ETA from the pacing
//! schedule and the calls in flight (the arithmetic is `pace`'s), and a note while the rate
//! limit holds calls back. Drawn on standard error only when it is a terminal. It is told what
//! happens; it asks no other part of mdetag.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Printer;
use super::pace::{Eta, Pace};
use crate::model::{Outcome, Status};

/// What the ticker last worked out, for the bar's `{rate}` and `{eta}`.
#[derive(Default)]
struct Shown {
    rate: String,
    eta: String,
}

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    pace: Mutex<Pace>,
    failed: AtomicU64,
    shown: Arc<Mutex<Shown>>,
}

impl Progress {
    /// A bar for `total` operations, sent `concurrency` calls at a time.
    pub fn new(total: u64, concurrency: usize, enabled: bool, printer: &Printer) -> Arc<Progress> {
        let shown = Arc::new(Mutex::new(Shown::default()));
        let bar = (enabled && Printer::stderr_is_terminal()).then(|| {
            // A run over many tenants draws a line per tenant, its label first.
            let bar = match printer.multi() {
                Some(multi) => multi.add(ProgressBar::new(total)),
                None => ProgressBar::with_draw_target(
                    Some(total),
                    ProgressDrawTarget::stderr_with_hz(8),
                ),
            };
            bar.set_prefix(printer.label().to_string());
            let (rate, eta) = (shown.clone(), shown.clone());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {prefix}[{elapsed_precise}] {wide_bar} {pos}/{len} {msg}  {rate}  ETA {eta}",
                )
                .expect("template")
                .with_key(
                    "eta",
                    move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&eta.lock().expect("progress").eta);
                    },
                )
                .with_key(
                    "rate",
                    move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&rate.lock().expect("progress").rate);
                    },
                )
                .progress_chars("█▉▊▋▌▍▎▏ "),
            );
            printer.attach(bar.clone());
            bar
        });
        Arc::new(Progress {
            bar,
            started: Instant::now(),
            pace: Mutex::new(Pace::new(total, concurrency)),
            failed: AtomicU64::new(0),
            shown,
        })
    }

    /// An attempt of a call for these operations leaves now.
    pub fn leaving(&self, ops: &[usize]) {
        if self.bar.is_some() {
            let now = self.started.elapsed();
            self.pace.lock().expect("progress").leaving(now, ops);
        }
    }

    /// These operations settled now.
    pub fn settled(&self, outcomes: &[Outcome]) {
        let Some(bar) = &self.bar else { return };
        let failed = outcomes.iter().filter(|o| o.status == Status::Failed);
        self.failed
            .fetch_add(failed.count() as u64, Ordering::Relaxed);
        let ops: Vec<usize> = outcomes.iter().map(|o| o.index).collect();
        let now = self.started.elapsed();
        self.pace.lock().expect("progress").settled(now, &ops);
        bar.inc(ops.len() as u64);
    }

    /// Refreshes the message (failures, rate-limit wait), the rate and the ETA until the bar
    /// is finished. `waiting` says how long the rate limit holds calls back now, if it does;
    /// `to_send`, how many calls are still to be sent and how long until the last of them may
    /// start (asked once a second: it walks the schedule).
    pub fn spawn_ticker(
        self: &Arc<Self>,
        waiting: impl Fn() -> Option<Duration> + Send + 'static,
        to_send: impl Fn() -> (u64, Duration) + Send + 'static,
    ) {
        let Some(bar) = self.bar.clone() else { return };
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = 0u64;
            // The last answer of `to_send`, and when it was given.
            let mut asked = (Duration::ZERO, (0, Duration::ZERO));
            while !bar.is_finished() {
                let now = me.started.elapsed();
                let wait = waiting();
                if tick.is_multiple_of(4) {
                    asked = (now, to_send());
                }
                tick += 1;
                let (at, (unsent, last_start_in)) = asked;
                let last_start_in = last_start_in
                    .saturating_sub(now - at)
                    .max(wait.unwrap_or_default());
                let (rate, eta) = {
                    let pace = me.pace.lock().expect("progress");
                    (pace.rate(now), pace.eta(now, unsent, last_start_in))
                };
                *me.shown.lock().expect("progress") = Shown {
                    rate: rate.map_or_else(|| "-/s".to_string(), |r| format!("{r:.1}/s")),
                    eta: match eta {
                        Eta::Done => "0s".to_string(),
                        Eta::Unknown => "?".to_string(),
                        Eta::Left(d) => short_duration(d),
                    },
                };
                let mut msg = String::new();
                let failed = me.failed.load(Ordering::Relaxed);
                if failed > 0 {
                    msg.push_str(&format!("· {failed} failed "));
                }
                if let Some(wait) = wait {
                    let secs = wait.as_secs_f64().ceil();
                    msg.push_str(&format!("· waiting for rate limit — resumes in {secs}s"));
                }
                bar.set_message(msg);
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        });
    }

    pub fn finish(&self, printer: &Printer) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        printer.detach();
    }
}

/// "0s", "42s", "3m05s", "2h07m": the ETA's width stays small.
fn short_duration(d: Duration) -> String {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m{:02}s", s / 60, s % 60),
        s => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::short_duration;
    use std::time::Duration;

    #[test]
    fn durations_round_up_and_stay_short() {
        let d = Duration::from_millis;
        assert_eq!(short_duration(d(0)), "0s");
        assert_eq!(short_duration(d(1)), "1s");
        assert_eq!(short_duration(d(59_000)), "59s");
        assert_eq!(short_duration(d(185_000)), "3m05s");
        assert_eq!(short_duration(d(7_620_000)), "2h07m");
    }
}
