//! What the commands that call the API share: the sandbox, the credential, the client and its
//! token, the pacer and its quota ledger, the executor, signals and the journal. The flow from a
//! request to its report is `run.rs`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::api::MdeClient;
use crate::auth::{Credential, TokenProvider};
use crate::exit::{ExitStatus, Signal, UsageError};
use crate::files::UnsafeFolder;
use crate::journal::record::{FORMAT, Header};
use crate::journal::{Journal, ledger::Ledger, store};
use crate::lookup::{ResolveError, resolve};
use crate::model::QueryRun;
use crate::pipeline::{Executor, Stop, StopReason};
use crate::plan::{Needs, Resolution};
use crate::settings::{JournalChoice, Settings};
use crate::ui::Printer;
use crate::ui::text::plural;

/// Calls in flight get this long to finish after the first signal.
const GRACE: Duration = Duration::from_secs(30);

/// A run's connection to the API, ready for calls.
pub struct Session {
    pub exec: Executor<MdeClient>,
    pub printer: Arc<Printer>,
    /// Who the token says the run is (for the journal and the quota ledger).
    pub tenant: Option<String>,
    pub client: Option<String>,
    endpoint: String,
    /// For the hunting APIs' own tokens (another audience) and calls.
    pub(super) credential: Credential,
    pub(super) http: reqwest::Client,
    /// `{state}/quota`, where this app's processes share their pace.
    pub(super) quota: Option<std::path::PathBuf>,
    /// Against the sandbox (whose address changes from one process to the next).
    sandbox: bool,
}

impl Session {
    /// Connects: starts the sandbox if asked, resolves the credential, proves it with a first
    /// token (a wrong secret is exit 1, not ten thousand failed rows), and refuses a token that
    /// says it may not write when `writes`. Signals are handled from here on, and the pacer
    /// shares its quota with the app's other processes. `tenancy`: one tenant's part of a run
    /// over many: the app's credential, resolved once for every tenant, and the stops one
    /// signal reaches.
    pub async fn open_in(
        settings: &Settings,
        printer: Arc<Printer>,
        writes: bool,
        part: Option<&Tenancy>,
    ) -> Result<Session> {
        if part.is_none() {
            for w in settings.host_warnings() {
                printer.warn(w);
            }
        }
        let credential = if let Some(part) = part {
            part.credential.clone()
        } else if settings.sandbox() {
            super::sandbox::credential(settings)?
        } else {
            let resolved =
                settings.credential(&crate::settings::process_env, &crate::auth::OsKeyring)?;
            printer.debug(|| format!("credential: {}", resolved.source));
            if let Some(w) = resolved.credential.warning() {
                printer.warn(w);
            }
            resolved.credential
        };
        let stop = Arc::new(Stop::default());
        match part {
            Some(part) => part.stops.add(stop.clone()),
            None => {
                let stops = Arc::new(StopGroup::default());
                stops.add(stop.clone());
                stops.watch(printer.clone())?;
            }
        }
        let http = settings.http_client();
        let retries = settings.retry_policy().retries;
        let auth = TokenProvider::new(credential.clone(), http.clone(), printer.clone(), retries);
        // A signal while the first token is fetched ends the wait: the caller sees
        // `signal()` and reports every operation as not sent.
        let fetched = tokio::select! {
            biased;
            _ = stop.stopped() => None,
            claims = auth.claims() => Some(claims.context("authentication failed")?),
        };
        if writes && let Some(claims) = &fetched {
            if claims.as_ref().and_then(crate::auth::can_write) == Some(false) {
                anyhow::bail!(
                    "{}; `mdetag auth status` shows the token's roles",
                    crate::auth::missing_role_advice()
                );
            }
            // A token that does not say what it may do is the API's to judge (issue 15).
            if let Some(why) = crate::auth::unreadable_roles(claims.as_ref()) {
                printer.warn(why);
            }
        }
        let claims = fetched.flatten();
        let claim = |k: &str| {
            claims
                .as_ref()
                .and_then(|c| c.get(k))
                .and_then(|v| v.as_str())
                .map(String::from)
        };
        let tenant = claim("tid").or_else(|| settings.tenant_id().map(String::from));
        let client = claim("appid")
            .or_else(|| claim("azp"))
            .or_else(|| settings.client_id().map(String::from));
        let pacer = settings.pacer();
        // A state folder others may write is refused; one that cannot be had (no home
        // folder) leaves the run pacing alone.
        let state = match store::state_dir() {
            Err(e) if e.is::<UnsafeFolder>() => return Err(e),
            state => state,
        };
        let quota = state.as_ref().map(|s| s.join("quota"));
        if let Ok(quota) = &quota
            && let Err(e) = store::check_dir(quota)
            && e.is::<UnsafeFolder>()
        {
            return Err(e);
        }
        let quota = quota.ok().filter(|_| !settings.sandbox());
        // The sandbox is a simulator of this process's own: nothing to share.
        if let (Some(t), Some(c), Some(quota)) = (&tenant, &client, &quota) {
            pacer.share(ledger(quota, t, c, settings.windows(), &printer));
        }
        let client_api = MdeClient::new(
            http.clone(),
            settings.endpoint().clone(),
            auth,
            printer.clone(),
        );
        Ok(Session {
            exec: Executor {
                api: Arc::new(client_api),
                pacer: Arc::new(pacer),
                policy: settings.retry_policy(),
                concurrency: settings.concurrency(),
                stop,
                renewals: Default::default(),
            },
            printer,
            tenant,
            client,
            endpoint: settings.endpoint().to_string(),
            credential,
            http,
            quota,
            sandbox: settings.sandbox(),
        })
    }

