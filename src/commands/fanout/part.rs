//! One tenant's part of a run over many: what the flow is given of it, and what came of it.

use std::io::Write as _;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};

use super::{PlanCounts, SavePlan};
use crate::commands::session::Tenancy;
use crate::exit::{ExitStatus, TenantEnd};
use crate::model::{RunEnd, Tenant};
use crate::report::{Format, Report, Sink, Summary};

/// One tenant's part of a run over many, as the flow sees it.
pub struct FanPart {
    pub run_id: String,
    pub tenant: Tenant,
    pub tenancy: Tenancy,
    /// `--save-plan`: where this tenant's part of the plan is saved until the parts are joined.
    pub save: Option<SavePlan>,
    /// `--output csv|jsonl`: standard output, shared by every tenant, each row written as it
    /// settles.
    pub sink: Option<Arc<Sink>>,
    /// The part's report, rendered in the run's format with the tenant on every row.
    pub(super) delivered: Mutex<Option<Delivered>>,
    /// What the tenant's part of a saved plan holds, once it is saved.
    pub(super) saved: Mutex<Option<PlanCounts>>,
}

pub(super) struct Delivered {
    pub(super) summary: Summary,
    pub(super) body: Vec<u8>,
}

impl FanPart {
    /// Marks a journal or plan header as this tenant's part of the run.
    pub fn stamp(&self, header: &mut crate::journal::record::Header) {
        header.run_id = self.run_id.clone();
        header.tenant_name = self.tenant.name.clone();
        header.fan_out = true;
    }

    /// The tenant's part of the plan was saved, holding this much.
    pub fn saved(&self, counts: PlanCounts) {
        *self.saved.lock().expect("part") = Some(counts);
    }

    /// Keeps the part's report for the whole run's; in a streaming format its rows are
    /// written now.
    pub fn deliver(&self, report: &mut Report, format: Format) -> Result<()> {
        let mut delivered = Delivered::of(report, &self.tenant, format)?;
        if let Some(sink) = &self.sink {
            let body = std::mem::take(&mut delivered.body);
            sink.write_with(|_, w| w.write_all(&body));
        }
        *self.delivered.lock().expect("part") = Some(delivered);
        Ok(())
    }

    /// Keeps the summary of a part whose rows were streamed as they settled.
    pub fn streamed(&self, report: &Report) {
        *self.delivered.lock().expect("part") = Some(Delivered {
            summary: report.summary.clone(),
            body: Vec::new(),
        });
    }
}

impl Delivered {
    fn of(report: &mut Report, tenant: &Tenant, format: Format) -> Result<Delivered> {
        report.set_tenant(tenant.clone());
        let mut body = Vec::new();
        report
            .write_part(format, &mut true, &mut body)
            .context("cannot write the tenant's results")?;
        Ok(Delivered {
            summary: report.summary.clone(),
            body,
        })
    }
}

/// What came of one tenant.
pub struct Ended {
    pub tenant: Tenant,
    pub end: TenantEnd,
    /// Why the tenant could not run, if it could not.
    pub error: Option<String>,
    pub(super) delivered: Option<Delivered>,
    pub(super) saved: Option<PlanCounts>,
    /// False for a tenant a signal stopped before it wrote anything: it never ran.
    pub(super) started: bool,
}

impl Ended {
    /// A tenant of a run that never ran, and why (`runs show`).
    pub fn never_ran(tenant: Tenant, why: String) -> Ended {
        Ended {
            tenant,
            end: TenantEnd::CouldNotRun(ExitStatus::Setup),
            error: Some(format!("never ran: {why}")),
            delivered: None,
            saved: None,
            started: false,
        }
    }

    /// A tenant's part of a run as its journal has it (`runs show`).
    pub fn from_report(tenant: Tenant, report: &mut Report, format: Format) -> Result<Ended> {
        // A part that was stopped is not clean, whatever it counts.
        let end = match report.summary.status {
            RunEnd::Finished => report.exit_status(),
            _ => ExitStatus::Signal(crate::exit::Signal::Interrupt),
        };
        Ok(Ended {
            end: TenantEnd::Ran(end),
            delivered: Some(Delivered::of(report, &tenant, format)?),
            tenant,
            error: None,
            saved: None,
            started: true,
        })
    }
}
