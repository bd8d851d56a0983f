//! What the commands that call the API share: the sandbox, the credential, the client and its
//! token, the pacer, the executor and signal handling; and the one flow from a request to its
//! report (reads → plan → dry run or calls → report → exit status).

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::time::Instant;

use crate::api::MdeClient;
use crate::auth::{Credential, Secret, TokenProvider};
use crate::exit::{ExitStatus, Signal};
use crate::model::Outcome;
use crate::pipeline::{Executor, Observer, Stop, StopReason, minimum_span};
use crate::plan::{CallCounts, Needs, Plan, Request, Resolution, ResolveError, resolve};
use crate::report::{Format, Report};
use crate::settings::Settings;
use crate::ui::Printer;
use crate::ui::progress::Progress;

/// A run's connection to the API, ready for calls.
pub struct Session {
    pub exec: Executor<MdeClient>,
    pub printer: Arc<Printer>,
    /// The sandbox lives as long as the session.
    _sandbox: Option<crate::sim::Simulator>,
}

impl Session {
    /// Connects: starts the sandbox if asked, resolves the credential, proves it with a first
    /// token (a wrong secret is exit 1, not ten thousand failed rows), and refuses a token that
    /// says it may not write when `writes`. Signals are watched from here on.
    pub async fn open(
        settings: &mut Settings,
        printer: Arc<Printer>,
        writes: bool,
    ) -> Result<Session> {
        let sandbox = if settings.sandbox() {
            Some(start_sandbox(settings, &printer).await?)
        } else {
            None
        };
        let credential = if sandbox.is_some() {
            sandbox_credential(settings)
        } else {
            let resolved =
                settings.credential(&crate::settings::process_env, &crate::auth::OsKeyring)?;
            printer.debug(|| format!("credential: {}", resolved.source));
            resolved.credential
        };
        let stop = Arc::new(Stop::default());
        watch_for_signals(stop.clone(), printer.clone());
        let http = settings.http_client();
        let auth = TokenProvider::new(credential, http.clone(), printer.clone());
        let claims = auth.claims().await.context("authentication failed")?;
        if writes && claims.as_ref().and_then(crate::auth::can_write) == Some(false) {
            anyhow::bail!(
                "{}; `mdetag auth status` shows the token's roles",
                crate::auth::missing_role_advice()
            );
        }
        let client = MdeClient::new(http, settings.endpoint().clone(), auth, printer.clone());
        Ok(Session {
            exec: Executor {
                api: Arc::new(client),
                pacer: Arc::new(settings.pacer()),
                policy: settings.retry_policy(),
                concurrency: settings.concurrency(),
                stop,
            },
            printer,
            _sandbox: sandbox,
        })
    }

    /// The reads `needs` asks for, announced.
    pub async fn resolve(&self, needs: &Needs) -> Result<Resolution, ResolveError> {
        if needs.is_empty() {
            return Ok(Resolution::default());
        }
        self.printer.note(format!(
            "reading machines: {} name(s), {} by ID, {} picker(s) (about {} call(s))",
            needs.names.len(),
            needs.state_of.len(),
            needs.pickers.len(),
            needs.estimated_reads()
        ));
        resolve(&self.exec, needs).await
    }

    /// The signal that stopped the run, if one did.
    fn signal(&self) -> Option<Signal> {
        match self.exec.stop.reason() {
            Some(StopReason::Signal(s)) => Some(s),
            _ => None,
        }
    }
}

/// From a request to its report and exit status.
pub async fn execute(
    mut settings: Settings,
    request: Request,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let started = Instant::now();
    let options = settings.plan_options();
    let needs = request.needs(options.skip_unchanged);
    if needs.is_empty() && settings.dry_run() {
        // Nothing to read and nothing to send: no credentials needed.
        let plan = request.expand(&Resolution::default(), options);
        return dry_run_report(&plan, &settings, 0, &printer);
    }
    let writes = !settings.dry_run();
    let session = Session::open(&mut settings, printer.clone(), writes).await?;
    let resolution = match session.resolve(&needs).await {
        Ok(res) => res,
        Err(ResolveError::Stopped) => {
            return interrupted_before_writes(request, &settings, &session, started);
        }
        Err(e) => return Err(e.into()),
    };
    if session.signal().is_some() {
        return interrupted_before_writes(request, &settings, &session, started);
    }
    for (origin, ids) in &resolution.picked {
        if ids.is_empty() {
            printer.warn(format!("{origin} matched no machine"));
        }
    }
    let plan = request.expand(&resolution, options);
    if settings.dry_run() {
        return dry_run_report(&plan, &settings, resolution.reads, &printer);
    }

    let exec = &session.exec;
    let calls = plan.calls(options.batching);
    let at_least = exec.pacer.time_for(calls.len() as u64);
    if at_least > Duration::from_secs(3600) {
        printer.note(format!(
            "{} calls: this run needs at least {} under {}; Ctrl-C stops it cleanly",
            calls.len(),
            human_duration(at_least),
            settings.rate_limit()
        ));
    }
    let progress = Progress::new(plan.unsettled() as u64, settings.progress(), &printer);
    let pacer = exec.pacer.clone();
    progress.spawn_ticker(move || pacer.holding_for());
    let outcomes = exec.run(calls, &ProgressObserver(progress.clone())).await;
    progress.finish(&printer);

    let report = Report::new(
        &plan,
        outcomes,
        false,
        exec.pacer.started(),
        started.elapsed(),
    );
    write_report(&report, settings.output())?;
    Ok(match exec.stop.reason() {
        Some(StopReason::Signal(s)) => ExitStatus::Signal(s),
        Some(StopReason::AuthFailed(why)) => {
            printer.error(format!("authentication failed during the run: {why}"));
            ExitStatus::Failures
        }
        None => report.exit_status(),
    })
}

