//! Help that fits a screen, and global options only where they mean something (issue 19):
//! each command's help lists its own options and, under one short heading, the global options
//! it takes; `mdetag help globals` describes them all. A global flag a command does not use is
//! refused (exit 2, nothing sent); its environment variable never is.

use crate::kit::{TestSim, assert_exit_says, bare_cmd, text};

/// Credentials and hosts a script exports for every command.
const EXPORTED: [(&str, &str); 4] = [
    ("AZURE_TENANT_ID", "tenant-from-env"),
    ("AZURE_CLIENT_ID", "client-from-env"),
    ("MDETAG_ENDPOINT", "http://127.0.0.1:9"),
    ("AZURE_AUTHORITY_HOST", "http://127.0.0.1:9"),
];

/// The options the environment fills, as a usage line would show them.
const ENV_FILLED: [&str; 4] = [
    "--endpoint",
    "--authority-host",
    "--tenant-id",
    "--client-id",
];

/// Every global option, and its environment variable when it has one (SPEC.md's table).
const GLOBALS: &[(&str, Option<&str>)] = &[
    ("--endpoint", Some("MDETAG_ENDPOINT")),
    ("--authority-host", Some("AZURE_AUTHORITY_HOST")),
    ("--tenant-id", Some("AZURE_TENANT_ID")),
    ("--client-id", Some("AZURE_CLIENT_ID")),
    ("--profile", Some("MDETAG_PROFILE")),
    ("--allow-host", Some("MDETAG_ALLOW_HOST")),
    ("--graph-endpoint", Some("MDETAG_GRAPH_ENDPOINT")),
    ("--cloud", Some("MDETAG_CLOUD")),
    ("--region", Some("MDETAG_REGION")),
    ("--auth", Some("MDETAG_AUTH")),
    ("--concurrency", Some("MDETAG_CONCURRENCY")),
    ("--rate-limit", Some("MDETAG_RATE_LIMIT")),
    ("--hunting-rate-limit", Some("MDETAG_HUNTING_RATE_LIMIT")),
    ("--hunting-api", Some("MDETAG_HUNTING_API")),
    ("--retries", Some("MDETAG_RETRIES")),
    ("--output", Some("MDETAG_OUTPUT")),
    ("--dry-run", None),
    ("--no-progress", None),
    ("--quiet", None),
    ("--verbose", None),
    ("--no-batch", None),
    ("--skip-unchanged", None),
    ("--on-duplicate", None),
    ("--sandbox", None),
    ("--journal", None),
    ("--no-journal", None),
    ("--no-prior-state", None),
];

