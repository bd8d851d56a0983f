//! One run, start to end: input → job → (reads) → plan → (dry run | pipeline) → report → exit.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::time::Instant;

use crate::api::{MdeClient, auth::TokenProvider, http_client};
use crate::cli::{Cli, Command, MachinesCommand, OutputFormat, TagCommand, Targets};
use crate::input;
use crate::pipeline::executor::{Executor, Stop, StopReason};
use crate::pipeline::pacer::{Pacer, minimum_span};
use crate::pipeline::progress::Progress;
use crate::plan::{
    Action, CallCounts, InputError, MachineId, MachineRef, Operation, Origin, Plan, PlanBuilder,
    Settled, TagSetTarget, check_tag, plan_tag_set, printable,
};
use crate::printer::Printer;
use crate::report::Report;
use crate::resolve::{Needs, Picker, Resolution, estimated_reads, names_in, resolve};
use crate::secret::Secret;
use crate::settings::{Credential, Settings, process_env};

/// Exit codes of SPEC.md.
pub mod exit {
    pub const OK: u8 = 0;
    pub const SETUP: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const FAILURES: u8 = 3;
    pub const INTERRUPTED: u8 = 130;
}

/// Runs the parsed command. `Err` means the run could not start (exit 1).
pub fn run(cli: Cli) -> Result<u8> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(run_async(cli))
}

/// What the command asks for, read and checked, before any call.
enum Job {
    /// Operations known up front (IDs, names) plus `templates` applied to every picked machine.
    Ops {
        plan: Plan,
        pickers: Vec<Picker>,
        templates: Vec<(Action, Arc<str>)>,
    },
    /// `tag set`: make these machines' tags exactly `desired`.
    TagSet {
        refs: Vec<(MachineRef, Origin)>,
        pickers: Vec<Picker>,
        desired: Vec<Arc<str>>,
    },
    /// `machines list`.
    List {
        refs: Vec<(MachineRef, Origin)>,
        pickers: Vec<Picker>,
    },
}

async fn run_async(cli: Cli) -> Result<u8> {
    let printer = Arc::new(Printer::new(cli.global.quiet, cli.global.verbose));
    if let Command::GenerateAssets { dir } = &cli.command {
        crate::assets::generate(dir)?;
        return Ok(exit::OK);
    }
    if let Command::Auth(auth) = &cli.command {
        return crate::auth_cmd::run(auth, &cli.global, printer).await;
    }
    let job = match read_job(&cli.command, &printer) {
        Ok(job) => job,
        Err(errors) => {
            let mut err = std::io::stderr().lock();
            for e in &errors {
                let _ = writeln!(err, "{e}");
            }
            let _ = writeln!(
                err,
                "mdetag: {} problem(s) in the input; nothing was sent",
                errors.len()
            );
            return Ok(exit::USAGE);
        }
    };
    let mut settings = Settings::from_args(&cli.global)?;
    execute(&mut settings, job, printer).await
}

fn pickers(targets: &Targets) -> Vec<Picker> {
    let mut out: Vec<Picker> = targets
        .filters
        .iter()
        .map(|f| Picker::Filter(f.clone()))
        .collect();
    out.extend(targets.tags.iter().map(|t| Picker::Tag(t.clone())));
    out.extend(
        targets
            .tag_prefixes
            .iter()
            .map(|t| Picker::TagPrefix(t.clone())),
    );
    out
}

