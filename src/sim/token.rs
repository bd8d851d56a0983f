//! The Entra ID token endpoint, client credentials grant, in its v2.0 (`scope`) and v1
//! (`resource`) forms. Errors are shaped as Entra's: `error`, `error_description` with an
//! AADSTS code, `error_codes`.

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngExt;
use serde_json::json;

use super::{IssuedToken, SimState};

/// Resources the Defender API answers to.
const RESOURCES: &[&str] = &[
    "https://api.securitycenter.microsoft.com",
    "https://api.security.microsoft.com",
];

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/{tenant}/oauth2/v2.0/token", post(token_v2))
        .route("/{tenant}/oauth2/token", post(token_v1))
}

async fn token_v2(
    state: State<Arc<SimState>>,
    tenant: Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    issue(state, tenant, headers, body, true)
}

async fn token_v1(
    state: State<Arc<SimState>>,
    tenant: Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    issue(state, tenant, headers, body, false)
}

fn aad_error(status: StatusCode, error: &str, code: u32, description: &str) -> Response {
    let trace = format!("{:032x}", rand::rng().random::<u128>());
    let body = json!({
        "error": error,
        "error_description": format!("AADSTS{code}: {description}\r\nTrace ID: {trace}"),
        "error_codes": [code],
        "timestamp": httpdate::fmt_http_date(SystemTime::now()),
        "trace_id": trace,
        "correlation_id": trace,
        "error_uri": format!("https://login.microsoftonline.com/error?code={code}"),
    });
    (status, axum::Json(body)).into_response()
}

fn issue(
    State(s): State<Arc<SimState>>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Bytes,
    v2: bool,
) -> Response {
    let form_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !form_type.starts_with("application/x-www-form-urlencoded") {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'grant_type'.",
        );
    }
    let form: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(&body).into_owned().collect();
    let param = |k: &str| form.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let Some(grant) = param("grant_type") else {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'grant_type'.",
        );
    };
    if grant != "client_credentials" {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            "The app requested an unsupported grant type.",
        );
    }
    if !s
        .config
        .apps
        .iter()
        .any(|a| a.tenant_id.eq_ignore_ascii_case(&tenant))
    {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90002,
            &format!(
                "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID."
            ),
        );
    }
    let Some(client_id) = param("client_id") else {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'client_id'.",
        );
    };
    let Some(app_index) = s
        .config
        .apps
        .iter()
        .position(|a| a.tenant_id.eq_ignore_ascii_case(&tenant) && a.client_id == client_id)
    else {
        return aad_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            &format!(
                "Application with identifier '{client_id}' was not found in the directory '{tenant}'."
            ),
        );
    };
    let app = &s.config.apps[app_index];
    let audience = if v2 {
        let scope = param("scope").unwrap_or("");
        match scope.strip_suffix("/.default") {
            Some(r) if RESOURCES.contains(&r) => r,
            _ => {
                return aad_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_scope",
                    1002012,
                    &format!(
                        "The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."
                    ),
                );
            }
        }
    } else {
        match param("resource") {
            Some(r) if RESOURCES.contains(&r.trim_end_matches('/')) => r.trim_end_matches('/'),
            other => {
                return aad_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_resource",
                    500011,
                    &format!(
                        "The resource principal named {} was not found in the tenant.",
                        other.unwrap_or("")
                    ),
                );
            }
        }
    };
    match param("client_secret") {
        Some(secret) if secret == app.client_secret => {}
        Some(_) => {
            return aad_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
            );
        }
        None => {
            return aad_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000216,
                "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
            );
        }
    }

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let ttl = s.config.token_ttl;
    let claims = json!({
        "aud": audience,
        "iss": format!("https://sts.windows.net/{}/", app.tenant_id),
        "iat": now, "nbf": now, "exp": now + ttl.as_secs().max(1),
        "appid": app.client_id,
        "tid": app.tenant_id,
        "roles": app.roles,
        "oid": format!("{:032x}", rand::rng().random::<u128>()),
        "ver": "1.0",
    });
    let header = json!({"typ": "JWT", "alg": "RS256", "kid": "mde-sim"});
    let mut signature = [0u8; 64];
    rand::rng().fill(&mut signature[..]);
    let token = format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    );
    s.tokens.lock().expect("tokens").insert(
        token.clone(),
        IssuedToken {
            app: app_index,
            expires: Instant::now() + ttl,
            revoked: false,
        },
    );
    let secs = ttl.as_secs().max(1);
    let mut body = json!({"token_type": "Bearer", "expires_in": secs, "ext_expires_in": secs, "access_token": token});
    if !v2 {
        body["expires_on"] = json!((now + secs).to_string());
        body["resource"] = json!(audience);
    }
    axum::Json(body).into_response()
}
