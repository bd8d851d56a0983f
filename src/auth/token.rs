//! Access tokens: fetched once, shared by every call, renewed before they expire (runs can last
//! hours; tokens about one) and once more when the API answers 401.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use super::{AuthError, Credential, Secret};
use crate::ui::Printer;

pub(super) struct Cached {
    pub(super) token: Secret,
    /// When to fetch a new one: a little before it expires.
    pub(super) renew_at: Instant,
}

pub struct TokenProvider {
    pub(super) credential: Credential,
    pub(super) http: reqwest::Client,
    pub(super) printer: Arc<Printer>,
    cached: Mutex<Option<Cached>>,
}

impl TokenProvider {
    pub fn new(credential: Credential, http: reqwest::Client, printer: Arc<Printer>) -> Self {
        TokenProvider {
            credential,
            http,
            printer,
            cached: Mutex::new(None),
        }
    }

    /// A token valid for a while yet. Concurrent callers share one fetch.
    pub async fn token(&self) -> Result<Secret, AuthError> {
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref()
            && Instant::now() < c.renew_at
        {
            return Ok(c.token.clone());
        }
        let fresh = self.fetch().await?;
        let token = fresh.token.clone();
        *cached = Some(fresh);
        Ok(token)
    }

    /// The API refused `rejected` (401): fetch a new token unless another call already has.
    pub async fn renew(&self, rejected: &Secret) -> Result<Secret, AuthError> {
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref()
            && &c.token != rejected
        {
            return Ok(c.token.clone());
        }
        if matches!(self.credential, Credential::Bearer(_)) {
            return Err(AuthError::BearerRejected);
        }
        let fresh = self.fetch().await?;
        let token = fresh.token.clone();
        *cached = Some(fresh);
        Ok(token)
    }

    /// The claims of the current token, if it is a JWT (for `auth status` and the role check).
    pub async fn claims(&self) -> Result<Option<serde_json::Value>, AuthError> {
        let token = self.token().await?;
        Ok(decode_claims(&token))
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
    }
}
