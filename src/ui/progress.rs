//! The progress bar: done/total, failures, rate, ETA, and a note while the rate limit holds
//! calls back. Drawn on standard error only when it is a terminal. It is told what happens; it
//! asks no other part of mdetag.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Printer;

pub struct Progress {
    bar: Option<ProgressBar>,
    failed: AtomicU64,
}

impl Progress {
    pub fn new(total: u64, enabled: bool, printer: &Printer) -> Arc<Progress> {
        let bar = (enabled && Printer::stderr_is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(8));
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}  {rate}  ETA {eta}",
                )
                .expect("template")
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
        })
    }

    pub fn done(&self, operations: u64, failed: u64) {
        self.failed.fetch_add(failed, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.inc(operations);
        }
    }

    /// Refreshes the message (failures, rate-limit wait) until the bar is finished;
    /// `waiting` says how long the rate limit still holds calls back, if it does.
    pub fn spawn_ticker(self: &Arc<Self>, waiting: impl Fn() -> Option<Duration> + Send + 'static) {
        let Some(bar) = self.bar.clone() else { return };
        let me = self.clone();
        tokio::spawn(async move {
            while !bar.is_finished() {
                let mut msg = String::new();
                let failed = me.failed.load(Ordering::Relaxed);
                if failed > 0 {
                    msg.push_str(&format!("· {failed} failed "));
                }
                if let Some(wait) = waiting() {
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
