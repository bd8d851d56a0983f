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
