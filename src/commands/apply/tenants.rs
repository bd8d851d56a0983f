//! `apply` of a plan saved over many tenants: every tenant checked against the plan before any
//! is sent to, then every part run as one run over many.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Result;

use super::{Prepared, SavedPlan, apply_part, list_drift};
use crate::commands::fanout::Fan;
use crate::commands::session::Session;
use crate::exit::{ExitStatus, UsageError};
use crate::journal::reader::RunLog;
use crate::journal::store;
use crate::lookup::ResolveError;
use crate::plan::drift::drifted;
use crate::settings::Settings;
use crate::ui::Printer;
use crate::ui::text::plural;

/// Applies a plan saved over many tenants: first every tenant's machines are read and checked
/// against what the plan saw, with a token that must be allowed to write (nothing is sent
/// anywhere while any of them drifted, or could not be checked, unless --skip-drifted); then
/// every tenant's part runs as one run over many, each tenant checked again just before its
/// writes.
pub(super) async fn apply_tenants(
    saved: &SavedPlan<'_>,
    parts: Vec<RunLog>,
    settings: Settings,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let mut tenants = Vec::with_capacity(parts.len());
    let mut prepared = HashMap::with_capacity(parts.len());
    for log in parts {
        let tenant = crate::commands::runs::tenant_of(&log.header, &log.path)?;
        if prepared.contains_key(&tenant.id) {
            return Err(UsageError(format!(
                "{}: the plan is damaged: tenant {} has two parts",
                saved.path.display(),
                tenant.id
            ))
            .into());
        }
        prepared.insert(tenant.id.clone(), Mutex::new(Some(Prepared::of(log)?)));
        tenants.push(tenant);
    }
    let fan = Fan::new(&settings, &printer, None)?;
    // Where the run's journals go is settled (and `--journal FILE` refused) before any read.
    let journals = fan.journals(&settings)?;
    let drop_journals = || {
        if let Some(dir) = &journals {
            let _ = std::fs::remove_dir(dir);
        }
    };
    let checked = check_tenants(saved, &fan, &settings, tenants.clone(), &prepared, &printer).await;
    let refused = match checked {
        Ok(None) => None,
        Ok(Some(status)) => Some(Ok(status)),
        Err(e) => Some(Err(e)),
    };
    if let Some(refused) = refused {
        drop_journals();
        return refused;
    }
    // Recorded before the first write: a second apply of this plan is refused from now on.
    let mark = match settings.dry_run() {
        true => None,
        false => {
            let journal = journals
                .as_deref()
                .map_or("no journal".into(), |d| d.display().to_string());
            match store::mark_applied(&saved.sha256, fan.run_id(), &journal) {
                Ok(mark) => Some(mark),
                Err(e) => {
                    drop_journals();
                    return Err(e);
                }
            }
        }
    };
    let parts = Fan::parts(journals.as_deref(), tenants);
    let (prepared, sending) = (&prepared, &AtomicBool::new(false));
    let status = fan
        .run(
            &settings,
            parts,
            journals.as_deref(),
            |own, part, printer| async move {
                let p = prepared[&part.tenant.id]
                    .lock()
                    .expect("part")
                    .take()
                    .expect("each tenant runs once");
                apply_part(saved, p, own, printer, Some((part, sending))).await
            },
        )
        .await;
    // No tenant came to send anything, or (journaled) none wrote: the plan can still be applied.
    let wrote = match &journals {
        Some(dir) => dir.exists(),
        None => sending.load(Ordering::Acquire),
    };
    if let Some(mark) = &mark
        && !wrote
    {
        let _ = std::fs::remove_file(mark);
    }
    status
}

/// The check before a plan over many tenants is applied: every tenant's machines read (with
/// the token the run will write with) and compared with what the plan saw. `None` when every
/// tenant may go on; else the exit status, each reason said.
async fn check_tenants(
    saved: &SavedPlan<'_>,
    fan: &Fan,
    settings: &Settings,
    tenants: Vec<crate::model::Tenant>,
    prepared: &HashMap<String, Mutex<Option<Prepared>>>,
    printer: &Printer,
) -> Result<Option<ExitStatus>> {
    let writes = !settings.dry_run();
    let checks = fan
        .each(settings, tenants, |own, part, printer| async move {
            let (header, needs) = {
                let guard = prepared[&part.tenant.id].lock().expect("part");
                let p = guard.as_ref().expect("prepared");
                (p.header.clone(), p.needs())
            };
            let session =
                Session::open_in(&own, printer.clone(), writes, Some(&part.tenancy)).await?;
            session.check_same_app(&header, &format!("the plan {}", saved.path.display()))?;
            let resolution = match session.resolve(&needs).await {
                Ok(res) => res,
                Err(ResolveError::Stopped) => {
                    return Err(UsageError(
                        "interrupted while the machines were read: nothing was sent".into(),
                    )
                    .into());
                }
                Err(e) => return Err(e.into()),
            };
            let guard = prepared[&part.tenant.id].lock().expect("part");
            let p = guard.as_ref().expect("prepared");
            let drift = drifted(&p.touched, &p.observed, &resolution.machines);
            if !drift.is_empty() && !saved.skip_drifted {
                list_drift(&drift, &p.plan, &printer);
            }
            Ok((drift.len(), p.touched.len()))
        })
        .await?;
    if let Some(signal) = fan.signal() {
        printer.note("interrupted while the tenants were checked: nothing was sent");
        return Ok(Some(ExitStatus::Signal(signal)));
    }
    let (mut drifted_machines, mut drifted_tenants, mut touched) = (0, 0, 0);
    let mut unchecked = Vec::new();
    for (tenant, check) in &checks {
        match check {
            Ok((drift, of)) => {
                touched += of;
                if *drift > 0 {
                    drifted_machines += drift;
                    drifted_tenants += 1;
                }
            }
            Err(e) => unchecked.push((tenant, e)),
        }
    }
    if let Some((_, first)) = unchecked.first() {
        let status = crate::exit::of_error(first);
        for (tenant, e) in &unchecked {
            printer.error(format!("[{}] could not be checked: {e:#}", tenant.label()));
        }
        printer.error(format!(
            "{} of {} could not be checked against the plan: nothing was sent in any tenant",
            plural(unchecked.len(), "tenant", "tenants"),
            plural(checks.len(), "tenant", "tenants")
        ));
        return Ok(Some(status));
    }
    if drifted_machines > 0 {
        if !saved.skip_drifted {
            return Err(UsageError(format!(
                "{} of {} in {} changed since the plan was saved: nothing was sent in any tenant; plan again, or pass --skip-drifted to skip their operations and run the rest",
                plural(drifted_machines, "machine", "machines"),
                plural(touched, "machine", "machines"),
                plural(drifted_tenants, "tenant", "tenants")
            ))
            .into());
        }
        printer.warn(format!(
            "--skip-drifted: the operations on {} in {} that changed since the plan was saved are skipped",
            plural(drifted_machines, "machine", "machines"),
            plural(drifted_tenants, "tenant", "tenants")
        ));
    }
    Ok(None)
}
