//! The Defender machine API, typed: `MdeClient` behind the `MachineApi` trait, so the executor
//! can be tested against a scripted fake.

mod error;
mod wire;

use std::future::Future;
use std::sync::Arc;

use tokio::time::Instant;
use url::Url;

use crate::ui::text::redact;

pub use error::{ApiError, FailureClass};

use crate::auth::{AuthError, Secret, TokenProvider};
use crate::model::{DeviceValue, Machine, MachineId, Tag, TagAction};
use crate::ui::Printer;
use wire::{BatchTagRequest, ErrorBody, MachinePage, ReplaceTags, TagRequest, UpdateMachine};

/// Which page of the machine list to fetch.
#[derive(Clone, Debug)]
pub enum ListPage {
    First { filter: Option<String> },
    Next(String),
}

/// A page of machines and where the next one is.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub machines: Vec<Machine>,
    pub next_link: Option<String>,
}

/// Every call mdetag makes, one attempt each, plus the tokens they carry.
pub trait MachineApi: Send + Sync + 'static {
    /// A token valid for a while yet.
    fn token(&self) -> impl Future<Output = Result<Secret, AuthError>> + Send;
    /// The API refused `rejected` (401): a fresh token, unless another call already got one.
    fn renew(&self, rejected: &Secret) -> impl Future<Output = Result<Secret, AuthError>> + Send;
    /// `POST /api/machines/{id}/tags`: the machine the answer shows (`None` when it names
    /// none).
    fn tag(
        &self,
        id: MachineId,
        action: TagAction,
        tag: &Tag,
        token: &Secret,
    ) -> impl Future<Output = Result<Option<Machine>, ApiError>> + Send;
    /// `PATCH /api/machines/{id}` with `deviceValue`.
    fn set_value(
        &self,
        id: MachineId,
        value: DeviceValue,
        token: &Secret,
    ) -> impl Future<Output = Result<Option<Machine>, ApiError>> + Send;
    /// `POST /api/machines/AddOrRemoveTagForMultipleMachines`: the machines it answers for.
    fn batch_tag(
        &self,
        ids: &[MachineId],
        action: TagAction,
        tag: &Tag,
        token: &Secret,
    ) -> impl Future<Output = Result<Vec<Machine>, ApiError>> + Send;
    /// `PATCH /api/machines/{id}` with the whole `machineTags` (never empty).
    fn replace_tags(
        &self,
        id: MachineId,
        tags: &[Tag],
        token: &Secret,
    ) -> impl Future<Output = Result<Option<Machine>, ApiError>> + Send;
    /// One page of `GET /api/machines`, or the page a nextLink points to.
    fn list_page(
        &self,
        page: &ListPage,
        token: &Secret,
    ) -> impl Future<Output = Result<Page, ApiError>> + Send;
    /// `GET /api/machines/findbytag`.
    fn find_by_tag(
        &self,
        tag: &str,
        starts_with: bool,
        token: &Secret,
    ) -> impl Future<Output = Result<Page, ApiError>> + Send;
}

pub struct MdeClient {
    http: reqwest::Client,
    base: Url,
    auth: TokenProvider,
    printer: Arc<Printer>,
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

    fn machine_url(&self, id: MachineId) -> String {
        self.url(&format!("/api/machines/{id}"))
    }

    /// A write's answer: the machine it returns, if that has a machine ID at all.
    async fn send_machine(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<Option<Machine>, ApiError> {
        let wire: wire::Machine = self.send(request).await?;
        Ok(wire.into_model())
    }

    async fn send_page(&self, request: reqwest::RequestBuilder) -> Result<Page, ApiError> {
        let page: MachinePage = self.send(request).await?;
        Ok(Page {
            machines: page
                .value
                .into_iter()
                .filter_map(wire::Machine::into_model)
                .collect(),
            next_link: page.next_link,
        })
    }

    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ApiError> {
        let request = request
            .build()
            .map_err(|e| ApiError::Refused(crate::http::describe(&e)))?;
        let (method, path) = (request.method().clone(), request.url().path().to_string());
        // A write answered 200 whose body cannot be read or parsed may have been applied: it is
        // not sent again (`resume` checks it). A read changes nothing and may be.
        let writes = method != reqwest::Method::GET;
        let unreadable = |why: String| {
            if writes {
                ApiError::Unreadable(why)
            } else {
                ApiError::NoAnswer(why)
            }
        };
        let started = Instant::now();
        // One deadline for the headers and the body together.
        let deadline = crate::http::attempt_deadline();
        let failed = |why: String, connect: bool| {
            self.printer.debug(|| {
                format!(
                    "{method} {path} → {why} ({} ms)",
                    started.elapsed().as_millis()
                )
            });
            if connect {
                ApiError::Transport(why)
            } else {
                ApiError::NoAnswer(why)
            }
        };
        let response = match tokio::time::timeout_at(deadline, self.http.execute(request)).await {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => return Err(failed(crate::http::describe(&e), e.is_connect())),
            Err(_) => return Err(failed(crate::http::timed_out(), false)),
        };
        let status = response.status().as_u16();
        let retry_after = crate::http::retry_after(&response);
        self.printer.debug(|| {
            format!(
                "{method} {path} → {status} ({} ms)",
                started.elapsed().as_millis()
            )
        });
        if (300..400).contains(&status) {
            // Never followed, never read, and never named: a Location can carry anything.
            return Err(ApiError::Refused(format!(
                "the API answered {status}, a redirect; mdetag follows none"
            )));
        }
        if (200..300).contains(&status) {
            let read = crate::http::read_capped(response, crate::http::API_BODY_CAP);
            let body = tokio::time::timeout_at(deadline, read)
                .await
                .unwrap_or_else(|_| {
                    Err(crate::http::BodyError::Transport(crate::http::timed_out()))
                })
                .map_err(|e| match e {
                    crate::http::BodyError::TooLarge(_) if !writes => {
                        ApiError::Refused(e.to_string())
                    }
                    crate::http::BodyError::TooLarge(_) => unreadable(e.to_string()),
                    crate::http::BodyError::Transport(why) => unreadable(why),
                })?;
            return serde_json::from_slice(&body)
                .map_err(|e| unreadable(format!("the answer is not the expected JSON: {e}")));
        }
        // An error is judged by its status; its body only explains it, so a body that is
        // huge, cut off or endless loses the explanation, not the status.
        let body = tokio::time::timeout_at(deadline, crate::http::read_error_body(response))
            .await
            .unwrap_or_else(|_| Err(crate::http::BodyError::Transport(crate::http::timed_out())));
        let (code, message) = match body {
            Ok(body) => match serde_json::from_slice::<ErrorBody>(&body) {
                Ok(b) => (
                    b.error.code.filter(|c| !c.is_empty()),
                    b.error.message.unwrap_or_default(),
                ),
                Err(_) => (
                    None,
                    String::from_utf8_lossy(&body).chars().take(200).collect(),
                ),
            },
            Err(e) => {
                self.printer.debug(|| {
                    format!("{method} {path} → {status}: the error body was not read: {e}")
                });
                (None, format!("(the body was not read: {e})"))
            }
        };
        // Server text: nothing of ours that it echoes goes any further.
        Err(ApiError::Http {
            status,
            code: code.map(|c| redact(&c).into_owned()),
            message: redact(&message).into_owned(),
            retry_after,
        })
    }
}

impl MachineApi for MdeClient {
    async fn token(&self) -> Result<Secret, AuthError> {
        self.auth.token().await
    }

