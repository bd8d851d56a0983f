//! `mdetag apply PLAN [--skip-drifted]`: runs a saved plan's operations exactly, once, while
//! the machines it touches are still as the plan saw them. Pickers and queries are not
//! evaluated again.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use tokio::time::Instant;

use std::sync::atomic::{AtomicBool, Ordering};

mod tenants;

use tenants::apply_tenants;

use super::fanout::FanPart;
use super::flow::{Work, dry_run_report, journal_plan, run_plan};
use super::saved_plan::sha256_of_file;
use super::session::Session;
use crate::cli::{ApplyArgs, GlobalArgs};
use crate::exit::{ExitStatus, Signal, UsageError};
use crate::journal::reader::{self, JournalError, RunLog};
use crate::journal::record::{Applies, FORMAT, Header, PlanPart};
use crate::journal::{replay, store};
use crate::lookup::ResolveError;
use crate::model::{MachineId, Reason, Settled};
use crate::plan::drift::{Drift, Observed, drifted};
use crate::plan::{Needs, Plan};
use crate::report::Report;
use crate::settings::{Settings, Sources};
use crate::ui::Printer;
use crate::ui::text::plural;

/// Drifted machines listed by name before the rest are counted.
const DRIFT_LISTED: usize = 100;

pub async fn run(
    args: &ApplyArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let settings = Settings::from_args(g, sources)?;
    let path = args.plan.as_path();
    let sha256 = sha256_of_file(path)
        .map_err(|e| UsageError(format!("{}: cannot read the plan: {e}", path.display())))?;
    let parts = read_plan(path)?;
    let first = &parts[0].header;
    if let Some((run, journal)) = store::applied_by(&sha256)? {
        return Err(UsageError(format!(
            "{} was applied already, by run {run} ({journal}): a saved plan runs once; `mdetag{} resume {run}` continues that run, or plan again",
            path.display(),
            if first.sandbox { " --sandbox" } else { "" }
        ))
        .into());
    }
    let what = format!("the plan {}", path.display());
    super::session::same_sandbox(first, settings.sandbox(), &what)?;
    let plan = SavedPlan {
        path,
        sha256,
        skip_drifted: args.skip_drifted,
    };
    match first.saved.as_ref().and_then(|s| s.part) {
        None => {
            let part = Prepared::of(parts.into_iter().next().expect("a part"))?;
            apply_part(&plan, part, settings, printer, None).await
        }
        Some(_) => apply_tenants(&plan, parts, settings, printer).await,
    }
}

/// The plan being applied.
struct SavedPlan<'a> {
    path: &'a Path,
    sha256: String,
    skip_drifted: bool,
}

/// One tenant's part of a saved plan, ready to check and run: what is left to send, the state
/// the plan saw of each machine it sends to, and those machines in the plan's order.
struct Prepared {
    header: Header,
    plan: Plan,
    observed: HashMap<MachineId, Observed>,
    touched: Vec<MachineId>,
}

impl Prepared {
    fn of(log: RunLog) -> Result<Prepared> {
        let replay = replay::replay(&log)?;
        let mut plan = replay.plan;
        for o in &replay.done {
            if let Some(error) = &o.error {
                plan.ops[o.index].settled = Some(Box::new(Settled {
                    status: o.status,
                    error: error.clone(),
                }));
            }
        }
        let observed = observed(&log)?;
        // The machines the plan sends to, each once, in the plan's order.
        let mut seen = HashSet::new();
        let touched: Vec<MachineId> = plan
            .ops
            .iter()
            .filter(|p| p.settled.is_none())
            .filter_map(|p| p.op.machine.id())
            .filter(|id| seen.insert(*id))
            .collect();
        if let Some(p) = plan.ops.iter().find(|p| {
            p.settled.is_none()
                && p.op
                    .machine
                    .id()
                    .is_none_or(|id| !observed.contains_key(&id))
        }) {
            return Err(UsageError(format!(
                "{}: the plan is damaged: it sends to {} without recording that machine's state",
                log.path.display(),
                p.op.machine.text().as_str()
            ))
            .into());
        }
        Ok(Prepared {
            header: log.header,
            plan,
            observed,
            touched,
        })
    }

    fn needs(&self) -> Needs {
        Needs {
            state_of: self.touched.clone(),
            lists: true,
            ..Needs::default()
        }
    }
}

