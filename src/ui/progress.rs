//! The progress bar: done/total, failures, rate, an ETA from the rate-limit schedule, and a
//! note while the rate limit holds calls back. Drawn on standard error only when it is a terminal. It is told what happens; it
//! asks no other part of mdetag.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Printer;

pub struct Progress {
    bar: Option<ProgressBar>,
    failed: AtomicU64,
    /// What the ticker last learnt of the time still needed, in milliseconds.
    eta_ms: Arc<AtomicU64>,
}

impl Progress {
    pub fn new(total: u64, enabled: bool, printer: &Printer) -> Arc<Progress> {
        let eta_ms = Arc::new(AtomicU64::new(0));
        let eta = eta_ms.clone();
        let bar = (enabled && Printer::stderr_is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(8));
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}  {rate}  ETA {eta}",
                )
                .expect("template")
                .with_key(
                    "eta",
                    move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let ms = eta.load(Ordering::Relaxed);
                        let _ = write!(w, "{}", short_duration(Duration::from_millis(ms)));
                    },
                )
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.1}/s", state.per_sec());
                    },
                )
                .progress_chars("█▉▊▋▌▍▎▏ "),
            );
            printer.attach(bar.clone());
            bar
        });
        Arc::new(Progress {
            bar,
            failed: AtomicU64::new(0),
            eta_ms,
        })
    }

    pub fn done(&self, operations: u64, failed: u64) {
        self.failed.fetch_add(failed, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.inc(operations);
        }
    }

    /// Refreshes the message (failures, rate-limit wait) and the ETA until the bar is finished.
    /// `waiting` says how long the rate limit holds calls back now, if it does; `remaining`,
    /// how long until the last call still to send can start (asked once a second: it walks
    /// the schedule).
    pub fn spawn_ticker(
        self: &Arc<Self>,
        waiting: impl Fn() -> Option<Duration> + Send + 'static,
        remaining: impl Fn() -> Duration + Send + 'static,
    ) {
        let Some(bar) = self.bar.clone() else { return };
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = 0u64;
            let mut left = Duration::ZERO;
            while !bar.is_finished() {
                let wait = waiting();
                if tick.is_multiple_of(4) {
                    left = remaining();
                }
                tick += 1;
                let eta = left.max(wait.unwrap_or_default());
                me.eta_ms.store(eta.as_millis() as u64, Ordering::Relaxed);
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
