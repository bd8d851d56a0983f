//! One run, start to end: parse → settings → plan → (dry run | pipeline) → report → exit code.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::time::Instant;

use crate::api::{MdeClient, auth::TokenProvider, http_client};
use crate::cli::{Cli, Command, TagCommand, Targets};
use crate::input;
use crate::pipeline::executor::{Executor, Stop, StopReason};
use crate::pipeline::pacer::{Pacer, minimum_span};
use crate::pipeline::progress::Progress;
use crate::plan::{Action, InputError, Operation, Origin, Plan, PlanBuilder, check_tag, printable};
use crate::printer::Printer;
use crate::report::Report;
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

async fn run_async(cli: Cli) -> Result<u8> {
    let printer = Arc::new(Printer::new(cli.global.quiet, cli.global.verbose));
    let plan = match &cli.command {
        Command::GenerateAssets { dir } => {
            crate::assets::generate(dir)?;
            return Ok(exit::OK);
        }
        command => build_plan(command, &printer),
    };
    let plan = match plan {
        Ok(plan) => plan,
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
    execute(&mut settings, plan, printer).await
}

/// Reads the command's targets or CSV into a validated plan.
fn build_plan(command: &Command, printer: &Printer) -> Result<Plan, Vec<InputError>> {
    let mut b = PlanBuilder::default();
    match command {
        Command::Tag(tag) => {
            let (args, action) = match tag {
                TagCommand::Add(a) => (a, Action::Add),
                TagCommand::Remove(a) => (a, Action::Remove),
            };
            let mut values = Vec::new();
            for v in &args.values {
                match check_tag(v) {
                    Ok(()) => values.push(b.intern(v)),
                    Err(reason) => b.error(
                        Origin {
                            source: format!("--value '{}'", printable(v)).into(),
                            line: 0,
                        },
                        reason,
                    ),
                }
            }
            for (machine, origin) in machines(&args.targets, &mut b) {
                for value in &values {
                    b.push(
                        Operation {
                            machine,
                            action,
                            value: value.clone(),
                        },
                        origin.clone(),
                    );
                }
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
        }
        Command::ApplyCsv(args) => match input::open(&args.file) {
            Ok((name, reader)) => input::csv::read(name, reader, &mut b, &mut |w| printer.warn(w)),
            Err(e) => b.error(
                Origin {
                    source: args.file.display().to_string().into(),
                    line: 0,
                },
                format!("cannot read: {e}"),
            ),
        },
        Command::GenerateAssets { .. } => {}
    }
    b.finish()
}

fn machines(targets: &Targets, b: &mut PlanBuilder) -> Vec<(crate::plan::MachineId, Origin)> {
    if targets.machines.is_empty() && targets.machines_files.is_empty() {
        b.error(
            Origin {
                source: "mdetag".into(),
                line: 0,
            },
            "no machines given: use --machine ID or --machines-file FILE".into(),
        );
        return Vec::new();
    }
    input::targets::collect(targets, b)
}

async fn execute(settings: &mut Settings, plan: Plan, printer: Arc<Printer>) -> Result<u8> {
    let started = Instant::now();
    let calls = plan.calls();
    if settings.dry_run {
        let mut report = Report::new(&plan, Vec::new(), true, 0, Duration::ZERO);
        let windows = settings
            .windows
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        report.notes.push(format!(
            "call plan: {} API calls ({} per-machine); at least {} under {windows}",
            calls.len(),
            calls.len(),
            human_duration(minimum_span(calls.len() as u64, &settings.windows))
        ));
        write_report(&report, settings)?;
        return Ok(exit::OK);
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
        settings.credential(&process_env)?
    };

    let http = http_client();
    let auth = TokenProvider::new(credential, http.clone(), printer.clone());
    if !calls.is_empty() {
        // Prove the credentials before the first machine call: a wrong secret is exit 1, not
        // ten thousand failed rows.
        auth.token().await.context("authentication failed")?;
    }
    let client = Arc::new(MdeClient::new(
        http,
        settings.endpoint.clone(),
        auth,
        printer.clone(),
    ));
    let pacer = Arc::new(Pacer::new(settings.windows.clone()));
    let stop = Arc::new(Stop::default());
    let progress = Progress::new(calls.len() as u64, settings.progress, &printer);
    progress.spawn_ticker(pacer.clone());
    watch_for_interrupt(stop.clone(), printer.clone());

    let executor = Executor {
        client,
        pacer: pacer.clone(),
        policy: settings.retry,
        concurrency: settings.concurrency,
        stop: stop.clone(),
        progress: progress.clone(),
    };
    let outcomes = executor.run(&plan, calls).await;
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
    printer.note(format!(
        "sandbox: simulated Defender API at {} with {machines} machines; nothing leaves this machine",
        sim.url()
    ));
    Ok(sim)
}

/// The sandbox's own application. Real credentials in the environment are never sent to it.
fn sandbox_credential(settings: &Settings) -> Credential {
    Credential::ClientSecret {
        authority: settings.authority.clone(),
        tenant_id: crate::sim::SANDBOX_TENANT.into(),
        client_id: crate::sim::SANDBOX_CLIENT.into(),
        secret: Secret::new(crate::sim::SANDBOX_SECRET),
        scope: format!("{}/.default", crate::settings::API_RESOURCE),
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