fn read_job(command: &Command, printer: &Printer) -> Result<Job, Vec<InputError>> {
    let mut b = PlanBuilder::default();
    let job = match command {
        Command::Tag(TagCommand::Add(args) | TagCommand::Remove(args)) => {
            let action = if matches!(command, Command::Tag(TagCommand::Add(_))) {
                Action::Add
            } else {
                Action::Remove
            };
            let values = tag_values(&args.values, &mut b);
            let templates: Vec<(Action, Arc<str>)> =
                values.iter().map(|v| (action, v.clone())).collect();
            for (machine, origin) in machines(&args.targets, &mut b) {
                for value in &values {
                    b.push(
                        Operation {
                            machine: machine.clone(),
                            action,
                            value: value.clone(),
                        },
                        origin.clone(),
                    );
                }
            }
            Job::Ops {
                plan: Plan::default(),
                pickers: pickers(&args.targets),
                templates,
            }
        }
        Command::Tag(TagCommand::Set(args)) => {
            let desired = tag_values(&args.values, &mut b);
            let refs = machines(&args.targets, &mut b);
            Job::TagSet {
                refs,
                pickers: pickers(&args.targets),
                desired,
            }
        }
        Command::SetValue(args) => {
            let value = b.intern(crate::plan::DeviceValue::from(args.value).as_str());
            for (machine, origin) in machines(&args.targets, &mut b) {
                b.push(
                    Operation {
                        machine,
                        action: Action::SetValue,
                        value: value.clone(),
                    },
                    origin,
                );
            }
            Job::Ops {
                plan: Plan::default(),
                pickers: pickers(&args.targets),
                templates: vec![(Action::SetValue, value)],
            }
        }
        Command::ApplyCsv(args) => {
            match input::open(&args.file) {
                Ok((name, reader)) => {
                    input::csv::read(name, reader, &mut b, &mut |w| printer.warn(w))
                }
                Err(e) => b.error(
                    Origin {
                        source: args.file.display().to_string().into(),
                        line: 0,
                    },
                    format!("cannot read: {e}"),
                ),
            }
            Job::Ops {
                plan: Plan::default(),
                pickers: Vec::new(),
                templates: Vec::new(),
            }
        }
        Command::Machines(MachinesCommand::List(args)) => {
            let refs = if args.targets.machines.is_empty() && args.targets.machines_files.is_empty()
            {
                Vec::new()
            } else {
                input::targets::collect(&args.targets, &mut b)
            };
            let mut pickers = pickers(&args.targets);
            if args.targets.is_empty() {
                pickers.push(Picker::All);
            }
            Job::List { refs, pickers }
        }
        Command::GenerateAssets { .. } | Command::Auth(_) => unreachable!("handled before"),
    };
    let plan = b.finish()?;
    Ok(match job {
        Job::Ops {
            pickers, templates, ..
        } => Job::Ops {
            plan,
            pickers,
            templates,
        },
        other => other,
    })
}

fn tag_values(values: &[String], b: &mut PlanBuilder) -> Vec<Arc<str>> {
    let mut out: Vec<Arc<str>> = Vec::new();
    for v in values {
        match check_tag(v) {
            Ok(()) if !out.iter().any(|o| &**o == v) => out.push(b.intern(v)),
            Ok(()) => {}
            Err(reason) => b.error(
                Origin {
                    source: format!("--value '{}'", printable(v)).into(),
                    line: 0,
                },
                reason,
            ),
        }
    }
    out
}

fn machines(targets: &Targets, b: &mut PlanBuilder) -> Vec<(MachineRef, Origin)> {
    if targets.is_empty() {
        b.error(
            Origin {
                source: "mdetag".into(),
                line: 0,
            },
            "no machines given: use --machine, --machines-file, --filter, --tag or --tag-prefix"
                .into(),
        );
        return Vec::new();
    }
    input::targets::collect(targets, b)
}

fn ids_of<'a>(refs: impl Iterator<Item = &'a MachineRef>) -> Vec<MachineId> {
    let mut seen = std::collections::HashSet::new();
    refs.filter_map(MachineRef::id)
        .filter(|id| seen.insert(*id))
        .collect()
}

impl Job {
    fn needs(&self, settings: &Settings) -> Needs {
        match self {
            Job::Ops { plan, pickers, .. } => {
                let live = || {
                    plan.ops
                        .iter()
                        .filter(|p| p.settled.is_none())
                        .map(|p| &p.op.machine)
                };
                Needs {
                    names: names_in(live()),
                    state_of: if settings.skip_unchanged {
                        ids_of(live())
                    } else {
                        Vec::new()
                    },
                    pickers: pickers.clone(),
                }
            }
            Job::TagSet { refs, pickers, .. } | Job::List { refs, pickers } => Needs {
                names: names_in(refs.iter().map(|r| &r.0)),
                state_of: ids_of(refs.iter().map(|r| &r.0)),
                pickers: pickers.clone(),
            },
        }
    }