    async fn renew(&self, rejected: &Secret) -> Result<Secret, AuthError> {
        self.auth.renew(rejected).await
    }

    async fn tag(
        &self,
        id: MachineId,
        action: TagAction,
        tag: &Tag,
        token: &Secret,
    ) -> Result<Option<Machine>, ApiError> {
        let body = TagRequest {
            value: tag.as_str(),
            action: action.as_api(),
        };
        let request = self
            .http
            .post(format!("{}/tags", self.machine_url(id)))
            .json(&body);
        self.send_machine(request.bearer_auth(token.expose())).await
    }

    async fn set_value(
        &self,
        id: MachineId,
        value: DeviceValue,
        token: &Secret,
    ) -> Result<Option<Machine>, ApiError> {
        let body = UpdateMachine {
            device_value: value.as_str(),
        };
        let request = self.http.patch(self.machine_url(id)).json(&body);
        self.send_machine(request.bearer_auth(token.expose())).await
    }

    async fn batch_tag(
        &self,
        ids: &[MachineId],
        action: TagAction,
        tag: &Tag,
        token: &Secret,
    ) -> Result<Vec<Machine>, ApiError> {
        let body = BatchTagRequest {
            value: tag.as_str(),
            action: action.as_api(),
            machine_ids: ids.iter().map(ToString::to_string).collect(),
        };
        let request = self
            .http
            .post(self.url("/api/machines/AddOrRemoveTagForMultipleMachines"))
            .json(&body);
        let page = self.send_page(request.bearer_auth(token.expose())).await?;
        Ok(page.machines)
    }

    async fn replace_tags(
        &self,
        id: MachineId,
        tags: &[Tag],
        token: &Secret,
    ) -> Result<Option<Machine>, ApiError> {
        debug_assert!(!tags.is_empty(), "the API refuses an empty machineTags");
        let body = ReplaceTags {
            machine_tags: tags.iter().map(Tag::as_str).collect(),
        };
        let request = self.http.patch(self.machine_url(id)).json(&body);
        self.send_machine(request.bearer_auth(token.expose())).await
    }

    async fn list_page(&self, page: &ListPage, token: &Secret) -> Result<Page, ApiError> {
        let request = match page {
            ListPage::First { filter } => {
                let mut url = Url::parse(&self.url("/api/machines"))
                    .map_err(|e| ApiError::Refused(e.to_string()))?;
                if let Some(f) = filter {
                    url.query_pairs_mut().append_pair("$filter", f);
                }
                self.http.get(url)
            }
            ListPage::Next(link) => {
                // Only ever follow links to the API we were pointed at: a nextLink elsewhere
                // would carry our token to another host.
                let link_url = Url::parse(link)
                    .map_err(|e| ApiError::Refused(format!("bad @odata.nextLink: {e}")))?;
                if link_url.origin() != self.base.origin() {
                    return Err(ApiError::Refused(format!(
                        "refusing @odata.nextLink to another host: {}",
                        link_url.origin().ascii_serialization()
                    )));
                }
                self.http.get(link_url)
            }
        };
        self.send_page(request.bearer_auth(token.expose())).await
    }

    async fn find_by_tag(
        &self,
        tag: &str,
        starts_with: bool,
        token: &Secret,
    ) -> Result<Page, ApiError> {
        let mut url = Url::parse(&self.url("/api/machines/findbytag"))
            .map_err(|e| ApiError::Refused(e.to_string()))?;
        url.query_pairs_mut().append_pair("tag", tag).append_pair(
            "useStartsWithFilter",
            if starts_with { "true" } else { "false" },
        );
        self.send_page(self.http.get(url).bearer_auth(token.expose()))
            .await
    }
}
