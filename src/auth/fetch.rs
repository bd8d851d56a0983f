//! The requests that buy a token: the client credentials grant (secret or certificate
//! assertion), the managed identity endpoint, and the Azure CLI.

use std::time::Duration;

use tokio::time::Instant;

use super::token::{Cached, MAX_LIFETIME, TokenProvider};
use super::{AuthError, ClientCertificate, Credential, Secret};

/// The token endpoint's answer.
#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    /// Managed identity endpoints answer with an absolute time instead.
    #[serde(default)]
    expires_on: Option<serde_json::Value>,
}

impl TokenProvider {
    pub(super) async fn fetch(&self) -> Result<Cached, AuthError> {
        match &self.credential {
            Credential::Bearer(token) => {
                // Used as is; its lifetime is unknown, so it is never "renewed" (a day is as
                // long as any token is trusted).
                Ok(Cached::new(
                    token.clone(),
                    Instant::now(),
                    super::token::MAX_LIFETIME,
                ))
            }
            Credential::ClientSecret {
                authority,
                tenant_id,
                client_id,
                secret,
                scope,
            } => {
                // A proxy or endpoint may echo the Basic form (RFC 6749 §2.3.1) too.
                secret.sent_as_basic_by(client_id);
                let proof = [("client_secret", secret.expose().to_string())];
                self.client_credentials(authority, tenant_id, client_id, scope, &proof)
                    .await
            }
            Credential::Certificate {
                authority,
                tenant_id,
                client_id,
                certificate,
                scope,
            } => {
                let url = token_url(authority, tenant_id);
                let assertion = client_assertion(certificate, client_id, &url)?;
                let assertion = Secret::new(assertion);
                let proof = [
                    (
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_string(),
                    ),
                    ("client_assertion", assertion.expose().to_string()),
                ];
                self.client_credentials(authority, tenant_id, client_id, scope, &proof)
                    .await
            }
            Credential::ManagedIdentity {
                endpoint,
                header,
                resource,
                client_id,
            } => {
                let mut url = endpoint.clone();
                url.query_pairs_mut()
                    .append_pair("api-version", "2019-08-01")
                    .append_pair("resource", resource);
                if let Some(c) = client_id {
                    url.query_pairs_mut().append_pair("client_id", c);
                }
                self.printer
                    .debug(|| format!("token: managed identity at {}", endpoint.as_str()));
                let started = Instant::now();
                let deadline = crate::http::attempt_deadline();
                let request = self
                    .http
                    .get(url)
                    .header("X-IDENTITY-HEADER", header.expose())
                    .send();
                let response = sent(deadline, request, endpoint.as_str()).await?;
                self.token_answer(response, started, endpoint.as_str(), deadline)
                    .await
            }
            Credential::AzureCli {
                resource,
                tenant_id,
            } => self.azure_cli(resource, tenant_id.as_deref()).await,
        }
    }

