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
        let (rules, files) = (&rules, &files);
        // A run that writes plans every tenant first: a guard (--max-removals, a rule that
        // selects nothing) that refuses one tenant's plan stops the change everywhere, as it
        // does in one tenant. (A tenant that cannot be read fails alone, below.)
        let sends = !(settings.dry_run() || args.check || args.save.save_plan.is_some());
        if sends {
            let refused = refused_anywhere(
                &fan,
                &settings,
                tenants.clone(),
                |own, part, printer| async move {
                    let tenancy = Some(&part.tenancy);
                    plan_one(rules, &own, max_removals, &printer, tenancy, true)
                        .await
                        .map(|_| ())
                },
            )
            .await;
            if !matches!(refused, Ok(None)) {
                if let Some(dir) = &journals {
                    let _ = std::fs::remove_dir(dir);
                }
                return refused.map(|status| status.unwrap_or(ExitStatus::Ok));
            }
        }
        let parts = super::fanout::Fan::parts(journals.as_deref(), tenants);
        let status = fan
            .run(
                &settings,
                parts,
                journals.as_deref(),
                |own, part, printer| async move {
                    sync_one(args, rules, files, own, max_removals, printer, Some(part)).await
                },
            )
            .await?;
        if args.check && status == ExitStatus::Pending {
            let guard = match args.max_removals.trim() {
                "10%" => String::new(),
                other => format!(" --max-removals {other}"),
            };
            printer.note(format!(
                "changes pending: run `{} sync {} --tenants {}{guard}` to make them",
                super::mdetag(settings.sandbox()),
                args.rules.display(),
                settings.tenants().expect("tenants").display()
            ));
        }
        return Ok(status);
    }
    sync_one(args, &rules, &files, settings, max_removals, printer, None).await
}

/// Plans every tenant (`each` plans one) before any is written to: the exit status when a
/// guard refused a tenant's plan (each problem said, with its tenant), or a signal came;
/// `None` when every plan may go on (a tenant that could not be read fails alone later).
async fn refused_anywhere<F, Fut>(
    fan: &super::fanout::Fan,
    settings: &Settings,
    tenants: Vec<crate::model::Tenant>,
    each: F,
) -> Result<Option<ExitStatus>>
where
    F: Fn(Settings, Arc<FanPart>, Arc<Printer>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let planned = fan.each(settings, tenants, each).await?;
    if let Some(signal) = fan.signal() {
        return Ok(Some(ExitStatus::Signal(signal)));
    }
    let refused: Vec<&crate::model::Tenant> = planned
        .iter()
        .filter(|(_, r)| {
            r.as_ref()
                .is_err_and(|e| crate::exit::of_error(e) == ExitStatus::Usage)
        })
        .map(|(t, _)| t)
        .collect();
    if refused.is_empty() {
        return Ok(None);
    }
    let names: Vec<&str> = refused.iter().take(5).map(|t| t.label()).collect();
    Err(UsageError(format!(
        "the sync was refused in {} ({}{}): nothing was sent in any tenant",
        plural(refused.len(), "tenant", "tenants"),
        names.join(", "),
        if refused.len() > 5 { ", …" } else { "" }
    ))
    .into())
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
    let (session, plan) =
        plan_one(rules, &settings, max_removals, &printer, tenancy, sends).await?;
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
            // Over many tenants, the whole run says how to make them, once.
            n if fan.is_some() => {
                printer.note(format!("{} pending", plural(n, "change", "changes")));
                ExitStatus::Pending
            }
            n => {
                printer.note(format!(
                    "{} pending: run `{} sync {}` to make them",
                    plural(n, "change", "changes"),
                    super::mdetag(settings.sandbox()),
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

/// Reads a tenant and plans its sync (a tenant of a run over many when `tenancy` is given):
/// the session and the plan; a plan a guard refuses is said, each problem at its rule, and is
/// an error (exit 2). `writes`: the session must be allowed to write.
async fn plan_one(
    rules: &[crate::model::Rule],
    settings: &Settings,
    max_removals: MaxRemovals,
    printer: &Arc<Printer>,
    tenancy: Option<&super::session::Tenancy>,
    writes: bool,
) -> Result<(Session, crate::plan::Plan)> {
    let session = Session::open_in(settings, printer.clone(), writes, tenancy).await?;
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
            match session.hunt(settings, query).await {
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
    Ok((session, plan))
}
