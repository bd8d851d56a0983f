//! Which global options each command uses: the one table behind both the "Global options"
//! heading of every command's help (`help.rs`) and the refusal of a global flag a command
//! does not use.
//!
//! The rule (SPEC.md, Global options): a global option given on the command line to a command
//! that does not use it is refused, exit 2, with a sentence naming the flag and the command;
//! so is a connection option given with `--sandbox`, which brings its own tenant, hosts and
//! credentials. An environment variable is never refused: scripts export them for every
//! command. `-q`, `-v` and `--no-progress` only change standard error; every command takes them.

use clap::ArgMatches;
use clap::ValueEnum;
use clap::parser::ValueSource;

use super::OutputFormat;

/// A set of commands, one bit each.
pub type Commands = u64;

const TAG_ADD: Commands = 1;
const TAG_REMOVE: Commands = 1 << 1;
const TAG_SET: Commands = 1 << 2;
const TAG_RENAME: Commands = 1 << 3;
const SET_VALUE: Commands = 1 << 4;
const APPLY_CSV: Commands = 1 << 5;
const MACHINES_LIST: Commands = 1 << 6;
const TAGS_LIST: Commands = 1 << 7;
const RUNS_LIST: Commands = 1 << 8;
const RUNS_SHOW: Commands = 1 << 9;
const RESUME: Commands = 1 << 10;
const UNDO: Commands = 1 << 11;
const APPLY: Commands = 1 << 12;
const SYNC: Commands = 1 << 13;
const AUTH_LOGIN: Commands = 1 << 14;
const AUTH_STATUS: Commands = 1 << 15;
const AUTH_LOGOUT: Commands = 1 << 16;
const AUTH_LIST: Commands = 1 << 17;
const COMPLETIONS: Commands = 1 << 18;
const GLOBALS: Commands = 1 << 19;
const GENERATE_ASSETS: Commands = 1 << 20;
const RUNS_IDS: Commands = 1 << 21;

/// Every command that runs, by its name as typed (a test checks that none is missing).
const COMMANDS: &[(&str, Commands)] = &[
    ("tag add", TAG_ADD),
    ("tag remove", TAG_REMOVE),
    ("tag set", TAG_SET),
    ("tag rename", TAG_RENAME),
    ("set-value", SET_VALUE),
    ("apply-csv", APPLY_CSV),
    ("machines list", MACHINES_LIST),
    ("tags list", TAGS_LIST),
    ("runs list", RUNS_LIST),
    ("runs show", RUNS_SHOW),
    ("runs ids", RUNS_IDS),
    ("resume", RESUME),
    ("undo", UNDO),
    ("apply", APPLY),
    ("sync", SYNC),
    ("auth login", AUTH_LOGIN),
    ("auth status", AUTH_STATUS),
    ("auth logout", AUTH_LOGOUT),
    ("auth list", AUTH_LIST),
    ("completions", COMPLETIONS),
    ("globals", GLOBALS),
    ("generate-assets", GENERATE_ASSETS),
];

/// Commands that plan changes from what they are given.
const PLANS: Commands = TAG_ADD | TAG_REMOVE | TAG_SET | TAG_RENAME | SET_VALUE | APPLY_CSV | SYNC;
/// Commands that start a run that may change machines.
const WRITES: Commands = PLANS | UNDO | APPLY;
/// Commands that take the machine pickers (TARGETS), `--query` among them.
const PICKS: Commands =
    TAG_ADD | TAG_REMOVE | TAG_SET | TAG_RENAME | SET_VALUE | MACHINES_LIST | TAGS_LIST;
/// Commands that may run a hunting query (a picker's or a sync rule's).
const QUERIES: Commands = PICKS | SYNC;
/// Commands that call the machine API.
const CALLS: Commands = WRITES | RESUME | MACHINES_LIST | TAGS_LIST;
/// Commands that get a token with the credential mdetag finds.
const SIGNS_IN: Commands = CALLS | AUTH_STATUS;
/// Commands that sign in to a tenant, `auth login` with the secret it is given.
const TENANT: Commands = SIGNS_IN | AUTH_LOGIN;
const EVERY: Commands = !0;

const FOR_TENANT: &str = "commands that sign in to a tenant";
const FOR_QUERIES: &str = "hunting queries (--query, --query-file, a sync rule's query)";
const FOR_CALLS: &str = "commands that call the machine API";

