//! Advanced hunting: one KQL query, through Microsoft Graph (`POST /v1.0/security/runHuntingQuery`,
//! `ThreatHunting.Read.All`) or the Defender API it replaces (`POST /api/advancedqueries/run`,
//! `AdvancedQuery.Read.All`, retiring by 2027-02-01). Each has its own token audience, so each
//! is a client of its own, with its own token provider; the executor sends them like any call.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value};
use url::Url;

use super::{ApiError, Authorized, exchange};
use crate::auth::{AuthError, Secret, TokenProvider};
use crate::ui::Printer;

/// A hunting query may run 200 s on the service: a call waits at least this long for it.
pub const QUERY_TIMEOUT: Duration = Duration::from_secs(210);

/// Which API answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HuntingApi {
    Graph,
    Mde,
}

impl HuntingApi {
    pub fn as_str(self) -> &'static str {
        match self {
            HuntingApi::Graph => "graph",
            HuntingApi::Mde => "mde",
        }
    }

    /// The permission the app needs for it.
    pub fn permission(self) -> &'static str {
        match self {
            HuntingApi::Graph => "ThreatHunting.Read.All (Microsoft Graph)",
            HuntingApi::Mde => "AdvancedQuery.Read.All (WindowsDefenderATP)",
        }
    }
}

/// What a query returned: its columns, in order, and its rows.
#[derive(Debug, Default)]
pub struct Answer {
    pub columns: Vec<String>,
    pub rows: Vec<Map<String, Value>>,
}

/// One of the two hunting APIs, with the token provider of its audience.
pub struct Hunter {
    pub api: HuntingApi,
    http: reqwest::Client,
    base: Url,
    auth: TokenProvider,
    printer: Arc<Printer>,
}

/// `{"Query": …, "Timespan": …}`: Graph's parameters (the Defender API takes `Query` only).
#[derive(serde::Serialize)]
struct QueryBody<'a> {
    #[serde(rename = "Query")]
    query: &'a str,
    #[serde(rename = "Timespan", skip_serializing_if = "Option::is_none")]
    timespan: Option<&'a str>,
}

/// Graph: `{"schema":[{"name","type"}],"results":[{…}]}`.
#[derive(Deserialize)]
struct GraphAnswer {
    #[serde(default)]
    schema: Vec<GraphColumn>,
    #[serde(default)]
    results: Vec<Map<String, Value>>,
}

#[derive(Deserialize)]
struct GraphColumn {
    name: String,
}

/// The Defender API: `{"Stats","Schema":[{"Name","Type"}],"Results":[{…}]}`.
#[derive(Deserialize)]
struct MdeAnswer {
    #[serde(rename = "Schema", default)]
    schema: Vec<MdeColumn>,
    #[serde(rename = "Results", default)]
    results: Vec<Map<String, Value>>,
}

#[derive(Deserialize)]
struct MdeColumn {
    #[serde(rename = "Name")]
    name: String,
}

impl Hunter {
    pub fn new(
        api: HuntingApi,
        http: reqwest::Client,
        base: Url,
        auth: TokenProvider,
        printer: Arc<Printer>,
    ) -> Hunter {
        Hunter {
            api,
            http,
            base,
            auth,
            printer,
        }
    }

    fn url(&self) -> String {
        let path = match self.api {
            HuntingApi::Graph => "/v1.0/security/runHuntingQuery",
            HuntingApi::Mde => "/api/advancedqueries/run",
        };
        format!("{}{path}", self.base.as_str().trim_end_matches('/'))
    }

    /// One attempt of the query. It reads, so an answer cut short may be asked again.
    pub async fn run(
        &self,
        query: &str,
        timespan: Option<&str>,
        token: &Secret,
    ) -> Result<Answer, ApiError> {
        let body = QueryBody {
            query,
            timespan: match self.api {
                HuntingApi::Graph => timespan,
                HuntingApi::Mde => None,
            },
        };
        let request = self
            .http
            .post(self.url())
            .bearer_auth(token.expose())
            .json(&body);
        let limit = QUERY_TIMEOUT.max(crate::http::call_timeout());
        match self.api {
            HuntingApi::Graph => {
                let a: GraphAnswer =
                    exchange::send(&self.printer, &self.http, request, false, limit).await?;
                Ok(Answer {
                    columns: a.schema.into_iter().map(|c| c.name).collect(),
                    rows: a.results,
                })
            }
            HuntingApi::Mde => {
                let a: MdeAnswer =
                    exchange::send(&self.printer, &self.http, request, false, limit).await?;
                Ok(Answer {
                    columns: a.schema.into_iter().map(|c| c.name).collect(),
                    rows: a.results,
                })
            }
        }
    }
}

impl Authorized for Hunter {
    async fn token(&self) -> Result<Secret, AuthError> {
        self.auth.token().await
    }

    async fn renew(&self, rejected: &Secret) -> Result<Secret, AuthError> {
        self.auth.renew(rejected).await
    }
}
