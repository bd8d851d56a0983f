//! A run over many tenants (`--tenants FILE`): the same request in every tenant, each with its
//! own token, pacer, quota-ledger entry and journal, side by side (`--tenant-concurrency`), under
//! one run ID; then one report with the tenant on every row and a block per tenant.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use futures::StreamExt;
use tokio::time::Instant;

mod part;
mod routes;
mod whole;

pub use part::{Ended, FanPart};
pub use routes::{Routes, execute_listed};
use whole::{join_plan, whole_line};
pub use whole::{whole_summary, write};

use super::flow::{self, Job};
use super::saved_plan::{PlanCounts, SavePlan};
use super::session::{StopGroup, Tenancy};
use crate::exit::{self, ExitStatus, TenantEnd, UsageError};
use crate::journal::manifest::{Ending, Entry, Manifest};
use crate::journal::store;
use crate::model::Tenant;
use crate::plan::Request;
use crate::report::Sink;
use crate::settings::{JournalChoice, Settings};
use crate::ui::Printer;
use crate::ui::text::plural;

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
                // A tenant a signal stopped before it wrote anything never ran (`started`,
                // with why, is settled before this is recorded).
                let ending = Ending {
                    ran: matches!(e.end, TenantEnd::Ran(_)) && e.started,
                    error: e
                        .error
                        .as_deref()
                        .map(|w| crate::ui::text::redact(w).into_owned()),
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
