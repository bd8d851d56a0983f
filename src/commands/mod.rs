//! One file per command; `session` builds what the commands that call the API share. `parse`
//! and `run` are all `main` sees.

mod apply;
mod apply_csv;
mod auth;
mod auth_status;
mod call_plan;
mod completion_runs;
mod completions;
mod duplicates;
mod fanout;
mod flow;
mod hunt;
mod machines;
mod resume;
mod resume_pick;
mod runs;
mod sandbox;
mod saved_plan;
mod session;
mod sync;
mod tag;
mod tag_rename;
mod tag_set;
mod tags;
mod undo;

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};

use crate::cli::{
    AuthCommand, Cli, Command, MachinesCommand, RunsCommand, TagCommand, TagsCommand,
};
use crate::exit::{self, ExitStatus};
use crate::plan::InputErrors;
use crate::settings::Sources;
use crate::ui::Printer;

/// The parsed command line and where each value came from.
pub struct Invocation {
    cli: Cli,
    sources: Sources,
}

/// Parses the command line. When there is nothing to run, it has printed why and gives the exit
/// status for `main`: a usage error (naming the environment variable when that is where the
/// bad value came from) is 2, as clap's own are; `--help` and `--version` are 0.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, ExitStatus> {
    let args: Vec<OsString> = args.into_iter().collect();
    let parsed = crate::cli::command()
        .try_get_matches_from(&args)
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, m)));
    match parsed {
        Ok((cli, matches)) => {
            // A global flag that means nothing to the command (cli/applies.rs): exit 2.
            if let Some(why) = crate::cli::refusal(&matches) {
                let e = anyhow::Error::new(exit::UsageError(why));
                exit::report(&e);
                return Err(exit::of_error(&e));
            }
            let (mut from_env, mut typed) = (Vec::new(), Vec::new());
            collect_sources(&matches, ValueSource::EnvVariable, &mut from_env);
            collect_sources(&matches, ValueSource::CommandLine, &mut typed);
            Ok(Invocation {
                cli,
                sources: Sources::new(from_env).with_given(typed),
            })
        }
        Err(mut e) => {
            // `tag add --tag X` without `--value`: --tag picks machines, it is not the tag to add.
            let typed = |want: &str| {
                args.iter().any(|a| {
                    let a = a.to_string_lossy();
                    a == want || a.starts_with(&format!("{want}="))
                })
            };
            let verb = args
                .windows(2)
                .find(|w| w[0] == "tag" && (w[1] == "add" || w[1] == "remove"))
                .map(|w| w[1].to_string_lossy().into_owned());
            if let Some(verb) = verb
                && e.kind() == ErrorKind::MissingRequiredArgument
                && typed("--tag")
                && !typed("--value")
            {
                let tip =
                    format!("--tag picks machines that carry a tag; the tag to {verb} is --value");
                e.insert(
                    ContextKind::Suggested,
                    ContextValue::StyledStrs(vec![tip.into()]),
                );
            }
            if let Some(message) = env_value_error(&e, &args) {
                eprintln!("mdetag: error: {}", crate::ui::text::display(&message));
                return Err(ExitStatus::Usage);
            }
            if let Some(message) = escaped_clap_error(&e, &args) {
                eprintln!("{message}");
                return Err(ExitStatus::Usage);
            }
            // Help cut short by a closed pipe (`mdetag --help | head`) is not an error.
            let _ = e.print();
            Err(if e.use_stderr() {
                ExitStatus::Usage
            } else {
                ExitStatus::Ok
            })
        }
    }
}