/// Which commands use each global option (by its clap id), and whom it is for, as the refusal
/// says it. A new global option is one line here (a test fails until it has one).
pub const USED_BY: &[(&str, Commands, &str)] = &[
    ("endpoint", TENANT, FOR_TENANT),
    ("authority_host", TENANT, FOR_TENANT),
    ("tenant_id", TENANT, FOR_TENANT),
    ("client_id", TENANT, FOR_TENANT),
    (
        "profile",
        TENANT | AUTH_LOGOUT,
        "commands that sign in to a tenant, and auth logout",
    ),
    ("allow_host", TENANT, FOR_TENANT),
    (
        "graph_endpoint",
        QUERIES | AUTH_STATUS,
        "hunting queries (--query, --query-file, a sync rule's query) and auth status",
    ),
    ("cloud", TENANT, FOR_TENANT),
    ("region", TENANT, FOR_TENANT),
    (
        "auth",
        SIGNS_IN,
        "commands that call the API, and auth status (auth login always takes a secret)",
    ),
    ("concurrency", CALLS, FOR_CALLS),
    ("rate_limit", CALLS, FOR_CALLS),
    ("hunting_rate_limit", QUERIES, FOR_QUERIES),
    ("hunting_api", QUERIES, FOR_QUERIES),
    ("retries", TENANT, "commands that call the API or sign in"),
    (
        "output",
        CALLS | RUNS_LIST | RUNS_SHOW | AUTH_STATUS | AUTH_LIST,
        "commands that print results",
    ),
    (
        "dry_run",
        WRITES | RESUME,
        "commands that may change machines",
    ),
    ("no_progress", EVERY, "every command"),
    ("quiet", EVERY, "every command"),
    ("verbose", EVERY, "every command"),
    (
        "no_batch",
        (WRITES & !SET_VALUE) | RESUME,
        "commands that send tag changes",
    ),
    (
        "skip_unchanged",
        TAG_ADD | TAG_REMOVE | SET_VALUE | APPLY_CSV,
        "tag add, tag remove, set-value and apply-csv (tag set, tag rename, sync and undo always \
         send only what changes)",
    ),
    (
        "on_duplicate",
        PICKS | APPLY_CSV,
        "commands that find machines by host name",
    ),
    (
        "sandbox",
        SIGNS_IN | RUNS_LIST | RUNS_SHOW,
        "commands that call the API or read runs (the sandbox has its own credentials; auth \
         login, logout and list are for a real tenant's)",
    ),
    (
        "journal",
        WRITES | RESUME,
        "commands that start a run, and resume (which finds the run by it)",
    ),
    (
        "no_journal",
        WRITES,
        "commands that start a run (resume appends to the run's own journal)",
    ),
    (
        "no_prior_state",
        WRITES & !APPLY,
        "commands that plan a run (apply records the state its plan saw)",
    ),
    (
        "tenants",
        PLANS | MACHINES_LIST | TAGS_LIST,
        "commands that pick machines or plan changes (a run over many tenants is resumed and undone by its ID, a plan over many applied as saved)",
    ),
    (
        "tenant_concurrency",
        PLANS | MACHINES_LIST | TAGS_LIST | RESUME | UNDO | APPLY,
        "runs over many tenants (apply: of a plan saved over many)",
    ),
];

/// Commands that print only some of the formats, and those they print.
const FORMATS: &[(Commands, &[&str])] = &[(AUTH_STATUS | AUTH_LIST, &["table", "json"])];

/// What `--sandbox` brings its own of: given with it, these options are refused.
const SANDBOX_REPLACES: &[&str] = &[
    "endpoint",
    "authority_host",
    "graph_endpoint",
    "tenant_id",
    "client_id",
    "profile",
    "allow_host",
    "cloud",
    "region",
    "auth",
];

/// The command (`tag add`), or `None` for one the table does not know.
fn command_bit(command: &str) -> Option<Commands> {
    COMMANDS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, bit)| *bit)
}

/// Whether `command` uses the global option `id`. A command the table does not know uses
/// every option (nothing is refused).
pub fn uses(command: &str, id: &str) -> bool {
    let Some(bit) = command_bit(command) else {
        return true;
    };
    USED_BY
        .iter()
        .find(|(g, _, _)| *g == id)
        .is_none_or(|(_, by, _)| by & bit != 0)
}

