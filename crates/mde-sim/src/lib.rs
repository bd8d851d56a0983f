//! mde-sim: a stand-in for the Defender for Endpoint machine API and the Entra token endpoint.
//!
//! It enforces what the real service does, from Microsoft's pages: client credentials, bearer
//! tokens that expire, case-sensitive body parameters, `{"error":{code,message,target}}` bodies,
//! per-application rolling-window rate limits answered with 429 and Retry-After, and deflate
//! responses. It can add latency, 5xx answers and dropped connections, and it records every call.
//!
//! It shares no types with the client (its `api` module): its wire structs are its own, so a field
//! the client names wrongly fails here instead of being wrong on both sides.
//!
//! ## Advanced hunting
//!
//! Both hunting APIs answer over a `DeviceInfo` table built from the machines:
//!
//! - Microsoft Graph, `POST /v1.0/security/runHuntingQuery` with `{"Query": KQL, "Timespan"?}`
//!   (ISO 8601: `P30D`, `START/END`, `DURATION/END`, `START/DURATION` or `START`; default 30
//!   days), permission `ThreatHunting.Read.All`, answering
//!   `{"@odata.context": ".../$metadata#microsoft.graph.security.huntingQueryResults",
//!   "schema": [{"name","type"}], "results": [{…}]}`. Its tokens are issued for
//!   `https://graph.microsoft.com`, `https://graph.microsoft.us` or `https://dod-graph.microsoft.us`
//!   (v2 scope `{resource}/.default`, v1 `resource`, or the managed identity route). Its errors
//!   are Graph's: `{"error":{"code","message","innerError":{"date","request-id",
//!   "client-request-id"}}}`: 401 `InvalidAuthenticationToken` (an MDE token: "Access token
//!   validation failure. Invalid audience."), 403 `Forbidden` (no role, or
//!   `SimConfig::graph_hunting_refused`), 400 `BadRequest`, 429 `TooManyRequests`.
//! - Defender for Endpoint, `POST /api/advancedqueries/run` with `{"Query": KQL}`, permission
//!   `AdvancedQuery.Read.All`, always the last 30 days, answering `{"Stats", "Schema":
//!   [{"Name","Type"}], "Results": [{…}]}`, errors in the machine routes' shape. A Graph token
//!   is refused on every `/api/` route with 401.
//!
//! `DeviceInfo` has `Timestamp` (DateTime), `DeviceId`, `DeviceName` (the FQDN in lower case),
//! `OSPlatform`, `MachineGroup`, `IsInternetFacing` (Boolean), `OnboardingStatus`,
//! `ExposureLevel` (Low, Medium, High) and `Tags` (Dynamic, an array). Each machine's newest
//! row is its current state, tag changes included, minutes old (days for an inactive machine);
//! every third machine also has an older row, hours earlier, whose tags and exposure may
//! differ, so `summarize arg_max(Timestamp, *) by DeviceId` matters as it does on the service.
//!
//! The KQL subset (module [`kql`]): `DeviceInfo | where …` with `==`, `!=`, `=~`, `!~`, `has`,
//! `contains`, `startswith`, `endswith`, `in (…)`, `in~ (…)`, `and`, `or`, `not(…)`,
//! parentheses and `set_has_element(Tags, "x")`; `project a, b`; `distinct a[, b]`;
//! `take N` / `limit N`; `count`; `summarize arg_max(Timestamp, *) by DeviceId`; `"…"` and
//! `'…'` strings with backslash escapes, numbers, `true`/`false`, `//` comments, newlines.
//! Anything else is a 400 whose message names the token and where it is:
//! `unknown tabular operator 'sort' at line 2, column 3 (offset 13); supported: …`.
//!
//! Hunting calls count against `SimConfig::hunting_rate_limits` (45 a minute, 1,500 an hour)
//! and not the machine windows, are cut to `SimConfig::hunting_row_cap` rows (100,000) without
//! a word, as the service does, take the same latency and faults as other calls, and are
//! logged with kind `hunting`.
//!
//! ## Tenants
//!
//! As in Microsoft's partner model (one multi-tenant app consented in each customer tenant),
//! `SimConfig::tenants` serves several tenants on one host: the app gets a token per tenant
//! from `/{tenant}/oauth2/v2.0/token` (or v1), the token is bound to that tenant (`tid`), and
//! every machine and hunting call sees and changes that tenant's machines only (another
//! tenant's machine ID is 404 like an unknown one). Each tenant has its own fleet, drawn from
//! the seed and its ID ([`tenant_seed`]), its own `DeviceInfo` table and its own rate windows:
//! the limits are per application and tenant. A tenant with [`TenantSpec::refuses_apps`]
//! answers the token request as Entra does for an app not installed or consented there: 400
//! `unauthorized_client`, AADSTS700016. The call log records each call's tenant;
//! `/_sim/machines`, `/_sim/calls` take `?tenant=ID`, and `/_sim/tenants` lists them. With no
//! tenants configured the simulator is the single-tenant one it always was (module `tenant`).
//!
//! ## State
//!
//! With `SimConfig::state_file`, every tenant's machines outlive the process: read from the
//! file at start, written to it (atomically) after every change (module `persist`).