/// clap repeats a bad value as typed, and on a terminal an escape sequence in it would act:
/// when an argument holds what a terminal would act on, the error is told here instead, through
/// the one escaping function (otherwise clap's own message, colours and all).
fn escaped_clap_error(e: &clap::Error, args: &[OsString]) -> Option<String> {
    use crate::ui::text::{display, printable, unsafe_to_show};
    if !e.use_stderr()
        || !args
            .iter()
            .any(|a| a.to_string_lossy().chars().any(unsafe_to_show))
    {
        return None;
    }
    let text = |k| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let mut message = match (
        text(ContextKind::InvalidArg),
        text(ContextKind::InvalidValue),
    ) {
        (Some(arg), Some(value)) => {
            format!(
                "mdetag: error: invalid value '{}' for '{arg}'",
                printable(&value)
            )
        }
        (Some(arg), None) if e.kind() == ErrorKind::UnknownArgument => {
            format!("mdetag: error: unexpected argument '{}'", printable(&arg))
        }
        _ => {
            let plain = e.render().to_string();
            let first = plain
                .lines()
                .next()
                .unwrap_or("invalid arguments")
                .to_string();
            format!("mdetag: {}", display(&first))
        }
    };
    if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
        message.push_str(&format!(" (possible values: {})", valid.join(", ")));
    }
    Some(message)
}

/// The options (by clap argument id) whose value came from `source`.
fn collect_sources(m: &clap::ArgMatches, source: ValueSource, out: &mut Vec<String>) {
    for id in m.ids() {
        if m.value_source(id.as_str()) == Some(source) {
            out.push(id.to_string());
        }
    }
    if let Some((_, sub)) = m.subcommand() {
        collect_sources(sub, source, out);
    }
}

/// clap names the flag when a value from the environment is invalid; the user set a variable.
fn env_value_error(e: &clap::Error, args: &[OsString]) -> Option<String> {
    if !matches!(
        e.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let long = arg.split_whitespace().next()?.strip_prefix("--")?;
    let typed = args.iter().any(|a| {
        let a = a.to_string_lossy();
        a == format!("--{long}") || a.starts_with(&format!("--{long}="))
    });
    if typed {
        return None;
    }
    let var = find_env(&Cli::command(), long)?;
    let value = std::env::var(&var).unwrap_or_default();
    let mut message = format!("{var}='{value}' is not a valid value for --{long}");
    if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
        message.push_str(&format!(" (possible values: {})", valid.join(", ")));
    } else if let Some(source) = std::error::Error::source(e) {
        message.push_str(&format!(": {source}"));
    }
    Some(message)
}

fn find_env(cmd: &clap::Command, long: &str) -> Option<String> {
    cmd.get_arguments()
        .find(|a| a.get_long() == Some(long))
        .and_then(|a| a.get_env())
        .map(|v| v.to_string_lossy().into_owned())
        .or_else(|| cmd.get_subcommands().find_map(|c| find_env(c, long)))
}

