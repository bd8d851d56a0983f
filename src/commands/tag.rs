//! `tag add`, `tag remove` and `set-value`: one change (or several tags) on every machine the
//! pickers name.

use std::sync::Arc;

use anyhow::Result;

use std::path::{Path, PathBuf};

use super::fanout::Routes;
use super::flow::{self, Job};
use super::saved_plan::SavePlan;
use crate::cli::{DeviceValueArg, GlobalArgs, SavePlanArg, SetValueArgs, TagArgs, Targets};
use crate::exit::ExitStatus;
use crate::input;
use crate::model::{
    Change, DeviceValue, MachineRef, Operation, Origin, Tag, TagAction, first_of_each,
};
use crate::plan::{Conditions, PlanBuilder, Request};
use crate::settings::{Settings, Sources};
use crate::ui::Printer;
use crate::ui::text::printable;

pub async fn run_tags(
    args: &TagArgs,
    add: bool,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let action = if add {
        TagAction::Add
    } else {
        TagAction::Remove
    };
    let mut b = PlanBuilder::default();
    let changes: Vec<Change> = tag_values(&args.values, &mut b)
        .into_iter()
        .map(|t| Change::Tag(action, t))
        .collect();
    let command = if add { "tag add" } else { "tag remove" };
    let job = job(command, &args.targets, &args.save);
    run_changes(&args.targets, changes, b, g, sources, printer, job).await
}

pub async fn run_set_value(
    args: &SetValueArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let value = match args.value {
        DeviceValueArg::Normal => DeviceValue::Normal,
        DeviceValueArg::Low => DeviceValue::Low,
        DeviceValueArg::High => DeviceValue::High,
    };
    let changes = vec![Change::SetValue(value)];
    let b = PlanBuilder::default();
    let job = job("set-value", &args.targets, &args.save);
    run_changes(&args.targets, changes, b, g, sources, printer, job).await
}

/// Every change on every machine the targets name, now or once the pickers are read.
async fn run_changes(
    targets: &Targets,
    changes: Vec<Change>,
    mut b: PlanBuilder,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
    mut job: Job<'_>,
) -> Result<ExitStatus> {
    // Settings first: a bad flag is reported before a machines file is read.
    let settings = Settings::from_args(g, sources)?;
    let conditions = conditions(targets, &mut b);
    let query = query(targets, &mut b);
    let (refs, keys) = machines(targets, &mut b);
    let routes = match Routes::of(&settings, &refs, &keys, &mut b, &printer) {
        Ok(routes) => routes,
        Err(status) => return Ok(status),
    };
    push_changes(&mut b, &refs, &changes);
    let plan = match b.finish() {
        Ok(plan) => plan,
        Err(errors) => return Ok(super::input_errors(&errors, &printer)),
    };
    let lists = targets.has_lists();
    let request = |plan| Request::Ops {
        plan,
        conditions: conditions.clone(),
        lists,
        templates: changes.clone(),
        guards: Vec::new(),
    };
    job.query = query;
    let Some(routes) = routes else {
        return flow::execute(settings, request(plan), job, printer).await;
    };
    // A machines file routes its machines: each tenant plans only its own.
    let tenants = routes.tenants_to_run(job.query.is_some());
    let request_of = |tenant: &crate::model::Tenant| {
        let mut own = PlanBuilder::default();
        push_changes(&mut own, &routes.refs_for(&refs, tenant), &changes);
        // The same rows, checked already: duplicates are all a tenant's part can hold.
        request(own.finish().unwrap_or_default())
    };
    super::fanout::execute_each(&settings, tenants, &job, request_of, printer).await
}

/// Every change on every listed machine, in order.
fn push_changes(b: &mut PlanBuilder, refs: &[(MachineRef, Origin)], changes: &[Change]) {
    for (machine, origin) in refs {
        for change in changes {
            b.push(
                Operation {
                    machine: machine.clone(),
                    change: change.clone(),
                },
                origin.clone(),
            );
        }
    }
}

/// The flow's job for a command that picks machines by `targets`: its journal name, and the
/// plan file to save with the files and query the command reads.
pub fn job<'a>(command: &str, targets: &Targets, save: &SavePlanArg) -> Job<'a> {
    let mut files: Vec<&Path> = targets
        .machines_files
        .iter()
        .map(PathBuf::as_path)
        .collect();
    files.extend(targets.query_file.as_deref());
    Job {
        save_plan: SavePlan::new(save.save_plan.as_deref(), &files, targets.query.as_deref()),
        ..Job::new(command)
    }
}

/// The `--value` tags, each once (in any case), or errors on the builder.
pub fn tag_values(values: &[String], b: &mut PlanBuilder) -> Vec<Tag> {
    let mut tags = Vec::new();
    for v in values {
        match b.tag(v) {
            Ok(t) => tags.push(t),
            Err(reason) => b.error(
                Origin::new(format!("--value '{}'", printable(v)), 0),
                reason.0,
            ),
        }
    }
    first_of_each(tags, Clone::clone)
}

/// The machines `--machine` and `--machines-file` name; at least one picker of any kind is
/// required.
pub fn machines(
    targets: &Targets,
    b: &mut PlanBuilder,
) -> (Vec<(MachineRef, Origin)>, input::targets::TenantKeys) {
    if targets.is_empty() {
        b.error(
            Origin::new("mdetag", 0),
            "no machines given: use --machine, --machines-file, --query, --query-file, --filter, --tag or --tag-prefix",
        );
        return (Vec::new(), Vec::new());
    }
    input::targets::collect_routed(&targets.machines, &targets.machines_files, b)
}

/// The hunting query `--query` or `--query-file` gives, read and checked.
pub fn query(targets: &Targets, b: &mut PlanBuilder) -> Option<crate::model::Query> {
    let stdin_taken = targets.machines_files.iter().any(|f| f.as_os_str() == "-");
    input::query::read(
        targets.query.as_deref(),
        targets.query_file.as_deref(),
        &targets.query_timespan,
        targets.query_max,
        stdin_taken,
        b,
    )
}

/// The conditions (only the API can answer them); `--tag` and `--tag-prefix` follow the tag
/// rules.
pub fn conditions(targets: &Targets, b: &mut PlanBuilder) -> Conditions {
    let mut out = Conditions {
        filters: targets.filters.clone(),
        ..Conditions::default()
    };
    for (flag, values) in [
        ("--tag", &targets.tags),
        ("--tag-prefix", &targets.tag_prefixes),
    ] {
        for v in values {
            match Tag::parse(v) {
                Ok(t) if flag == "--tag" => out.tags.push(t),
                Ok(t) => out.prefixes.push(t),
                Err(reason) => b.error(
                    Origin::new(format!("{flag} '{}'", printable(v)), 0),
                    reason.0,
                ),
            }
        }
    }
    out.tags = first_of_each(out.tags, Clone::clone);
    out.prefixes = first_of_each(out.prefixes, Clone::clone);
    out
}
