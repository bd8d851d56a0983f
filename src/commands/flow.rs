//! The flow from a request to its report, shared by every command that writes: reads → plan →
//! dry run or calls → report → exit status.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::time::Instant;

pub use super::call_plan::{add_call_plan, call_plan_line, dry_run_report};
use super::fanout::FanPart;
use super::hunt::{add_query, query_line};
use super::resume_pick::resume_command;
use super::saved_plan::SavePlan;
use super::session::{Session, human_duration};
use crate::exit::UsageError;
use crate::exit::{ExitStatus, Signal};
use crate::journal::record::{End, Header};
use crate::journal::{Journal, PlanLines};
use crate::lookup::ResolveError;
use crate::lookup::hunting::HuntError;
use crate::model::{Origin, Outcome, Query, QueryRun, Status};
use crate::pipeline::{Observer, StopReason};
use crate::plan::Call;
use crate::plan::{Plan, Request, Resolution};
use crate::report::{Format, Report, RunEnd, Stream};
use crate::settings::Settings;
use crate::ui::Printer;
use crate::ui::progress::Progress;

/// What a command asks of the flow besides its request.
#[derive(Default)]
pub struct Job<'a> {
    /// Names the run in its journal: `tag add`, `apply-csv FILE`, `undo RUN`, …
    pub command: String,
    /// A hunting query whose machines are added to the request's lists: it runs once, before
    /// anything else is read.
    pub query: Option<Query>,
    /// The run whose journal the request was made from (`undo`): refused unless this is that
    /// run's tenant, app and API.
    pub of_run: Option<&'a Header>,
    /// `--save-plan`: plan as a dry run does, read every touched machine, and save the plan.
    pub save_plan: Option<SavePlan>,
    /// A session the command opened already (for the reads it made itself: `sync`).
    pub session: Option<Session>,
    /// One tenant's part of a run over many (`--tenants`): its tenant, the run's ID, and where
    /// its report goes.
    pub fan: Option<std::sync::Arc<FanPart>>,
}

impl Job<'_> {
    pub fn new(command: impl Into<String>) -> Self {
        Job {
            command: command.into(),
            ..Job::default()
        }
    }
}