/// Runs the command; every error ends here, mapped to its exit status in one place.
pub fn run(invocation: Invocation) -> ExitStatus {
    let Invocation { cli, sources } = invocation;
    let printer = std::sync::Arc::new(Printer::new(cli.global.quiet, cli.global.verbose));
    // Wherever a profile name is given, whatever the command: checked once, here.
    if let Err(e) = crate::settings::check_profile_name(&cli.global, &sources) {
        let e = anyhow::Error::from(e);
        exit::report(&e);
        return exit::of_error(&e);
    }
    let result = match &cli.command {
        Command::GenerateAssets { dir } => completions::generate(dir).map(|()| ExitStatus::Ok),
        Command::Completions { shell } => completions::print(*shell).map(|()| ExitStatus::Ok),
        Command::Globals => globals_help(),
        command => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(anyhow::Error::from)
            .and_then(|rt| {
                rt.block_on(async {
                    let g = &cli.global;
                    // The sandbox is started first, for the commands that talk to the API: its
                    // address is a source of settings like any other, never a rewrite of them.
                    let (_sandbox, sources) = if g.sandbox && connects(command) {
                        let changes = !g.dry_run && !reads_only(command);
                        let (sim, url) = sandbox::start(&printer, changes).await?;
                        (Some(sim), sources.with_sandbox(url))
                    } else {
                        (None, sources)
                    };
                    match command {
                        Command::Auth(a) => auth::run(a, g, &sources, printer).await,
                        Command::Tag(TagCommand::Set(args)) => {
                            tag_set::run(args, g, &sources, printer).await
                        }
                        Command::Tag(TagCommand::Add(args)) => {
                            tag::run_tags(args, true, g, &sources, printer).await
                        }
                        Command::Tag(TagCommand::Remove(args)) => {
                            tag::run_tags(args, false, g, &sources, printer).await
                        }
                        Command::Tag(TagCommand::Rename(args)) => {
                            tag_rename::run(args, g, &sources, printer).await
                        }
                        Command::Tags(TagsCommand::List(args)) => {
                            tags::list(args, g, &sources, printer).await
                        }
                        Command::SetValue(args) => {
                            tag::run_set_value(args, g, &sources, printer).await
                        }
                        Command::ApplyCsv(args) => apply_csv::run(args, g, &sources, printer).await,
                        Command::Machines(MachinesCommand::List(args)) => {
                            machines::list(args, g, &sources, printer).await
                        }
                        Command::Runs(RunsCommand::List) => runs::list(g, &sources),
                        Command::Runs(RunsCommand::Ids) => runs::ids(),
                        Command::Runs(RunsCommand::Show(args)) => {
                            runs::show(&args.run, g, &sources)
                        }
                        Command::Resume(args) => {
                            resume::run(args.run.as_deref(), g, &sources, printer).await
                        }
                        Command::Undo(args) => undo::run(args, g, &sources, printer).await,
                        Command::Apply(args) => apply::run(args, g, &sources, printer).await,
                        Command::Sync(args) => sync::run(args, g, &sources, printer).await,
                        Command::GenerateAssets { .. }
                        | Command::Completions { .. }
                        | Command::Globals => {
                            unreachable!("handled above")
                        }
                    }
                })
            }),
    };
    result.unwrap_or_else(|e| {
        exit::report(&e);
        exit::of_error(&e)
    })
}

/// `mdetag globals`: what `mdetag help globals` prints.
fn globals_help() -> anyhow::Result<ExitStatus> {
    let help = crate::cli::globals_help(crate::ui::stdout::is_terminal());
    crate::ui::stdout::write_with(|out| out.write_all(help.as_bytes()))?;
    Ok(ExitStatus::Ok)
}

/// Whether the command talks to the API (and so, with `--sandbox`, to the simulator). `auth
/// login`, `logout` and `list` refuse the sandbox themselves.
fn connects(command: &Command) -> bool {
    matches!(
        command,
        Command::Tag(_)
            | Command::SetValue(_)
            | Command::ApplyCsv(_)
            | Command::Machines(_)
            | Command::Tags(_)
            | Command::Resume(_)
            | Command::Undo(_)
            | Command::Apply(_)
            | Command::Sync(_)
            | Command::Auth(AuthCommand::Status(_))
    )
}

/// Whether the command only reads machines (whatever its flags): it need not wait for another
/// command changing the sandbox.
fn reads_only(command: &Command) -> bool {
    matches!(
        command,
        Command::Machines(_) | Command::Tags(_) | Command::Auth(AuthCommand::Status(_))
    )
}

/// The first 100 problems in the input (and why reading stopped), one a line, then the count:
/// nothing was sent.
fn input_errors(errors: &InputErrors, printer: &Printer) -> ExitStatus {
    for e in errors.iter() {
        printer.raw(e.to_string());
    }
    if errors.not_shown() > 0 {
        printer.raw(format!(
            "mdetag: … and {} more not shown",
            errors.not_shown()
        ));
    }
    printer.raw(format!(
        "mdetag: {} in the input; nothing was sent",
        crate::ui::text::plural(errors.total(), "problem", "problems")
    ));
    ExitStatus::Usage
}

/// The command a hint tells the user to type: `mdetag`, with `--sandbox` when this one ran
/// there (a sandbox run, plan or tenant is acted on there only).
pub fn mdetag(sandbox: bool) -> &'static str {
    match sandbox {
        true => "mdetag --sandbox",
        false => "mdetag",
    }
}