/// Checks a part against its tenant's machines as they are now, then runs it (or, in a dry
/// run, reports it). `fan`: the tenant's part of a run over many, which the plan was marked
/// applied for already; alone, the plan is marked applied here, before the first write.
async fn apply_part(
    saved: &SavedPlan<'_>,
    part: Prepared,
    settings: Settings,
    printer: Arc<Printer>,
    fan: Option<(Arc<FanPart>, &AtomicBool)>,
) -> Result<ExitStatus> {
    let started = Instant::now();
    let path = saved.path;
    let needs = part.needs();
    let Prepared {
        header: plan_header,
        mut plan,
        observed,
        touched,
    } = part;
    let (fan, sending) = match &fan {
        Some((part, sending)) => (Some(part.as_ref()), Some(*sending)),
        None => (None, None),
    };
    let tenancy = fan.map(|f| &f.tenancy);
    let session =
        Session::open_in(&settings, printer.clone(), !settings.dry_run(), tenancy).await?;
    session.check_same_app(&plan_header, &format!("the plan {}", path.display()))?;
    let resolution = match session.resolve(&needs).await {
        Ok(res) => res,
        Err(ResolveError::Stopped) => return interrupted(&plan, &settings, &session, started, fan),
        Err(e) => return Err(e.into()),
    };
    if session.signal().is_some() {
        return interrupted(&plan, &settings, &session, started, fan);
    }
    let drift = drifted(&touched, &observed, &resolution.machines);
    if !drift.is_empty() {
        if !saved.skip_drifted {
            list_drift(&drift, &plan, &printer);
            let (since, again) = match fan {
                // Every tenant was checked before any was sent to: this one changed since.
                Some(f) => (
                    "since the check: nothing was sent in this tenant",
                    format!(
                        "plan this tenant again (`--tenant-id {} --save-plan FILE`)",
                        f.tenant.id
                    ),
                ),
                None => (
                    "since the plan was saved: nothing was sent",
                    "plan again, or pass --skip-drifted to skip their operations and run the rest"
                        .to_string(),
                ),
            };
            return Err(UsageError(format!(
                "{} of {} changed {since}; {again}",
                plural(drift.len(), "machine", "machines"),
                plural(touched.len(), "machine", "machines")
            ))
            .into());
        }
        skip_drifted(&mut plan, &drift);
        printer.warn(format!(
            "skipping the operations on {} that changed since the plan was saved (--skip-drifted)",
            plural(drift.len(), "machine", "machines")
        ));
    }
    plan.name_machines(&resolution.machines);
    let query = plan_header.query.as_deref();
    if settings.dry_run() {
        return dry_run_report(&plan, &settings, resolution.reads, 0, query, &printer, fan);
    }
    let mut header = session.header(&settings, "apply", query);
    header.applies = Some(Box::new(Applies {
        path: path.display().to_string(),
        sha256: saved.sha256.clone(),
    }));
    if let Some(fan) = fan {
        fan.stamp(&mut header);
    }
    let run_id = header.run_id.clone();
    let pending = plan.ops.iter().any(|p| p.settled.is_none());
    let journal = match pending {
        true => session.start_journal(&settings, header)?,
        false => None,
    };
    let journal_path = journal.as_ref().map(|j| j.path().to_path_buf());
    // Recorded before the first write: a second apply of this plan is refused from now on.
    let mark = match (pending, fan) {
        (true, None) => Some(store::mark_applied(
            &saved.sha256,
            &run_id,
            &journal_path
                .as_deref()
                .map_or("no journal".into(), |p| p.display().to_string()),
        )?),
        _ => None,
    };
    let calls = journal_plan(
        journal.as_ref(),
        &plan,
        &resolution.machines,
        settings.plan_options().batching,
    )?;
    if let Some(sending) = sending
        && pending
    {
        sending.store(true, Ordering::Release);
    }
    let work = Work {
        fan,
        plan: &plan,
        calls,
        previous: Vec::new(),
        query,
    };
    let status = run_plan(&session, &settings, work, journal, started).await;
    // A run whose credential was refused before any write leaves no journal (it changed
    // nothing): the plan can still be applied.
    if let (Some(mark), Some(journal)) = (&mark, &journal_path)
        && !journal.exists()
    {
        let _ = std::fs::remove_file(mark);
    }
    status
}