/// From a request to its report and exit status.
pub async fn execute(
    settings: Settings,
    mut request: Request,
    mut job: Job<'_>,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    if job.fan.is_none() && settings.tenants().is_some() {
        return Box::pin(super::fanout::execute(settings, request, job, printer)).await;
    }
    let fan = job.fan.clone();
    let fan = fan.as_deref();
    let tenancy = fan.map(|f| &f.tenancy);
    let started = Instant::now();
    let options = settings.plan_options();
    // Saving a plan sends nothing, as a dry run, and reads every machine it touches.
    let dry = settings.dry_run() || job.save_plan.is_some();
    // A hunting query is a list whose machines only the API knows: it runs first.
    let mut opened = job.session.take();
    let mut query_run = None;
    if let Some(query) = &job.query {
        let session = match opened.take() {
            Some(session) => session,
            None => Session::open_in(&settings, printer.clone(), !dry, tenancy).await?,
        };
        if session.signal().is_some() {
            return interrupted_before_writes(request, &settings, &session, started, fan);
        }
        match session.hunt(&settings, query).await {
            Ok((refs, run)) => {
                printer.note(query_line(&run));
                request.add_listed(refs, &Origin::new(query.origin.clone(), 0));
                query_run = Some(run);
            }
            Err(HuntError::Stopped) => {
                return interrupted_before_writes(request, &settings, &session, started, fan);
            }
            Err(e) if e.is_usage() => return Err(UsageError(e.to_string()).into()),
            Err(e) => return Err(e.into()),
        }
        opened = Some(session);
    }
    let query_run = query_run.as_ref();
    // A journaled run reads every machine's state before its first write, so that undo is
    // exact. A dry run does not, but counts those reads in its call plan.
    let prior = settings.records_prior_state() || job.save_plan.is_some();
    let needs = request
        .needs(options.skip_unchanged || (prior && !settings.dry_run()) || job.save_plan.is_some());
    let prior_reads = match settings.dry_run() && prior {
        true => request
            .needs(true)
            .estimated_reads()
            .saturating_sub(needs.estimated_reads()),
        false => 0,
    };
    if needs.is_empty() && settings.dry_run() && job.save_plan.is_none() {
        // Nothing to read and nothing to send: no credentials needed.
        let plan = request.expand(&Resolution::default(), options);
        let reads = opened.as_ref().map_or(0, |s| s.exec.pacer.started());
        return dry_run_report(
            &plan,
            &settings,
            reads,
            prior_reads,
            query_run,
            &printer,
            fan,
        );
    }
    let writes = !dry;
    let session = match opened {
        Some(session) => session,
        None => Session::open_in(&settings, printer.clone(), writes, tenancy).await?,
    };
    if session.signal().is_some() {
        return interrupted_before_writes(request, &settings, &session, started, fan);
    }
    if let Some(header) = job.of_run {
        session.check_same_app(header, &format!("run {}", header.run_id))?;
    }
    let resolution = match session.resolve(&needs).await {
        Ok(res) => res,
        Err(ResolveError::Stopped) => {
            return interrupted_before_writes(request, &settings, &session, started, fan);
        }
        Err(e) => return Err(e.into()),
    };
    if session.signal().is_some() {
        return interrupted_before_writes(request, &settings, &session, started, fan);
    }
    super::duplicates::warn(&resolution, options.on_duplicate, &printer);
    let plan = request.expand(&resolution, options);
    if plan.ops.is_empty() {
        let why = if resolution.conditions.is_empty() {
            "the input holds no operation".to_string()
        } else {
            format!("{} matched no machine", resolution.conditions.describe())
        };
        printer.warn(format!("nothing to do: {why}"));
    }
    if let Some(save) = &job.save_plan {
        let mut header = session.header(&settings, &job.command, query_run);
        if let Some(fan) = fan {
            fan.stamp(&mut header);
        }
        save.write(header, &settings, &plan, &resolution.machines)?;
        // Every call the plan took is a read (a sync's rules read before this too).
        dry_run_report(
            &plan,
            &settings,
            session.exec.pacer.started(),
            0,
            query_run,
            &printer,
            fan,
        )?;
        match fan {
            None => printer.note(save.saved_line(&plan, options.batching, settings.sandbox())),
            Some(fan) => fan.saved(super::saved_plan::PlanCounts::of(&plan, options.batching)),
        }
        return Ok(ExitStatus::Ok);
    }
    if settings.dry_run() {
        return dry_run_report(
            &plan,
            &settings,
            resolution.reads,
            prior_reads,
            query_run,
            &printer,
            fan,
        );
    }
    // A run with nothing in it leaves no journal behind to clutter `runs list`.
    let journal = match plan.ops.is_empty() {
        true => None,
        false => {
            let mut header = session.header(&settings, &job.command, query_run);
            if let Some(fan) = fan {
                fan.stamp(&mut header);
            }
            session.start_journal(&settings, header)?
        }
    };
    let calls = journal_plan(
        journal.as_ref(),
        &plan,
        &resolution.machines,
        options.batching,
    )?;
    let work = Work {
        plan: &plan,
        calls,
        previous: Vec::new(),
        query: query_run,
        fan,
    };
    run_plan(&session, &settings, work, journal, started).await
}

/// Writes the plan into the journal (and to disk) while its calls are worked out beside it;
/// then this thread helps format the journal's lines. The calls.
pub fn journal_plan(
    journal: Option<&Journal>,
    plan: &Plan,
    machines: &std::collections::HashMap<crate::model::MachineId, crate::model::Machine>,
    batching: bool,
) -> Result<Vec<Call>> {
    let lines = PlanLines::new(plan);
    let (journaled, calls) = std::thread::scope(|scope| {
        let journaling = journal.map(|j| scope.spawn(|| j.plan(plan, machines, &lines)));
        let calls = plan.calls(batching);
        let journaled = journaling.map_or(Ok(()), |t| {
            lines.help();
            t.join().expect("journal thread")
        });
        (journaled, calls)
    });
    journaled.context("cannot write the run's journal")?;
    Ok(calls)
}

