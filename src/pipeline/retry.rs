//! What to do after a failed attempt (SPEC.md "Retries"). Pure: the executor supplies the
//! failure's class (from `api`) and a random number, and gets back how long to wait, or to
//! give up.

use std::time::Duration;

pub use crate::api::FailureClass;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Retry {
        after: Duration,
        pause_everyone: bool,
    },
    RenewTokenAndRetry,
    GiveUp,
}

#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Retries for transient failures (`--retries`).
    pub retries: u32,
    /// First backoff step; doubles with each retry.
    pub base: Duration,
    /// Longest single backoff.
    pub cap: Duration,
    /// 429s do not count against `retries`: they are waited out as the service asks, but not
    /// past this (one Retry-After this long, or throttled this long in a row), so a misbehaving
    /// service cannot hold a run hostage.
    pub max_throttled: Duration,
    /// The first wait for a 429 without a usable Retry-After (none, unparsable, zero or in
    /// the past); it doubles while 429s repeat (SPEC.md), so a server that keeps saying "now"
    /// is not asked again every few milliseconds.
    pub default_throttle_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 5,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(30),
            max_throttled: crate::http::MAX_WAIT,
            default_throttle_wait: Duration::from_secs(1),
        }
    }
}

/// The retry history of one call.
#[derive(Clone, Copy, Debug, Default)]
pub struct Attempts {
    pub transient: u32,
    pub renewals: u32,
    /// 429s this call has had.
    pub throttled: u32,
    /// How long the run has been answered nothing but 429 (the pacer knows).
    pub throttled_for: Duration,
}

/// A call renews its token on a 401 at most this often; more means something is wrong with the
/// credential or the clock, not with one token.
pub const MAX_RENEWALS: u32 = 3;

impl RetryPolicy {
    /// `jitter` is a random number in [0, 1).
    pub fn decide(&self, class: FailureClass, history: &mut Attempts, jitter: f64) -> Decision {
        match class {
            FailureClass::Throttled { retry_after } => {
                let after = match retry_after {
                    Some(told) if !told.is_zero() => told,
                    // 1 s, 2 s, 4 s …, never past the longest wait.
                    _ => self
                        .default_throttle_wait
                        .saturating_mul(1 << history.throttled.min(20))
                        .min(self.max_throttled),
                };
                history.throttled = history.throttled.saturating_add(1);
                if after > self.max_throttled || history.throttled_for > self.max_throttled {
                    return Decision::GiveUp;
                }
                Decision::Retry {
                    after,
                    pause_everyone: true,
                }
            }
            FailureClass::Transient => {
                if history.transient >= self.retries {
                    return Decision::GiveUp;
                }
                let step = self.backoff(history.transient, jitter);
                history.transient += 1;
                Decision::Retry {
                    after: step,
                    pause_everyone: false,
                }
            }
            FailureClass::Unauthorized if history.renewals < MAX_RENEWALS => {
                history.renewals += 1;
                Decision::RenewTokenAndRetry
            }
            FailureClass::Unauthorized
            | FailureClass::UnauthorizedAfterRenewal
            | FailureClass::Permanent => Decision::GiveUp,
        }
    }

    /// Exponential backoff with "equal jitter": half the step is fixed, half random, so retries
    /// of many calls that failed together spread out but still wait a sensible minimum.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        crate::http::backoff(self.base, self.cap, retry, jitter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_failures_back_off_up_to_the_retry_budget() {
        let p = RetryPolicy {
            retries: 3,
            ..Default::default()
        };
        let mut h = Attempts::default();
        let waits: Vec<_> = (0..4)
            .map(|_| p.decide(FailureClass::Transient, &mut h, 0.0))
            .collect();
        assert_eq!(
            waits,
            vec![
                Decision::Retry {
                    after: Duration::from_millis(250),
                    pause_everyone: false
                },
                Decision::Retry {
                    after: Duration::from_millis(500),
                    pause_everyone: false
                },
                Decision::Retry {
                    after: Duration::from_millis(1000),
                    pause_everyone: false
                },
                Decision::GiveUp,
            ]
        );
    }

    #[test]
    fn throttling_waits_as_told_without_using_retries_but_not_past_an_hour() {
        let p = RetryPolicy {
            retries: 0,
            ..Default::default()
        };
        let mut h = Attempts::default();
        let told = |s| FailureClass::Throttled {
            retry_after: Some(Duration::from_secs(s)),
        };
        for _ in 0..50 {
            assert_eq!(
                p.decide(told(7), &mut h, 0.5),
                Decision::Retry {
                    after: Duration::from_secs(7),
                    pause_everyone: true
                }
            );
        }
        let untold = FailureClass::Throttled { retry_after: None };
        assert_eq!(
            p.decide(untold, &mut Attempts::default(), 0.5),
            Decision::Retry {
                after: Duration::from_secs(1),
                pause_everyone: true
            }
        );
        assert_eq!(p.decide(told(3601), &mut h, 0.5), Decision::GiveUp);
        assert_eq!(p.decide(told(u64::MAX), &mut h, 0.5), Decision::GiveUp);
        h.throttled_for = Duration::from_secs(3601);
        assert_eq!(p.decide(told(1), &mut h, 0.5), Decision::GiveUp);
    }

    /// SPEC.md: a Retry-After in the past (read as zero), zero or unparsable (read as none)
    /// counts as 1 s, doubling while 429s repeat; a usable one is waited as told.
    #[test]
    fn an_unusable_retry_after_is_a_second_doubling_while_429s_repeat() {
        let p = RetryPolicy::default();
        let wait = |class, h: &mut Attempts| match p.decide(class, h, 0.5) {
            Decision::Retry {
                after,
                pause_everyone: true,
            } => after.as_secs(),
            d => panic!("{d:?}"),
        };
        for unusable in [Some(Duration::ZERO), None] {
            let class = FailureClass::Throttled {
                retry_after: unusable,
            };
            let mut h = Attempts::default();
            let waits: Vec<u64> = (0..6).map(|_| wait(class, &mut h)).collect();
            assert_eq!(waits, [1, 2, 4, 8, 16, 32], "{unusable:?}");
            let told = FailureClass::Throttled {
                retry_after: Some(Duration::from_secs(3)),
            };
            assert_eq!(wait(told, &mut h), 3);
            // Never past the longest wait, however long 429s repeat.
            for _ in 0..100 {
                assert!(wait(class, &mut h) <= p.max_throttled.as_secs());
            }
        }
    }

    #[test]
    fn unauthorized_renews_and_a_refused_fresh_token_gives_up() {
        let p = RetryPolicy::default();
        let mut h = Attempts::default();
        assert_eq!(
            p.decide(FailureClass::Unauthorized, &mut h, 0.0),
            Decision::RenewTokenAndRetry
        );
        assert_eq!(
            p.decide(FailureClass::UnauthorizedAfterRenewal, &mut h, 0.0),
            Decision::GiveUp
        );
        // A renewed token that expired while the call waited is renewed again, a few times.
        let mut h = Attempts::default();
        for _ in 0..MAX_RENEWALS {
            assert_eq!(
                p.decide(FailureClass::Unauthorized, &mut h, 0.0),
                Decision::RenewTokenAndRetry
            );
        }
        assert_eq!(
            p.decide(FailureClass::Unauthorized, &mut h, 0.0),
            Decision::GiveUp
        );
        assert_eq!(
            p.decide(FailureClass::Permanent, &mut Attempts::default(), 0.0),
            Decision::GiveUp
        );
    }
}