    /// The final plan: names resolved, picked machines added, no-ops settled.
    fn expand(self, res: &Resolution, settings: &Settings, printer: &Printer) -> Plan {
        let policy = settings.on_duplicate;
        let mut b = PlanBuilder::resolved();
        for (origin, ids) in &res.picked {
            if ids.is_empty() {
                printer.warn(format!("{origin} matched no machine"));
            }
        }
        match self {
            Job::Ops {
                plan, templates, ..
            } => {
                let named = plan
                    .ops
                    .iter()
                    .any(|p| matches!(p.op.machine, MachineRef::Name(_)));
                if !named && res.picked.is_empty() {
                    // Nothing was resolved: the plan read from the input is already final.
                    let mut plan = plan;
                    if settings.skip_unchanged {
                        settle_unchanged(&mut plan, res);
                    }
                    return plan;
                }
                b.reserve(plan.ops.len());
                for p in plan.ops {
                    match (&p.op.machine, p.settled) {
                        (_, Some(settled)) => b.push_settled(p.op, p.origin, settled),
                        (MachineRef::Id(_), None) => b.push(p.op, p.origin),
                        (MachineRef::Name(name), None) => match res.choose(name, policy) {
                            Ok(ids) => {
                                for id in ids {
                                    b.push(
                                        Operation {
                                            machine: MachineRef::Id(id),
                                            ..p.op.clone()
                                        },
                                        p.origin.clone(),
                                    );
                                }
                            }
                            Err(settled) => b.push_settled(p.op, p.origin, settled),
                        },
                    }
                }
                for (origin, ids) in &res.picked {
                    for id in ids {
                        for (action, value) in &templates {
                            b.push(
                                Operation {
                                    machine: MachineRef::Id(*id),
                                    action: *action,
                                    value: value.clone(),
                                },
                                origin.clone(),
                            );
                        }
                    }
                }
                let mut plan = b
                    .finish()
                    .expect("a resolved builder settles conflicts instead of failing");
                if settings.skip_unchanged {
                    settle_unchanged(&mut plan, res);
                }
                plan
            }
            Job::TagSet { refs, desired, .. } => {
                let mut targets: Vec<TagSetTarget> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                let first = desired
                    .first()
                    .cloned()
                    .unwrap_or_else(|| b.intern("(all tags)"));
                let mut add = |id: MachineId, origin: &Origin, targets: &mut Vec<TagSetTarget>| {
                    if let Some(m) = res.machines.get(&id)
                        && seen.insert(id)
                    {
                        targets.push(TagSetTarget {
                            machine: id,
                            current: m.machine_tags.clone(),
                            origin: origin.clone(),
                        });
                    }
                };
                let mut missing = Vec::new();
                for (r, origin) in &refs {
                    match res.machines_for(r, policy) {
                        Ok(ids) => ids.into_iter().for_each(|id| add(id, origin, &mut targets)),
                        Err(settled) => missing.push((r.clone(), origin.clone(), settled)),
                    }
                }
                for (origin, ids) in &res.picked {
                    ids.iter().for_each(|id| add(*id, origin, &mut targets));
                }
                for (machine, origin, settled) in missing {
                    let action = if desired.is_empty() {
                        Action::Remove
                    } else {
                        Action::Add
                    };
                    b.push_settled(
                        Operation {
                            machine,
                            action,
                            value: first.clone(),
                        },
                        origin,
                        settled,
                    );
                }
                plan_tag_set(&mut b, &targets, &desired, !settings.no_batch);
                b.finish()
                    .expect("a resolved builder settles conflicts instead of failing")
            }
            Job::List { .. } => Plan::default(),
        }
    }
}

/// `--skip-unchanged`: operations the machine's current state already satisfies.
fn settle_unchanged(plan: &mut Plan, res: &Resolution) {
    for p in plan.ops.iter_mut().filter(|p| p.settled.is_none()) {
        let Some(m) = p.op.machine.id().and_then(|id| res.machines.get(&id)) else {
            continue;
        };
        let has = m
            .machine_tags
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&p.op.value));
        let (unchanged, why) = match p.op.action {
            Action::Add => (has, "the machine already has this tag"),
            Action::Remove => (!has, "the machine does not have this tag"),
            Action::SetValue => (
                m.device_value.as_deref() == Some(&*p.op.value),
                "the device value is already this",
            ),
        };
        if unchanged {
            p.settled = Some(Settled::skipped("unchanged", why));
        }
    }
}

