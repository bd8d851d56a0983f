//! The Defender machine API, typed: `MdeClient` behind the `MachineApi` trait, so the executor
//! can be tested against a scripted fake.

mod error;
mod exchange;
pub mod hunting;
mod wire;

use std::future::Future;
use std::sync::Arc;

use url::Url;

pub use error::{ApiError, FailureClass};

use crate::auth::{AuthError, Secret, TokenProvider};
use crate::model::{DeviceValue, Machine, MachineId, Tag, TagAction};
use crate::ui::Printer;
use wire::{BatchTagRequest, MachinePage, ReplaceTags, TagRequest, UpdateMachine};

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

/// An API reached with tokens: what the executor needs to send any call to it.
pub trait Authorized: Send + Sync + 'static {
    /// A token valid for a while yet.
    fn token(&self) -> impl Future<Output = Result<Secret, AuthError>> + Send;
    /// The API refused `rejected` (401): a fresh token, unless another call already got one.
    fn renew(&self, rejected: &Secret) -> impl Future<Output = Result<Secret, AuthError>> + Send;
}

/// Every machine call mdetag makes, one attempt each.
pub trait MachineApi: Authorized {
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
        let writes = request
            .try_clone()
            .and_then(|r| r.build().ok())
            .is_some_and(|r| r.method() != reqwest::Method::GET);
        exchange::send(
            &self.printer,
            &self.http,
            request,
            writes,
            crate::http::call_timeout(),
        )
        .await
    }
}

impl Authorized for MdeClient {
    async fn token(&self) -> Result<Secret, AuthError> {
        self.auth.token().await
    }

    async fn renew(&self, rejected: &Secret) -> Result<Secret, AuthError> {
        self.auth.renew(rejected).await
    }
}

impl MachineApi for MdeClient {
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
