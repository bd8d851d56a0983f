//! Stopping a run early: why, and what the operations that were not sent become. A stop lets
//! calls in flight finish; abandoning (a second signal, or 30 s after the first) stops waiting
//! for them too.

use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

use crate::exit::Signal;
use crate::model::Reason;
use crate::model::{Outcome, Settled};

/// Why the run stopped dispatching early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// A signal: in-flight calls finish, the rest are skipped.
    Signal(Signal),
    /// Authentication can no longer succeed (secret revoked, bearer token expired): sending
    /// the remaining calls would only burn the rate limit on 401s.
    AuthFailed(String),
    /// The journal could not be written: a call sent now could not be resumed after a crash.
    Journal(String),
    /// Call after call failed for connection errors, timeouts or 5xx: the API is not answering.
    Unanswered,
}

/// Operations in a row that fail for connection errors, timeouts or 5xx (after their retries)
/// before the run stops sending.
pub const BREAKER: usize = 10;

#[derive(Default)]
pub struct Stop {
    token: CancellationToken,
    abandon: CancellationToken,
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

    /// Stops waiting for calls in flight: they end `failed` `Interrupted`.
    pub fn abandon(&self) {
        self.token.cancel();
        self.abandon.cancel();
    }

    pub fn reason(&self) -> Option<StopReason> {
        self.reason.lock().expect("stop").clone()
    }

    pub fn is_stopped(&self) -> bool {
        self.token.is_cancelled()
    }

    /// Resolves once the run is stopped.
    pub async fn stopped(&self) {
        self.token.cancelled().await
    }

    /// Resolves once calls in flight are given up on.
    pub async fn abandoned(&self) {
        self.abandon.cancelled().await
    }

    /// What an operation that was not sent because of the stop becomes.
    pub fn settled(&self) -> Settled {
        match self.reason() {
            Some(StopReason::AuthFailed(why)) => Settled::skipped(
                Reason::Aborted,
                format!("not sent: the run stopped because authentication failed ({why})"),
            ),
            Some(StopReason::Unanswered) => Settled::skipped(
                Reason::Aborted,
                format!(
                    "not sent: the API is not answering ({BREAKER} operations in a row failed after their retries)"
                ),
            ),
            Some(StopReason::Journal(why)) => Settled::skipped(
                Reason::Aborted,
                format!(
                    "not sent: the run stopped because its journal could not be written ({why})"
                ),
            ),
            _ => Settled::interrupted(),
        }
    }

    pub fn skipped(&self, index: usize, attempts: u32) -> Outcome {
        Outcome::settled(index, attempts, &self.settled())
    }
}
