//! `machines list`: the machines the pickers name, as the API has them. `tags list` reads
//! them the same way.

use std::sync::Arc;

use anyhow::{Context, Result};

use super::fanout::{Fan, Routes};
use super::session::{Session, Tenancy};
use super::tag::{conditions, query};
use crate::cli::{GlobalArgs, ListArgs, Targets};
use crate::exit::{ExitStatus, Signal, TenantEnd, UsageError};
use crate::input;
use crate::lookup::ResolveError;
use crate::lookup::hunting::HuntError;
use crate::model::{Machine, MachineId, MachineRef, Origin, Query, Tenant, first_of_each};
use crate::plan::{Conditions, Needs, PlanBuilder, ids_in, names_in};
use crate::settings::{Settings, Sources};
use crate::ui::Printer;

pub async fn list(
    args: &ListArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    match read(&args.targets, g, sources, &printer).await? {
        Read::Machines(settings, machines) => {
            let machines: Vec<&Machine> = machines.iter().collect();
            crate::ui::stdout::write_with(|out| {
                crate::report::machines::write(&machines, settings.output(), out)
            })
            .context("cannot write to standard output")?;
            // A read-only command that could read exits 0 (SPEC.md); names that matched
            // nothing were said on standard error.
            Ok(ExitStatus::Ok)
        }
        Read::Tenants(settings, read, status) => {
            crate::ui::stdout::write_with(|out| {
                crate::report::machines::write_tenants(&read, settings.output(), out)
            })
            .context("cannot write to standard output")?;
            Ok(status)
        }
        Read::Stopped(status) => Ok(status),
    }
}

/// What reading the picked machines came to.
pub enum Read {
    /// The settings in use, and every machine picked (all of them when nothing was named),
    /// once each, in the order they were named or listed.
    Machines(Box<Settings>, Vec<Machine>),
    /// `--tenants`: each tenant's machines, or why they could not be read, in the tenants
    /// file's order; and the exit status: 0 when every tenant was read, 3 when some were and
    /// some were not, else the tenants' own (1, or 2 when each refused the same bad input).
    Tenants(Box<Settings>, Vec<TenantRead>, ExitStatus),
    /// Nothing to show: bad input, or a signal while reading.
    Stopped(ExitStatus),
}

/// One tenant's machines, or why they could not be read.
pub type TenantRead = (Tenant, Result<Vec<Machine>, String>);

/// What the pickers ask for, checked: read in one tenant or in each of many.
#[derive(Clone)]
struct Picks {
    refs: Vec<(MachineRef, Origin)>,
    conditions: Conditions,
    query: Option<Query>,
    everything: bool,
    lists: bool,
}

