//! The Defender machine API, typed. One `reqwest::Client` (rustls, pooled connections,
//! deflate/gzip decoding, timeouts) serves the whole run.

pub mod auth;
pub mod model;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::time::Instant;
use url::Url;

use crate::pipeline::retry::{FailureClass, parse_retry_after};
use crate::plan::{Action, MachineId};
use crate::printer::Printer;
use crate::secret::Secret;
use auth::{AuthError, TokenProvider};
use model::{
    BatchTagRequest, ErrorBody, Machine, MachinePage, ReplaceTags, TagRequest, UpdateMachine,
};

/// Why one attempt failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiFailure {
    #[error("{code}: {message}")]
    Http {
        status: u16,
        code: String,
        message: String,
        retry_after: Option<Duration>,
    },
    #[error("{0}")]
    Transport(String),
    #[error(transparent)]
    Auth(#[from] AuthError),
}

impl ApiFailure {
    pub fn class(&self) -> FailureClass {
        match self {
            ApiFailure::Http {
                status: 429,
                retry_after,
                ..
            } => FailureClass::Throttled {
                retry_after: *retry_after,
            },
            ApiFailure::Http { status: 401, .. } => FailureClass::Unauthorized,
            ApiFailure::Http { status, .. } if *status >= 500 => FailureClass::Transient,
            ApiFailure::Http { .. } => FailureClass::Permanent,
            ApiFailure::Transport(_) => FailureClass::Transient,
            ApiFailure::Auth(AuthError::Unreachable { .. }) => FailureClass::Transient,
            ApiFailure::Auth(_) => FailureClass::Permanent,
        }
    }

    /// A 4xx that says something about the request (a bad ID in a batch, say), not about
    /// authentication or throttling: the kind a batch is split on.
    pub fn is_request_error(&self) -> bool {
        matches!(self, ApiFailure::Http { status, .. } if (400..500).contains(status) && !matches!(status, 401 | 403 | 429))
    }

    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiFailure::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Code and message for the results.
    pub fn code_and_message(&self) -> (String, String) {
        match self {
            ApiFailure::Http { code, message, .. } => (code.clone(), message.clone()),
            ApiFailure::Transport(m) => ("ConnectionError".into(), m.clone()),
            ApiFailure::Auth(e) => ("AuthenticationFailed".into(), e.to_string()),
        }
    }
}

/// A transport error in words, without the URL's query (never holds secrets here, but stays
/// short) and with the underlying cause.
pub fn describe_transport(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "the answer was cut off"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    if cause.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}: {cause}")
    }
}

/// Which page of the machine list to fetch.
#[derive(Clone, Debug)]
pub enum ListPage {
    First { filter: Option<String> },
    Next(String),
}

pub struct MdeClient {
    http: reqwest::Client,
    base: Url,
    pub auth: TokenProvider,
    printer: Arc<Printer>,
}

