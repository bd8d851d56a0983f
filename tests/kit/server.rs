//! A tiny per-test HTTP server for one-off wire cases the simulator should not learn (after xh's
//! `tests/server`): each test gives a closure that answers every request, and the server counts
//! what it was asked. Loopback only.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;

pub use hyper::{Request, Response};

/// A request as the handler sees it: method, path with query, headers, whole body.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: hyper::HeaderMap,
    pub body: Bytes,
}

pub type Body = http_body_util::combinators::BoxBody<Bytes, std::io::Error>;
pub type Reply = Response<Body>;

/// A body of these bytes.
pub fn body(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

pub struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    /// Serves `handler` on a free loopback port until dropped.
    pub fn start<F>(handler: F) -> Server
    where
        F: Fn(&Seen) -> Reply + Send + Sync + 'static,
    {
        Server::start_or_drop(move |seen| Some(handler(seen)))
    }

    /// The same, where the handler may answer `None`: the connection is closed unanswered.
    pub fn start_or_drop<F>(handler: F) -> Server
    where
        F: Fn(&Seen) -> Option<Reply> + Send + Sync + 'static,
    {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let addr = listener.local_addr().unwrap();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler = Arc::new(handler);
        let log = seen.clone();
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (handler, log) = (handler.clone(), log.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                        let (handler, log) = (handler.clone(), log.clone());
                        async move {
                            let (parts, body) = req.into_parts();
                            let body = body
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            let seen = Seen {
                                method: parts.method.to_string(),
                                path: parts
                                    .uri
                                    .path_and_query()
                                    .map_or_else(String::new, |p| p.to_string()),
                                headers: parts.headers,
                                body,
                            };
                            log.lock().unwrap().push(seen.clone());
                            handler(&seen).ok_or_else(|| std::io::Error::other("dropped"))
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server {
            addr,
            seen,
            _runtime: runtime,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Requests whose path starts with `prefix`.
    pub fn hits(&self, prefix: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.path.starts_with(prefix))
            .count()
    }
}

/// A JSON answer.
pub fn json(status: u16, body: serde_json::Value) -> Reply {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(self::body(body.to_string()))
        .unwrap()
}

/// The token endpoint's happy answer, for servers that also play Entra.
pub fn token_reply() -> Reply {
    json(
        200,
        serde_json::json!({"token_type": "Bearer", "expires_in": 3600, "access_token": "kit-token"}),
    )
}

/// The machine ID the per-test servers answer for.
pub const ID: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

/// Whether `seen` asks for a token (Entra's endpoint, under the tenant).
pub fn is_token(seen: &Seen) -> bool {
    seen.path.contains("/oauth2/")
}

/// A server that also plays Entra: token requests get `token_reply`, every other request
/// `handler`'s answer.
pub fn with_token<F>(handler: F) -> Server
where
    F: Fn(&Seen) -> Reply + Send + Sync + 'static,
{
    Server::start(move |seen| {
        if is_token(seen) {
            return token_reply();
        }
        handler(seen)
    })
}

/// A machine record as the API answers it.
pub fn machine(id: &str, tags: &[&str]) -> serde_json::Value {
    serde_json::json!({"id": id, "computerDnsName": "ws-1.corp", "machineTags": tags, "deviceValue": "Normal"})
}

/// A command for mdetag pointed at `server` for both the API and the token endpoint, for a
/// command that plans a run (`tag add`, `apply-csv`, …).
pub fn mdetag_at(server: &Server) -> assert_cmd::Command {
    let mut cmd = reader_at(server);
    // A per-test server scripts one wire case of a write; the reads that record prior state
    // would only be noise to it (the simulator's tests cover them).
    cmd.arg("--no-prior-state");
    cmd
}

/// `mdetag_at` for a command that plans no run (`machines list`, `tags list`, `auth status`,
/// `resume`): without `--no-prior-state`, which means nothing to it and is refused.
pub fn reader_at(server: &Server) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(std_cmd_at(server));
    cmd.timeout(super::HANG);
    cmd
}

/// mdetag pointed at `server` as `mdetag_at` points it, as a plain process command (for runs a
/// test signals or watches), and without `--no-prior-state`.
pub fn std_cmd_at(server: &Server) -> std::process::Command {
    let mut cmd = super::bare_std_cmd();
    cmd.env("MDETAG_ENDPOINT", server.url())
        .env("AZURE_AUTHORITY_HOST", server.url())
        .env("AZURE_TENANT_ID", "kit-tenant")
        .env("AZURE_CLIENT_ID", "kit-client")
        .env("AZURE_CLIENT_SECRET", "kit-secret");
    cmd
}
