//! The two advanced hunting APIs, over the `DeviceInfo` table and the KQL subset of `kql`:
//!
//! - Microsoft Graph `POST /v1.0/security/runHuntingQuery` `{"Query","Timespan"?}`, permission
//!   `ThreatHunting.Read.All`, answering `{"@odata.context","schema":[{"name","type"}],
//!   "results":[…]}` (learn.microsoft.com/graph/api/security-security-runhuntingquery), errors
//!   in Graph's shape `{"error":{"code","message","innerError":{…}}}`
//!   (learn.microsoft.com/graph/errors);
//! - Defender for Endpoint `POST /api/advancedqueries/run` `{"Query"}`, permission
//!   `AdvancedQuery.Read.All`, answering `{"Stats","Schema":[{"Name","Type"}],"Results":[…]}`
//!   over the last 30 days (learn.microsoft.com/defender-endpoint/api/run-advanced-query-api;
//!   `Stats` as learn.microsoft.com/defender-xdr/api-advanced-hunting shows it).
//!
//! Both cut a result to the row cap (the service's: 100,000) without saying so: the pages say
//! only that results "include a maximum of 100,000 rows".

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Caller, SimState, api_error, device_info, kql, target_id, timespan};

pub const GRAPH_PATH: &str = "/v1.0/security/runHuntingQuery";
pub const MDE_PATH: &str = "/api/advancedqueries/run";
const GRAPH_ROLE: &str = "ThreatHunting.Read.All";
const MDE_ROLE: &str = "AdvancedQuery.Read.All";
/// The MDE API's window, which a caller cannot change; also Graph's default.
const DEFAULT_TIMESPAN: &str = "P30D";

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route(GRAPH_PATH, post(graph))
        .route(MDE_PATH, post(mde))
}

/// A path served as Microsoft Graph (errors in Graph's shape, Graph tokens only).
pub fn is_graph(path: &str) -> bool {
    path.starts_with("/v1.0/")
}

/// A call that counts against the hunting windows and is logged as `hunting`.
pub fn is_hunting(path: &str) -> bool {
    is_graph(path) || path == MDE_PATH
}

/// An error in Microsoft Graph's shape.
pub(crate) fn graph_error(status: u16, code: &str, message: &str) -> Response {
    let status = axum::http::StatusCode::from_u16(status).expect("status");
    let date = OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("time")
        .format(&Rfc3339)
        .expect("date");
    let body = json!({"error": {
        "code": code,
        "message": message,
        "innerError": {"date": date, "request-id": target_id(), "client-request-id": target_id()},
    }});
    (status, axum::Json(body)).into_response()
}

/// The body's parameters, of which only `allowed` (case-sensitive) may appear; `Query` must be
/// a string that is not blank. Errors are the message only: each API words and shapes its own.
fn parameters(
    headers: &HeaderMap,
    body: &Bytes,
    allowed: &[&str],
    unknown: impl Fn(&str) -> String,
) -> Result<(String, Map<String, Value>), String> {
    let json_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_type {
        return Err("Request body must be JSON (Content-Type: application/json).".into());
    }
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return Err("Request body is incorrect: expected a JSON object.".into());
    };
    if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(unknown(key));
    }
    match map.get("Query") {
        Some(Value::String(q)) if !q.trim().is_empty() => Ok((q.clone(), map.clone())),
        Some(Value::String(_)) => Err("The query is empty.".into()),
        Some(_) => Err("Query must be a string.".into()),
        None => Err("The request body must contain the parameter 'Query'.".into()),
    }
}

