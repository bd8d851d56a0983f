//! `mdetag resume [RUN]`: continue a run. Settled operations stay settled; a call that was sent
//! but never answered is checked against the API (batched reads) and counts as succeeded when
//! its change is there; only the rest is sent, into the same journal.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use tokio::time::Instant;

use super::flow::{run_plan, write_report};
use super::session::Session;
use crate::cli::GlobalArgs;
use crate::exit::{ExitStatus, Signal, UsageError};
use crate::journal::record::{Prior, Record};
use crate::journal::{Journal, reader, replay, store};
use crate::model::Reason;
use crate::model::{MachineId, Outcome, Settled, Status};
use crate::pipeline::Observer;
use crate::plan::{Needs, ResolveError};
use crate::report::Report;
use crate::settings::{Settings, Sources};
use crate::ui::Printer;

pub async fn run(
    run: Option<&str>,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let mut settings = Settings::from_args(g, sources)?;
    let path = match run {
        Some(r) => store::find(r)?,
        None => match newest_unfinished(&printer)? {
            Some(p) => p,
            None => return Ok(ExitStatus::Ok),
        },
    };
    let log = reader::read(&path)?;
    let replay = replay::replay(&log)?;
    let id = log.header.run_id.clone();
    if log.ops.is_empty() {
        bail!(
            "run {id} stopped before its plan was written: nothing was sent; run `{}` again",
            log.header.command
        );
    }
    if replay.uncertain.is_empty() && replay.pending.is_empty() {
        printer.note(format!("run {id} has nothing left to do; nothing is sent"));
        let report = Report::new(
            &replay.plan,
            replay.outcomes(),
            false,
            0,
            std::time::Duration::ZERO,
            Some(id),
        );
        write_report(&report, settings.output())?;
        return Ok(report.exit_status());
    }
    let started = Instant::now();
    settings.set_batching(log.header.batching);
    let dry_run = settings.dry_run();
    if log.header.sandbox {
        return Err(sandbox_run(&id).into());
    }
    let session = Session::open(&mut settings, printer.clone(), !dry_run).await?;
    session.check_same_app(&log.header)?;
    if let Some(signal) = session.signal() {
        return as_it_stands(&replay, &session, started, id, &settings, signal);
    }
    let journal = if dry_run {
        None
    } else {
        let j = Journal::append(&path, &id)
            .with_context(|| format!("cannot append to {}", path.display()))?;
        j.write(&Record::Resumed {
            at: store::now_rfc3339(),
        })
        .and_then(|()| j.sync())
        .with_context(|| format!("cannot append to {}", path.display()))?;
        Some(j)
    };
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
                return as_it_stands(&replay, &session, started, id, &settings, signal);
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
        let report = Report::new(
            plan,
            previous,
            true,
            session.exec.pacer.started(),
            started.elapsed(),
            Some(id),
        );
        write_report(&report, settings.output())?;
        return Ok(report.exit_status());
    }
    run_plan(&session, &settings, plan, calls, previous, journal, started).await
}

/// Interrupted before anything was sent: the run's report as the journal has it.
fn as_it_stands(
    replay: &replay::Replay,
    session: &Session,
    started: Instant,
    id: String,
    settings: &Settings,
    signal: Signal,
) -> Result<ExitStatus> {
    let report = Report::new(
        &replay.plan,
        replay.outcomes(),
        false,
        session.exec.pacer.started(),
        started.elapsed(),
        Some(id),
    );
    write_report(&report, settings.output())?;
    Ok(ExitStatus::Signal(signal))
}

fn sandbox_run(id: &str) -> UsageError {
    UsageError(format!(
        "run {id} was made against the sandbox, which ended with it: there is nothing to resume"
    ))
}

/// The newest run that did not finish, if any (said out loud when it is not the newest run).
fn newest_unfinished(printer: &Printer) -> Result<Option<std::path::PathBuf>> {
    let runs = store::list()?;
    // A sandbox run cannot be resumed: its simulator ended with it.
    let Some(pos) = runs
        .iter()
        .position(|(_, g)| g.resumable() && !g.header.sandbox)
    else {
        let dir = store::runs_dir()?;
        printer.note(if runs.is_empty() {
            format!("no runs in {}: nothing to resume", dir.display())
        } else {
            format!(
                "every run in {} finished with every answer known (or was a sandbox run): nothing to resume",
                dir.display()
            )
        });
        return Ok(None);
    };
    let (path, glance) = &runs[pos];
    if pos > 0 {
        printer.warn(format!(
            "the newest run, {}, has nothing to resume; resuming the newest that has: {} ({}, started {})",
            runs[0].1.header.run_id,
            glance.header.run_id,
            glance.header.command,
            glance.header.started
        ));
    }
    Ok(Some(path.clone()))
}