    /// The reads `needs` asks for, announced.
    pub async fn resolve(&self, needs: &Needs) -> Result<Resolution, ResolveError> {
        if needs.is_empty() {
            return Ok(Resolution::default());
        }
        let mut what = Vec::new();
        if !needs.names.is_empty() {
            what.push(plural(needs.names.len(), "name", "names"));
        }
        if !needs.state_of.is_empty() {
            what.push(format!("{} by ID", needs.state_of.len()));
        }
        if !needs.conditions.is_empty() {
            what.push(needs.conditions.describe());
        }
        if what.is_empty() {
            what.push("every machine".to_string());
        }
        self.printer.note(format!(
            "reading machines: {} (about {})",
            what.join(", "),
            plural(needs.estimated_reads() as usize, "call", "calls")
        ));
        resolve(&self.exec, needs).await
    }

    /// The signal that stopped the run, if one did.
    pub fn signal(&self) -> Option<Signal> {
        match self.exec.stop.reason() {
            Some(StopReason::Signal(s)) => Some(s),
            _ => None,
        }
    }

    /// Starts the run's journal as the settings say (or none), and says where it is.
    pub fn start_journal(&self, settings: &Settings, header: Header) -> Result<Option<Journal>> {
        let run_id = header.run_id.clone();
        let path = match settings.journal() {
            JournalChoice::Off => return Ok(None),
            JournalChoice::File(f) => f.clone(),
            JournalChoice::StateDir => {
                let dir = store::runs_dir()?;
                store::private_dir(&dir)?;
                store::prune(&dir);
                dir.join(format!("{run_id}.jsonl"))
            }
        };
        let journal = Journal::create(&path, header).with_context(|| {
            format!(
                "cannot write the run's journal {} (set MDETAG_STATE_DIR to a directory you can write, or use --journal FILE or --no-journal)",
                path.display()
            )
        })?;
        self.printer
            .note(format!("run {run_id} · journal {}", path.display()));
        Ok(Some(journal))
    }

