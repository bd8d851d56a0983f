//! Access tokens: fetched once, shared by every call, renewed before they expire (runs can last
//! hours; tokens about one) and once more when the API answers 401.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use super::model::{TokenError, TokenResponse};
use crate::printer::Printer;
use crate::secret::Secret;
use crate::settings::Credential;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the token endpoint refused the credentials: {0}")]
    Refused(String),
    #[error("could not reach the token endpoint {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the bearer token in MDETAG_TOKEN was rejected and cannot be renewed; get a new one")]
    BearerRejected,
}

struct Cached {
    token: Secret,
    /// When to fetch a new one: a little before it expires.
    renew_at: Instant,
}

pub struct TokenProvider {
    credential: Credential,
    http: reqwest::Client,
    printer: Arc<Printer>,
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

    async fn fetch(&self) -> Result<Cached, AuthError> {
        let (authority, tenant_id, client_id, secret, scope) = match &self.credential {
            Credential::Bearer(token) => {
                // Used as is; its lifetime is unknown, so it is never "renewed".
                return Ok(Cached {
                    token: token.clone(),
                    renew_at: Instant::now() + Duration::from_secs(100 * 365 * 86400),
                });
            }
            Credential::ClientSecret {
                authority,
                tenant_id,
                client_id,
                secret,
                scope,
            } => (authority, tenant_id, client_id, secret, scope),
        };
        let url = format!(
            "{}/{}/oauth2/v2.0/token",
            authority.as_str().trim_end_matches('/'),
            tenant_id
        );
        self.printer
            .debug(|| format!("token: requesting for client {client_id} from {url}"));
        let started = Instant::now();
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", client_id.as_str()),
            ("client_secret", secret.expose()),
            ("scope", scope.as_str()),
        ];
        let response =
            self.http
                .post(&url)
                .form(&form)
                .send()
                .await
                .map_err(|e| AuthError::Unreachable {
                    url: url.clone(),
                    reason: super::describe_transport(&e),
                })?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| AuthError::Unreachable {
            url: url.clone(),
            reason: super::describe_transport(&e),
        })?;
        self.printer.debug(|| {
            format!(
                "token: {} in {} ms",
                status.as_u16(),
                started.elapsed().as_millis()
            )
        });
        if !status.is_success() {
            let why = match serde_json::from_slice::<TokenError>(&body) {
                // Entra appends "Trace ID: …" lines; the first line is the reason.
                Ok(e) => format!(
                    "{}: {}",
                    e.error,
                    e.error_description
                        .as_deref()
                        .unwrap_or("")
                        .lines()
                        .next()
                        .unwrap_or("")
                        .trim()
                ),
                Err(_) => format!("HTTP {}", status.as_u16()),
            };
            return Err(AuthError::Refused(why));
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
            AuthError::Refused("the token endpoint's answer has no access_token".into())
        })?;
        // expires_in is a number in v2.0 answers and a string in v1 ones.
        let lifetime = parsed
            .expires_in
            .and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .map_or(Duration::from_secs(3600), Duration::from_secs);
        Ok(Cached {
            token: Secret::new(parsed.access_token),
            renew_at: started + renew_after(lifetime),
        })
    }
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