/// A signal came while machines were being read: every operation is reported, none was sent.
fn interrupted_before_writes(
    request: Request,
    settings: &Settings,
    session: &Session,
    started: Instant,
) -> Result<ExitStatus> {
    let plan = request.interrupted();
    let exec = &session.exec;
    let report = Report::new(
        &plan,
        Vec::new(),
        false,
        exec.pacer.started(),
        started.elapsed(),
    );
    write_report(&report, settings.output())?;
    Ok(ExitStatus::Signal(
        session.signal().unwrap_or(Signal::Interrupt),
    ))
}

struct ProgressObserver(Arc<Progress>);

impl Observer for ProgressObserver {
    fn settled(&self, outcomes: &[Outcome]) {
        let failed = outcomes
            .iter()
            .filter(|o| o.status == crate::model::Status::Failed)
            .count();
        self.0.done(outcomes.len() as u64, failed as u64);
    }
}

/// The dry run's result: every operation planned (or settled), and the call plan.
fn dry_run_report(
    plan: &Plan,
    settings: &Settings,
    reads: u64,
    printer: &Printer,
) -> Result<ExitStatus> {
    let calls = plan.calls(settings.plan_options().batching);
    let counts = CallCounts::of(&calls);
    let total = reads + counts.total();
    let line = format!(
        "call plan: {reads} read calls made, {} write calls to make ({}): {total} API calls in all, at least {} under {}",
        counts.total(),
        counts.describe(),
        human_duration(minimum_span(total, settings.windows())),
        settings.rate_limit()
    );
    let mut report = Report::new(plan, Vec::new(), true, reads, Duration::ZERO);
    if settings.output() == Format::Table {
        report.notes.push(line);
    } else {
        printer.note(line);
    }
    write_report(&report, settings.output())?;
    // A row that already failed (a name that matches nothing) fails the pre-flight too.
    Ok(report.exit_status())
}

pub fn write_report(report: &Report, format: Format) -> Result<()> {
    crate::ui::stdout::write_with(|out| report.write(format, out))
        .context("cannot write the results to standard output")
}

/// First Ctrl-C: finish in-flight calls, skip the rest. Second: leave at once.
fn watch_for_signals(stop: Arc<Stop>, printer: Arc<Printer>) {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            printer.note(
                "interrupted: finishing calls in flight, skipping the rest (Ctrl-C again to quit now)",
            );
            stop.stop(StopReason::Signal(Signal::Interrupt));
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(i32::from(ExitStatus::Signal(Signal::Interrupt).code()));
            }
        }
    });
}

async fn start_sandbox(
    settings: &mut Settings,
    printer: &Printer,
) -> Result<crate::sim::Simulator> {
    let config = crate::sim::SimConfig {
        latency: Duration::from_millis(40),
        latency_jitter: Duration::from_millis(60),
        ..Default::default()
    };
    let machines = config.machines;
    let sim = crate::sim::Simulator::start(config, "127.0.0.1:0".parse().expect("address"))
        .await
        .context("cannot start the sandbox simulator")?;
    settings.use_sandbox(url::Url::parse(&sim.url()).expect("simulator URL"));
    printer.note(format!(
        "sandbox: simulated Defender API at {} with {machines} machines; nothing leaves this machine",
        sim.url()
    ));
    Ok(sim)
}

/// The sandbox's own application. Real credentials in the environment are never sent to it.
fn sandbox_credential(settings: &Settings) -> Credential {
    Credential::ClientSecret {
        authority: settings.authority().clone(),
        tenant_id: crate::sim::SANDBOX_TENANT.into(),
        client_id: crate::sim::SANDBOX_CLIENT.into(),
        secret: Secret::new(crate::sim::SANDBOX_SECRET),
        scope: format!("{}/.default", settings.cloud().resource()),
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
