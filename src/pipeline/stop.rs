//! Stopping a run early: why, and what the operations that were not sent become.

use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

use crate::exit::Signal;
use crate::model::{Outcome, Settled};

/// Why the run stopped dispatching early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// A signal: in-flight calls finish, the rest are skipped.
    Signal(Signal),
    /// Authentication can no longer succeed (secret revoked, bearer token expired): sending
    /// the remaining calls would only burn the rate limit on 401s.
    AuthFailed(String),
}

#[derive(Default)]
pub struct Stop {
    token: CancellationToken,
    reason: Mutex<Option<StopReason>>,
}

impl Stop {
    /// Stops the run; the first reason given is the one kept.
    pub fn stop(&self, reason: StopReason) {
        let mut r = self.reason.lock().expect("stop");
        if r.is_none() {
            *r = Some(reason);
        }
        self.token.cancel();
    }

    pub fn reason(&self) -> Option<StopReason> {
        self.reason.lock().expect("stop").clone()
    }

    /// Resolves once the run is stopped.
    pub async fn stopped(&self) {
        self.token.cancelled().await
    }

    /// What an operation that was not sent because of the stop becomes.
    pub fn settled(&self) -> Settled {
        match self.reason() {
            Some(StopReason::AuthFailed(why)) => Settled::skipped(
                "aborted",
                format!("not sent: the run stopped because authentication failed ({why})"),
            ),
            _ => Settled::interrupted(),
        }
    }

    pub fn skipped(&self, index: usize, attempts: u32) -> Outcome {
        Outcome::settled(index, attempts, &self.settled())
    }
}