#![forbid(unsafe_code)]

mod api;
mod device_info;
pub mod filter;
mod gate;
mod hunting;
mod inspect;
mod inventory;
pub mod kql;
mod limits;
mod persist;
mod tenant;
mod timespan;
mod token;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::response::{IntoResponse, Response};
use rand::rngs::Xoshiro256PlusPlus as SeededRng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use serde_json::json;
use tokio::net::TcpListener;

pub use inventory::MachineRecord;
pub use limits::parse_limits;
pub use tenant::{TenantSpec, sandbox_tenant, tenant_seed};

/// A registered application: what the token endpoint accepts and what its tokens may do.
#[derive(Clone, Debug)]
pub struct App {
    pub tenant_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub roles: Vec<String>,
    /// A certificate (PEM) registered on the app: client assertions signed with its key are
    /// accepted in place of the secret.
    pub certificate_pem: Option<String>,
}

/// What the batch call does with machine IDs it does not know. Microsoft does not document it,
/// so the simulator can do either and the client must cope with both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnknownInBatch {
    /// The whole call fails with 404 ResourceNotFound and nothing is applied.
    NotFound,
    /// The known machines are updated and returned; the unknown ones are left out.
    Omit,
}

#[derive(Clone, Debug)]
pub struct SimConfig {
    pub seed: u64,
    pub machines: usize,
    /// Added to every API call, plus up to `latency_jitter` more.
    pub latency: Duration,
    pub latency_jitter: Duration,
    /// Share of API calls answered 503 (after counting against the limits).
    pub error_rate: f64,
    /// Share of API calls whose connection is closed with no answer.
    pub drop_rate: f64,
    /// Share of API calls that are carried out and then have their connection closed before
    /// the answer: the change is made, the caller never hears of it.
    pub lost_answer_rate: f64,
    pub token_ttl: Duration,
    /// (limit, period) windows per application; empty means no limit.
    pub rate_limits: Vec<(u32, Duration)>,
    pub apps: Vec<App>,
    pub unknown_in_batch: UnknownInBatch,
    /// Answer with `Content-Encoding: deflate` when the client accepts it.
    pub deflate: bool,
    /// Most machines in one page of the list call (the service's is 10,000).
    pub page_size: usize,
    /// Share of machines a batch tag call answers for without changing them (a lagging
    /// backend): the client must check the returned tags, not trust the 200.
    pub stale_batch_rate: f64,
    /// The secret header of the managed identity route (`GET /msi/token`), which issues tokens
    /// for the first app; `None` turns the route off.
    pub identity_header: Option<String>,
    /// (limit, period) windows per application and tenant for the hunting calls of both APIs,
    /// apart from `rate_limits`; empty means no limit. The service's: 45 a minute, 1,500 an hour.
    pub hunting_rate_limits: Vec<(u32, Duration)>,
    /// Most rows a hunting result has: a longer one is cut to exactly this many, silently, as
    /// the service does (100,000).
    pub hunting_row_cap: usize,
    /// Graph refuses the hunting query with 403 even when the app has ThreatHunting.Read.All:
    /// the case in which a client falls back to the MDE API.
    pub graph_hunting_refused: bool,
    /// The tenants served, each with its own machines, `DeviceInfo` table and rate windows
    /// (per app and tenant), and every app consented in each that does not refuse apps; a
    /// token is bound to the tenant it was issued in and sees that tenant's machines only.
    /// Empty (the default): one tenant, the first app's, with `machines` machines drawn from
    /// `seed`, whose fleet the apps of every tenant in `apps` share, as before tenants were
    /// modelled. With tenants, `machines` is not used and each fleet is drawn from
    /// [`tenant_seed`]`(seed, tenant_id)`.
    pub tenants: Vec<TenantSpec>,
    /// A file that keeps every tenant's machines between runs (module `persist`): read at
    /// start when it exists (a tenant in it gets its machines from it, as many as it has),
    /// written when it does not, and written again (atomically, mode 0600 on Unix) after every
    /// call that changes a machine. `None` (the default): nothing is kept.
    pub state_file: Option<PathBuf>,
    /// How the state file is written whole; `None` (the default): the simulator's own atomic
    /// write (a temporary file beside it, synced, renamed over it). An embedding program gives
    /// its own when it keeps every file it writes one way (mdetag's sandbox does).
    pub state_writer: Option<StateWriter>,
}

