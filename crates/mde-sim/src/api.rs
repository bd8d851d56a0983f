//! The machine routes, with the semantics of Microsoft's pages: case-sensitive body parameters,
//! 404 ResourceNotFound, PATCH machineTags replacing the set and refusing an empty one, the
//! 500-machine batch tag call, OData paging.

// Handlers answer early with a ready `Response`; boxing it would only add noise here.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rand::RngExt;
use serde_json::{Map, Value, json};

use super::{Caller, SimState, UnknownInBatch, api_error};

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/api/machines", get(list))
        .route("/api/machines/findbytag", get(find_by_tag))
        .route(
            "/api/machines/AddOrRemoveTagForMultipleMachines",
            post(batch_tag),
        )
        .route("/api/machines/{id}", get(get_machine).patch(update_machine))
        .route("/api/machines/{id}/tags", post(tag))
        .route("/api/machines/{id}/setDeviceValue", post(set_device_value))
}

const READ_ROLES: &[&str] = &["Machine.Read.All", "Machine.ReadWrite.All"];
const WRITE_ROLES: &[&str] = &["Machine.ReadWrite.All"];
const MAX_TAG: usize = 200;
const MAX_BATCH: usize = 500;

pub(crate) fn allowed(caller: &Caller, roles: &[&str]) -> Result<(), Response> {
    if caller.roles.iter().any(|r| roles.contains(&r.as_str())) {
        Ok(())
    } else {
        Err(api_error(
            403,
            "Forbidden",
            format!(
                "The application does not have any of the required application permissions ({}) to access the resource.",
                roles.join(", ")
            ),
        ))
    }
}

fn machine_body(s: &SimState, m: &Value) -> Response {
    let mut m = m.clone();
    m["@odata.context"] = json!(format!("{}/api/$metadata#Machines/$entity", s.base_url));
    axum::Json(m).into_response()
}

fn not_found(id: &str) -> Response {
    api_error(
        404,
        "ResourceNotFound",
        format!("Machine {id} was not found"),
    )
}

fn bad_body(message: impl Into<String>) -> Response {
    api_error(400, "InvalidRequestBody", message)
}

/// A JSON object body with exactly the given parameter names (case-sensitive): the documented
/// ones in `allowed`, of which those in `required` must be present.
fn object_body(
    headers: &HeaderMap,
    body: &Bytes,
    allowed: &[&str],
    required: &[&str],
) -> Result<Map<String, Value>, Response> {
    let json_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_type {
        return Err(bad_body(
            "Request body must be JSON (Content-Type: application/json).",
        ));
    }
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return Err(bad_body(
            "Request body is incorrect: expected a JSON object.",
        ));
    };
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            return Err(bad_body(format!(
                "Request body is incorrect: unknown parameter '{key}' (parameter names are case-sensitive: {}).",
                allowed.join(", ")
            )));
        }
    }
    for key in required {
        if !map.contains_key(*key) {
            return Err(bad_body(format!(
                "Request body is incorrect: missing parameter '{key}'."
            )));
        }
    }
    Ok(map)
}