    /// The first line of a journal or saved plan made by this session: a new run ID, the
    /// tenant, app and API, and what the run is.
    pub fn header(&self, settings: &Settings, command: &str, query: Option<&QueryRun>) -> Header {
        Header {
            format: FORMAT,
            run_id: store::new_run_id(),
            started: store::now_rfc3339(),
            command: command.into(),
            tenant: self.tenant.clone(),
            client: self.client.clone(),
            endpoint: self.endpoint.clone(),
            batching: settings.plan_options().batching,
            sandbox: settings.sandbox(),
            mdetag: env!("CARGO_PKG_VERSION").into(),
            rate_limit: Some(settings.rate_limit()),
            concurrency: Some(settings.concurrency()),
            call_timeout_ms: Some(crate::http::call_timeout().as_millis() as u64),
            query: query.cloned().map(Box::new),
            saved: None,
            applies: None,
            fan_out: false,
            tenant_name: None,
        }
    }

    /// Refuses to act on a journal's run with another tenant, app or API: its machine IDs
    /// belong to the run's own.
    pub fn check_same_app(&self, header: &Header, what: &str) -> Result<()> {
        same_sandbox(header, self.sandbox, what)?;
        let differs = |theirs: &Option<String>, ours: &Option<String>| matches!((theirs, ours), (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b));
        // The sandbox listens on a new port each time: its tenant and app are what stay.
        let endpoint_differs = !self.sandbox
            && header.endpoint.trim_end_matches('/') != self.endpoint.trim_end_matches('/');
        if differs(&header.tenant, &self.tenant)
            || differs(&header.client, &self.client)
            || endpoint_differs
        {
            return Err(UsageError(format!(
                "{what} was made for tenant {}, app {} at {}; this is tenant {}, app {} at {} (set AZURE_TENANT_ID and AZURE_CLIENT_ID, --profile or --endpoint as it had them)",
                header.tenant.as_deref().unwrap_or("?"),
                header.client.as_deref().unwrap_or("?"),
                header.endpoint,
                self.tenant.as_deref().unwrap_or("?"),
                self.client.as_deref().unwrap_or("?"),
                self.endpoint
            ))
            .into());
        }
        Ok(())
    }
}

/// Refuses to act on a sandbox run (or plan) against a real tenant, or on a real one against the
/// sandbox: the one's machines are not the other's. Checked before any credential is asked for.
pub fn same_sandbox(header: &Header, sandbox: bool, what: &str) -> Result<()> {
    match (header.sandbox, sandbox) {
        (true, false) => Err(UsageError(format!(
            "{what} was made in the sandbox: add --sandbox to act on it there (a real tenant does not have its machines)"
        ))
        .into()),
        (false, true) => Err(UsageError(format!(
            "{what} was made for tenant {} at {}, not in the sandbox: leave out --sandbox to act on it",
            header.tenant.as_deref().unwrap_or("?"),
            header.endpoint
        ))
        .into()),
        _ => Ok(()),
    }
}

/// The quota ledger every process of `app` pacing by `windows` shares: it keeps each start for
/// as long as the longest window counts it, and no more starts than any window counts.
pub(super) fn ledger(
    quota: &std::path::Path,
    tenant: &str,
    app: &str,
    windows: &[crate::pipeline::Window],
    printer: &Arc<Printer>,
) -> Box<Ledger> {
    let keep = windows.iter().map(|w| w.limit as usize).max().unwrap_or(1);
    let warn = printer.clone();
    Box::new(Ledger::open(
        quota,
        tenant,
        app,
        crate::pipeline::Schedule::new(windows).memory(),
        keep,
        Box::new(move |m| warn.warn(m)),
    ))
}

/// The signals that stop a run cleanly, registered from now on.
struct Signals {
    #[cfg(unix)]
    unix: [(tokio::signal::unix::Signal, Signal); 3],
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
    #[cfg(windows)]
    ctrl_break: tokio::signal::windows::CtrlBreak,
}