/// Reads a saved plan, every tenant's part of it: refused (exit 2) unless it is a whole plan
/// of this format, each part present and complete.
fn read_plan(path: &Path) -> Result<Vec<RunLog>> {
    let refuse = |why: String| -> anyhow::Error { UsageError(why).into() };
    let parts = match reader::read_parts(path) {
        Ok(parts) => parts,
        Err(e @ JournalError::Io { .. }) => return Err(e.into()),
        Err(JournalError::Cut { .. }) => {
            return Err(refuse(format!(
                "{}: the plan was cut before its header: plan again with --save-plan",
                path.display()
            )));
        }
        Err(e) => return Err(refuse(format!("{e}; nothing was sent"))),
    };
    let incomplete = || {
        refuse(format!(
            "{} is not a complete plan (its saving was stopped before the mark that ends it): nothing was sent; plan again with --save-plan",
            path.display()
        ))
    };
    let first = &parts[0].header;
    if first.saved.is_none() {
        return Err(refuse(format!(
            "{} is a run's journal, not a saved plan (`mdetag resume` continues a run; --save-plan saves a plan)",
            path.display()
        )));
    }
    let first_part = first.saved.as_ref().and_then(|s| s.part);
    let of = first_part.map_or(1, |p| p.of);
    for (i, log) in parts.iter().enumerate() {
        let h = &log.header;
        if h.format != FORMAT {
            return Err(refuse(format!(
                "{} is a plan of format {}; this mdetag applies format {FORMAT}: plan again with it",
                path.display(),
                h.format
            )));
        }
        let part = h.saved.as_ref().map(|s| s.part);
        let expected = first_part.map(|_| PlanPart { n: i + 1, of });
        if part != Some(expected) || h.run_id != first.run_id || h.sandbox != first.sandbox {
            return Err(refuse(format!(
                "{}: the plan is damaged: its part {} is not the plan's part {} of {of}; nothing was sent; plan again with --save-plan",
                path.display(),
                i + 1,
                i + 1
            )));
        }
        if !log.plan_complete || log.state.iter().any(|s| s.uncertain()) || log.end.is_some() {
            return Err(incomplete());
        }
    }
    if parts.len() != of {
        return Err(incomplete());
    }
    Ok(parts)
}

/// The state the plan recorded of each machine it touches.
fn observed(log: &RunLog) -> Result<HashMap<MachineId, Observed>> {
    let mut out = HashMap::with_capacity(log.prior.len());
    for (id, prior) in &log.prior {
        let id = MachineId::parse(id).map_err(|e| {
            UsageError(format!(
                "{}: the plan is damaged: a machine state names {id}: {}",
                log.path.display(),
                e.0
            ))
        })?;
        out.insert(
            id,
            Observed {
                tags: prior.tags.clone(),
                value: prior.value.clone(),
            },
        );
    }
    Ok(out)
}

/// Says which machines drifted and how: the first `DRIFT_LISTED`, then a count.
fn list_drift(drift: &[(MachineId, Drift)], plan: &Plan, printer: &Printer) {
    for (id, how) in drift.iter().take(DRIFT_LISTED) {
        let name = plan
            .names
            .get(id)
            .map_or(String::new(), |n| format!(" ({n})"));
        printer.error(format!("drifted: {id}{name}: {how}"));
    }
    if drift.len() > DRIFT_LISTED {
        printer.error(format!(
            "… and {} more",
            plural(
                drift.len() - DRIFT_LISTED,
                "drifted machine",
                "drifted machines"
            )
        ));
    }
}

/// `--skip-drifted`: the drifted machines' operations are reported, not sent.
fn skip_drifted(plan: &mut Plan, drift: &[(MachineId, Drift)]) {
    let how: HashMap<MachineId, &Drift> = drift.iter().map(|(id, d)| (*id, d)).collect();
    for p in plan.ops.iter_mut().filter(|p| p.settled.is_none()) {
        if let Some(d) = p.op.machine.id().and_then(|id| how.get(&id)) {
            p.settled = Some(Box::new(Settled::skipped(
                Reason::Drifted,
                format!("not sent: the machine changed since the plan was saved ({d})"),
            )));
        }
    }
}

/// A signal came while the machines were read: every operation is reported, none was sent.
fn interrupted(
    plan: &Plan,
    settings: &Settings,
    session: &Session,
    started: Instant,
    fan: Option<&FanPart>,
) -> Result<ExitStatus> {
    let outcomes = plan
        .ops
        .iter()
        .enumerate()
        .map(|(i, p)| match &p.settled {
            Some(s) => crate::model::Outcome::settled(i, 0, s),
            None => crate::model::Outcome::settled(i, 0, &Settled::interrupted()),
        })
        .collect();
    let exec = &session.exec;
    let mut report = Report::new(
        plan,
        outcomes,
        false,
        exec.pacer.started(),
        started.elapsed(),
        None,
    )
    .with_status(crate::report::RunEnd::Interrupted);
    super::flow::deliver(&mut report, settings, fan)?;
    session
        .printer
        .note("interrupted before any change was sent: nothing was sent");
    Ok(ExitStatus::Signal(
        session.signal().unwrap_or(Signal::Interrupt),
    ))
}
