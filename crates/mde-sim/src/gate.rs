//! The gate every request passes: it is logged; API and hunting calls are authenticated,
//! counted against the caller's limits, delayed and subjected to the configured faults before
//! the route sees them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use hyper_util::rt::TokioIo;
use rand::RngExt;
use tokio::sync::Notify;

use super::{CallRecord, Caller, SimState, api_error, hunting, token};

/// Marks the connection a request came on, so the gate can close it without an answer.
#[derive(Clone)]
struct ConnectionKill(Arc<Notify>);

pub(crate) async fn serve_connection(stream: tokio::net::TcpStream, app: Router) {
    let kill = Arc::new(Notify::new());
    let marker = ConnectionKill(kill.clone());
    let service =
        hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(marker.clone());
            let mut app = app.clone();
            async move { tower::Service::call(&mut app, req.map(axum::body::Body::new)).await }
        });
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = conn => {}
        // Dropping the connection future closes the socket with no answer.
        _ = kill.notified() => {}
    }
}

/// Every request passes here: it is logged; API calls are authenticated, counted against the
/// caller's limits, delayed and subjected to the configured faults before the route sees them.
pub(crate) async fn gate(State(s): State<Arc<SimState>>, mut req: Request, next: Next) -> Response {
    let arrived = Instant::now();
    let path = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_string(), |p| p.to_string());
    let method = req.method().to_string();
    let kind = if hunting::is_hunting(req.uri().path()) {
        "hunting"
    } else if req.uri().path().starts_with("/api/") {
        "api"
    } else if req.uri().path().starts_with("/_sim/") {
        "sim"
    } else {
        "token"
    };
    let mut record = CallRecord {
        seq: 0,
        at_ms: arrived.duration_since(s.started).as_secs_f64() * 1000.0,
        method,
        path,
        kind,
        status: 0,
        client_id: None,
        tenant: None,
        content_encoding: None,
        fault: None,
    };
    if kind == "token" {
        record.tenant = token_tenant(&s, req.uri().path());
    }
    if kind != "api" && kind != "hunting" {
        let response = next.run(req).await;
        record.status = response.status().as_u16();
        record.content_encoding = content_encoding(&response);
        if kind != "sim" {
            log(&s, record);
        }
        return response;
    }
    // A service carries out a call it has received even when the caller goes away (a client
    // killed while its call is in flight): the call runs to its end in a task of its own, not
    // in the connection's future that the caller's going away cancels.
    let call = tokio::spawn(async move {
        let outcome = admit(&s, &mut req, &mut record).await;
        let kill = req.extensions().get::<ConnectionKill>().cloned();
        let response = match outcome {
            Admission::Answer(r) => r,
            Admission::Pass => {
                let response = next.run(req).await;
                save(&s).await;
                response
            }
            Admission::Drop => {
                log(&s, record);
                return kill.map(Err);
            }
            Admission::PassThenDrop => {
                let response = next.run(req).await;
                save(&s).await;
                record.status = response.status().as_u16();
                record.fault = Some("answer lost");
                log(&s, record);
                return kill.map(Err);
            }
        };
        record.status = response.status().as_u16();
        record.content_encoding = content_encoding(&response);
        log(&s, record);
        Some(Ok(response))
    });
    match call.await {
        Ok(Some(Ok(response))) => response,
        // The connection is closed with no answer.
        Ok(Some(Err(kill))) => {
            kill.0.notify_one();
            std::future::pending().await
        }
        Ok(None) | Err(_) => std::future::pending().await,
    }
}

/// Writes the state file, when a change the call made is not in it yet, before the answer goes
/// out: a caller that has its answer finds the change there after a restart.
async fn save(s: &Arc<SimState>) {
    if !s.unsaved() {
        return;
    }
    let state = s.clone();
    if let Ok(Err(e)) = tokio::task::spawn_blocking(move || state.save(false)).await {
        let path = s.store.as_ref().map(|st| st.path().display().to_string());
        eprintln!(
            "mde-sim: state file {}: cannot write it: {e}",
            path.unwrap_or_default()
        );
    }
}

/// The tenant a token request is made in: the path's first segment, or the first tenant for
/// the managed identity route.
fn token_tenant(s: &SimState, path: &str) -> Option<String> {
    if path == "/msi/token" {
        return Some(s.fleets[0].tenant_id.clone());
    }
    let (tenant, rest) = path.strip_prefix('/')?.split_once('/')?;
    rest.starts_with("oauth2/").then(|| tenant.to_string())
}