async fn execute(settings: &mut Settings, job: Job, printer: Arc<Printer>) -> Result<u8> {
    let started = Instant::now();
    let needs = job.needs(settings);
    let windows = settings
        .windows
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    if needs.is_empty() && settings.dry_run {
        // Nothing to read and nothing to send: no credentials needed.
        let plan = job.expand(&Resolution::default(), settings, &printer);
        return dry_run_report(&plan, settings, 0, &windows, &printer);
    }

    // The sandbox lives as long as this run.
    let _sandbox = if settings.sandbox {
        Some(start_sandbox(settings, &printer).await?)
    } else {
        None
    };
    let credential = if settings.sandbox {
        sandbox_credential(settings)
    } else {
        let resolved = settings.credential(&process_env, &crate::credentials::OsKeyring)?;
        printer.debug(|| format!("credential: {}", resolved.source));
        resolved.credential
    };
    let http = http_client(&[&settings.endpoint, &settings.authority]);
    let auth = TokenProvider::new(credential, http.clone(), printer.clone());
    // Prove the credentials before the first machine call: a wrong secret is exit 1, not ten
    // thousand failed rows. A token that says it may not write is refused here too.
    let claims = auth.claims().await.context("authentication failed")?;
    let writes = !matches!(job, Job::List { .. }) && !settings.dry_run;
    if writes && claims.as_ref().and_then(crate::auth_cmd::can_write) == Some(false) {
        anyhow::bail!(
            "the token does not carry {}: every tagging call would fail with 403. Add the application permission \
             WindowsDefenderATP → {} to the app registration and grant admin consent (`mdetag auth status` shows the token's roles)",
            crate::auth_cmd::WRITE_ROLE,
            crate::auth_cmd::WRITE_ROLE
        );
    }
    let client = Arc::new(MdeClient::new(
        http,
        settings.endpoint.clone(),
        auth,
        printer.clone(),
    ));
    let pacer = Arc::new(Pacer::new(settings.windows.clone()));
    let stop = Arc::new(Stop::default());
    watch_for_interrupt(stop.clone(), printer.clone());
    let executor = Executor {
        client,
        pacer: pacer.clone(),
        policy: settings.retry,
        concurrency: settings.concurrency,
        stop: stop.clone(),
    };

    let resolution = if needs.is_empty() {
        Resolution::default()
    } else {
        printer.note(format!(
            "reading machines: {} name(s), {} by ID, {} picker(s) (about {} call(s))",
            needs.names.len(),
            needs.state_of.len(),
            needs.pickers.len(),
            estimated_reads(&needs)
        ));
        resolve(&executor, &needs).await?
    };
    if stop.reason() == Some(StopReason::Interrupted) {
        printer.error("interrupted while reading machines; nothing was sent");
        return Ok(exit::INTERRUPTED);
    }
    if let Job::List { refs, .. } = &job {
        return list_machines(refs, &resolution, settings, &printer);
    }
    let plan = job.expand(&resolution, settings, &printer);
    if settings.dry_run {
        return dry_run_report(&plan, settings, resolution.reads, &windows, &printer);
    }

    let calls = plan.calls(!settings.no_batch);
    let at_least = minimum_span(calls.len() as u64 + pacer.started(), &settings.windows);
    if at_least > Duration::from_secs(3600) {
        printer.note(format!(
            "{} calls: this run needs at least {} under {windows}; Ctrl-C stops it cleanly",
            calls.len(),
            human_duration(at_least)
        ));
    }
    let progress = Progress::new(
        plan.ops.iter().filter(|p| p.settled.is_none()).count() as u64,
        settings.progress,
        &printer,
    );
    progress.spawn_ticker(pacer.clone());
    let outcomes = executor.run(&plan, calls, &progress).await;
    progress.finish(&printer);

    let report = Report::new(&plan, outcomes, false, pacer.started(), started.elapsed());
    write_report(&report, settings)?;
    Ok(match stop.reason() {
        Some(StopReason::Interrupted) => exit::INTERRUPTED,
        Some(StopReason::AuthFailed(why)) => {
            printer.error(format!("authentication failed during the run: {why}"));
            exit::FAILURES
        }
        None => report.exit_code(),
    })
}