fn check_tag(value: Option<&Value>) -> Result<String, Response> {
    match value {
        Some(Value::String(t)) if t.trim().is_empty() => {
            Err(bad_body("Tag value cannot be empty."))
        }
        Some(Value::String(t)) if t.chars().count() > MAX_TAG => Err(bad_body(format!(
            "Tag value cannot be longer than {MAX_TAG} characters."
        ))),
        Some(Value::String(t)) if t.chars().any(char::is_control) => {
            Err(bad_body("Tag value contains invalid characters."))
        }
        Some(Value::String(t)) => Ok(t.clone()),
        _ => Err(bad_body("Value must be a string.")),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum TagAction {
    Add,
    Remove,
}

impl TagAction {
    fn name(self) -> &'static str {
        match self {
            TagAction::Add => "Add",
            TagAction::Remove => "Remove",
        }
    }
}

fn tag_action(value: Option<&Value>) -> Result<TagAction, Response> {
    match value.and_then(Value::as_str) {
        Some("Add") => Ok(TagAction::Add),
        Some("Remove") => Ok(TagAction::Remove),
        _ => Err(bad_body("Action must be 'Add' or 'Remove'.")),
    }
}

/// Tags that differ only in case are one tag (Microsoft documents no case rule; the portal
/// treats them as one): adding one that is there in another case changes nothing, the first
/// spelling stays, and removing matches any case.
fn same_tag(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

fn apply_tag(tags: &mut Vec<String>, action: TagAction, tag: &str) {
    match action {
        TagAction::Add if !tags.iter().any(|t| same_tag(t, tag)) => tags.push(tag.to_string()),
        TagAction::Add => {}
        TagAction::Remove => tags.retain(|t| !same_tag(t, tag)),
    }
}

async fn tag(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = allowed(&caller, WRITE_ROLES) {
        return r;
    }
    let map = match object_body(&headers, &body, &["Value", "Action"], &["Value", "Action"]) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let (value, action) = match (check_tag(map.get("Value")), tag_action(map.get("Action"))) {
        (Ok(v), Ok(a)) => (v, a),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let mut inv = s.inventory(&caller);
    let Some(m) = inv.get_mut(&id) else {
        return not_found(&id);
    };
    apply_tag(&mut m.machine_tags, action, &value);
    s.wrote(caller.fleet, &m.id, action.name(), &value);
    let json = m.to_json();
    drop(inv);
    machine_body(&s, &json)
}

async fn batch_tag(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = allowed(&caller, WRITE_ROLES) {
        return r;
    }
    let map = match object_body(
        &headers,
        &body,
        &["Value", "Action", "MachineIds"],
        &["Value", "Action", "MachineIds"],
    ) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let (value, action) = match (check_tag(map.get("Value")), tag_action(map.get("Action"))) {
        (Ok(v), Ok(a)) => (v, a),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let Some(ids) = map.get("MachineIds").and_then(Value::as_array) else {
        return bad_body("MachineIds must be an array of machine IDs.");
    };
    if ids.is_empty() {
        return bad_body("MachineIds cannot be empty.");
    }
    if ids.len() > MAX_BATCH {
        return api_error(
            400,
            "BadRequest",
            format!(
                "MachineIds can contain at most {MAX_BATCH} machines; got {}.",
                ids.len()
            ),
        );
    }
    let Some(ids) = ids.iter().map(Value::as_str).collect::<Option<Vec<&str>>>() else {
        return bad_body("MachineIds must be an array of strings.");
    };
    let mut inv = s.inventory(&caller);
    let unknown: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| inv.get(id).is_none())
        .collect();
    if !unknown.is_empty() && s.config.unknown_in_batch == UnknownInBatch::NotFound {
        return api_error(
            404,
            "ResourceNotFound",
            format!("Machines not found: {}", unknown.join(", ")),
        );
    }
    let mut updated = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if let Some(m) = inv.get_mut(id)
            && seen.insert(m.id.clone())
        {
            let stale = s.config.stale_batch_rate > 0.0
                && s.rng.lock().expect("rng").random::<f64>() < s.config.stale_batch_rate;
            if !stale {
                apply_tag(&mut m.machine_tags, action, &value);
                s.wrote(caller.fleet, &m.id, action.name(), &value);
            }
            updated.push(m.to_json());
        }
    }
    drop(inv);
    axum::Json(json!({"@odata.context": format!("{}/api/$metadata#Machines", s.base_url), "value": updated})).into_response()
}

async fn update_machine(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = allowed(&caller, WRITE_ROLES) {
        return r;
    }
    let map = match object_body(&headers, &body, &["machineTags", "deviceValue"], &[]) {
        Ok(m) => m,
        Err(r) => return r,
    };
    if map.is_empty() {
        return bad_body(
            "Request body is incorrect: nothing to update (machineTags, deviceValue).",
        );
    }
    let tags = match map.get("machineTags") {
        None => None,
        Some(Value::Array(list)) if list.is_empty() => {
            return bad_body("machineTags cannot be empty.");
        }
        Some(Value::Array(list)) => {
            let mut tags: Vec<String> = Vec::new();
            for t in list {
                match check_tag(Some(t)) {
                    Ok(t) if !tags.iter().any(|have| same_tag(have, &t)) => tags.push(t),
                    Ok(_) => {}
                    Err(r) => return r,
                }
            }
            Some(tags)
        }
        Some(_) => return bad_body("machineTags must be an array of strings."),
    };
    let value = match map.get("deviceValue") {
        None => None,
        Some(v) => match device_value(v) {
            Ok(v) => Some(v),
            Err(r) => return r,
        },
    };
    let mut inv = s.inventory(&caller);
    let Some(m) = inv.get_mut(&id) else {
        return not_found(&id);
    };
    if let Some(tags) = tags {
        s.wrote(caller.fleet, &m.id, "machineTags", &tags.join(";"));
        m.machine_tags = tags;
    }
    if let Some(v) = value {
        s.wrote(caller.fleet, &m.id, "deviceValue", &v);
        m.device_value = v;
    }
    let json = m.to_json();
    drop(inv);
    machine_body(&s, &json)
}

fn device_value(v: &Value) -> Result<String, Response> {
    match v.as_str() {
        Some(v @ ("Normal" | "Low" | "High")) => Ok(v.to_string()),
        _ => Err(bad_body("Device value must be one of: Normal, Low, High.")),
    }
}

async fn set_device_value(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = allowed(&caller, WRITE_ROLES) {
        return r;
    }
    let map = match object_body(&headers, &body, &["DeviceValue"], &["DeviceValue"]) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let value = match device_value(&map["DeviceValue"]) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut inv = s.inventory(&caller);
    let Some(m) = inv.get_mut(&id) else {
        return not_found(&id);
    };
    s.wrote(caller.fleet, &m.id, "deviceValue", &value);
    m.device_value = value;
    let json = m.to_json();
    drop(inv);
    machine_body(&s, &json)
}

async fn get_machine(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    if let Err(r) = allowed(&caller, READ_ROLES) {
        return r;
    }
    let json = s.inventory(&caller).get(&id).map(|m| m.to_json());
    match json {
        Some(j) => machine_body(&s, &j),
        None => not_found(&id),
    }
}

async fn list(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = allowed(&caller, READ_ROLES) {
        return r;
    }
    for key in q.keys() {
        if !matches!(key.as_str(), "$filter" | "$top" | "$skip") {
            return api_error(
                400,
                "BadRequest",
                format!("Query option '{key}' is not supported."),
            );
        }
    }
    let filter = match q.get("$filter").map(|f| super::filter::parse(f)) {
        None => None,
        Some(Ok(f)) => Some(f),
        Some(Err(e)) => return api_error(400, "BadRequest", format!("Invalid filter clause: {e}")),
    };
    let number = |k: &str| q.get(k).map(|v| v.parse::<usize>());
    let top = match number("$top") {
        None => None,
        Some(Ok(n)) if n <= s.config.page_size => Some(n),
        Some(_) => {
            return api_error(
                400,
                "BadRequest",
                format!("$top must be a whole number up to {}.", s.config.page_size),
            );
        }
    };
    let skip = match number("$skip") {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return api_error(400, "BadRequest", "$skip must be a whole number."),
    };
    let page = top.unwrap_or(s.config.page_size);
    let inv = s.inventory(&caller);
    let mut matched = 0usize;
    let mut value = Vec::new();
    let mut more = false;
    for m in inv.all() {
        let json = m.to_json();
        if filter.as_ref().is_none_or(|f| f.matches(&json)) {
            if matched >= skip && value.len() < page {
                value.push(json);
            } else if matched >= skip {
                more = true;
                break;
            }
            matched += 1;
        }
    }
    drop(inv);
    let mut body =
        json!({"@odata.context": format!("{}/api/$metadata#Machines", s.base_url), "value": value});
    // The page limit, not the caller's own $top, cut the answer short: say where the rest is.
    if more && top.is_none() {
        let mut next = url::Url::parse(&format!("{}/api/machines", s.base_url)).expect("url");
        {
            let mut pairs = next.query_pairs_mut();
            if let Some(f) = q.get("$filter") {
                pairs.append_pair("$filter", f);
            }
            pairs.append_pair("$skip", &(skip + page).to_string());
        }
        body["@odata.nextLink"] = json!(next.to_string());
    }
    axum::Json(body).into_response()
}

async fn find_by_tag(
    State(s): State<Arc<SimState>>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = allowed(&caller, READ_ROLES) {
        return r;
    }
    let Some(tag) = q.get("tag").filter(|t| !t.is_empty()) else {
        return api_error(400, "BadRequest", "The 'tag' parameter is required.");
    };
    let starts_with = match q.get("useStartsWithFilter").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return api_error(
                400,
                "BadRequest",
                "useStartsWithFilter must be true or false.",
            );
        }
    };
    let tag = tag.to_lowercase();
    let inv = s.inventory(&caller);
    let value: Vec<Value> = inv
        .all()
        .iter()
        .filter(|m| {
            m.machine_tags.iter().any(|t| {
                let t = t.to_lowercase();
                if starts_with {
                    t.starts_with(&tag)
                } else {
                    t == tag
                }
            })
        })
        .map(|m| m.to_json())
        .collect();
    drop(inv);
    axum::Json(
        json!({"@odata.context": format!("{}/api/$metadata#Machines", s.base_url), "value": value}),
    )
    .into_response()
}
