//! `mdetag completions SHELL`, and the shell completions and man pages committed under
//! `completions/` and `man/` (`generate-assets`; a test fails when they are stale). The man
//! pages add what clap does not write: EXAMPLES, EXIT STATUS, ENVIRONMENT and FILES.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use clap_complete::Shell;

/// What each variable mdetag reads does (every one of `settings::ENVIRONMENT`).
const ENVIRONMENT: &[(&str, &str)] = &[
    ("MDETAG_ENDPOINT", "the Defender API base URL (--endpoint)"),
    (
        "MDETAG_ALLOW_HOST",
        "hosts trusted as the endpoint, authority or Graph host beyond the cloud's own, comma-separated (--allow-host)",
    ),
    (
        "MDETAG_TOKEN",
        "a bearer token used as is, instead of any other credential",
    ),
    (
        "MDETAG_CONCURRENCY",
        "calls in flight at once (--concurrency)",
    ),
    (
        "MDETAG_RATE_LIMIT",
        "hard caps on calls per rolling window (--rate-limit)",
    ),
    (
        "MDETAG_HUNTING_RATE_LIMIT",
        "hard caps on hunting query calls per rolling window (--hunting-rate-limit)",
    ),
    (
        "MDETAG_HUNTING_API",
        "auto, graph or mde: which API runs hunting queries (--hunting-api)",
    ),
    (
        "MDETAG_GRAPH_ENDPOINT",
        "the Microsoft Graph base URL for hunting queries (--graph-endpoint)",
    ),
    (
        "MDETAG_RETRIES",
        "retries of 5xx, timeouts and dropped connections (--retries)",
    ),
    ("MDETAG_OUTPUT", "table, json, csv or jsonl (--output)"),
    ("MDETAG_PROFILE", "the profile to use (--profile)"),
    ("MDETAG_CLOUD", "commercial, gcc, gcc-high or dod (--cloud)"),
    ("MDETAG_REGION", "the regional API host (--region)"),
    ("MDETAG_AUTH", "the credential source (--auth)"),
    (
        "MDETAG_CONFIG",
        "the profiles file instead of the platform's config directory",
    ),
    (
        "MDETAG_STATE_DIR",
        "where run journals and the quota ledger live",
    ),
    ("AZURE_TENANT_ID", "the Entra tenant (--tenant-id)"),
    (
        "AZURE_CLIENT_ID",
        "the application (--client-id); a user-assigned managed identity",
    ),
    (
        "AZURE_CLIENT_SECRET",
        "the application's client secret (there is no flag for it)",
    ),
    (
        "AZURE_AUTHORITY_HOST",
        "the sign-in host (--authority-host)",
    ),
    (
        "AZURE_CLIENT_CERTIFICATE_PATH",
        "a PEM with the app's certificate and private key",
    ),
    (
        "IDENTITY_ENDPOINT",
        "the managed identity endpoint (set by Azure)",
    ),
    (
        "IDENTITY_HEADER",
        "the managed identity secret header (set by Azure)",
    ),
    (
        "HTTP_PROXY",
        "a proxy for plain HTTP (ignored when every host is loopback)",
    ),
    (
        "HTTPS_PROXY",
        "a proxy for HTTPS (ignored when every host is loopback)",
    ),
    ("ALL_PROXY", "a proxy for any scheme"),
    ("NO_PROXY", "hosts reached without a proxy"),
    ("http_proxy", "as HTTP_PROXY"),
    ("https_proxy", "as HTTPS_PROXY"),
    ("all_proxy", "as ALL_PROXY"),
    ("no_proxy", "as NO_PROXY"),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "every operation succeeded, was skipped, or was planned",
    ),
    (
        "1",
        "could not run: configuration, authentication or connection failure before the work",
    ),
    (
        "2",
        "usage error or invalid input, from flags, environment or files: nothing was sent",
    ),
    ("3", "the run finished and some operations failed"),
    (
        "130, 143, 129",
        "interrupted by SIGINT, SIGTERM or SIGHUP: the report is still complete",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "~/.config/mdetag/config.toml",
        "profiles (tenant, app, cloud; no secret), mode 0600; MDETAG_CONFIG overrides",
    ),
    (
        "~/.local/state/mdetag/runs/RUN.jsonl",
        "run journals, mode 0600, removed after 90 days; MDETAG_STATE_DIR overrides the directory",
    ),
    (
        "~/.local/state/mdetag/quota/TENANT-APP",
        "call start times of the last hour, shared by the app's processes",
    ),
    (
        "the OS keyring",
        "each profile's client secret: service mdetag, account PROFILE/TENANT/APP",
    ),
];