impl Signals {
    fn new() -> std::io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                unix: [
                    (signal(SignalKind::interrupt())?, Signal::Interrupt),
                    (signal(SignalKind::terminate())?, Signal::Terminate),
                    (signal(SignalKind::hangup())?, Signal::Hangup),
                ],
            })
        }
        #[cfg(windows)]
        {
            Ok(Signals {
                ctrl_c: tokio::signal::windows::ctrl_c()?,
                ctrl_break: tokio::signal::windows::ctrl_break()?,
            })
        }
    }

    async fn next(&mut self) -> Signal {
        #[cfg(unix)]
        {
            let [(a, sa), (b, sb), (c, sc)] = &mut self.unix;
            tokio::select! {
                _ = a.recv() => *sa,
                _ = b.recv() => *sb,
                _ = c.recv() => *sc,
            }
        }
        #[cfg(windows)]
        {
            tokio::select! {
                _ = self.ctrl_c.recv() => Signal::Interrupt,
                _ = self.ctrl_break.recv() => Signal::Terminate,
            }
        }
    }
}

/// The app's credential and the signal watch shared by the tenants of a run over many.
pub struct Tenancy {
    pub credential: Credential,
    pub stops: Arc<StopGroup>,
}

/// The runs one signal stops: a run's own, or every tenant's of a run over many. A run added
/// after the signal is stopped as it is added.
#[derive(Default)]
pub struct StopGroup {
    state: std::sync::Mutex<Stops>,
}

#[derive(Default)]
struct Stops {
    stops: Vec<Arc<Stop>>,
    signal: Option<Signal>,
    abandoned: bool,
}

impl StopGroup {
    /// The signal that stopped the group, if one did.
    pub fn signal(&self) -> Option<Signal> {
        self.state.lock().expect("stops").signal
    }

    pub fn add(&self, stop: Arc<Stop>) {
        let mut state = self.state.lock().expect("stops");
        if let Some(s) = state.signal {
            stop.stop(StopReason::Signal(s));
        }
        if state.abandoned {
            stop.abandon();
        }
        state.stops.push(stop);
    }

    fn stop(&self, signal: Signal) {
        let mut state = self.state.lock().expect("stops");
        state.signal.get_or_insert(signal);
        state
            .stops
            .iter()
            .for_each(|s| s.stop(StopReason::Signal(signal)));
    }

    fn abandon(&self) {
        let mut state = self.state.lock().expect("stops");
        state.abandoned = true;
        state.stops.iter().for_each(|s| s.abandon());
    }

    /// First signal: no new call starts, calls in flight finish (at most 30 s). A second
    /// signal, or the 30 s, stop waiting: calls still in flight are reported `failed`
    /// `in-flight`. A third ends the process.
    pub fn watch(self: &Arc<Self>, printer: Arc<Printer>) -> Result<()> {
        let mut signals = Signals::new().context("cannot watch for signals")?;
        let group = self.clone();
        tokio::spawn(async move {
            let first = signals.next().await;
            printer.note(format!(
                "{}: sending nothing new, finishing calls in flight (at most {} s); again to stop waiting",
                first.name(),
                GRACE.as_secs()
            ));
            group.stop(first);
            tokio::select! {
                s = signals.next() => printer.note(format!("{}: not waiting for calls in flight", s.name())),
                _ = tokio::time::sleep(GRACE) => printer.note("calls in flight took too long: not waiting any more"),
            }
            group.abandon();
            // The report is being written; a third signal means now.
            let third = signals.next().await;
            printer.note(format!("{}: exiting now", third.name()));
            #[allow(
                clippy::exit,
                reason = "SPEC: a third signal ends the process at once, report or not"
            )]
            std::process::exit(ExitStatus::Signal(third).code().into());
        });
        Ok(())
    }
}

pub fn human_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{:.1} s", d.as_secs_f64()),
        60..3600 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}
