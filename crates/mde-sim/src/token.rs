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

use super::{IssuedToken, SimState, tenant};

/// Resources the Defender API answers to, in each cloud.
pub(crate) const MDE_RESOURCES: &[&str] = &[
    "https://api.securitycenter.microsoft.com",
    "https://api.security.microsoft.com",
    "https://api-gcc.securitycenter.microsoft.us",
    "https://api-gov.securitycenter.microsoft.us",
];

/// Microsoft Graph, which serves the hunting query of the Graph security API: global and GCC,
/// GCC High, DoD.
pub(crate) const GRAPH_RESOURCES: &[&str] = &[
    "https://graph.microsoft.com",
    "https://graph.microsoft.us",
    "https://dod-graph.microsoft.us",
];

fn known_resource(r: &str) -> bool {
    MDE_RESOURCES.contains(&r) || GRAPH_RESOURCES.contains(&r)
}

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

pub fn routes() -> Router<Arc<SimState>> {
    Router::new()
        .route("/{tenant}/oauth2/v2.0/token", post(token_v2))
        .route("/{tenant}/oauth2/token", post(token_v1))
        .route("/msi/token", axum::routing::get(managed_identity))
}

/// Azure App Service's managed identity endpoint (api-version 2019-08-01): a GET with the
/// `X-IDENTITY-HEADER` secret and the resource; `expires_on` is a Unix time.
async fn managed_identity(
    State(s): State<Arc<SimState>>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let refuse = |status: StatusCode, message: &str| {
        (
            status,
            axum::Json(json!({"statusCode": status.as_u16(), "message": message})),
        )
            .into_response()
    };
    let Some(expected) = &s.config.identity_header else {
        return refuse(StatusCode::NOT_FOUND, "no managed identity here");
    };
    if headers
        .get("x-identity-header")
        .and_then(|v| v.to_str().ok())
        != Some(expected.as_str())
    {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "X-IDENTITY-HEADER is missing or wrong",
        );
    }
    if q.get("api-version").map(String::as_str) != Some("2019-08-01") {
        return refuse(
            StatusCode::BAD_REQUEST,
            "api-version 2019-08-01 is required",
        );
    }
    let Some(resource) = q
        .get("resource")
        .map(|r| r.trim_end_matches('/'))
        .filter(|r| known_resource(r))
    else {
        return refuse(StatusCode::BAD_REQUEST, "unknown or missing resource");
    };
    let (token, secs) = mint(&s, 0, 0, &s.fleets[0].tenant_id, resource);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    axum::Json(json!({
        "access_token": token, "expires_on": (now + secs).to_string(), "resource": resource,
        "token_type": "Bearer", "client_id": s.config.apps[0].client_id,
    }))
    .into_response()
}