    /// The client credentials grant, with a secret or a client assertion as `proof`.
    async fn client_credentials(
        &self,
        authority: &url::Url,
        tenant_id: &str,
        client_id: &str,
        scope: &str,
        proof: &[(&str, String)],
    ) -> Result<Cached, AuthError> {
        let url = token_url(authority, tenant_id);
        self.printer
            .debug(|| format!("token: requesting for client {client_id} from {url}"));
        let started = Instant::now();
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("scope", scope),
        ];
        form.extend(proof.iter().map(|(k, v)| (*k, v.as_str())));
        // One deadline for the answer's headers and body together: an endpoint that drips its
        // answer cannot hold the run longer than a call.
        let deadline = crate::http::attempt_deadline();
        let response = sent(deadline, self.http.post(&url).form(&form).send(), &url).await?;
        self.token_answer(response, started, &url, deadline).await
    }

    /// Reads a token endpoint's answer (Entra's, or the managed identity endpoint's).
    async fn token_answer(
        &self,
        response: reqwest::Response,
        started: Instant,
        url: &str,
        deadline: Instant,
    ) -> Result<Cached, AuthError> {
        let status = response.status();
        let retry_after = crate::http::retry_after(&response);
        self.printer.debug(|| {
            format!(
                "token: {} in {} ms",
                status.as_u16(),
                started.elapsed().as_millis()
            )
        });
        if status.is_redirection() {
            // Following it would send the secret (or the assertion, or the identity header)
            // to wherever it points. Its body is not read: the status says it all.
            return Err(AuthError::Refused(format!(
                "the token endpoint answered {}, a redirect; mdetag follows none",
                status.as_u16()
            )));
        }
        if status.is_server_error() || status.as_u16() == 429 {
            return Err(AuthError::Unavailable {
                url: url.to_string(),
                status: status.as_u16(),
                retry_after,
            });
        }
        // A refusal's body only explains it: a little of it, for a little while.
        let read = async {
            if status.is_success() {
                crate::http::read_capped(response, crate::http::TOKEN_BODY_CAP).await
            } else {
                crate::http::read_error_body(response).await
            }
        };
        let body = tokio::time::timeout_at(deadline, read)
            .await
            .unwrap_or_else(|_| Err(crate::http::BodyError::Transport(crate::http::timed_out())));
        let body = match body {
            Ok(body) => body,
            // The refusal stands without its explanation.
            Err(_) if !status.is_success() => Vec::new(),
            Err(e @ crate::http::BodyError::TooLarge(_)) => {
                return Err(AuthError::Refused(e.to_string()));
            }
            Err(crate::http::BodyError::Transport(reason)) => {
                return Err(AuthError::Unreachable {
                    url: url.to_string(),
                    reason,
                });
            }
        };
        if !status.is_success() {
            let why = match serde_json::from_slice::<super::refusal::TokenError>(&body) {
                Ok(e) => super::refusal::shown(&e),
                Err(_) => format!("HTTP {}", status.as_u16()),
            };
            return Err(AuthError::Refused(why));
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
            AuthError::Refused("the token endpoint's answer has no access_token".into())
        })?;
        let lifetime = lifetime(parsed.expires_in.as_ref(), parsed.expires_on.as_ref());
        Ok(Cached::new(
            Secret::new(parsed.access_token),
            started,
            lifetime,
        ))
    }

    async fn azure_cli(
        &self,
        resource: &str,
        tenant_id: Option<&str>,
    ) -> Result<Cached, AuthError> {
        let mut cmd = tokio::process::Command::new("az");
        cmd.args([
            "account",
            "get-access-token",
            "--resource",
            resource,
            "--output",
            "json",
        ]);
        if let Some(t) = tenant_id {
            cmd.args(["--tenant", t]);
        }
        self.printer
            .debug(|| format!("token: az account get-access-token --resource {resource}"));
        let started = Instant::now();
        let out = az_output(cmd).await?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr)
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string();
            return Err(AuthError::Refused(format!(
                "az account get-access-token failed: {why}"
            )));
        }
        #[derive(serde::Deserialize)]
        struct CliToken {
            #[serde(rename = "accessToken")]
            access_token: String,
            #[serde(default)]
            expires_on: Option<serde_json::Value>,
        }
        let parsed: CliToken = serde_json::from_slice(&out.stdout).map_err(|_| {
            AuthError::Refused("az account get-access-token printed no accessToken".into())
        })?;
        let lifetime = lifetime(None, parsed.expires_on.as_ref());
        Ok(Cached::new(
            Secret::new(parsed.access_token),
            started,
            lifetime,
        ))
    }
}

/// The most read from `az` on each of its outputs: a token is a few KiB.
const AZ_CAP: u64 = 1 << 20;

