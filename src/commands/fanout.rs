//! A run over many tenants (`--tenants FILE`): the same request in every tenant, each with its
//! own token, pacer, quota-ledger entry and journal, side by side (`--tenant-concurrency`), under
//! one run ID; then one report with the tenant on every row and a block per tenant.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use futures::StreamExt;
use tokio::time::Instant;

use super::flow::{self, Job};
use super::saved_plan::{PlanCounts, SavePlan};
use super::session::{StopGroup, Tenancy};
use crate::exit::{self, ExitStatus, TenantEnd, UsageError};
use crate::input::targets::TenantKeys;
use crate::journal::manifest::{Ending, Entry, Manifest};
use crate::journal::store;
use crate::model::{MachineRef, Origin, RunEnd, Tenant};
use crate::plan::Request;
use crate::report::{Format, Report, Sink, Summary, TenantBlock};
use crate::settings::{JournalChoice, Settings};
use crate::ui::Printer;
use crate::ui::text::plural;

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
    delivered: Mutex<Option<Delivered>>,
    /// What the tenant's part of a saved plan holds, once it is saved.
    saved: Mutex<Option<PlanCounts>>,
}

struct Delivered {
    summary: Summary,
    body: Vec<u8>,
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
    delivered: Option<Delivered>,
    saved: Option<PlanCounts>,
    /// False for a tenant a signal stopped before it wrote anything: it never ran.
    started: bool,
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

/// Where a tenant keeps its journal in the folder `dir` of a run over many.
fn tenant_journal(dir: &Path, tenant: &Tenant) -> PathBuf {
    dir.join(format!("{}.jsonl", tenant.id))
}

/// The tenants `path` lists, or (each problem said) `None`.
pub fn read_tenants(path: &Path, printer: &Printer) -> Option<Vec<Tenant>> {
    match crate::input::tenants::read(path) {
        Ok(t) => Some(t),
        Err(problems) => {
            for p in problems.iter().take(100) {
                printer.raw(p);
            }
            None
        }
    }
}

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

/// Runs `request` in every tenant of `--tenants`, and reports the whole run.
pub async fn execute(
    settings: Settings,
    request: Request,
    job: Job<'_>,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let Some(tenants) = read_tenants(settings.tenants().expect("tenants"), &printer) else {
        return Ok(ExitStatus::Usage);
    };
    if job.of_run.is_some() || job.session.is_some() {
        return Err(UsageError(format!(
            "--tenants: `{}` does not run over many tenants yet; run it once per tenant",
            job.command
        ))
        .into());
    }
    execute_each(&settings, tenants, &job, |_| request.clone(), printer).await
}

/// Runs in each tenant the request `request_of` gives it (apply-csv's rows routed by a
/// `Tenant` column, or the same request everywhere), with `job`'s command and query, and
/// reports the whole run.
pub async fn execute_each(
    settings: &Settings,
    tenants: Vec<Tenant>,
    job: &Job<'_>,
    request_of: impl Fn(&Tenant) -> Request,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let fan = Fan::new(settings, &printer, None)?.saving(job.save_plan.clone());
    let journals = fan.journals(settings)?;
    let parts = Fan::parts(journals.as_deref(), tenants);
    let request_of = &request_of;
    fan.run(
        settings,
        parts,
        journals.as_deref(),
        |own, part, printer| async move {
            let request = request_of(&part.tenant);
            let job = Job {
                command: job.command.clone(),
                query: job.query.clone(),
                save_plan: part.save.clone(),
                fan: Some(part),
                ..Job::default()
            };
            flow::execute(own, request, job, printer).await
        },
    )
    .await
}

/// What the tenants of one run over many share: the app's credential, the signal watch, the
/// run's ID.
pub struct Fan {
    run_id: String,
    credential: crate::auth::Credential,
    stops: Arc<StopGroup>,
    printer: Arc<Printer>,
    started: Instant,
    /// A progress line per tenant, on a terminal.
    multi: Option<indicatif::MultiProgress>,
    /// `--save-plan`: the plan every tenant's part is saved into.
    save: Option<SavePlan>,
    /// `--output csv|jsonl`: standard output, shared by every tenant.
    sink: Option<Arc<Sink>>,
    /// The tenants of a resumed run that never ran.
    never_ran: Vec<(Tenant, String)>,
}