/// The dry run's result: every operation planned (or settled), and the call plan.
fn dry_run_report(
    plan: &Plan,
    settings: &Settings,
    reads: u64,
    windows: &str,
    printer: &Printer,
) -> Result<u8> {
    let calls = plan.calls(!settings.no_batch);
    let counts = CallCounts::of(&calls, plan);
    let total = reads + counts.total();
    let line = format!(
        "call plan: {reads} read calls made, {} write calls to make ({}): {total} API calls in all, at least {} under {windows}",
        counts.total(),
        counts.describe(),
        human_duration(minimum_span(total, &settings.windows))
    );
    let mut report = Report::new(plan, Vec::new(), true, reads, Duration::ZERO);
    if settings.output == OutputFormat::Table {
        report.notes.push(line);
    } else {
        printer.note(line);
    }
    write_report(&report, settings)?;
    // A row that already failed (a name that matches nothing) fails the pre-flight too.
    Ok(report.exit_code())
}

fn list_machines(
    refs: &[(MachineRef, Origin)],
    res: &Resolution,
    settings: &Settings,
    printer: &Printer,
) -> Result<u8> {
    let mut ids: Vec<MachineId> = Vec::new();
    let mut missing = 0;
    for (r, origin) in refs {
        match res.machines_for(r, settings.on_duplicate) {
            Ok(found) => ids.extend(found),
            Err(s) => {
                missing += 1;
                printer.warn(format!("{origin}: {}", s.error.message));
            }
        }
    }
    ids.extend(
        res.picked
            .iter()
            .flat_map(|(_, found)| found.iter().copied()),
    );
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    let machines: Vec<&crate::api::model::Machine> =
        ids.iter().filter_map(|id| res.machines.get(id)).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = crate::report::write_machines(&machines, settings.output, &mut out)
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write to standard output")?,
    }
    Ok(if missing > 0 {
        exit::FAILURES
    } else {
        exit::OK
    })
}

fn write_report(report: &Report, settings: &Settings) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = report
        .write(settings.output, &mut out)
        .and_then(|()| out.flush());
    match result {
        // Piped into `head`: the reader has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the results to standard output"),
    }
}

/// First Ctrl-C: finish in-flight calls, skip the rest. Second: leave at once.
fn watch_for_interrupt(stop: Arc<Stop>, printer: Arc<Printer>) {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            printer.note("interrupted: finishing calls in flight, skipping the rest (Ctrl-C again to quit now)");
            stop.stop(StopReason::Interrupted);
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(exit::INTERRUPTED as i32);
            }
        }
    });
}

async fn start_sandbox(
    settings: &mut Settings,
    printer: &Printer,
) -> Result<crate::sim::Simulator> {
    let config = crate::sim::SimConfig {
        latency: Duration::from_millis(40),
        latency_jitter: Duration::from_millis(60),
        ..Default::default()
    };
    let machines = config.machines;
    let sim = crate::sim::Simulator::start(config, "127.0.0.1:0".parse().expect("address"))
        .await
        .context("cannot start the sandbox simulator")?;
    settings.endpoint = url::Url::parse(&sim.url()).expect("simulator URL");
    settings.authority = settings.endpoint.clone();
    printer.note(format!("sandbox: simulated Defender API at {} with {machines} machines; nothing leaves this machine", sim.url()));
    Ok(sim)
}

/// The sandbox's own application. Real credentials in the environment are never sent to it.
fn sandbox_credential(settings: &Settings) -> Credential {
    Credential::ClientSecret {
        authority: settings.authority.clone(),
        tenant_id: crate::sim::SANDBOX_TENANT.into(),
        client_id: crate::sim::SANDBOX_CLIENT.into(),
        secret: Secret::new(crate::sim::SANDBOX_SECRET),
        scope: format!("{}/.default", settings.resource),
    }
}

pub fn human_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{:.1} s", d.as_secs_f64()),
        60..3600 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}