/// Writes a whole file atomically: `(path, bytes)`; the reader sees the old file or the new one.
#[derive(Clone)]
pub struct StateWriter(pub Arc<WriteWhole>);

/// What a [`StateWriter`] calls.
pub type WriteWhole = dyn Fn(&Path, &[u8]) -> std::io::Result<()> + Send + Sync;

impl std::fmt::Debug for StateWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StateWriter(..)")
    }
}

pub const SANDBOX_TENANT: &str = "6f1a2b3c-0000-4000-8000-00000000a001";
pub const SANDBOX_CLIENT: &str = "8d2e4f60-0000-4000-8000-00000000c001";
/// The sandbox's own secret: known to anyone, worth nothing outside the simulator.
pub const SANDBOX_SECRET: &str = "mde-sim-sandbox-secret";

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            machines: 50,
            latency: Duration::ZERO,
            latency_jitter: Duration::ZERO,
            error_rate: 0.0,
            drop_rate: 0.0,
            lost_answer_rate: 0.0,
            token_ttl: Duration::from_secs(3600),
            rate_limits: vec![
                (100, Duration::from_secs(60)),
                (1500, Duration::from_secs(3600)),
            ],
            apps: vec![App {
                tenant_id: SANDBOX_TENANT.into(),
                client_id: SANDBOX_CLIENT.into(),
                client_secret: SANDBOX_SECRET.into(),
                roles: vec![
                    "Machine.ReadWrite.All".into(),
                    "Machine.Read.All".into(),
                    "AdvancedQuery.Read.All".into(),
                    "ThreatHunting.Read.All".into(),
                ],
                certificate_pem: None,
            }],
            unknown_in_batch: UnknownInBatch::NotFound,
            deflate: true,
            page_size: 10_000,
            stale_batch_rate: 0.0,
            identity_header: None,
            hunting_rate_limits: vec![
                (45, Duration::from_secs(60)),
                (1500, Duration::from_secs(3600)),
            ],
            hunting_row_cap: 100_000,
            graph_hunting_refused: false,
            tenants: Vec::new(),
            state_file: None,
            state_writer: None,
        }
    }
}

/// One request as the simulator saw it.
#[derive(Clone, Debug, Serialize)]
pub struct CallRecord {
    pub seq: u64,
    /// Milliseconds since the simulator started, when the request arrived.
    pub at_ms: f64,
    pub method: String,
    /// Path and query.
    pub path: String,
    /// `api` (the machine routes), `hunting` (both hunting routes), `token` or `sim`.
    pub kind: &'static str,
    /// 0 when the connection was dropped.
    pub status: u16,
    pub client_id: Option<String>,
    /// The tenant the call was made in: the token's for API and hunting calls, the one in the
    /// path for the token endpoint, the first for the managed identity route.
    pub tenant: Option<String>,
    pub content_encoding: Option<String>,
    pub fault: Option<&'static str>,
}

#[derive(Clone, Debug)]
pub(crate) struct IssuedToken {
    pub app: usize,
    /// The fleet the token sees (index in `SimState::fleets`).
    pub fleet: usize,
    /// The tenant it was issued in, as configured (its `tid`).
    pub tenant_id: String,
    /// The resource the token was issued for (its `aud`).
    pub audience: String,
    pub expires: Instant,
    pub revoked: bool,
}

pub(crate) struct SimState {
    pub config: SimConfig,
    pub started: Instant,
    /// The tenants served, the first being the default one.
    pub fleets: Vec<tenant::Fleet>,
    pub calls: Mutex<Vec<CallRecord>>,
    pub tokens: Mutex<HashMap<String, IssuedToken>>,
    pub limiter: limits::Limiter,
    /// The hunting calls' own windows.
    pub hunting_limiter: limits::Limiter,
    pub rng: Mutex<SeededRng>,
    pub base_url: String,
    /// Every change a write call made, in order, with the fleet it was made in:
    /// `"<machine> <what> <value>"`.
    pub writes: Mutex<Vec<(usize, String)>>,
    /// How many changes were made so far (counted as they are made, under the fleet's lock).
    pub changes: AtomicU64,
    /// Where the state is kept, when it is.
    pub store: Option<persist::Store>,
}

impl SimState {
    /// Records a change as it is applied (not when the answer goes out: a caller killed before
    /// reading it still changed the machine).
    pub(crate) fn wrote(&self, fleet: usize, machine: &str, what: &str, value: &str) {
        self.writes
            .lock()
            .expect("writes")
            .push((fleet, format!("{machine} {what} {value}")));
        self.changes.fetch_add(1, Ordering::SeqCst);
    }