fn content_encoding(response: &Response) -> Option<String> {
    response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

enum Admission {
    Pass,
    /// Carry the call out, then close the connection before the answer.
    PassThenDrop,
    Answer(Response),
    Drop,
}

async fn admit(s: &Arc<SimState>, req: &mut Request, record: &mut CallRecord) -> Admission {
    // Graph and the Defender API each refuse in their own error shape.
    let graph = hunting::is_graph(req.uri().path());
    let refuse = |status: u16, mde_code: &str, graph_code: &str, message: &str| {
        if graph {
            hunting::graph_error(status, graph_code, message)
        } else {
            api_error(status, mde_code, message)
        }
    };
    // Authentication: a bearer token this simulator issued and that has not expired.
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let denied = if graph {
        "Access token is empty."
    } else {
        "Authorization has been denied for this request."
    };
    let issued = token.and_then(|t| s.tokens.lock().expect("tokens").get(&t).cloned());
    let Some(issued) = issued else {
        return Admission::Answer(refuse(
            401,
            "Unauthorized",
            "InvalidAuthenticationToken",
            denied,
        ));
    };
    if issued.revoked {
        return Admission::Answer(refuse(
            401,
            "Unauthorized",
            "InvalidAuthenticationToken",
            "The access token has been revoked.",
        ));
    }
    if issued.expires <= Instant::now() {
        let expired = if graph {
            "Lifetime validation failed, the token is expired."
        } else {
            "The access token has expired."
        };
        return Admission::Answer(refuse(
            401,
            "Unauthorized",
            "InvalidAuthenticationToken",
            expired,
        ));
    }
    // A token is for one resource: Graph's are refused by the Defender API and the other way
    // round.
    let for_graph = token::GRAPH_RESOURCES.contains(&issued.audience.as_str());
    if for_graph != graph {
        let message = if graph {
            "Access token validation failure. Invalid audience.".to_string()
        } else {
            format!(
                "Authorization has been denied for this request: the token's audience ({}) is not this API.",
                issued.audience
            )
        };
        return Admission::Answer(refuse(
            401,
            "Unauthorized",
            "InvalidAuthenticationToken",
            &message,
        ));
    }
    let app = &s.config.apps[issued.app];
    record.client_id = Some(app.client_id.clone());
    record.tenant = Some(issued.tenant_id.clone());

    // Rate limits, per application and tenant, over rolling windows: the hunting calls have
    // windows of their own.
    let limiter = if record.kind == "hunting" {
        &s.hunting_limiter
    } else {
        &s.limiter
    };
    if let Err((retry_after, limit, period)) =
        limiter.admit(&format!("{}/{}", issued.tenant_id, app.client_id))
    {
        let mut r = refuse(
            429,
            "TooManyRequests",
            "TooManyRequests",
            &format!(
                "API calls quota exceeded! Maximum admitted {limit} per {}.",
                describe(period)
            ),
        );
        r.headers_mut().insert(
            "retry-after",
            retry_after
                .as_secs()
                .max(1)
                .to_string()
                .parse()
                .expect("header"),
        );
        record.fault = Some("throttled");
        return Admission::Answer(r);
    }
    req.extensions_mut().insert(Caller {
        roles: app.roles.clone(),
        fleet: issued.fleet,
    });

    let (delay, roll_drop, roll_error, roll_lost) = {
        let mut rng = s.rng.lock().expect("rng");
        let jitter = s.config.latency_jitter.mul_f64(rng.random::<f64>());
        (
            s.config.latency + jitter,
            rng.random::<f64>(),
            rng.random::<f64>(),
            rng.random::<f64>(),
        )
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if roll_drop < s.config.drop_rate {
        record.fault = Some("dropped");
        return Admission::Drop;
    }
    if roll_error < s.config.error_rate {
        record.fault = Some("unavailable");
        return Admission::Answer(refuse(
            503,
            "ServiceUnavailable",
            "serviceNotAvailable",
            "The service is temporarily unavailable.",
        ));
    }
    if roll_lost < s.config.lost_answer_rate {
        return Admission::PassThenDrop;
    }
    Admission::Pass
}

fn describe(period: Duration) -> String {
    let secs = period.as_secs_f64();
    if secs >= 3600.0 && secs % 3600.0 == 0.0 {
        format!("{} hour(s)", secs / 3600.0)
    } else if secs >= 60.0 && secs % 60.0 == 0.0 {
        format!("{} minute(s)", secs / 60.0)
    } else {
        format!("{secs} second(s)")
    }
}

fn log(s: &SimState, mut record: CallRecord) {
    let mut calls = s.calls.lock().expect("calls");
    record.seq = calls.len() as u64 + 1;
    calls.push(record);
}
