//! Machines files that route their machines to tenants (a `Tenant` column): which tenant each
//! listed machine is for, and running a request of listed machines in each.

use std::sync::Arc;

use anyhow::Result;

use super::{execute_each, read_tenants};
use crate::commands::flow::{self, Job};
use crate::exit::ExitStatus;
use crate::input::targets::TenantKeys;
use crate::model::{MachineRef, Origin, Tenant};
use crate::plan::Request;
use crate::settings::Settings;
use crate::ui::Printer;

/// Which tenants the listed machines are for: the one a machines file's `Tenant` column names
/// (by ID or by name in the tenants file), else every tenant.
pub struct Routes {
    pub tenants: Vec<Tenant>,
    /// By listed machine: the tenant it is for, or `None` for every tenant.
    to: Vec<Option<usize>>,
}

impl Routes {
    /// The routes of `refs` by the `keys` their files gave, when there are any: `None` without
    /// them (every machine is for every tenant), or (said) without `--tenants`. A key naming
    /// no tenant of the file is an error of the machine's line; an unreadable tenants file,
    /// `Err` with the exit status.
    pub fn of(
        settings: &Settings,
        refs: &[(MachineRef, Origin)],
        keys: &TenantKeys,
        b: &mut impl crate::model::Rows,
        printer: &Printer,
    ) -> Result<Option<Routes>, ExitStatus> {
        let Some((first, _)) = keys.first() else {
            return Ok(None);
        };
        let Some(file) = settings.tenants() else {
            // Machines of many tenants run in one: each would be looked for in the wrong one.
            b.error(
                refs[*first].1.clone(),
                "its tenant column names each machine's tenant: give --tenants FILE to run each machine in its tenant, or remove the column to run every machine in this one".into(),
            );
            return Ok(None);
        };
        let tenants = read_tenants(file, printer).ok_or(ExitStatus::Usage)?;
        let mut to = vec![None; refs.len()];
        for (i, key) in keys {
            match tenants.iter().position(|t| t.is_named(key)) {
                Some(t) => to[*i] = Some(t),
                None if key.is_empty() => b.error(refs[*i].1.clone(), "names no tenant".into()),
                None => b.error(
                    refs[*i].1.clone(),
                    format!(
                        "tenant '{}' is not in {} (give its ID or name there)",
                        crate::model::text::excerpt(key),
                        file.display()
                    ),
                ),
            }
        }
        Ok(Some(Routes { tenants, to }))
    }

    /// The listed machines for `tenant`: those routed to it, and those routed nowhere.
    pub fn refs_for(
        &self,
        refs: &[(MachineRef, Origin)],
        tenant: &Tenant,
    ) -> Vec<(MachineRef, Origin)> {
        let me = self.tenants.iter().position(|t| t.id == tenant.id);
        refs.iter()
            .zip(&self.to)
            .filter(|(_, to)| to.is_none() || **to == me)
            .map(|(r, _)| r.clone())
            .collect()
    }

    /// The tenants a routed list runs in: those it names a machine for (or every tenant when
    /// some machine is for all, or `everywhere`: a query adds machines in each).
    pub fn tenants_to_run(&self, everywhere: bool) -> Vec<Tenant> {
        let all = everywhere || self.to.iter().any(Option::is_none);
        self.tenants
            .iter()
            .enumerate()
            .filter(|(i, _)| all || self.to.contains(&Some(*i)))
            .map(|(_, t)| t.clone())
            .collect()
    }
}

/// Runs the request `request` makes of the listed machines `refs`: as usual, or (a machines
/// file routed them) in each tenant with its own machines.
pub async fn execute_listed(
    settings: Settings,
    routes: Option<Routes>,
    refs: Vec<(MachineRef, Origin)>,
    job: Job<'_>,
    request: impl Fn(Vec<(MachineRef, Origin)>) -> Request,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    match routes {
        None => flow::execute(settings, request(refs), job, printer).await,
        Some(routes) => {
            let tenants = routes.tenants_to_run(job.query.is_some());
            let request_of = |t: &Tenant| request(routes.refs_for(&refs, t));
            execute_each(&settings, tenants, &job, request_of, printer).await
        }
    }
}