impl Fan {
    /// Resolves the app's credential once (a profile's secret is kept under its home tenant,
    /// else the first tenant's), and watches for signals. `run_id`: the run resumed, else a
    /// new one.
    pub fn new(settings: &Settings, printer: &Arc<Printer>, run_id: Option<&str>) -> Result<Fan> {
        let credential = match settings.sandbox() {
            // The sandbox's own app, consented in each of its tenants.
            true => super::sandbox::credential(settings)?,
            false => {
                let home = settings.tenant_id().unwrap_or("organizations").to_string();
                let resolved = settings
                    .for_tenant(&home, None)
                    .credential(&crate::settings::process_env, &crate::auth::OsKeyring)?;
                if let Some(w) = resolved.credential.warning() {
                    printer.warn(w);
                }
                resolved.credential
            }
        };
        for w in settings.host_warnings() {
            printer.warn(w);
        }
        // A credential of one tenant (a bearer token, a managed identity) is refused here,
        // before anything of the run is written.
        credential
            .for_tenant("organizations")
            .map_err(|e| UsageError(e.0.into()))?;
        let stops = Arc::new(StopGroup::default());
        stops.watch(printer.clone())?;
        Ok(Fan {
            run_id: run_id.map_or_else(store::new_run_id, String::from),
            credential,
            stops,
            printer: printer.clone(),
            started: Instant::now(),
            multi: (settings.progress() && Printer::stderr_is_terminal()).then(|| {
                indicatif::MultiProgress::with_draw_target(
                    indicatif::ProgressDrawTarget::stderr_with_hz(8),
                )
            }),
            save: None,
            sink: Sink::new(settings.output(), true),
            never_ran: Vec::new(),
        })
    }

    /// Saves the tenants' plans into one (`--save-plan`) instead of running them.
    pub fn saving(mut self, save: Option<SavePlan>) -> Fan {
        self.save = save;
        self
    }

    /// Each tenant with the journal it keeps in `journals`, the run's folder (none without).
    pub fn parts(journals: Option<&Path>, tenants: Vec<Tenant>) -> Vec<(Tenant, Option<PathBuf>)> {
        tenants
            .into_iter()
            .map(|t| {
                let journal = journals.map(|d| tenant_journal(d, &t));
                (t, journal)
            })
            .collect()
    }

    /// The folder of the tenants' journals, created, when the run keeps them.
    pub fn journals(&self, settings: &Settings) -> Result<Option<PathBuf>> {
        if self.save.is_some() {
            return Ok(None);
        }
        match (settings.journal(), settings.dry_run()) {
            (_, true) | (JournalChoice::Off, _) => Ok(None),
            (JournalChoice::File(_), _) => Err(UsageError(
                "--journal FILE keeps one run's journal; a run over many tenants keeps one per tenant in the state folder (or give --no-journal)".into(),
            )
            .into()),
            (JournalChoice::StateDir, false) => {
                let runs = store::runs_dir()?;
                store::private_dir(&runs)?;
                store::prune(&runs);
                let dir = runs.join(&self.run_id);
                store::private_dir(&dir)?;
                Ok(Some(dir))
            }
        }
    }

    pub fn run_id(&self) -> &str {
        &self.run_id
    }

    /// The tenants of the run resumed that never ran (from its manifest, with why): reported
    /// as such, after the others.
    pub fn never_ran(mut self, tenants: Vec<(Tenant, String)>) -> Fan {
        self.never_ran = tenants;
        self
    }

