//! Access tokens: fetched once, shared by every call, renewed before they expire (runs can last
//! hours; tokens about one) and once more when the API answers 401. A token endpoint that does
//! not answer is asked again with backoff, and a token that is still valid keeps serving while
//! its renewal is retried: one blip of the token endpoint never stops a six-hour run.

use std::sync::Arc;
use std::time::Duration;

use rand::RngExt;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::{AuthError, Credential, Secret};
use crate::ui::Printer;

/// The longest lifetime a token is trusted to have, whatever the endpoint says.
pub(super) const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

pub(super) struct Cached {
    pub(super) token: Secret,
    /// When to fetch a new one: a little before it expires.
    pub(super) renew_at: Instant,
    /// When it stops working.
    pub(super) expires_at: Instant,
}

impl Cached {
    pub(super) fn new(token: Secret, started: Instant, lifetime: Duration) -> Cached {
        let lifetime = lifetime.min(MAX_LIFETIME);
        Cached {
            token,
            renew_at: started + renew_after(lifetime),
            expires_at: started + lifetime,
        }
    }
}

struct State {
    cached: Option<Cached>,
    /// After a failed renewal, the valid token keeps serving until this.
    next_renewal: Option<Instant>,
    failed_renewals: u32,
}

pub struct TokenProvider {
    pub(super) credential: Credential,
    pub(super) http: reqwest::Client,
    pub(super) printer: Arc<Printer>,
    /// How often a token request that could not be answered is made again.
    retries: u32,
    state: Mutex<State>,
}

impl TokenProvider {
    pub fn new(
        credential: Credential,
        http: reqwest::Client,
        printer: Arc<Printer>,
        retries: u32,
    ) -> Self {
        TokenProvider {
            credential,
            http,
            printer,
            retries,
            state: Mutex::new(State {
                cached: None,
                next_renewal: None,
                failed_renewals: 0,
            }),
        }
    }

    /// A token valid for a while yet. Concurrent callers share one fetch.
    pub async fn token(&self) -> Result<Secret, AuthError> {
        let mut state = self.state.lock().await;
        let now = Instant::now();
        if let Some(c) = &state.cached {
            let backing_off = state.next_renewal.is_some_and(|t| now < t);
            if now < c.renew_at || (backing_off && now < c.expires_at) {
                return Ok(c.token.clone());
            }
        }
        self.refresh(&mut state).await
    }

    /// The API refused `rejected` (401): fetch a new token unless another call already has.
    pub async fn renew(&self, rejected: &Secret) -> Result<Secret, AuthError> {
        let mut state = self.state.lock().await;
        if let Some(c) = &state.cached
            && &c.token != rejected
        {
            return Ok(c.token.clone());
        }
        if matches!(self.credential, Credential::Bearer(_)) {
            return Err(AuthError::BearerRejected);
        }
        // The rejected token is no use even while it has not expired.
        state.cached = None;
        self.refresh(&mut state).await
    }

    /// Fetches a new token. With a valid one in hand, one failed attempt leaves it serving
    /// (and the next renewal waits a little); with none, the request is made again with
    /// backoff, as the API's calls are.
    async fn refresh(&self, state: &mut State) -> Result<Secret, AuthError> {
        let mut attempt = 0;
        loop {
            match self.fetch().await {
                Ok(fresh) => {
                    let token = fresh.token.clone();
                    state.cached = Some(fresh);
                    state.next_renewal = None;
                    state.failed_renewals = 0;
                    return Ok(token);
                }
                Err(e) if e.is_transient() => {
                    let wait = wait_before_retry(&e, attempt);
                    let now = Instant::now();
                    if let Some(c) = state.cached.as_ref().filter(|c| now < c.expires_at) {
                        state.failed_renewals += 1;
                        state.next_renewal = Some(now + wait.unwrap_or(Duration::from_secs(30)));
                        if state.failed_renewals == 1 {
                            self.printer.warn(format!(
                                "{e}; the current token serves until it expires while renewal is retried"
                            ));
                        }
                        return Ok(c.token.clone());
                    }
                    match wait {
                        Some(wait) if attempt < self.retries => {
                            self.printer
                                .debug(|| format!("token: {e}; again in {} ms", wait.as_millis()));
                            tokio::time::sleep(wait).await;
                            attempt += 1;
                        }
                        _ => return Err(e),
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The claims of the current token, if it is a JWT (for `auth status` and the role check).
    pub async fn claims(&self) -> Result<Option<serde_json::Value>, AuthError> {
        let token = self.token().await?;
        Ok(decode_claims(&token))
    }
}

/// How long to wait before asking the token endpoint again: what it asks for (never past an
/// hour: then `None`, give up), else backoff with jitter.
fn wait_before_retry(e: &AuthError, attempt: u32) -> Option<Duration> {
    let asked = match e {
        AuthError::Unavailable { retry_after, .. } => *retry_after,
        _ => None,
    };
    match asked {
        Some(d) if d > crate::http::MAX_WAIT => None,
        Some(d) if !d.is_zero() => Some(d),
        // None, or zero, or a date in the past: back off as for any failure.
        _ => Some(crate::http::backoff(
            Duration::from_millis(500),
            Duration::from_secs(30),
            attempt,
            rand::rng().random::<f64>(),
        )),
    }
}

/// The payload of a JWT, unverified (the API verifies it; this only reads what it says).
pub fn decode_claims(token: &Secret) -> Option<serde_json::Value> {
    use base64::Engine;
    let payload = token.expose().split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Renew 5 minutes before a token ends, or at 80% of its life when that is later (short-lived
/// tokens would otherwise be "due" the moment they arrive and be fetched for every call).
pub fn renew_after(lifetime: Duration) -> Duration {
    let lifetime = lifetime.min(MAX_LIFETIME);
    let early = lifetime.saturating_sub(Duration::from_secs(300));
    early.max(lifetime.mul_f64(0.8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_renewed_before_they_end() {
        assert_eq!(
            renew_after(Duration::from_secs(3600)),
            Duration::from_secs(3300)
        );
        assert_eq!(renew_after(Duration::from_secs(10)), Duration::from_secs(8));
        assert_eq!(renew_after(Duration::from_secs(0)), Duration::ZERO);
        assert_eq!(
            renew_after(Duration::MAX),
            MAX_LIFETIME - Duration::from_secs(300)
        );
    }

    #[test]
    fn a_wait_over_an_hour_is_not_waited() {
        let busy = |s| AuthError::Unavailable {
            url: "u".into(),
            status: 429,
            retry_after: Some(Duration::from_secs(s)),
        };
        assert_eq!(wait_before_retry(&busy(7), 0), Some(Duration::from_secs(7)));
        assert_eq!(wait_before_retry(&busy(u64::MAX), 0), None);
        let down = AuthError::Unreachable {
            url: "u".into(),
            reason: "reset".into(),
        };
        assert!(wait_before_retry(&down, 3).unwrap() <= Duration::from_secs(4));
    }
}