/// Per-call limit: a tag call is small; anything slower is a stuck connection.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// The run's HTTP client. `hosts` are the URLs it will talk to: when all of them are on this
/// machine (the sandbox, mde-sim) proxy variables are ignored, so a corporate `HTTPS_PROXY`
/// cannot swallow loopback traffic.
pub fn http_client(hosts: &[&Url]) -> reqwest::Client {
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!("mdetag/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(15))
        .timeout(CALL_TIMEOUT)
        .pool_idle_timeout(Duration::from_secs(50));
    if !hosts.is_empty() && hosts.iter().all(|u| crate::settings::is_loopback(u)) {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .expect("the HTTP client's settings are valid")
}

impl MdeClient {
    pub fn new(
        http: reqwest::Client,
        base: Url,
        auth: TokenProvider,
        printer: Arc<Printer>,
    ) -> Self {
        MdeClient {
            http,
            base,
            auth,
            printer,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base.as_str().trim_end_matches('/'), path)
    }

    /// Sends one attempt of an operation with the given token.
    pub async fn apply(
        &self,
        machine: MachineId,
        action: Action,
        value: &str,
        token: &Secret,
    ) -> Result<Machine, ApiFailure> {
        let request = match action {
            Action::Add | Action::Remove => {
                let action = if action == Action::Add {
                    "Add"
                } else {
                    "Remove"
                };
                self.http
                    .post(self.url(&format!("/api/machines/{machine}/tags")))
                    .json(&TagRequest { value, action })
            }
            Action::SetValue => self
                .http
                .patch(self.url(&format!("/api/machines/{machine}")))
                .json(&UpdateMachine {
                    device_value: value,
                }),
        };
        self.send(request.bearer_auth(token.expose())).await
    }

    /// One attempt of the batch call for one tag and action.
    pub async fn batch_tag(
        &self,
        ids: &[MachineId],
        action: Action,
        value: &str,
        token: &Secret,
    ) -> Result<Vec<Machine>, ApiFailure> {
        let body = BatchTagRequest {
            value,
            action: if action == Action::Add {
                "Add"
            } else {
                "Remove"
            },
            machine_ids: ids.iter().map(ToString::to_string).collect(),
        };
        let request = self
            .http
            .post(self.url("/api/machines/AddOrRemoveTagForMultipleMachines"))
            .json(&body);
        let page: MachinePage = self.send(request.bearer_auth(token.expose())).await?;
        Ok(page.value)
    }

    /// One attempt of replacing a machine's whole tag set.
    pub async fn replace_tags(
        &self,
        id: MachineId,
        tags: &[std::sync::Arc<str>],
        token: &Secret,
    ) -> Result<Machine, ApiFailure> {
        debug_assert!(!tags.is_empty(), "the API refuses an empty machineTags");
        let request = self
            .http
            .patch(self.url(&format!("/api/machines/{id}")))
            .json(&ReplaceTags { machine_tags: tags });
        self.send(request.bearer_auth(token.expose())).await
    }

    /// One page of `GET /api/machines` (`$filter` optional), or the page a nextLink points to.
    pub async fn list_page(
        &self,
        page: &ListPage,
        token: &Secret,
    ) -> Result<MachinePage, ApiFailure> {
        let request = match page {
            ListPage::First { filter } => {
                let mut url = Url::parse(&self.url("/api/machines"))
                    .map_err(|e| ApiFailure::Transport(e.to_string()))?;
                if let Some(f) = filter {
                    url.query_pairs_mut().append_pair("$filter", f);
                }
                self.http.get(url)
            }
            ListPage::Next(link) => {
                // Only ever follow links to the API we were pointed at: a nextLink elsewhere
                // would carry our token to another host.
                let link_url = Url::parse(link)
                    .map_err(|e| ApiFailure::Transport(format!("bad @odata.nextLink: {e}")))?;
                if link_url.origin() != self.base.origin() {
                    return Err(ApiFailure::Transport(format!(
                        "refusing @odata.nextLink to another host: {}",
                        link_url.origin().ascii_serialization()
                    )));
                }
                self.http.get(link_url)
            }
        };
        self.send(request.bearer_auth(token.expose())).await
    }

    /// `GET /api/machines/findbytag`.
    pub async fn find_by_tag(
        &self,
        tag: &str,
        starts_with: bool,
        token: &Secret,
    ) -> Result<MachinePage, ApiFailure> {
        let mut url = Url::parse(&self.url("/api/machines/findbytag"))
            .map_err(|e| ApiFailure::Transport(e.to_string()))?;
        url.query_pairs_mut().append_pair("tag", tag).append_pair(
            "useStartsWithFilter",
            if starts_with { "true" } else { "false" },
        );
        self.send(self.http.get(url).bearer_auth(token.expose()))
            .await
    }

    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ApiFailure> {
        let request = request
            .build()
            .map_err(|e| ApiFailure::Transport(describe_transport(&e)))?;
        let (method, path) = (request.method().clone(), request.url().path().to_string());
        let started = Instant::now();
        let result = self.http.execute(request).await;
        let response = match result {
            Ok(r) => r,
            Err(e) => {
                let why = describe_transport(&e);
                self.printer.debug(|| {
                    format!(
                        "{method} {path} → {why} ({} ms)",
                        started.elapsed().as_millis()
                    )
                });
                return Err(ApiFailure::Transport(why));
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let body = response.bytes().await;
        self.printer.debug(|| {
            format!(
                "{method} {path} → {status} ({} ms)",
                started.elapsed().as_millis()
            )
        });
        let body = body.map_err(|e| ApiFailure::Transport(describe_transport(&e)))?;
        if (200..300).contains(&status) {
            return serde_json::from_slice(&body).map_err(|e| {
                ApiFailure::Transport(format!("the answer is not the expected JSON: {e}"))
            });
        }
        let (code, message) = match serde_json::from_slice::<ErrorBody>(&body) {
            Ok(b) => (
                b.error.code.unwrap_or_else(|| format!("HTTP{status}")),
                b.error.message.unwrap_or_default(),
            ),
            Err(_) => (
                format!("HTTP{status}"),
                String::from_utf8_lossy(&body).chars().take(200).collect(),
            ),
        };
        Err(ApiFailure::Http {
            status,
            code,
            message,
            retry_after,
        })
    }
}
