//! `mdetag undo RUN [--force]`: the inverse of a run's succeeded operations, as a new run.

use std::sync::Arc;

use anyhow::Result;

use super::flow::{Job, execute};
use super::saved_plan::SavePlan;
use crate::cli::{GlobalArgs, UndoArgs};
use crate::exit::{ExitStatus, UsageError};
use crate::journal::{reader, replay, store, undo};
use crate::plan::{Plan, PlanBuilder, Request};
use crate::settings::{RunLayer, Settings, Sources};
use crate::ui::Printer;
use crate::ui::text::plural;

pub async fn run(
    args: &UndoArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    // Undo reads the machines' state first, as `--skip-unchanged` does: it sends only what is
    // needed, and its own journal records the state it changes.
    let run_layer = RunLayer {
        skip_unchanged: true,
        ..RunLayer::default()
    };
    let settings = Settings::from_args(g, &sources.clone().with_run(run_layer))?;
    let path = store::find(&args.run)?;
    if path.is_dir() {
        return undo_tenants(&path, args, settings, printer).await;
    }
    let log = reader::read_run(&path)?;
    let request = inverse_of(&log, args, settings.sandbox(), &printer)?;
    let job = Job {
        of_run: Some(&log.header),
        save_plan: SavePlan::new(args.save.save_plan.as_deref(), &[], None),
        ..Job::new(format!("undo {}", log.header.run_id))
    };
    execute(settings, request, job, printer).await
}

/// Undoes every tenant's part of a run over many (its journals in `dir`), as a new run over
/// the same tenants.
async fn undo_tenants(
    dir: &std::path::Path,
    args: &UndoArgs,
    settings: Settings,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let mut tenants = Vec::new();
    let mut undone = std::collections::HashMap::new();
    for path in store::tenant_journals(dir)? {
        let header = reader::glance(&path)?.header;
        // A sandbox run is undone in the sandbox, a real one in its tenants: checked before
        // any credential is asked for.
        super::session::same_sandbox(
            &header,
            settings.sandbox(),
            &format!("run {}", header.run_id),
        )?;
        let tenant = super::runs::tenant_of_journal(&header, &path)?;
        undone.insert(tenant.id.clone(), path);
        tenants.push(tenant);
    }
    let fan = super::fanout::Fan::new(&settings, &printer, None)?.saving(SavePlan::new(
        args.save.save_plan.as_deref(),
        &[],
        None,
    ));
    let journals = fan.journals(&settings)?;
    let parts = super::fanout::Fan::parts(journals.as_deref(), tenants);
    let undone = &undone;
    fan.run(
        &settings,
        parts,
        journals.as_deref(),
        |own, part, printer| async move {
            let log = reader::read_run(&undone[&part.tenant.id])?;
            let request = inverse_of(&log, args, own.sandbox(), &printer)?;
            let job = Job {
                of_run: Some(&log.header),
                save_plan: part.save.clone(),
                fan: Some(part),
                ..Job::new(format!("undo {}", log.header.run_id))
            };
            execute(own, request, job, printer).await
        },
    )
    .await
}

/// The request that puts back what the run of `log` changed.
fn inverse_of(
    log: &reader::RunLog,
    args: &UndoArgs,
    sandbox: bool,
    printer: &Printer,
) -> Result<Request> {
    let replay = replay::replay(log)?;
    let id = &log.header.run_id;
    super::session::same_sandbox(&log.header, sandbox, &format!("run {id}"))?;
    if !replay.uncertain.is_empty() {
        return Err(UsageError(format!(
            "{} of run {id} sent with no answer recorded; `mdetag{} resume {id}` settles them first",
            plural(replay.uncertain.len(), "operation", "operations"),
            if log.header.sandbox { " --sandbox" } else { "" }
        ))
        .into());
    }
    let inverse = undo::inverse(log, &replay, args.force);
    if inverse.inexact > 0 && !args.force {
        return Err(UsageError(format!(
            "run {id} recorded no prior state for {} of its succeeded operations (it ran with --no-prior-state, or with an mdetag that recorded none), so undo cannot restore them exactly; --force inverts them blindly",
            inverse.inexact
        ))
        .into());
    }
    if inverse.inexact > inverse.no_prior_value {
        printer.warn(format!(
            "inverting {} blindly: their machines' prior state was not recorded",
            plural(
                inverse.inexact - inverse.no_prior_value,
                "operation",
                "operations"
            )
        ));
    }
    if inverse.no_prior_value > 0 {
        printer.warn(format!(
            "{} no recorded prior value and left as they are",
            plural(
                inverse.no_prior_value,
                "device value has",
                "device values have"
            )
        ));
    }
    let mut b = PlanBuilder::resolved();
    // Without --force, an operation is sent only while its machine still shows what the run
    // left it at.
    let mut guards = Vec::new();
    for inv in inverse.ops {
        match inv.respelled {
            true => b.push_respelled(inv.op, inv.origin),
            false => b.push(inv.op, inv.origin),
        }
        if !args.force {
            guards.push(Some(inv.made));
        }
    }
    let plan: Plan = b.finish().expect("a resolved builder settles conflicts");
    if plan.ops.is_empty() {
        printer.note(if inverse.succeeded == 0 {
            format!("run {id} changed nothing: there is nothing to undo")
        } else if inverse.no_prior_value + inverse.inexact > 0 && args.force {
            format!(
                "run {id} made {}, none of which can be put back (see above)",
                plural(inverse.succeeded, "change", "changes")
            )
        } else {
            format!(
                "run {id} made {}, all to machines that had that state before: nothing to put back",
                plural(inverse.succeeded, "change", "changes")
            )
        });
    }
    Ok(Request::Ops {
        plan,
        conditions: Default::default(),
        lists: true,
        templates: Vec::new(),
        guards,
    })
}
