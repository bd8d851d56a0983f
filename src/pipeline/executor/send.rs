//! Sending one logical call: pacing before every attempt, token renewal on 401, retries as
//! the policy says, and the stop rules. It needs only tokens (`Authorized`), so hunting
//! queries go through it as machine calls do.

use std::future::Future;
use std::sync::Arc;

use rand::RngExt;

use super::{Executor, Leaving, SendError};
use crate::api::{ApiError, Authorized};
use crate::auth::Secret;
use crate::pipeline::retry::{Attempts, Decision, FailureClass};
use crate::pipeline::stop::StopReason;

/// The failure of a call that may not wait for the API any longer (`TooManyRequests`), with
/// the status of the answer it last had, if it was sent.
fn throttled_out(why: String, last: Option<&ApiError>) -> ApiError {
    ApiError::WaitedTooLong {
        status: last.and_then(ApiError::http_status),
        message: format!("{why}; not carried out: try again later"),
    }
}

/// Sending one logical call needs only tokens: the hunting queries go through it too.
impl<A: Authorized> Executor<A> {
    /// Sends one logical call: waits for the pacer before every attempt, renews the token on
    /// 401, retries as the policy says. `attempts` counts what was sent; `leaving` (writes) is
    /// told as each attempt goes out.
    pub async fn send<T, F, Fut>(
        &self,
        attempts: &mut u32,
        leaving: Leaving<'_>,
        mut attempt: F,
    ) -> Result<T, SendError>
    where
        F: FnMut(Arc<A>, Secret) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let mut history = Attempts::default();
        // The token this call got by renewing after a 401, if any.
        let mut renewed: Option<Secret> = None;
        // The last failure, for when the run stops before the call is retried.
        let mut last: Option<ApiError> = None;
        // This call's place in the pacer's queue, kept across its retries.
        let mut ticket = None;
        loop {
            tokio::select! {
                biased;
                _ = self.stop.stopped() => return Err(self.stopped_after(last)),
                admitted = self.pacer.acquire(&mut ticket) => {
                    if let Err(closed) = admitted {
                        return Err(SendError::Failed(throttled_out(closed.0, last.as_ref())));
                    }
                }
            }
            // No new call starts after a stop, however long its token took.
            let token = tokio::select! {
                biased;
                _ = self.stop.stopped() => return Err(self.stopped_after(last)),
                token = self.api.token() => token,
            };
            let (failure, token) = match token {
                Ok(token) => {
                    if self.stop.is_stopped() {
                        // Stopped while the token came: this attempt is never sent.
                        return Err(self.stopped_after(last));
                    }
                    *attempts += 1;
                    if let Some((observer, ops)) = leaving {
                        observer.leaving(ops);
                    }
                    let answer = tokio::select! {
                        biased;
                        answer = attempt(self.api.clone(), token.clone()) => answer,
                        _ = self.stop.abandoned() => return Err(SendError::Abandoned),
                    };
                    match answer {
                        Ok(v) => {
                            self.pacer.answered();
                            return Ok(v);
                        }
                        Err(f) => {
                            if !matches!(f.class(), FailureClass::Throttled { .. }) {
                                self.pacer.answered();
                            }
                            (f, Some(token))
                        }
                    }
                }
                // The token endpoint did not answer (a valid token would have served): a
                // failure like any other connection's, retried as the policy says.
                Err(e) if e.is_transient() => (ApiError::Auth(e), None),
                Err(e) => {
                    self.stop.stop(StopReason::AuthFailed(e.to_string()));
                    return Err(SendError::Failed(ApiError::Auth(e)));
                }
            };
            let jitter = rand::rng().random::<f64>();
            let class = match failure.class() {
                FailureClass::Unauthorized if renewed.is_some() && renewed == token => {
                    FailureClass::UnauthorizedAfterRenewal
                }
                class => class,
            };
            history.throttled_for = self.pacer.throttled_for();
            match self.policy.decide(class, &mut history, jitter) {
                Decision::Retry {
                    after,
                    pause_everyone: true,
                } => {
                    // The pacer holds every call until then, this one included (the policy
                    // keeps `after` within an hour, so this cannot overflow).
                    self.pacer.pause_until(tokio::time::Instant::now() + after);
                }
                Decision::Retry {
                    after,
                    pause_everyone: false,
                } => {
                    tokio::select! {
                        _ = self.stop.stopped() => return Err(self.stopped_after(Some(failure))),
                        _ = tokio::time::sleep(after) => {}
                    }
                }
                Decision::RenewTokenAndRetry => {
                    let Some(rejected) = token else {
                        return Err(SendError::Failed(failure));
                    };
                    match self.renew(&rejected).await {
                        Ok(fresh) => renewed = Some(fresh),
                        Err(e) if e.is_transient() => {}
                        Err(e) => {
                            self.stop.stop(StopReason::AuthFailed(e.to_string()));
                            return Err(SendError::Failed(failure));
                        }
                    }
                }
                Decision::GiveUp if matches!(class, FailureClass::Throttled { .. }) => {
                    // Longer than mdetag waits: this call and every one waiting fail now,
                    // rather than each being sent into the same wall.
                    let why = match class {
                        FailureClass::Throttled {
                            retry_after: Some(after),
                        } if after > self.policy.max_throttled => format!(
                            "the API asked for a wait of {} s (Retry-After), longer than the {} s mdetag waits",
                            after.as_secs(),
                            self.policy.max_throttled.as_secs()
                        ),
                        _ => format!(
                            "the API has answered only 429 for more than {} s in a row",
                            self.policy.max_throttled.as_secs()
                        ),
                    };
                    self.pacer.close(why.clone());
                    return Err(SendError::Failed(throttled_out(why, Some(&failure))));
                }
                Decision::GiveUp => {
                    if failure.http_status() == Some(401) {
                        self.stop.stop(StopReason::AuthFailed(
                            "the API answered 401 even to a newly issued token".into(),
                        ));
                    }
                    return Err(SendError::Failed(failure));
                }
            }
            last = Some(failure);
        }
    }

    /// A fresh token for one the API refused (401). Calls refused at once share one renewal:
    /// a call whose token was renewed by another within a call's time gets that renewal's
    /// token, and if the API refuses that one too, the credential itself is refused.
    async fn renew(&self, rejected: &Secret) -> Result<Secret, crate::auth::AuthError> {
        let mut last = self.renewals.0.lock().await;
        if let Some((refused, fresh, at)) = &*last
            && refused == rejected
            && at.elapsed() < crate::http::call_timeout()
        {
            return Ok(fresh.clone());
        }
        let fresh = self.api.renew(rejected).await?;
        *last = Some((rejected.clone(), fresh.clone(), tokio::time::Instant::now()));
        Ok(fresh)
    }

    /// A stop that came while a failed call waited to be retried. A call that may have been
    /// applied reports its failure (the results must not say "not sent"). So does one stopped
    /// for the API or the credential rather than a signal: its answer (a 401, a 503) is what
    /// happened to it, and it is not retried once the run has stopped. One a signal stopped
    /// is skipped: it surely was not applied.
    pub(super) fn stopped_after(&self, last: Option<ApiError>) -> SendError {
        match last {
            Some(f @ ApiError::NoAnswer(_)) => SendError::Failed(f),
            Some(f) if !matches!(self.stop.reason(), Some(StopReason::Signal(_))) => {
                SendError::Failed(f)
            }
            _ => SendError::Stopped,
        }
    }
}
