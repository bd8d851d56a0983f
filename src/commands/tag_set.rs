//! `tag set`: make each machine's tags exactly the given values, with the fewest calls.

use std::sync::Arc;

use anyhow::Result;

use super::fanout::Routes;
use super::tag::{conditions, job, machines, query, tag_values};
use crate::cli::{GlobalArgs, TagSetArgs};
use crate::exit::ExitStatus;
use crate::plan::{PlanBuilder, Request};
use crate::settings::{Settings, Sources};
use crate::ui::Printer;

pub async fn run(
    args: &TagSetArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    // Settings first: a bad flag is reported before a machines file is read.
    let settings = Settings::from_args(g, sources)?;
    let mut b = PlanBuilder::default();
    let desired = tag_values(&args.values, &mut b);
    let (refs, keys) = machines(&args.targets, &mut b);
    let conditions = conditions(&args.targets, &mut b);
    let query = query(&args.targets, &mut b);
    let routes = match Routes::of(&settings, &refs, &keys, &mut b, &printer) {
        Ok(routes) => routes,
        Err(status) => return Ok(status),
    };
    if let Err(errors) = b.finish() {
        return Ok(super::input_errors(&errors, &printer));
    }
    let lists = args.targets.has_lists();
    let request = |refs| Request::TagSet {
        refs,
        conditions: conditions.clone(),
        lists,
        desired: desired.clone(),
    };
    let mut job = job("tag set", &args.targets, &args.save);
    job.query = query;
    super::fanout::execute_listed(settings, routes, refs, job, request, printer).await
}