/// What a run sends and reports: the plan, the calls for what is left of it, the outcomes
/// settled before (a resumed run's), and the hunting query that picked its machines.
pub struct Work<'a> {
    pub plan: &'a Plan,
    pub calls: Vec<Call>,
    pub previous: Vec<Outcome>,
    pub query: Option<&'a QueryRun>,
    /// One tenant's part of a run over many.
    pub fan: Option<&'a FanPart>,
}

/// Sends the work's calls and reports every operation. Shared by every command that writes.
pub async fn run_plan(
    session: &Session,
    settings: &Settings,
    work: Work<'_>,
    journal: Option<Journal>,
    started: Instant,
) -> Result<ExitStatus> {
    let Work {
        plan,
        calls,
        previous,
        query,
        fan,
    } = work;
    let (exec, printer) = (&session.exec, &session.printer);
    let at_least = exec.pacer.time_for(calls.len() as u64);
    let resume = journal.as_ref().map_or_else(
        || "mdetag resume".to_string(),
        |j| resume_command(j.path(), j.run_id(), settings.sandbox()),
    );
    if at_least > Duration::from_secs(3600) {
        printer.note(format!(
            "{} calls: this run needs at least {} under {}; Ctrl-C stops it cleanly (`{resume}` continues it)",
            calls.len(),
            human_duration(at_least),
            settings.rate_limit()
        ));
    }
    let pending = calls.iter().map(Call::len).sum::<usize>() as u64;
    let progress = Progress::new(pending, exec.concurrency, settings.progress(), printer);
    let (pacer, schedule) = (exec.pacer.clone(), exec.pacer.clone());
    // Retries count as started calls, so this can run a little short; it never ignores the
    // windows, as a rate measured from a first burst does.
    let (to_send, started_before) = (calls.len() as u64, exec.pacer.started());
    progress.spawn_ticker(
        move || pacer.holding_for(),
        move || {
            let sent = schedule.started().saturating_sub(started_before);
            let calls = to_send.saturating_sub(sent);
            (calls, schedule.time_for(calls))
        },
    );
    let stream = match fan {
        None => Stream::start(plan, settings.output(), &previous),
        // A run over many tenants: every tenant's rows into the one standard output.
        Some(fan) => fan
            .sink
            .clone()
            .map(|sink| Stream::start_in(plan, sink, fan.tenant.clone(), &previous)),
    };
    let progress_observer = ProgressObserver(progress.clone());
    let mut observers: Vec<&dyn Observer> = vec![&progress_observer];
    if let Some(j) = &journal {
        observers.push(j);
    }
    if let Some(s) = &stream {
        observers.push(s);
    }
    let outcomes = exec.run(calls, &Fanout(observers)).await;
    progress.finish(printer);

    let mut all = previous;
    all.extend(outcomes);
    let reason = exec.stop.reason();
    // The credential refused before any write of this new run could succeed: the run could
    // not run (exit 1), changed nothing, and leaves nothing to resume or undo (SPEC.md).
    let mut journal = journal;
    let refused = matches!(reason, Some(StopReason::AuthFailed(_)))
        && journal.as_ref().is_none_or(Journal::is_new)
        && all
            .iter()
            .all(|o| o.status != Status::Succeeded && !o.uncertain());
    if refused && let Some(j) = journal.take() {
        let path = j.path().to_path_buf();
        if let Err(e) = j.discard() {
            printer.warn(format!("cannot remove {}: {e}", path.display()));
        }
    }
    let run_id = journal.as_ref().map(|j| j.run_id().to_string());
    let mut report = Report::new(
        plan,
        all,
        false,
        exec.pacer.started(),
        started.elapsed(),
        run_id,
    )
    .with_status(match &reason {
        None => RunEnd::Finished,
        Some(StopReason::Signal(_)) => RunEnd::Interrupted,
        Some(_) => RunEnd::Aborted,
    });
    add_query(&mut report, query, settings);
    match &stream {
        Some(s) => {
            s.finish(&report.summary)
                .context("cannot write the results to standard output")?;
            if let Some(fan) = fan {
                fan.streamed(&report);
            }
        }
        None => deliver(&mut report, settings, fan)?,
    }
    if let Some(j) = &journal {
        let (total, succeeded, failed, skipped) = report.counts();
        let end = End {
            status: report.summary.status,
            total,
            succeeded,
            failed,
            skipped,
            uncertain: report.summary.uncertain,
            api_calls: report.summary.api_calls,
            elapsed_ms: report.summary.elapsed_ms,
        };
        if let Err(e) = j.end(end) {
            printer.error(format!(
                "the journal {} is incomplete: {e}",
                j.path().display()
            ));
        }
        if reason.is_some() && fan.is_none() {
            printer.note(format!("`{resume}` continues this run"));
        }
    }
    Ok(match reason {
        Some(StopReason::Signal(s)) => ExitStatus::Signal(s),
        Some(StopReason::AuthFailed(why)) if refused => {
            printer.error(format!("authentication failed: {why}; nothing was changed"));
            ExitStatus::Setup
        }
        Some(StopReason::AuthFailed(why)) => {
            printer.error(format!("authentication failed during the run: {why}"));
            ExitStatus::Failures
        }
        Some(StopReason::Unanswered) => {
            printer.error(format!(
                "the API is not answering: the run stopped sending (`{resume}` continues it)"
            ));
            if report.summary.succeeded == 0 {
                ExitStatus::Setup
            } else {
                ExitStatus::Failures
            }
        }
        Some(StopReason::Journal(why)) => {
            printer.error(format!(
                "the journal could not be written: {why}; the run stopped"
            ));
            ExitStatus::Failures
        }
        None => report.exit_status(),
    })
}