    /// Whether a change is not in the state file yet.
    pub(crate) fn unsaved(&self) -> bool {
        self.store
            .as_ref()
            .is_some_and(|s| s.behind(self.changes.load(Ordering::SeqCst)))
    }

    /// Writes the state file (when there is one) if a change is not in it yet, or `force`.
    pub(crate) fn save(&self, force: bool) -> std::io::Result<()> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        store.save(
            force,
            || self.changes.load(Ordering::SeqCst),
            || {
                self.fleets
                    .iter()
                    .map(|f| (f.tenant_id.clone(), f.snapshot()))
                    .collect()
            },
        )
    }

    /// The machines of the caller's tenant.
    pub(crate) fn inventory(
        &self,
        caller: &Caller,
    ) -> std::sync::MutexGuard<'_, inventory::Inventory> {
        self.fleets[caller.fleet].machines.lock().expect("machines")
    }
}

/// The caller's application, found from its bearer token by the gate.
#[derive(Clone)]
pub(crate) struct Caller {
    pub roles: Vec<String>,
    /// The fleet of the token's tenant: the only machines the call sees.
    pub fleet: usize,
}

/// An error in the shape the Defender API uses.
pub(crate) fn api_error(status: u16, code: &str, message: impl Into<String>) -> Response {
    let status = axum::http::StatusCode::from_u16(status).expect("status");
    let body = json!({"error": {"code": code, "message": message.into(), "target": target_id()}});
    (status, axum::Json(body)).into_response()
}

pub(crate) fn target_id() -> String {
    let n: u128 = rand::rng().random();
    let h = format!("{n:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// A running simulator. Dropping it stops the server.
pub struct Simulator {
    addr: SocketAddr,
    state: Arc<SimState>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Simulator {
    /// Starts on `addr` (port 0 for a free one). Must be called within a Tokio runtime.
    pub async fn start(config: SimConfig, addr: SocketAddr) -> std::io::Result<Simulator> {
        if !addr.ip().is_loopback() {
            return Err(std::io::Error::other(
                "mde-sim listens on loopback addresses only",
            ));
        }
        let state_error = |path: &Path, kind: std::io::ErrorKind, e: String| {
            std::io::Error::new(kind, format!("state file {}: {e}", path.display()))
        };
        let mut loaded = match &config.state_file {
            Some(path) => persist::load(path)
                .map_err(|e| state_error(path, std::io::ErrorKind::InvalidData, e))?,
            None => None,
        };
        // Whether a tenant's machines were drawn rather than read: the file is written then.
        let mut drawn = false;
        let fleets = tenant::fleets(&config, |tenant| {
            let machines = loaded.as_mut().and_then(|l| l.take(tenant));
            drawn |= machines.is_none();
            machines
        })
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let store = config
            .state_file
            .clone()
            .map(|path| persist::Store::new(path, loaded, config.state_writer.clone()));
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let state = Arc::new(SimState {
            fleets,
            limiter: limits::Limiter::new(config.rate_limits.clone()),
            hunting_limiter: limits::Limiter::new(config.hunting_rate_limits.clone()),
            rng: Mutex::new(SeededRng::seed_from_u64(config.seed ^ 0x5eed)),
            calls: Mutex::new(Vec::new()),
            writes: Mutex::new(Vec::new()),
            changes: AtomicU64::new(0),
            store,
            tokens: Mutex::new(HashMap::new()),
            started: Instant::now(),
            base_url,
            config,
        });
        if drawn && let Some(store) = &state.store {
            state.save(true).map_err(|e| {
                state_error(
                    store.path(),
                    std::io::ErrorKind::InvalidInput,
                    format!("cannot write it: {e}"),
                )
            })?;
        }
        let app = router(state.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let app = app.clone();
                tokio::spawn(gate::serve_connection(stream, app));
            }
        });
        Ok(Simulator { addr, state, task })
    }

    pub fn url(&self) -> String {
        self.state.base_url.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn config(&self) -> &SimConfig {
        &self.state.config
    }

    /// Milliseconds since the simulator started: the clock of `CallRecord::at_ms`.
    pub fn now_ms(&self) -> f64 {
        self.state.started.elapsed().as_secs_f64() * 1000.0
    }
}

fn router(state: Arc<SimState>) -> Router {
    let mut api = api::routes().merge(hunting::routes());
    if state.config.deflate {
        api = api.layer(
            tower_http::compression::CompressionLayer::new()
                .deflate(true)
                .quality(tower_http::CompressionLevel::Fastest),
        );
    }
    Router::new()
        .merge(api)
        .merge(token::routes())
        .merge(inspect::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gate::gate,
        ))
        .with_state(state)
}
