//! `machines list`: the machines the pickers name, as the API has them. `tags list` reads
//! them the same way.

use std::sync::Arc;

use anyhow::{Context, Result};

use super::session::Session;
use super::tag::{conditions, query};
use crate::cli::{GlobalArgs, ListArgs, Targets};
use crate::exit::{ExitStatus, Signal, UsageError};
use crate::input;
use crate::lookup::ResolveError;
use crate::lookup::hunting::HuntError;
use crate::model::{Machine, MachineId, Origin, first_of_each};
use crate::plan::{Needs, PlanBuilder, ids_in, names_in};
use crate::settings::{Settings, Sources};
use crate::ui::Printer;

pub async fn list(
    args: &ListArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let (settings, machines) = match read(&args.targets, g, sources, &printer).await? {
        Read::Machines(settings, machines) => (settings, machines),
        Read::Stopped(status) => return Ok(status),
    };
    let machines: Vec<&Machine> = machines.iter().collect();
    crate::ui::stdout::write_with(|out| {
        crate::report::machines::write(&machines, settings.output(), out)
    })
    .context("cannot write to standard output")?;
    // A read-only command that could read exits 0 (SPEC.md); names that matched nothing
    // were said on standard error.
    Ok(ExitStatus::Ok)
}

/// What reading the picked machines came to.
pub enum Read {
    /// The settings in use, and every machine picked (all of them when nothing was named),
    /// once each, in the order they were named or listed.
    Machines(Box<Settings>, Vec<Machine>),
    /// Nothing to show: bad input, or a signal while reading.
    Stopped(ExitStatus),
}

/// Reads the machines the pickers name, or every machine when none is given (in pages).
pub async fn read(
    t: &Targets,
    g: &GlobalArgs,
    sources: &Sources,
    printer: &Arc<Printer>,
) -> Result<Read> {
    let mut b = PlanBuilder::default();
    let settings = Settings::from_args(g, sources)?;
    let mut refs = input::targets::collect(&t.machines, &t.machines_files, &mut b);
    let conditions = conditions(t, &mut b);
    let query = query(t, &mut b);
    if let Err(errors) = b.finish() {
        return Ok(Read::Stopped(super::input_errors(&errors, printer)));
    }
    let session = Session::open(&settings, printer.clone(), false).await?;
    if let (Some(query), None) = (&query, session.signal()) {
        match session.hunt(&settings, query).await {
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
        conditions,
        lists: t.has_lists(),
        everything: t.is_empty(),
    };
    let reading = match session.signal() {
        Some(_) => Err(ResolveError::Stopped),
        None => session.resolve(&needs).await,
    };
    let mut res = match reading {
        Ok(res) => res,
        Err(ResolveError::Stopped) => {
            printer.error("interrupted while reading machines");
            return Ok(Read::Stopped(ExitStatus::Signal(
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
    let machines: Vec<Machine> = first_of_each(ids, |id| *id)
        .iter()
        .filter_map(|id| res.machines.remove(id))
        .collect();
    Ok(Read::Machines(Box::new(settings), machines))
}