    /// Records in the run's manifest how each tenant that was part of this go ended.
    fn record_ends(&self, dir: &Path, ended: &[Ended]) {
        let recorded = Manifest::read(dir).and_then(|m| {
            let mut m = m.unwrap_or_default();
            for e in ended {
                // A signal that stopped a tenant before it wrote anything: it never ran
                // (a tenant with a journal is resumed from it, whatever this says).
                let stopped = matches!(e.end, TenantEnd::Ran(ExitStatus::Signal(_)));
                let ending = Ending {
                    ran: matches!(e.end, TenantEnd::Ran(_)) && !stopped,
                    error: match stopped {
                        true => Some("a signal stopped the run before this tenant started".into()),
                        false => e
                            .error
                            .as_deref()
                            .map(|w| crate::ui::text::redact(w).into_owned()),
                    },
                };
                match m.tenants.iter_mut().find(|x| x.tenant == e.tenant.id) {
                    Some(entry) => entry.ended = Some(ending),
                    None => m.tenants.push(Entry {
                        tenant: e.tenant.id.clone(),
                        tenant_name: e.tenant.name.clone(),
                        ended: Some(ending),
                    }),
                }
            }
            m.write(dir)
        });
        if let Err(e) = recorded {
            self.printer.warn(format!(
                "cannot record how the tenants ended in {}: {e}",
                dir.display()
            ));
        }
    }

    /// The signal that stopped the run, if one did.
    pub fn signal(&self) -> Option<crate::exit::Signal> {
        self.stops.signal()
    }

    /// The `i`-th of `count` tenants' settings, part and printer (its lines labelled).
    fn part(
        &self,
        settings: &Settings,
        i: usize,
        count: usize,
        tenant: Tenant,
        journal: Option<PathBuf>,
    ) -> Result<(Settings, Arc<FanPart>, Arc<Printer>)> {
        let credential = self
            .credential
            .for_tenant(&tenant.id)
            .map_err(|e| UsageError(e.0.into()))?;
        let own = settings.for_tenant(&tenant.id, journal);
        let printer = Arc::new(self.printer.labelled(tenant.label(), self.multi.clone()));
        let part = Arc::new(FanPart {
            run_id: self.run_id.clone(),
            save: self
                .save
                .as_ref()
                .map(|s| s.part(i + 1, count, &self.run_id, &tenant.id)),
            tenant,
            tenancy: Tenancy {
                credential,
                stops: self.stops.clone(),
            },
            sink: self.sink.clone(),
            delivered: Mutex::new(None),
            saved: Mutex::new(None),
        });
        Ok((own, part, printer))
    }

