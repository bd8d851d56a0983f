//! The command line as people see it (issue 19): each command's help shows its own options,
//! then one short heading naming the global options it takes (from `applies`), never their
//! long descriptions; `mdetag help globals` describes them all, with their environment
//! variables (names, never values). The global options are hidden everywhere else, which
//! also keeps an option filled from the environment out of clap's usage lines.

use std::fmt::Write;

use clap::builder::StyledStr;
use clap::{Arg, Command, CommandFactory};

use super::{Cli, applies};

/// Where the global options are described.
const DESCRIBED: &str = "each described, with its environment variable, in `mdetag help globals`";

/// How wide the heading's lines may be.
const WIDTH: usize = 80;

/// Where, said in a command's heading.
const SHORT: &str = "each described in `mdetag help globals`";

/// mdetag's command line, with its help as described above. Everything that parses or
/// renders help uses this, not `Cli::command()`.
pub fn command() -> Command {
    let cmd = Cli::command();
    // `globals` shows the global options (hidden everywhere else): copies of its own, so they
    // are not propagated over.
    let shown: Vec<Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.clone().hide(false).global(false))
        .collect();
    let groups = groups(&cmd);
    let header = *cmd.get_styles().get_header();
    let general = general(header);
    let cmd = cmd
        .mut_subcommand("globals", |c| c.args(shown))
        .help_template(template(&general));
    shape(cmd, "", &groups, header, &general)
}

/// The long help of `mdetag globals` (`mdetag help globals`), styled for a terminal or not.
pub fn globals_help(styled: bool) -> String {
    let mut cmd = command();
    cmd.build();
    let help = cmd
        .find_subcommand_mut("globals")
        .expect("the globals command")
        .render_long_help();
    match styled {
        true => help.ansi().to_string(),
        false => help.to_string(),
    }
}

/// The global options by help heading, in the order they are declared: (heading, ids).
fn groups(cmd: &Command) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for a in cmd.get_arguments().filter(|a| a.is_global_set()) {
        let heading = a.get_help_heading().unwrap_or("Options").to_string();
        let id = a.get_id().to_string();
        match groups.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((heading, vec![id])),
        }
    }
    groups
}

/// clap's own template, with `heading` between the options and what follows them (its styles
/// kept: `StyledStr`'s `Display` drops them).
fn template(heading: &StyledStr) -> StyledStr {
    let mut t = StyledStr::new();
    let _ = write!(
        t,
        "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{{all-args}}\n\n{}{{after-help}}",
        heading.ansi()
    );
    t
}

/// The heading of a command that has commands (and of `mdetag` itself).
fn general(header: clap::builder::styling::Style) -> StyledStr {
    let mut s = StyledStr::new();
    let _ = write!(
        s,
        "{header}Global options:{header:#} each command's help names those it takes;\n  {DESCRIBED}"
    );
    s
}

fn shape(
    cmd: Command,
    path: &str,
    groups: &[(String, Vec<String>)],
    header: clap::builder::styling::Style,
    general: &StyledStr,
) -> Command {
    cmd.mut_subcommands(|sub| {
        let path = format!("{path}{}", sub.get_name());
        let heading = match (sub.has_subcommands(), sub.get_name()) {
            (true, _) => general.clone(),
            (false, "globals") => {
                let mut s = StyledStr::new();
                let _ = write!(
                    s,
                    "{header}Global options:{header:#} before or after the command's name; a flag beats its\n  environment variable"
                );
                s
            }
            (false, _) => heading(&path, groups, header),
        };
        let sub = sub.help_template(template(&heading));
        shape(sub, &format!("{path} "), groups, header, general)
    })
}

/// "Global options …:" and, a line a group, the flags of the global options `command` uses.
fn heading(
    command: &str,
    groups: &[(String, Vec<String>)],
    header: clap::builder::styling::Style,
) -> StyledStr {
    let mut s = StyledStr::new();
    let _ = write!(s, "{header}Global options{header:#} ({SHORT}):");
    let column = groups.iter().map(|(name, _)| name.len()).max().unwrap_or(0) + 4;
    for (name, ids) in groups {
        let flags: Vec<String> = ids
            .iter()
            .filter(|id| applies::uses(command, id))
            .map(|id| match (id.as_str(), applies::formats(command)) {
                ("output", Some(formats)) => format!("--output {}", formats.join("|")),
                _ => applies::flag(id),
            })
            .collect();
        if flags.is_empty() {
            continue;
        }
        // Each line starts with its newline.
        let mut line = format!("\n  {name:<0$}", column - 2);
        for (i, flag) in flags.iter().enumerate() {
            if i > 0 && line.len() + flag.len() > WIDTH {
                s.push_str(&line);
                line = format!("\n{:<column$}", "");
            } else if i > 0 {
                line.push(' ');
            }
            line.push_str(flag);
        }
        s.push_str(&line);
    }
    s
}