/// The formats `command` prints, when it prints only some.
pub fn formats(command: &str) -> Option<&'static [&'static str]> {
    let bit = command_bit(command)?;
    FORMATS
        .iter()
        .find(|(by, _)| by & bit != 0)
        .map(|(_, formats)| *formats)
}

/// The flag of a global option's clap id (`dry_run` is `--dry-run`).
pub fn flag(id: &str) -> String {
    format!("--{}", id.replace('_', "-"))
}

/// The command as typed (`tag add`) and its own matches, where every global option's value
/// and source are.
fn leaf(m: &ArgMatches) -> (Vec<&str>, &ArgMatches) {
    let mut path = Vec::new();
    let mut m = m;
    while let Some((name, sub)) = m.subcommand() {
        path.push(name);
        m = sub;
    }
    (path, m)
}

/// Why the command line gives a global option that means nothing to the command, if it
/// does: one sentence naming the flags and the command. Values from the environment are
/// never refused.
pub fn refusal(matches: &ArgMatches) -> Option<String> {
    let (path, m) = leaf(matches);
    let command = path.join(" ");
    command_bit(&command)?;
    let typed = |id: &str| {
        m.try_contains_id(id).unwrap_or(false)
            && m.value_source(id) == Some(ValueSource::CommandLine)
    };
    let mut refused: Vec<(String, String)> = USED_BY
        .iter()
        .filter(|(id, _, _)| typed(id) && !uses(&command, id))
        .map(|(id, _, whom)| (flag(id), format!("is for {whom}")))
        .collect();
    if let (true, Some(formats), Ok(Some(format))) = (
        typed("output"),
        formats(&command),
        m.try_get_one::<OutputFormat>("output"),
    ) {
        let name = format
            .to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default();
        if !formats.contains(&name.as_str()) {
            refused.push((
                format!("--output {name}"),
                format!("prints {}", formats.join(" or ")),
            ));
        }
    }
    if !refused.is_empty() {
        return Some(sentence(
            &refused,
            &format!("`mdetag {command}`"),
            &format!("`mdetag {command} --help` lists the global options it takes"),
        ));
    }
    // Where only --tenants makes a run over many, --tenant-concurrency needs it (resume, undo
    // and apply take it for the run or plan they act on).
    if typed("tenant_concurrency") && uses(&command, "tenants") && !typed("tenants") {
        return Some(format!(
            "--tenant-concurrency means nothing to `mdetag {command}` without --tenants FILE: give the tenants, or drop it"
        ));
    }
    if typed("sandbox") && uses(&command, "sandbox") {
        let replaced: Vec<(String, String)> = SANDBOX_REPLACES
            .iter()
            .filter(|id| typed(id))
            .map(|id| (flag(id), String::new()))
            .collect();
        if !replaced.is_empty() {
            return Some(sentence(
                &replaced,
                "--sandbox",
                "the sandbox brings its own tenant, hosts and credentials; drop them, or drop \
                 --sandbox to use them",
            ));
        }
    }
    None
}