    /// Runs `each` for every tenant, `--tenant-concurrency` at a time, and gives what came of
    /// each, in the tenants' order; no report is written (a check before a run over many).
    pub async fn each<T, F, Fut>(
        &self,
        settings: &Settings,
        tenants: Vec<Tenant>,
        each: F,
    ) -> Result<Vec<(Tenant, Result<T>)>>
    where
        F: Fn(Settings, Arc<FanPart>, Arc<Printer>) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let each = &each;
        let count = tenants.len();
        let mut runs = Vec::with_capacity(count);
        for (i, tenant) in tenants.into_iter().enumerate() {
            let (own, part, printer) = self.part(settings, i, count, tenant, None)?;
            runs.push(async move {
                let result = each(own, part.clone(), printer).await;
                (i, (part.tenant.clone(), result))
            });
        }
        let mut ended: Vec<(usize, (Tenant, Result<T>))> = futures::stream::iter(runs)
            .buffer_unordered(settings.tenant_concurrency())
            .collect()
            .await;
        ended.sort_by_key(|(i, _)| *i);
        Ok(ended.into_iter().map(|(_, e)| e).collect())
    }

    /// Runs `each` for every tenant of `parts` (with the journal it keeps), `--tenant-concurrency`
    /// at a time, and writes the whole run's report. `journals`: the folder the run's
    /// journals are in (a new run that wrote none leaves none behind).
    pub async fn run<F, Fut>(
        &self,
        settings: &Settings,
        parts: Vec<(Tenant, Option<PathBuf>)>,
        journals: Option<&Path>,
        each: F,
    ) -> Result<ExitStatus>
    where
        F: Fn(Settings, Arc<FanPart>, Arc<Printer>) -> Fut,
        Fut: std::future::Future<Output = Result<ExitStatus>>,
    {
        let printer = &self.printer;
        match journals {
            Some(dir) => printer.note(format!(
                "run {} over {} · journals in {}",
                self.run_id,
                plural(parts.len(), "tenant", "tenants"),
                dir.display()
            )),
            None => printer.note(format!(
                "{}, {} at a time",
                plural(parts.len(), "tenant", "tenants"),
                settings.tenant_concurrency().min(parts.len())
            )),
        }
        if let Some(dir) = journals {
            // Every tenant of the run is on record before any starts (a resumed run keeps it).
            let kept = Manifest::read(dir).unwrap_or_else(|e| {
                self.printer
                    .warn(format!("{e}: the run's tenants are not on record"));
                Some(Manifest::default())
            });
            if kept.is_none() {
                Manifest {
                    tenants: parts
                        .iter()
                        .map(|(t, _)| Entry {
                            tenant: t.id.clone(),
                            tenant_name: t.name.clone(),
                            ended: None,
                        })
                        .collect(),
                }
                .write(dir)
                .with_context(|| format!("cannot record the run's tenants in {}", dir.display()))?;
            }
        }
        let each = &each;
        let mut runs = Vec::new();
        let count = parts.len();
        let plan_parts: Vec<PathBuf> = match &self.save {
            Some(save) => parts
                .iter()
                .enumerate()
                .map(|(i, (t, _))| save.part(i + 1, count, &self.run_id, &t.id).path)
                .collect(),
            None => Vec::new(),
        };
        for (i, (tenant, journal)) in parts.into_iter().enumerate() {
            let (own, part, printer) = self.part(settings, i, count, tenant, journal)?;
            runs.push(async move {
                let result = each(own, part.clone(), printer.clone()).await;
                let (end, error) = match result {
                    Ok(status) => (TenantEnd::Ran(status), None),
                    Err(e) => {
                        let text = format!("{e:#}");
                        printer.error(&text);
                        (TenantEnd::CouldNotRun(exit::of_error(&e)), Some(text))
                    }
                };
                let delivered = part.delivered.lock().expect("part").take();
                let saved = part.saved.lock().expect("part").take();
                (
                    i,
                    Ended {
                        tenant: part.tenant.clone(),
                        end,
                        error,
                        delivered,
                        saved,
                        started: true,
                    },
                )
            });
        }
        let mut ended: Vec<(usize, Ended)> = futures::stream::iter(runs)
            .buffer_unordered(settings.tenant_concurrency())
            .collect()
            .await;
        ended.sort_by_key(|(i, _)| *i);
        let mut ended: Vec<Ended> = ended.into_iter().map(|(_, e)| e).collect();
        // A tenant a signal stopped before it wrote its journal never ran: said so, as the
        // run's record says it (`runs show`, `resume`).
        if let Some(dir) = journals {
            for e in ended.iter_mut().filter(|e| {
                matches!(e.end, TenantEnd::Ran(ExitStatus::Signal(_)))
                    && !tenant_journal(dir, &e.tenant).exists()
            }) {
                e.started = false;
                e.error = Some("a signal stopped the run before this tenant started".into());
            }
        }
        let wrote_journal =
            journals.is_some_and(|d| store::tenant_journals(d).is_ok_and(|j| !j.is_empty()));
        if let Some(dir) = journals {
            match wrote_journal {
                // Nothing was written in any tenant: no run to list, resume or undo.
                false => {
                    let _ = std::fs::remove_file(dir.join(crate::journal::manifest::FILE));
                    let _ = std::fs::remove_dir(dir);
                }
                true => self.record_ends(dir, &ended),
            }
        }
        // The tenants of a resumed run that never ran: reported, not run.
        ended.extend(self.never_ran.iter().map(|(t, why)| {
            Ended::never_ran(
                t.clone(),
                format!("{why}; resume continues what was started: run the command again for this tenant"),
            )
        }));
        let run_id = wrote_journal.then(|| self.run_id.clone());
        let status = exit::of_tenants(&ended.iter().map(|e| e.end).collect::<Vec<_>>());
        let summary = whole_summary(&ended, run_id.clone(), self.started.elapsed());
        let saved = self
            .save
            .as_ref()
            .map(|save| join_plan(save, &ended, &plan_parts, settings.sandbox()));
        let written = match &self.sink {
            // The rows went out as they settled: the end of the stream is left.
            Some(sink) => {
                // Standard output holds rows for a program: how the tenants ended is said
                // on standard error, for the person (the table ends with this line).
                printer.note(whole_line(&ended, &summary));
                sink.finish(&summary)
                    .context("cannot write the results to standard output")
            }
            None => write(&ended, &summary, settings.output()),
        };
        // Said even when the report could not be written: the plan is saved, the run can be
        // resumed, all the same.
        match saved.transpose()? {
            Some(Ok(line)) => printer.note(line),
            Some(Err(why)) => printer.error(why),
            None => {}
        }
        if let Some(id) = &run_id
            && (matches!(status, ExitStatus::Signal(_)) || summary.uncertain + summary.aborted > 0)
        {
            let unstarted: Vec<&str> = ended
                .iter()
                .filter(|e| !e.started)
                .map(|e| e.tenant.label())
                .collect();
            match unstarted.is_empty() {
                true => printer.note(format!(
                    "`{} resume {id}` continues this run in every tenant",
                    super::mdetag(settings.sandbox())
                )),
                false => printer.note(format!(
                    "`{} resume {id}` continues the tenants that started; {} never started ({}): run the command again for {}",
                    super::mdetag(settings.sandbox()),
                    plural(unstarted.len(), "tenant", "tenants"),
                    unstarted.join(", "),
                    if unstarted.len() == 1 { "it" } else { "them" }
                )),
            }
        }
        written?;
        Ok(status)
    }
}

