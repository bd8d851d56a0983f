//! `apply-csv FILE|-`: the changes a CSV lists, checked whole before the first call.

use std::sync::Arc;

use anyhow::Result;

use super::flow;
use super::saved_plan::SavePlan;
use crate::cli::{ApplyCsvArgs, GlobalArgs};
use crate::exit::ExitStatus;
use crate::input;
use crate::model::Origin;
use crate::plan::{PlanBuilder, Request};
use crate::settings::{Settings, Sources};
use crate::ui::Printer;

pub async fn run(
    args: &ApplyCsvArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    // Settings first: a bad flag is reported before a large file is read.
    let settings = Settings::from_args(g, sources)?;
    if let Some(tenants) = settings.tenants() {
        return across_tenants(args, &settings, tenants, printer).await;
    }
    let mut b = PlanBuilder::default();
    match input::open(&args.file) {
        Ok((name, reader)) => input::csv::read(name, reader, args.delimiter, &mut b, &mut |w| {
            printer.warn(w)
        }),
        Err(e) => b.error(
            Origin::new(args.file.display().to_string(), 0),
            format!("cannot read: {e}"),
        ),
    }
    let plan = match b.finish() {
        Ok(plan) => plan,
        Err(errors) => return Ok(super::input_errors(&errors, &printer)),
    };
    let request = Request::Ops {
        plan,
        conditions: Default::default(),
        lists: true,
        templates: Vec::new(),
        guards: Vec::new(),
    };
    let job = flow::Job {
        save_plan: SavePlan::new(args.save.save_plan.as_deref(), &[&args.file], None),
        ..flow::Job::new(format!("apply-csv {}", args.file.display()))
    };
    flow::execute(settings, request, job, printer).await
}

/// apply-csv over many tenants: a `Tenant` column (ID or name from the tenants file) routes each
/// row to its tenant; without one, every row runs in every tenant. Each tenant's rows are
/// checked as a file of their own (duplicates and conflicts are per tenant); any bad row, a row
/// naming a tenant not in the file among them, and nothing is sent anywhere.
async fn across_tenants(
    args: &ApplyCsvArgs,
    settings: &Settings,
    tenants_file: &std::path::Path,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    if args.file.as_os_str() == "-" && tenants_file.as_os_str() == "-" {
        return Err(crate::exit::UsageError(
            "--tenants - and apply-csv - would both read standard input: give one of them as a file".into(),
        )
        .into());
    }
    let Some(tenants) = super::fanout::read_tenants(tenants_file, &printer) else {
        return Ok(ExitStatus::Usage);
    };
    let mut router = Router {
        file: tenants_file.display().to_string(),
        builders: tenants.iter().map(|_| PlanBuilder::default()).collect(),
        tenants,
        shared: PlanBuilder::default(),
        routed: false,
        current: None,
    };
    match input::open(&args.file) {
        Ok((name, reader)) => {
            input::csv::read(name, reader, args.delimiter, &mut router, &mut |w| {
                printer.warn(w)
            })
        }
        Err(e) => router.shared.error(
            Origin::new(args.file.display().to_string(), 0),
            format!("cannot read: {e}"),
        ),
    }
    let Router {
        tenants,
        builders,
        shared,
        routed,
        ..
    } = router;
    let mut bad = false;
    if let Err(errors) = shared.finish() {
        super::input_errors(&errors, &printer);
        bad = true;
    }
    let (mut run_in, mut plans) = (Vec::new(), std::collections::HashMap::new());
    for (tenant, b) in tenants.into_iter().zip(builders) {
        match b.finish() {
            Ok(plan) if routed && plan.ops.is_empty() => {}
            Ok(plan) => {
                plans.insert(tenant.id.clone(), std::sync::Mutex::new(Some(plan)));
                run_in.push(tenant);
            }
            Err(errors) => {
                printer.raw(format!("for tenant {}:", tenant.label()));
                super::input_errors(&errors, &printer);
                bad = true;
            }
        }
    }
    if bad {
        return Ok(ExitStatus::Usage);
    }
    let job = flow::Job {
        save_plan: SavePlan::new(args.save.save_plan.as_deref(), &[&args.file], None),
        ..flow::Job::new(format!("apply-csv {}", args.file.display()))
    };
    let request_of = |tenant: &crate::model::Tenant| Request::Ops {
        plan: plans[&tenant.id]
            .lock()
            .expect("plans")
            .take()
            .expect("each tenant runs once"),
        conditions: Default::default(),
        lists: true,
        templates: Vec::new(),
        guards: Vec::new(),
    };
    super::fanout::execute_each(settings, run_in, &job, request_of, printer).await
}

/// Sends each row to the builder of the tenant it names.
struct Router {
    file: String,
    tenants: Vec<crate::model::Tenant>,
    builders: Vec<PlanBuilder>,
    /// Checks tag text, and takes the problems no tenant owns.
    shared: PlanBuilder,
    /// The input has a tenant column.
    routed: bool,
    /// The tenant of the row being read (with a tenant column).
    current: Option<usize>,
}

impl crate::model::Rows for Router {
    fn change(
        &mut self,
        action: crate::model::Action,
        value: &str,
    ) -> Result<crate::model::Change, crate::model::Invalid> {
        self.shared.change(action, value)
    }

    fn push(&mut self, op: crate::model::Operation, origin: Origin) {
        match self.current.take() {
            Some(i) => self.builders[i].push(op, origin),
            // No tenant column: every row runs in every tenant.
            None if !self.routed => {
                for b in &mut self.builders {
                    b.push(op.clone(), origin.clone());
                }
            }
            // The row named no tenant of the file: its error is recorded.
            None => {}
        }
    }

    fn error(&mut self, origin: Origin, reason: String) {
        self.current = None;
        self.shared.error(origin, reason);
    }

    fn stopped(&mut self, origin: Origin, reason: String) {
        crate::model::Rows::stopped(&mut self.shared, origin, reason);
    }

    fn routes_tenants(&self) -> bool {
        true
    }

    fn tenant(&mut self, origin: &Origin, key: &str) {
        self.current = None;
        self.routed = true;
        let key = key.trim();
        match self.tenants.iter().position(|t| t.is_named(key)) {
            Some(i) => self.current = Some(i),
            None if key.is_empty() => self.shared.error(origin.clone(), "names no tenant"),
            None => self.shared.error(
                origin.clone(),
                format!(
                    "tenant '{}' is not in {} (give its ID or name there)",
                    crate::model::text::excerpt(key),
                    self.file
                ),
            ),
        }
    }
}