/// A signal came before anything was sent (while the token was fetched or machines were read):
/// every operation is reported, none was sent.
fn interrupted_before_writes(
    request: Request,
    settings: &Settings,
    session: &Session,
    started: Instant,
    fan: Option<&FanPart>,
) -> Result<ExitStatus> {
    let plan = request.interrupted();
    let exec = &session.exec;
    let mut report = Report::new(
        &plan,
        Vec::new(),
        false,
        exec.pacer.started(),
        started.elapsed(),
        None,
    )
    .with_status(RunEnd::Interrupted);
    deliver(&mut report, settings, fan)?;
    session
        .printer
        .note("interrupted before any change was sent: nothing was sent");
    Ok(ExitStatus::Signal(
        session.signal().unwrap_or(Signal::Interrupt),
    ))
}

/// Every observer hears every event; the first that cannot record a send stops it.
struct Fanout<'a>(Vec<&'a dyn Observer>);

impl Observer for Fanout<'_> {
    fn sending<'a>(
        &'a self,
        ops: &'a [usize],
    ) -> futures::future::BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            for o in &self.0 {
                o.sending(ops).await?;
            }
            Ok(())
        })
    }

    fn leaving(&self, ops: &[usize]) {
        self.0.iter().for_each(|o| o.leaving(ops));
    }

    fn settled(&self, outcomes: &[Outcome]) {
        self.0.iter().for_each(|o| o.settled(outcomes));
    }
}

struct ProgressObserver(Arc<Progress>);

impl Observer for ProgressObserver {
    fn leaving(&self, ops: &[usize]) {
        self.0.leaving(ops);
    }

    fn settled(&self, outcomes: &[Outcome]) {
        self.0.settled(outcomes);
    }
}

/// The report to standard output, or (one tenant's part of a run over many) to the part, with
/// the tenant on every row, for the whole run's report.
pub fn deliver(report: &mut Report, settings: &Settings, fan: Option<&FanPart>) -> Result<()> {
    match fan {
        None => write_report(report, settings.output()),
        Some(fan) => fan.deliver(report, settings.output()),
    }
}

pub fn write_report(report: &Report, format: Format) -> Result<()> {
    crate::ui::stdout::write_with(|out| report.write(format, out))
        .context("cannot write the results to standard output")
}