/// Reads the machines the pickers name, or every machine when none is given (in pages); with
/// `--tenants`, in every tenant.
pub async fn read(
    t: &Targets,
    g: &GlobalArgs,
    sources: &Sources,
    printer: &Arc<Printer>,
) -> Result<Read> {
    let mut b = PlanBuilder::default();
    let settings = Settings::from_args(g, sources)?;
    let (refs, keys) = input::targets::collect_routed(&t.machines, &t.machines_files, &mut b);
    let conditions = conditions(t, &mut b);
    let query = query(t, &mut b);
    let routes = match Routes::of(&settings, &refs, &keys, &mut b, printer) {
        Ok(routes) => routes,
        Err(status) => return Ok(Read::Stopped(status)),
    };
    if let Err(errors) = b.finish() {
        return Ok(Read::Stopped(super::input_errors(&errors, printer)));
    }
    let picks = Picks {
        refs,
        conditions,
        query,
        everything: t.is_empty(),
        lists: t.has_lists(),
    };
    let Some(file) = settings.tenants() else {
        return Ok(match read_in(&picks, &settings, printer, None).await? {
            Ok(machines) => Read::Machines(Box::new(settings), machines),
            Err(status) => Read::Stopped(status),
        });
    };
    if file.as_os_str() == "-" && t.machines_files.iter().any(|f| f.as_os_str() == "-") {
        return Err(UsageError(
            "--tenants - and --machines-file - would both read standard input: give one of them as a file".into(),
        )
        .into());
    }
    let tenants = match &routes {
        Some(routes) => routes.tenants.clone(),
        None => match super::fanout::read_tenants(file, printer) {
            Some(tenants) => tenants,
            None => return Ok(Read::Stopped(ExitStatus::Usage)),
        },
    };
    let fan = Fan::new(&settings, printer, None)?;
    let (picks, routes) = (&picks, &routes);
    let read = fan
        .each(&settings, tenants, |own, part, printer| async move {
            // A machines file that routes its machines: each tenant reads only its own.
            let routed = routes.as_ref().map(|r| Picks {
                refs: r.refs_for(&picks.refs, &part.tenant),
                ..picks.clone()
            });
            let picks = routed.as_ref().unwrap_or(picks);
            match read_in(picks, &own, &printer, Some(&part.tenancy)).await {
                Ok(Ok(machines)) => Ok(machines),
                Ok(Err(_)) => Err(anyhow::anyhow!("interrupted while reading machines")),
                Err(e) => {
                    printer.error(format!("{e:#}"));
                    Err(e)
                }
            }
        })
        .await?;
    if let Some(signal) = fan.signal() {
        return Ok(Read::Stopped(ExitStatus::Signal(signal)));
    }
    let ends: Vec<TenantEnd> = read
        .iter()
        .map(|(_, r)| match r {
            Ok(_) => TenantEnd::Ran(ExitStatus::Ok),
            Err(e) => TenantEnd::CouldNotRun(crate::exit::of_error(e)),
        })
        .collect();
    let read = read
        .into_iter()
        .map(|(t, r)| {
            (
                t,
                r.map_err(|e| crate::ui::text::redact(&format!("{e:#}")).into_owned()),
            )
        })
        .collect();
    Ok(Read::Tenants(
        Box::new(settings),
        read,
        crate::exit::of_tenants(&ends),
    ))
}

/// Reads the picked machines in one tenant (of a run over many when `tenancy` is given):
/// them, or the exit status of a read a signal stopped.
async fn read_in(
    picks: &Picks,
    settings: &Settings,
    printer: &Arc<Printer>,
    tenancy: Option<&Tenancy>,
) -> Result<Result<Vec<Machine>, ExitStatus>> {
    let mut refs = picks.refs.clone();
    let session = Session::open_in(settings, printer.clone(), false, tenancy).await?;
    if let (Some(query), None) = (&picks.query, session.signal()) {
        match session.hunt(settings, query).await {
            Ok((found, run)) => {
                printer.note(super::hunt::query_line(&run));
                let origin = Origin::new(query.origin.clone(), 0);
                refs.extend(found.into_iter().map(|r| (r, origin.clone())));
            }
            Err(HuntError::Stopped) => {}
            Err(e) if e.is_usage() => return Err(UsageError(e.to_string()).into()),
            Err(e) => return Err(e.into()),
        }
    }
    let needs = Needs {
        names: names_in(refs.iter().map(|r| &r.0)),
        state_of: ids_in(refs.iter().map(|r| &r.0)),
        conditions: picks.conditions.clone(),
        lists: picks.lists,
        everything: picks.everything,
    };
    let reading = match session.signal() {
        Some(_) => Err(ResolveError::Stopped),
        None => session.resolve(&needs).await,
    };
    let mut res = match reading {
        Ok(res) => res,
        Err(ResolveError::Stopped) => {
            printer.error("interrupted while reading machines");
            return Ok(Err(ExitStatus::Signal(
                session.signal().unwrap_or(Signal::Interrupt),
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let policy = settings.plan_options().on_duplicate;
    super::duplicates::warn(&res, policy, printer);
    let mut ids: Vec<MachineId> = Vec::new();
    for (r, origin) in &refs {
        match res.machines_for(r, policy) {
            // A listed machine the conditions leave out is not listed.
            Ok(found) => ids.extend(found.into_iter().filter(|id| res.meets(*id).is_ok())),
            Err(s) => {
                printer.warn(format!("{origin}: {}", s.error.message));
            }
        }
    }
    ids.extend(res.picked.iter().copied());
    Ok(Ok(first_of_each(ids, |id| *id)
        .iter()
        .filter_map(|id| res.machines.remove(id))
        .collect()))
}