/// Joins the tenants' parts into the saved plan when every tenant planned; else saves nothing
/// (a plan is reviewed and applied whole). The line that says it was saved, or why not.
fn join_plan(
    save: &SavePlan,
    ended: &[Ended],
    parts: &[PathBuf],
    sandbox: bool,
) -> Result<Result<String, String>> {
    let unplanned: Vec<&Ended> = ended
        .iter()
        .filter(|e| e.saved.is_none() || !matches!(e.end, TenantEnd::Ran(ExitStatus::Ok)))
        .collect();
    if unplanned.is_empty() {
        save.join(parts)?;
        let counts: Vec<PlanCounts> = ended.iter().filter_map(|e| e.saved).collect();
        return Ok(Ok(save.saved_parts_line(&counts, sandbox)));
    }
    SavePlan::discard(parts);
    let names: Vec<&str> = unplanned.iter().take(5).map(|e| e.tenant.label()).collect();
    Ok(Err(format!(
        "no plan saved to {}: {} could not be planned ({}{}); a plan is saved whole, with every tenant's part",
        save.path.display(),
        plural(unplanned.len(), "tenant", "tenants"),
        names.join(", "),
        if unplanned.len() > 5 { ", …" } else { "" }
    )))
}

/// The whole run's report on standard output.
pub fn write(ended: &[Ended], summary: &Summary, format: Format) -> Result<()> {
    crate::ui::stdout::write_with(|out| write_whole(ended, summary, format, out))
        .context("cannot write the results to standard output")
}