/// "--a means nothing to X: it is for …; then", "--a and --b mean nothing to X: --a is for
/// …; --b is for …; then"; with no reasons, "--a means nothing with --sandbox: then".
fn sentence(refused: &[(String, String)], to: &str, then: &str) -> String {
    let flags: Vec<&str> = refused.iter().map(|(f, _)| f.as_str()).collect();
    let to = match to.starts_with('-') {
        true => format!("with {to}"),
        false => format!("to {to}"),
    };
    let (list, verb) = match flags.as_slice() {
        [one] => (one.to_string(), "means"),
        [init @ .., last] => (format!("{} and {last}", init.join(", ")), "mean"),
        [] => unreachable!("called with something refused"),
    };
    let whys: Vec<String> = match refused {
        [(_, why)] if !why.is_empty() => vec![format!("it {why}")],
        _ => refused
            .iter()
            .filter(|(_, why)| !why.is_empty())
            .map(|(f, why)| format!("{f} {why}"))
            .collect(),
    };
    let then = match (flags.len(), then.contains("drop them")) {
        (1, true) => then
            .replace("drop them", "drop it")
            .replace("use them", "use it"),
        _ => then.to_string(),
    };
    match whys.is_empty() {
        true => format!("{list} {verb} nothing {to}: {then}"),
        false => format!("{list} {verb} nothing {to}: {}; {then}", whys.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    /// Every command that runs, as typed (`tag add`), with its clap command.
    fn leaves(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            let name = format!("{path}{}", sub.get_name());
            match sub.has_subcommands() {
                true => leaves(sub, &format!("{name} "), out),
                false => out.push(name),
            }
        }
    }

    #[test]
    fn every_command_and_every_global_option_is_in_the_table() {
        let cmd = Cli::command();
        let mut commands = Vec::new();
        leaves(&cmd, "", &mut commands);
        for c in &commands {
            assert!(command_bit(c).is_some(), "{c} is not in COMMANDS");
        }
        let bits: Vec<Commands> = COMMANDS.iter().map(|(_, b)| *b).collect();
        for (i, b) in bits.iter().enumerate() {
            assert_eq!(b.count_ones(), 1);
            assert!(!bits[..i].contains(b), "two commands share a bit");
        }
        for a in cmd.get_arguments().filter(|a| a.is_global_set()) {
            let id = a.get_id().as_str();
            assert!(
                USED_BY.iter().any(|(g, _, _)| *g == id),
                "the global option {id} is not in USED_BY"
            );
            assert_eq!(a.get_long().map(|l| format!("--{l}")), Some(flag(id)));
        }
        for id in USED_BY.iter().map(|(id, _, _)| id).chain(SANDBOX_REPLACES) {
            assert!(
                cmd.get_arguments()
                    .any(|a| a.get_id() == *id && a.is_global_set()),
                "{id} is not a global option"
            );
        }
    }

    fn refusal_of(args: &[&str]) -> Option<String> {
        let m = crate::cli::command()
            .try_get_matches_from(std::iter::once("mdetag").chain(args.iter().copied()))
            .unwrap();
        refusal(&m)
    }

    #[test]
    fn tenant_concurrency_needs_tenants_where_only_tenants_make_a_run_over_many() {
        let refused =
            refusal_of(&["tag", "add", "--value", "X", "--tenant-concurrency", "2"]).unwrap();
        assert!(refused.contains("without --tenants FILE"), "{refused}");
        let with = [
            "tag",
            "add",
            "--value",
            "X",
            "--tenant-concurrency",
            "2",
            "--tenants",
            "t.csv",
        ];
        assert_eq!(refusal_of(&with), None);
        // resume, undo and apply take it for the run or plan they act on.
        assert_eq!(refusal_of(&["resume", "--tenant-concurrency", "2"]), None);
    }

    #[test]
    fn refusals_name_the_flags_and_the_command() {
        assert_eq!(
            refusal_of(&["machines", "list", "--dry-run"]).unwrap(),
            "--dry-run means nothing to `mdetag machines list`: it is for commands that may \
             change machines; `mdetag machines list --help` lists the global options it takes"
        );
        let both = refusal_of(&["--no-batch", "runs", "list", "--dry-run"]).unwrap();
        assert!(
            both.starts_with(
                "--dry-run and --no-batch mean nothing to `mdetag runs list`: --dry-run is for "
            ),
            "{both}"
        );
        assert!(
            refusal_of(&["auth", "status", "--output", "jsonl"])
                .unwrap()
                .starts_with(
                    "--output jsonl means nothing to `mdetag auth status`: it prints table or json"
                ),
        );
        assert_eq!(refusal_of(&["auth", "status", "--output", "json"]), None);
        assert_eq!(
            refusal_of(&[
                "--sandbox",
                "--endpoint",
                "http://x",
                "--cloud",
                "gcc",
                "tags",
                "list"
            ])
            .unwrap(),
            "--endpoint and --cloud mean nothing with --sandbox: the sandbox brings its own \
             tenant, hosts and credentials; drop them, or drop --sandbox to use them"
        );
        assert_eq!(
            refusal_of(&["-q", "--no-progress", "completions", "bash"]),
            None
        );
        assert_eq!(
            refusal_of(&["tag", "add", "--tag", "X", "--value", "Y", "--dry-run"]),
            None
        );
    }
}