/// Standard output of `mdetag ARGS` (which must succeed), with the exported variables set or
/// not.
fn help(args: &[&str], exported: bool) -> String {
    let mut cmd = bare_cmd();
    if exported {
        cmd.envs(EXPORTED);
    }
    let out = cmd.args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The text under the "Global options" heading of a command's help (to its next blank line).
fn globals_heading(help: &str) -> String {
    let start = help
        .find("Global options")
        .unwrap_or_else(|| panic!("no global options heading:\n{help}"));
    help[start..].split("\n\n").next().unwrap().to_string()
}

#[test]
fn tag_add_help_fits_in_80_lines_and_h_is_shorter() {
    for exported in [false, true] {
        let long = help(&["tag", "add", "--help"], exported);
        let short = help(&["tag", "add", "-h"], exported);
        let (long_n, short_n) = (long.lines().count(), short.lines().count());
        assert!(long_n <= 80, "--help is {long_n} lines:\n{long}");
        assert!(short_n < long_n, "-h ({short_n}) is not shorter:\n{short}");
        assert!(short_n <= 50, "-h is {short_n} lines:\n{short}");
        // Its own options first, the global ones after them, under one heading.
        let own = long.find("--value <TAG>").expect("--value");
        let globals = long.find("Global options").expect("heading");
        assert!(own < globals, "{long}");
        assert!(long.contains("mdetag help globals"), "{long}");
        assert_eq!(long.matches("Global options").count(), 1, "{long}");
        // Examples still end the long form, and only it.
        assert!(long.contains("EXAMPLES:\n  mdetag "), "{long}");
        assert!(!short.contains("EXAMPLES:"), "{short}");
    }
    // The root's help is short too, and says where the global options are described.
    let root = help(&["--help"], true);
    assert!(root.lines().count() <= 80, "{root}");
    assert!(root.contains("mdetag help globals"), "{root}");
}

/// With credentials exported, no usage line shows the options they fill as if they were
/// required: not in `--help`, not in a usage error.
#[test]
fn no_usage_line_shows_an_option_the_environment_fills() {
    let long = help(&["tag", "add", "--help"], true);
    let mut cmd = bare_cmd();
    let error = cmd
        .envs(EXPORTED)
        .args(["tag", "add", "--machine", "ws-0142"])
        .output()
        .unwrap();
    let error_text = assert_exit_says(&error, 2, "--value <TAG>");
    for text in [long, error_text] {
        let usage: Vec<&str> = text.lines().filter(|l| l.contains("Usage:")).collect();
        assert!(!usage.is_empty(), "{text}");
        for line in usage {
            for option in ENV_FILLED {
                assert!(!line.contains(option), "{option} in {line:?}");
            }
        }
        // Nor is an exported value ever shown.
        assert!(!text.contains("tenant-from-env"), "{text}");
    }
}

#[test]
fn help_globals_lists_every_global_option_with_its_environment_variable() {
    for args in [
        &["help", "globals"][..],
        &["globals"],
        &["globals", "--help"],
    ] {
        let page = help(args, true);
        for (flag, var) in GLOBALS {
            assert!(
                page.contains(&format!("{flag} ")) || page.contains(&format!("{flag}\n")),
                "{args:?}: {flag} missing:\n{page}"
            );
            if let Some(var) = var {
                assert!(
                    page.contains(&format!("[env: {var}]")),
                    "{args:?}: {var} missing:\n{page}"
                );
            }
        }
        // Names, never values: an exported tenant or endpoint is not repeated.
        assert!(!page.contains("tenant-from-env"), "{page}");
        assert!(!page.contains("127.0.0.1:9"), "{page}");
    }
}

/// The heading lists the global options the command takes, and only those.
#[test]
fn each_command_lists_the_global_options_it_takes() {
    // The command, global options its heading names, and ones it must not.
    let cases = [
        (
            "tag add",
            "--dry-run --skip-unchanged --no-batch --journal --output --hunting-api --sandbox",
            "",
        ),
        (
            "machines list",
            "--output --endpoint --hunting-api --on-duplicate --sandbox",
            "--dry-run --no-batch --journal --skip-unchanged",
        ),
        (
            "runs list",
            "--output --quiet",
            "--endpoint --dry-run --concurrency --retries",
        ),
        (
            "auth status",
            "table|json --endpoint --sandbox",
            "--dry-run --concurrency --hunting-api",
        ),
        ("completions", "--quiet", "--output --sandbox --endpoint"),
    ];
    for (command, has, lacks) in cases {
        let args: Vec<&str> = command.split(' ').chain(["-h"]).collect();
        let heading = globals_heading(&help(&args, false));
        let flags: Vec<&str> = heading.split_whitespace().collect();
        for flag in has.split(' ') {
            assert!(flags.contains(&flag), "{command} lacks {flag}:\n{heading}");
        }
        for flag in lacks.split(' ').filter(|f| !f.is_empty()) {
            assert!(!flags.contains(&flag), "{command} lists {flag}:\n{heading}");
        }
    }
}

/// Every class of refusal: a flag the command does not use (before or after the command's
/// name), an output format it does not print, and a connection option `--sandbox` replaces.
/// Exit 2, a sentence naming the flag and the command, nothing sent.
#[test]
fn a_global_flag_that_means_nothing_to_the_command_is_refused() {
    let sim = TestSim::unlimited(2);
    let id = sim.ids(1).remove(0);
    // The command line (ID: a machine of the simulator), the flag refused, the command named.
    let cases = [
        ("machines list --dry-run", "--dry-run", "machines list"),
        ("--no-batch machines list", "--no-batch", "machines list"),
        ("tags list --journal j.jsonl", "--journal", "tags list"),
        ("runs list --concurrency 3", "--concurrency", "runs list"),
        (
            "runs show x --endpoint http://127.0.0.1:9",
            "--endpoint",
            "runs show",
        ),
        ("auth status --output csv", "--output csv", "auth status"),
        ("auth list --output jsonl", "--output jsonl", "auth list"),
        ("auth logout --tenant-id t", "--tenant-id", "auth logout"),
        ("completions bash --output json", "--output", "completions"),
        (
            "tag set --machine ID --value A --skip-unchanged",
            "--skip-unchanged",
            "tag set",
        ),
        (
            "set-value --machine ID --value High --no-batch",
            "--no-batch",
            "set-value",
        ),
        ("resume --no-journal", "--no-journal", "resume"),
        (
            "apply-csv x.csv --hunting-api graph",
            "--hunting-api",
            "apply-csv",
        ),
        ("undo x --on-duplicate all", "--on-duplicate", "undo"),
    ];
    for (line, flag, command) in cases {
        let args: Vec<&str> = line
            .split(' ')
            .map(|a| if a == "ID" { id.as_str() } else { a })
            .collect();
        let out = sim.cmd().args(&args).output().unwrap();
        let stderr = assert_exit_says(&out, 2, flag);
        assert!(stderr.contains(command), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("mdetag {command} --help")),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // --sandbox brings its own tenant, hosts and credentials: flags that would pick others are
    // refused rather than ignored.
    for (flag, value) in [
        ("--endpoint", "http://127.0.0.1:9"),
        ("--tenant-id", "t"),
        ("--profile", "lab"),
        ("--auth", "secret"),
    ] {
        let out = sim
            .cmd()
            .args(["--sandbox", flag, value, "machines", "list"])
            .output()
            .unwrap();
        let stderr = assert_exit_says(&out, 2, flag);
        assert!(stderr.contains("--sandbox"), "{flag}: {stderr}");
        assert!(
            !stderr.contains("sandbox: simulated"),
            "no sandbox was started: {stderr}"
        );
    }
    assert_eq!(sim.api_calls().len(), 0, "nothing is sent");
    assert_eq!(sim.token_calls(), 0, "no token is asked for");
}

/// Scripts export variables for every command: a variable that sets a global option a command
/// does not use is never refused, nor one `--sandbox` replaces. -q, -v and --no-progress only
/// change standard error, and every command takes them.
#[test]
fn variables_and_standard_error_flags_are_never_refused() {
    let sim = TestSim::unlimited(2);
    let env = [
        ("MDETAG_OUTPUT", "csv"),
        ("MDETAG_CONCURRENCY", "3"),
        ("MDETAG_HUNTING_API", "graph"),
        ("MDETAG_RATE_LIMIT", "50/1m"),
        ("MDETAG_RETRIES", "2"),
        ("MDETAG_CLOUD", "commercial"),
    ];
    for args in [
        &["runs", "list"][..],
        &["auth", "status"],
        &["completions", "bash"],
        &["runs", "list", "-v"],
        &["completions", "bash", "-q"],
        &["--sandbox", "machines", "list"],
    ] {
        let out = sim.cmd().envs(env).args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // auth status prints text when the exported format is one it does not print.
    let out = sim
        .cmd()
        .envs(env)
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("token"), "{}", text(&out.stdout));
}

/// The heading is styled as clap styles its own (bold, underlined) when colour is on, as on a
/// terminal (CLICOLOR_FORCE stands in for one here); elsewhere no escape is written.
#[test]
fn the_heading_is_styled_like_clap_s_own_only_when_colour_is_on() {
    let run = |force: bool| {
        let mut cmd = bare_cmd();
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR");
        if force {
            cmd.env("CLICOLOR_FORCE", "1");
        } else {
            cmd.env_remove("CLICOLOR_FORCE");
        }
        let out = cmd.args(["tag", "add", "-h"]).output().unwrap();
        text(&out.stdout)
    };
    let styled = run(true);
    let usage = styled.find("Usage:").expect("usage");
    let style = &styled[styled[..usage].rfind('\n').map_or(0, |i| i + 1)..usage];
    assert!(
        style.contains('\u{1b}'),
        "clap styles its headings: {styled:?}"
    );
    assert!(
        styled.contains(&format!("{style}Global options")),
        "{styled:?}"
    );
    assert!(!run(false).contains('\u{1b}'));
}
