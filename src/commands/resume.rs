//! `mdetag resume [RUN]`: continue a run. Settled operations stay settled; a call that was sent
//! but never answered is checked against the API (batched reads) and counts as succeeded when
//! its change is there; only the rest is sent, into the same journal.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::{Context, Result};
use tokio::time::Instant;

use super::fanout::FanPart;
use super::flow::{Work, add_call_plan, call_plan_line, deliver, run_plan};
use super::resume_pick;
use super::session::{Session, same_sandbox};
use crate::cli::GlobalArgs;
use crate::exit::{ExitStatus, Signal};
use crate::journal::record::{Prior, Record};
use crate::journal::{Journal, replay, store};
use crate::lookup::ResolveError;
use crate::model::Reason;
use crate::model::{MachineId, Outcome, Settled, Status};
use crate::pipeline::Observer;
use crate::plan::Needs;
use crate::report::Report;
use crate::settings::{Settings, Sources};
use crate::ui::Printer;
use crate::ui::text::plural;

pub async fn run(
    run: Option<&str>,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    // Where to find the run (and how to report a run with nothing left) takes the settings as
    // given; the run's own settings are a layer of the ones it resumes with.
    let given = Settings::from_args(g, sources)?;
    let Some(path) = resume_pick::journal_of(run, &given, &printer)? else {
        return Ok(ExitStatus::Ok);
    };
    // What an undo put back is not sent again by resuming the run it undid.
    let run_id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(undo) = store::undone_by(&run_id)? {
        return Err(crate::exit::UsageError(format!(
            "run {run_id} was undone by run {undo}: resuming it would send again what the undo put back; nothing was sent (run the command again if it is wanted after all)"
        ))
        .into());
    }
    if path.is_dir() {
        return resume_tenants(&path, g, sources, printer).await;
    }
    let log = resume_pick::read(&path)?;
    let settings = Settings::from_args(g, &sources.clone().with_run(resume_pick::run_layer(&log)))?;
    resume_one(&path, log, settings, printer, None).await
}

