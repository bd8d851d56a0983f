//! `mdetag sync RULES [--check]`: makes tags and device values match a rules file. Every
//! machine is read in one listing; filters and queries are asked of the API once per rule;
//! the rest is evaluated here, against the state read at plan time.

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::Result;

use super::fanout::FanPart;
use super::flow::{self, Job};
use super::saved_plan::SavePlan;
use super::session::Session;
use crate::cli::{GlobalArgs, SyncArgs};
use crate::exit::{ExitStatus, UsageError};
use crate::input;
use crate::lookup::ResolveError;
use crate::lookup::hunting::HuntError;
use crate::plan::sync::{Answers, Fleet, MaxRemovals, plan, select};
use crate::plan::{Conditions, Needs, PlanBuilder, Request};
use crate::settings::{Settings, Sources};
use crate::ui::Printer;
use crate::ui::text::plural;

pub async fn run(
    args: &SyncArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let settings = Settings::from_args(g, sources)?;
    let max_removals = MaxRemovals::parse(&args.max_removals)
        .map_err(|e| UsageError(format!("--max-removals {e}")))?;
    let mut b = PlanBuilder::default();
    let (rules, files) = input::rules::read(&args.rules, &mut b);
    if let Err(errors) = b.finish() {
        return Ok(super::input_errors(&errors, &printer));
    }
    if rules.is_empty() {
        printer.warn(format!(
            "{} holds no rule: nothing to do",
            args.rules.display()
        ));
        return Ok(ExitStatus::Ok);
    }
    if settings.tenants().is_some() {
        let Some(tenants) =
            super::fanout::read_tenants(settings.tenants().expect("tenants"), &printer)
        else {
            return Ok(ExitStatus::Usage);
        };
        let fan =
            // `--check` saves nothing (as in one tenant): it only says what is pending.
            super::fanout::Fan::new(&settings, &printer, None)?
                .saving(save_plan(args, &files).filter(|_| !args.check));
        let journals = if args.check {
            None
        } else {
            fan.journals(&settings)?
        };
        let parts = super::fanout::Fan::parts(journals.as_deref(), tenants);
        let (rules, files) = (&rules, &files);
        return fan
            .run(
                &settings,
                parts,
                journals.as_deref(),
                |own, part, printer| async move {
                    sync_one(args, rules, files, own, max_removals, printer, Some(part)).await
                },
            )
            .await;
    }
    sync_one(args, &rules, &files, settings, max_removals, printer, None).await
}

/// Syncs one tenant (a part of a run over many when `fan` is given).
async fn sync_one(
    args: &SyncArgs,
    rules: &[crate::model::Rule],
    files: &[std::path::PathBuf],
    settings: Settings,
    max_removals: MaxRemovals,
    printer: Arc<Printer>,
    fan: Option<Arc<FanPart>>,
) -> Result<ExitStatus> {
    let sends = !(settings.dry_run() || args.check || args.save.save_plan.is_some());
    let tenancy = fan.as_deref().map(|f| &f.tenancy);
    let session = Session::open_in(&settings, printer.clone(), sends, tenancy).await?;
    let stopped =
        || UsageError("interrupted while the machines were read: nothing was sent".into());
    let all = Needs {
        everything: true,
        ..Needs::default()
    };
    let listing = match session.resolve(&all).await {
        Ok(res) => res,
        Err(ResolveError::Stopped) => return Err(stopped().into()),
        Err(e) => return Err(e.into()),
    };
    let fleet = Fleet {
        machines: &listing.machines,
        order: &listing.picked,
    };
    let mut selected = Vec::with_capacity(rules.len());

    for rule in rules {
        let mut answers = Answers::default();
        if !rule.selection.filters.is_empty() {
            let needs = Needs {
                conditions: Conditions {
                    filters: rule.selection.filters.clone(),
                    ..Conditions::default()
                },
                ..Needs::default()
            };
            let res = match session.resolve(&needs).await {
                Ok(res) => res,
                Err(ResolveError::Stopped) => return Err(stopped().into()),
                Err(e) => return Err(anyhow::Error::new(e).context(format!("{}", rule.origin))),
            };

            answers.filtered = Some(res.picked.into_iter().collect::<HashSet<_>>());
        }
        if let Some(query) = &rule.selection.query {
            match session.hunt(&settings, query).await {
                Ok((refs, run)) => {
                    printer.note(format!(
                        "{}: {}",
                        rule.origin,
                        super::hunt::query_line(&run)
                    ));
                    answers.queried = refs;
                }
                Err(HuntError::Stopped) => return Err(stopped().into()),
                Err(e) if e.is_usage() => {
                    return Err(UsageError(format!("{}: {e}", rule.origin)).into());
                }
                Err(e) => return Err(anyhow::Error::new(e).context(format!("{}", rule.origin))),
            }
        }
        let (chosen, unknown) = select(rule, &answers, &fleet);
        if !unknown.is_empty() {
            printer.warn(format!(
                "{}: {} no live machine: {}{}",
                rule.origin,
                plural(unknown.len(), "listed machine is", "listed machines are"),
                unknown
                    .iter()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                if unknown.len() > 5 { ", …" } else { "" }
            ));
        }
        selected.push(chosen);
    }
    let plan = match plan(rules, &selected, &fleet, max_removals) {
        Ok(plan) => plan,
        Err(refusals) => {
            for r in refusals.iter().take(100) {
                printer.raw(format!("{}: {}", r.origin, r.reason));
            }
            return Err(UsageError(format!(
                "{} after planning; nothing was sent",
                plural(refusals.len(), "problem", "problems")
            ))
            .into());
        }
    };
    if args.check {
        let pending = plan.ops.len();
        flow::dry_run_report(
            &plan,
            &settings,
            session.exec.pacer.started(),
            0,
            None,
            &printer,
            fan.as_deref(),
        )?;
        return Ok(match pending {
            0 => {
                printer.note(format!("everything matches {}", args.rules.display()));
                ExitStatus::Ok
            }
            n => {
                printer.note(format!(
                    "{} pending: run `mdetag sync {}` to make them",
                    plural(n, "change", "changes"),
                    args.rules.display()
                ));
                ExitStatus::Pending
            }
        });
    }
    let job = Job {
        save_plan: match &fan {
            Some(part) => part.save.clone(),
            None => save_plan(args, files),
        },
        session: Some(session),
        fan,
        ..Job::new(format!("sync {}", args.rules.display()))
    };
    let request = Request::Ops {
        plan,
        conditions: Default::default(),
        lists: true,
        templates: Vec::new(),
        guards: Vec::new(),
    };
    flow::execute(settings, request, job, printer).await
}

/// `--save-plan`, with the rules file and the files its rules read.
fn save_plan(args: &SyncArgs, files: &[std::path::PathBuf]) -> Option<SavePlan> {
    let mut inputs: Vec<&std::path::Path> = vec![args.rules.as_path()];
    inputs.extend(files.iter().map(|f| f.as_path()));
    SavePlan::new(args.save.save_plan.as_deref(), &inputs, None)
}