/// Checks a client assertion as Entra does: signed (RS256) by the key of the certificate
/// registered on the app, named by its `x5t` thumbprint, for this token endpoint, by this
/// client, within its time range, and the certificate itself still valid.
#[allow(clippy::result_large_err)]
fn check_assertion(app: &super::App, assertion: &str, audience: &str) -> Result<(), Response> {
    let invalid = |code: u32, text: &str| {
        Err(aad_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            code,
            text,
        ))
    };
    let Some(pem_text) = &app.certificate_pem else {
        return invalid(
            700027,
            "Client assertion failed signature validation: no certificate is registered on the application.",
        );
    };
    let Ok(cert_pem) = pem::parse(pem_text) else {
        return invalid(700027, "The registered certificate is not PEM.");
    };
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(cert_pem.contents()) else {
        return invalid(700027, "The registered certificate cannot be parsed.");
    };
    use sha1::Digest;
    let thumbprint = URL_SAFE_NO_PAD.encode(sha1::Sha1::digest(cert_pem.contents()));
    let header: Option<serde_json::Value> = assertion
        .split('.')
        .next()
        .and_then(|h| URL_SAFE_NO_PAD.decode(h).ok())
        .and_then(|b| serde_json::from_slice(&b).ok());
    let Some(header) = header else {
        return invalid(700027, "Client assertion is not a JWT.");
    };
    if header["x5t"].as_str() != Some(thumbprint.as_str()) {
        return invalid(
            700027,
            "Client assertion failed signature validation: the key (x5t) was not found on the application.",
        );
    }
    if !cert.validity().is_valid() {
        return invalid(
            700027,
            "The certificate used to sign the client assertion is expired or not yet valid.",
        );
    }
    let key = jsonwebtoken::DecodingKey::from_rsa_der(&cert.public_key().subject_public_key.data);
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[app.client_id.as_str()]);
    validation.sub = Some(app.client_id.clone());
    validation.leeway = 0;
    match jsonwebtoken::decode::<serde_json::Value>(assertion, &key, &validation) {
        Ok(_) => Ok(()),
        Err(e) => match e.kind() {
            jsonwebtoken::errors::ErrorKind::ExpiredSignature
            | jsonwebtoken::errors::ErrorKind::ImmatureSignature => invalid(
                700024,
                "Client assertion is not within its valid time range.",
            ),
            jsonwebtoken::errors::ErrorKind::InvalidAudience => invalid(
                700016,
                "Client assertion audience claim does not match the token endpoint.",
            ),
            _ => invalid(
                700027,
                &format!("Client assertion failed signature validation ({e})."),
            ),
        },
    }
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
    // Entra finds the tenant, then the application in it, before it looks at the scope or the
    // credential.
    let known_tenant = !matches!(
        tenant::consent(&s.config, &s.fleets, &tenant, ""),
        tenant::Consent::UnknownTenant
    );
    if !known_tenant {
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
    let tenant::Consent::Granted {
        app: app_index,
        fleet,
        tenant_id,
    } = tenant::consent(&s.config, &s.fleets, &tenant, client_id)
    else {
        return not_in_directory(client_id, &tenant);
    };
    let app = &s.config.apps[app_index];
    let audience = if v2 {
        let scope = param("scope").unwrap_or("");
        match scope.strip_suffix("/.default") {
            Some(r) if known_resource(r) => r,
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
            Some(r) if known_resource(r.trim_end_matches('/')) => r.trim_end_matches('/'),
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
    match (
        param("client_secret"),
        param("client_assertion_type"),
        param("client_assertion"),
    ) {
        (Some(secret), _, _) if secret == app.client_secret => {}
        (Some(_), _, _) => {
            return aad_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
            );
        }
        (None, Some(JWT_BEARER), Some(assertion)) => {
            let path = if v2 {
                "oauth2/v2.0/token"
            } else {
                "oauth2/token"
            };
            let audience = format!("{}/{tenant}/{path}", s.base_url);
            if let Err(refusal) = check_assertion(app, assertion, &audience) {
                return refusal;
            }
        }
        _ => {
            return aad_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000216,
                "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
            );
        }
    }
    let (token, secs) = mint(&s, app_index, fleet, &tenant_id, audience);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let mut body = json!({"token_type": "Bearer", "expires_in": secs, "ext_expires_in": secs, "access_token": token});
    if !v2 {
        body["expires_on"] = json!((now + secs).to_string());
        body["resource"] = json!(audience);
    }
    axum::Json(body).into_response()
}

/// Entra's answer for a client that is not installed or consented in a tenant: 400
/// `unauthorized_client`, AADSTS700016, in the wording the service uses (as seen in the wild,
/// e.g. github.com/vippsas/vipps-ecom-api/issues/183 and
/// github.com/Azure/azure-sdk-for-python/issues/8314; the code's entry in
/// learn.microsoft.com/entra/identity-platform/reference-error-codes is
/// `UnauthorizedClient_DoesNotMatchRequest`).
fn not_in_directory(client_id: &str, tenant: &str) -> Response {
    aad_error(
        StatusCode::BAD_REQUEST,
        "unauthorized_client",
        700016,
        &format!(
            "Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
        ),
    )
}

/// Issues a JWT-shaped token for an app in a tenant (its `tid`) and remembers it, bound to the
/// tenant's fleet. Returns the token and its lifetime.
fn mint(
    s: &SimState,
    app_index: usize,
    fleet: usize,
    tenant_id: &str,
    audience: &str,
) -> (String, u64) {
    let app = &s.config.apps[app_index];
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let ttl = s.config.token_ttl;
    let secs = ttl.as_secs().max(1);
    let claims = json!({
        "aud": audience,
        "iss": format!("https://sts.windows.net/{tenant_id}/"),
        "iat": now, "nbf": now, "exp": now + secs,
        "appid": app.client_id,
        "tid": tenant_id,
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
            fleet,
            tenant_id: tenant_id.to_string(),
            audience: audience.to_string(),
            expires: Instant::now() + ttl,
            revoked: false,
        },
    );
    (token, secs)
}