/// The whole run's summary: the tenants' counts added up, and a block per tenant.
pub fn whole_summary(
    ended: &[Ended],
    run_id: Option<String>,
    elapsed: std::time::Duration,
) -> Summary {
    let mut whole = Summary {
        run_id,
        elapsed_ms: elapsed.as_millis() as u64,
        ..Summary::default()
    };
    let mut blocks = Vec::new();
    for e in ended {
        let d = e.delivered.as_ref();
        if let Some(d) = d {
            let s = &d.summary;
            whole.total += s.total;
            whole.succeeded += s.succeeded;
            whole.failed += s.failed;
            whole.skipped += s.skipped;
            whole.planned += s.planned;
            whole.interrupted += s.interrupted;
            whole.aborted += s.aborted;
            whole.uncertain += s.uncertain;
            whole.api_calls += s.api_calls;
            if s.status == RunEnd::Interrupted
                || (s.status == RunEnd::Aborted && whole.status == RunEnd::Finished)
            {
                whole.status = s.status;
            }
        }
        let t = &e.tenant;
        blocks.push(TenantBlock {
            tenant: t.id.clone(),
            tenant_name: t.name.clone(),
            ran: matches!(e.end, TenantEnd::Ran(_)) && e.started,
            error: e
                .error
                .as_deref()
                .map(|w| crate::ui::text::redact(w).into_owned()),
            summary: d.map(|d| Box::new(d.summary.clone())),
        });
    }
    whole.tenants = Some(blocks);
    whole
}

fn write_whole(
    ended: &[Ended],
    summary: &Summary,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let bodies = || {
        ended
            .iter()
            .filter_map(|e| e.delivered.as_ref().map(|d| &d.body))
    };
    match format {
        Format::Table => {
            for e in ended {
                writeln!(out, "{}", crate::report::tenant_heading(&e.tenant))?;
                match (e.delivered.as_ref(), &e.error) {
                    (Some(d), _) => out.write_all(&d.body)?,
                    (None, Some(why)) => writeln!(
                        out,
                        "could not run: {}",
                        crate::ui::text::display(&crate::ui::text::redact(why))
                    )?,
                    (None, None) => writeln!(out, "nothing to do: no operation")?,
                }
            }
            writeln!(out, "{}", whole_line(ended, summary))
        }
        Format::Json => {
            out.write_all(b"{\"summary\":")?;
            crate::ui::json::to_writer(&mut *out, summary)?;
            out.write_all(b",\"results\":[")?;
            let mut first = true;
            for body in bodies().filter(|b| !b.is_empty()) {
                if !std::mem::take(&mut first) {
                    out.write_all(b",")?;
                }
                out.write_all(body)?;
            }
            out.write_all(b"]}\n")
        }
        Format::Csv => {
            crate::report::write_csv_header(&mut *out, true)?;
            bodies().try_for_each(|b| out.write_all(b))
        }
        Format::Jsonl => {
            bodies().try_for_each(|b| out.write_all(b))?;
            crate::report::write_jsonl_summary(summary, out)
        }
    }
}

/// The table's last line: how the tenants ended, then the operations.
fn whole_line(ended: &[Ended], s: &Summary) -> String {
    let ran = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(_)) && e.started)
        .count();
    let clean = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(ExitStatus::Ok)))
        .count();
    let pending = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(ExitStatus::Pending)))
        .count();
    let mut line = format!(
        "{}: {clean} clean",
        plural(ended.len(), "tenant", "tenants")
    );
    if pending > 0 {
        line.push_str(&format!(", {pending} with changes pending"));
    }
    if ran > clean + pending {
        line.push_str(&format!(
            ", {} with failures or stopped",
            ran - clean - pending
        ));
    }
    let unstarted = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(_)) && !e.started)
        .count();
    if unstarted > 0 {
        line.push_str(&format!(", {unstarted} never started"));
    }
    if ended.len() > ran + unstarted {
        line.push_str(&format!(
            ", {} could not run",
            ended.len() - ran - unstarted
        ));
    }
    let ops = plural(s.total as usize, "operation", "operations");
    line.push_str(&format!(
        " · {ops}: {} succeeded, {} failed, {} skipped, {} planned · {} · {:.1} s",
        s.succeeded,
        s.failed,
        s.skipped,
        s.planned,
        plural(s.api_calls as usize, "API call", "API calls"),
        s.elapsed_ms as f64 / 1000.0
    ));
    if let Some(id) = &s.run_id {
        line.push_str(&format!(" · run {id}"));
    }
    line
}