/// Runs `query` over `DeviceInfo` rows recorded within `window`; the result is cut to the cap.
fn execute(
    s: &SimState,
    caller: &Caller,
    query: &str,
    window: (OffsetDateTime, OffsetDateTime),
    now: OffsetDateTime,
) -> Result<kql::Table, kql::KqlError> {
    let mut table = {
        let fleet = &s.fleets[caller.fleet];
        let inv = fleet.machines.lock().expect("machines");
        device_info::table(inv.all(), &fleet.device_extras, now)
    };
    table.rows.retain(|row| {
        row[0]
            .as_str()
            .and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok())
            .is_some_and(|t| window.0 <= t && t <= window.1)
    });
    let mut out = kql::run(query, &[&table])?;
    out.rows.truncate(s.config.hunting_row_cap);
    Ok(out)
}

async fn graph(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !caller.roles.iter().any(|r| r == GRAPH_ROLE) {
        return graph_error(
            403,
            "Forbidden",
            &format!(
                "Missing application roles. API required roles: {GRAPH_ROLE}. Application roles: {}.",
                caller.roles.join(",")
            ),
        );
    }
    if s.config.graph_hunting_refused {
        return graph_error(
            403,
            "Forbidden",
            "Access to advanced hunting through Microsoft Graph is denied for this application.",
        );
    }
    let unknown = |key: &str| {
        format!(
            "The parameter '{key}' in the request payload is not a valid parameter for the operation 'runHuntingQuery'."
        )
    };
    let (query, map) = match parameters(&headers, &body, &["Query", "Timespan"], unknown) {
        Ok(p) => p,
        Err(message) => return graph_error(400, "BadRequest", &message),
    };
    let now = OffsetDateTime::now_utc();
    let window = match map.get("Timespan") {
        None | Some(Value::Null) => timespan::window(DEFAULT_TIMESPAN, now),
        Some(Value::String(t)) => timespan::window(t, now),
        Some(_) => Err("Timespan must be a string.".into()),
    };
    let window = match window {
        Ok(w) => w,
        Err(message) => return graph_error(400, "BadRequest", &message),
    };
    let out = match execute(&s, &caller, &query, window, now) {
        Ok(t) => t,
        Err(e) => return graph_error(400, "BadRequest", &e.to_string()),
    };
    let schema: Vec<Value> = out
        .columns
        .iter()
        .map(|c| json!({"name": c.name, "type": c.ty.name()}))
        .collect();
    axum::Json(json!({
        "@odata.context": format!("{}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults", s.base_url),
        "schema": schema,
        "results": out.objects(),
    }))
    .into_response()
}

async fn mde(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    if let Err(r) = super::api::allowed(&caller, &[MDE_ROLE]) {
        return r;
    }
    let unknown = |key: &str| {
        format!(
            "Request body is incorrect: unknown parameter '{key}' (parameter names are case-sensitive: Query)."
        )
    };
    let (query, _) = match parameters(&headers, &body, &["Query"], unknown) {
        Ok(p) => p,
        Err(message) => return api_error(400, "InvalidRequestBody", message),
    };
    let now = OffsetDateTime::now_utc();
    let window = timespan::window(DEFAULT_TIMESPAN, now).expect("30 days");
    let out = match execute(&s, &caller, &query, window, now) {
        Ok(t) => t,
        Err(e) => return api_error(400, "BadRequest", e.to_string()),
    };
    let schema: Vec<Value> = out
        .columns
        .iter()
        .map(|c| json!({"Name": c.name, "Type": c.ty.name()}))
        .collect();
    let results = out.objects();
    let size = serde_json::to_string(&results).map_or(0, |t| t.len());
    let zero = "00:00:00.0000000";
    axum::Json(json!({
        "Stats": {
            "ExecutionTime": started.elapsed().as_secs_f64(),
            "resource_usage": {
                "cache": {
                    "memory": {"hits": 0, "misses": 0, "total": 0},
                    "disk": {"hits": 0, "misses": 0, "total": 0},
                },
                "cpu": {"user": zero, "kernel": zero, "total cpu": zero},
                "memory": {"peak_per_node": 0},
            },
            "dataset_statistics": [{"table_row_count": results.len(), "table_size": size}],
        },
        "Schema": schema,
        "Results": results,
    }))
    .into_response()
}