/// Runs `az`, reading at most `AZ_CAP` of each output and waiting no longer than a call: an
/// `az` that prints without end, or never ends, is stopped and refused.
async fn az_output(mut cmd: tokio::process::Command) -> Result<std::process::Output, AuthError> {
    use std::process::Stdio;
    use tokio::io::AsyncReadExt;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| AuthError::Refused(format!("cannot run the Azure CLI (az): {e}")))?;
    let capped = |pipe: Option<_>| async move {
        let mut buf = Vec::new();
        if let Some(pipe) = pipe {
            let pipe: Box<dyn tokio::io::AsyncRead + Unpin + Send> = pipe;
            let _ = pipe.take(AZ_CAP + 1).read_to_end(&mut buf).await;
        }
        buf
    };
    let stdout = child
        .stdout
        .take()
        .map(|p| Box::new(p) as Box<dyn tokio::io::AsyncRead + Unpin + Send>);
    let stderr = child
        .stderr
        .take()
        .map(|p| Box::new(p) as Box<dyn tokio::io::AsyncRead + Unpin + Send>);
    let deadline = crate::http::attempt_deadline();
    let read = async {
        let errors = tokio::spawn(capped(stderr));
        let stdout = capped(stdout).await;
        if stdout.len() as u64 > AZ_CAP {
            return Err(AuthError::Refused(
                "az account get-access-token printed more than 1 MiB; that is no token".into(),
            ));
        }
        let status = child
            .wait()
            .await
            .map_err(|e| AuthError::Refused(format!("cannot run the Azure CLI (az): {e}")))?;
        let stderr = errors.await.unwrap_or_default();
        Ok(std::process::Output {
            status,
            stdout,
            stderr,
        })
    };
    match tokio::time::timeout_at(deadline, read).await {
        Ok(out) => out,
        Err(_) => Err(AuthError::Refused(
            "az account get-access-token did not finish in time".into(),
        )),
    }
}

/// A token request sent, and its answer's headers, by `deadline`.
async fn sent(
    deadline: Instant,
    request: impl Future<Output = reqwest::Result<reqwest::Response>>,
    url: &str,
) -> Result<reqwest::Response, AuthError> {
    let reason = match tokio::time::timeout_at(deadline, request).await {
        Ok(Ok(response)) => return Ok(response),
        Ok(Err(e)) => crate::http::describe(&e),
        Err(_) => crate::http::timed_out(),
    };
    Err(AuthError::Unreachable {
        url: url.to_string(),
        reason,
    })
}

fn token_url(authority: &url::Url, tenant_id: &str) -> String {
    format!(
        "{}/{}/oauth2/v2.0/token",
        authority.as_str().trim_end_matches('/'),
        tenant_id
    )
}

/// A token's lifetime from `expires_in` (seconds from now) or `expires_on` (Unix time), either
/// as a number or a string; an hour when neither is given.
fn lifetime(
    expires_in: Option<&serde_json::Value>,
    expires_on: Option<&serde_json::Value>,
) -> Duration {
    let number = |v: &serde_json::Value| {
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    };
    // Any number the endpoint sends is taken at most as a day.
    if let Some(secs) = expires_in.and_then(number) {
        return Duration::from_secs(secs).min(MAX_LIFETIME);
    }
    if let Some(at) = expires_on.and_then(number) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        return Duration::from_secs(at.saturating_sub(now)).min(MAX_LIFETIME);
    }
    Duration::from_secs(3600)
}

/// The signed JWT that proves possession of the certificate's key, as Microsoft documents for
/// "certificate credentials": RS256, `x5t` = the certificate's SHA-1 thumbprint, audience the
/// token endpoint, issuer and subject the client ID, valid for ten minutes.
fn client_assertion(
    cert: &ClientCertificate,
    client_id: &str,
    token_url: &str,
) -> Result<String, AuthError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.x5t = Some(cert.thumbprint.clone());
    let jti = format!("{:032x}", rand::random::<u128>());
    let claims = serde_json::json!({
        "aud": token_url, "iss": client_id, "sub": client_id, "jti": jti,
        "nbf": now, "iat": now, "exp": now + 600,
    });
    jsonwebtoken::encode(&header, &claims, &cert.key)
        .map_err(|e| AuthError::Refused(format!("cannot sign the client assertion: {e}")))
}