/// Resumes every tenant of a run over many (its journals in `dir`), side by side.
async fn resume_tenants(
    dir: &std::path::Path,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let journals = store::tenant_journals(dir)?;
    let mut parts = Vec::new();
    let mut layer = None;
    for path in &journals {
        let header = crate::journal::reader::glance(path)?.header;
        // Checked before any credential is asked for.
        same_sandbox(&header, g.sandbox, &format!("run {}", header.run_id))?;
        if layer.is_none() {
            layer = Some(resume_pick::run_layer(&resume_pick::read(path)?));
        }
        parts.push((
            super::runs::tenant_of_journal(&header, path)?,
            Some(path.clone()),
        ));
    }
    let settings = Settings::from_args(g, &sources.clone().with_run(layer.unwrap_or_default()))?;
    let run_id = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    // Tenants that never ran have no plan to continue: said, and left to the user.
    let manifest = crate::journal::manifest::Manifest::read(dir).unwrap_or_else(|e| {
        printer.warn(format!("{e}: the tenants that never ran cannot be named"));
        None
    });
    let never_ran = match manifest {
        Some(m) => m
            .never_ran(&journals)
            .map_err(|bad| anyhow::anyhow!("{}: {bad}", dir.display()))?,
        None => Vec::new(),
    };
    if !never_ran.is_empty() {
        let them = if never_ran.len() == 1 { "it" } else { "them" };
        // What to do instead depends on what the run was.
        let command = crate::journal::reader::glance(&journals[0])?.header.command;
        let instead = match command.strip_prefix("undo ") {
            Some(undone) => format!(
                "run `{} undo {undone}` again: it skips what is put back already",
                super::mdetag(g.sandbox)
            ),
            None if command == "apply" => format!(
                "plan {them} again (`--tenants FILE --save-plan PLAN` with a tenants file of {them}) and apply that plan"
            ),
            None => format!(
                "run the command (`{} {command} …`) again with a tenants file of {them}",
                super::mdetag(g.sandbox)
            ),
        };
        printer.warn(format!(
            "{} of run {run_id} never ran ({}): resume continues what was started; {instead}",
            plural(never_ran.len(), "tenant", "tenants"),
            never_ran
                .iter()
                .map(|(t, _)| t.label())
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    let fan = super::fanout::Fan::new(&settings, &printer, Some(run_id))?.never_ran(never_ran);
    fan.run(
        &settings,
        parts,
        Some(dir),
        |own, part, printer| async move {
            let path = match own.journal() {
                crate::settings::JournalChoice::File(p) => p.clone(),
                _ => unreachable!("each tenant's part names its journal"),
            };
            let log = resume_pick::read(&path)?;
            resume_one(&path, log, own, printer, Some(part)).await
        },
    )
    .await
}

/// Resumes the run of the journal at `path` (one tenant's part of a run over many when `fan`
/// is given).
async fn resume_one(
    path: &std::path::Path,
    log: crate::journal::reader::RunLog,
    settings: Settings,
    printer: Arc<Printer>,
    fan: Option<Arc<FanPart>>,
) -> Result<ExitStatus> {
    let fan = fan.as_deref();
    let path = path.to_path_buf();
    let replay = replay::replay(&log)?;
    let id = log.header.run_id.clone();
    same_sandbox(&log.header, settings.sandbox(), &format!("run {id}"))?;
    if replay.uncertain.is_empty() && replay.pending.is_empty() {
        printer.note(format!("run {id} has nothing left to do; nothing is sent"));
        let mut report = Report::new(
            &replay.plan,
            replay.outcomes(),
            false,
            0,
            std::time::Duration::ZERO,
            Some(id),
        );
        deliver(&mut report, &settings, fan)?;
        return Ok(report.exit_status());
    }
    let started = Instant::now();
    let dry_run = settings.dry_run();
    // Before anything is appended to the journal (which changes its modification time). A
    // sandbox run's calls ended with the process that served them, which held the sandbox
    // this one now holds (a dry run holds nothing).
    let in_flight = match replay.uncertain.is_empty() || (log.header.sandbox && !dry_run) {
        true => None,
        false => resume_pick::in_flight_until(&log, &path),
    };
    let session = Session::open_in(
        &settings,
        printer.clone(),
        !dry_run,
        fan.map(|f| &f.tenancy),
    )
    .await?;
    session.check_same_app(&log.header, &format!("run {}", log.header.run_id))?;
    if let Some(signal) = session.signal() {
        return as_it_stands(&replay, &session, started, id, &settings, signal, fan);
    }
    // The run's lock is held from here: no other resume of it can start while this one waits.
    let journal = if dry_run {
        None
    } else {
        Some(
            Journal::append(&path, &id)
                .with_context(|| format!("cannot append to {}", path.display()))?,
        )
    };
    if let Some((wait, timeout)) = in_flight {
        printer.note(format!(
            "waiting {} s for calls the stopped run may still have in flight (a call may take {} s)…",
            wait.as_secs_f64().ceil() as u64,
            timeout.as_secs_f64().ceil() as u64
        ));
        tokio::select! {
            biased;
            () = session.exec.stop.stopped() => {
                let signal = session.signal().unwrap_or(Signal::Interrupt);
                return as_it_stands(&replay, &session, started, id, &settings, signal, fan);
            }
            () = tokio::time::sleep(wait) => {}
        }
    }
    if let Some(j) = &journal {
        j.write(&Record::Resumed {
            at: store::now_rfc3339(),
        })
        .and_then(|()| j.sync())
        .with_context(|| format!("cannot append to {}", path.display()))?;
    }
    printer.note(format!(
        "resuming run {id} ({}): {} settled, {} sent without a recorded answer (checked first), {} to send",
        log.header.command,
        replay.done.len(),
        replay.uncertain.len(),
        replay.pending.len()
    ));

    let plan = &replay.plan;
    let mut previous = replay.done.clone();
    let mut to_send = replay.pending.clone();
    if !replay.uncertain.is_empty() {
        let machines: Vec<MachineId> = replay
            .uncertain
            .iter()
            .filter_map(|&i| plan.ops[i].op.machine.id())
            .collect();
        let needs = Needs {
            state_of: crate::model::first_of_each(machines, |id| *id),
            ..Needs::default()
        };
        let res = match session.resolve(&needs).await {
            Ok(res) => res,
            Err(ResolveError::Stopped) => {
                let signal = session.signal().unwrap_or(Signal::Interrupt);
                return as_it_stands(&replay, &session, started, id, &settings, signal, fan);
            }
            Err(e) => return Err(e.into()),
        };
        // A map, not a search of every outcome for each uncertain one: a killed million-row
        // run can leave thousands uncertain.
        let uncertain: HashSet<usize> = replay.uncertain.iter().copied().collect();
        let attempts: HashMap<usize, u32> = replay
            .done
            .iter()
            .filter(|o| uncertain.contains(&o.index))
            .map(|o| (o.index, o.attempts))
            .collect();
        let attempts_of = |i: usize| attempts.get(&i).copied().unwrap_or(1);
        let mut checked = Vec::new();
        for &i in &replay.uncertain {
            let op = &plan.ops[i].op;
            match op.machine.id().and_then(|m| res.machines.get(&m)) {
                Some(m) if op.change.shown_by(m) => checked.push(Outcome {
                    index: i,
                    status: Status::Succeeded,
                    http_status: None,
                    attempts: attempts_of(i),
                    error: None,
                    name: None,
                }),
                Some(_) => to_send.push(i),
                None => checked.push(Outcome::settled(
                    i,
                    attempts_of(i),
                    &Settled::failed(Reason::NotFound, "the machine was not found when checked"),
                )),
            }
        }
        previous.retain(|o| !uncertain.contains(&o.index));
        if let Some(j) = &journal {
            // What was read is the machine's prior state only where nothing of the run has
            // changed it yet.
            let changed: HashSet<MachineId> = previous
                .iter()
                .chain(&checked)
                .filter(|o| o.status == Status::Succeeded)
                .filter_map(|o| plan.ops[o.index].op.machine.id())
                .collect();
            for m in res.machines.values() {
                if !changed.contains(&m.id) && !log.prior.contains_key(&m.id.to_string()) {
                    j.write(&Record::Prior(Prior {
                        machine: m.id.to_string(),
                        tags: m.tags.clone(),
                        value: m.device_value.clone(),
                    }))?;
                }
            }
            j.settled(&checked);
        }
        printer.note(format!(
            "checked {}: {} applied, {} to send again",
            replay.uncertain.len(),
            checked
                .iter()
                .filter(|o| o.status == Status::Succeeded)
                .count(),
            replay.uncertain.len() - checked.len()
        ));
        previous.extend(checked);
    }
    to_send.sort_unstable();
    let calls = plan.calls_where(settings.plan_options().batching, |i| {
        to_send.binary_search(&i).is_ok()
    });
    if dry_run {
        // The whole run: what is settled, and the rest as planned, with the calls it takes.
        let reads = session.exec.pacer.started();
        let line = call_plan_line(reads, 0, &calls, &settings);
        let mut report = Report::new(plan, previous, true, reads, started.elapsed(), Some(id));
        add_call_plan(&mut report, line, &settings, &printer);
        deliver(&mut report, &settings, fan)?;
        return Ok(report.exit_status());
    }
    let work = Work {
        fan,
        plan,
        calls,
        previous,
        query: log.header.query.as_deref(),
    };
    run_plan(&session, &settings, work, journal, started).await
}

/// Interrupted before anything was sent: the run's report as the journal has it.
fn as_it_stands(
    replay: &replay::Replay,
    session: &Session,
    started: Instant,
    id: String,
    settings: &Settings,
    signal: Signal,
    fan: Option<&FanPart>,
) -> Result<ExitStatus> {
    let mut report = Report::new(
        &replay.plan,
        replay.outcomes(),
        false,
        session.exec.pacer.started(),
        started.elapsed(),
        Some(id),
    );
    deliver(&mut report, settings, fan)?;
    Ok(ExitStatus::Signal(signal))
}