/// The completion script for `shell`: clap's, with run IDs for RUN arguments
/// (`completion_runs`).
fn script(shell: Shell) -> Result<String> {
    let mut cmd = crate::cli::command();
    // Into memory first: the generator panics on a write error such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mdetag", &mut script);
    let script = String::from_utf8(script).context("clap wrote a script that is not UTF-8")?;
    super::completion_runs::add_run_ids(shell, &cmd, script)
}

/// `mdetag completions SHELL`: the script on standard output.
pub fn print(shell: Shell) -> Result<()> {
    let script = script(shell)?;
    crate::ui::stdout::write_with(|out| out.write_all(script.as_bytes()))
        .context("cannot write to standard output")
}

pub fn generate(dir: &Path) -> Result<()> {
    let completions = dir.join("completions");
    let man = dir.join("man");
    std::fs::create_dir_all(&completions)
        .with_context(|| format!("cannot create {}", completions.display()))?;
    std::fs::create_dir_all(&man).with_context(|| format!("cannot create {}", man.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let path = completions.join(clap_complete::Generator::file_name(&shell, "mdetag"));
        std::fs::write(&path, script(shell)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut cmd = crate::cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, &man)
}

/// One page per command that is not hidden, as clap_mangen names them.
fn man_pages(cmd: &clap::Command, dir: &Path) -> Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, dir)?;
    }
    let page = clap_mangen::Man::new(cmd.clone());
    let path = dir.join(page.get_filename());
    let mut out = Vec::new();
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        page.render_options_section(&mut out)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        page.render_subcommands_section(&mut out)?;
    }
    if let Some(examples) = cmd.get_after_long_help() {
        let text = examples.to_string();
        let text = text.split("\n\nEXIT STATUS:").next().unwrap_or(&text);
        section(&mut out, "EXAMPLES")?;
        writeln!(out, ".nf")?;
        for line in text.lines().filter(|l| *l != "EXAMPLES:") {
            writeln!(out, "{}", roff(line.strip_prefix("  ").unwrap_or(line)))?;
        }
        writeln!(out, ".fi")?;
    }
    for (title, rows) in [
        ("EXIT STATUS", EXIT_STATUS),
        ("ENVIRONMENT", ENVIRONMENT),
        ("FILES", FILES),
    ] {
        section(&mut out, title)?;
        for (term, what) in rows {
            writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(term), roff(what))?;
        }
    }
    if cmd.get_version().is_some() {
        page.render_version_section(&mut out)?;
    }
    std::fs::write(&path, out).with_context(|| format!("cannot write {}", path.display()))
}

fn section(out: &mut Vec<u8>, title: &str) -> std::io::Result<()> {
    writeln!(out, ".SH \"{title}\"")
}

/// Text for a roff line: backslashes escaped, and no line taken for a request.
fn roff(text: &str) -> String {
    let text = text.replace('\\', "\\e");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_variable_mdetag_reads_is_described() {
        for var in crate::settings::ENVIRONMENT {
            assert!(
                super::ENVIRONMENT.iter().any(|(v, _)| v == var),
                "{var} is not in the man pages' ENVIRONMENT"
            );
        }
    }
}
