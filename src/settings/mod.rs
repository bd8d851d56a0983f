//! Flags, environment, profile and keyring, checked and combined into one `Settings` the rest of
//! the run trusts; it hands out the parts a run is built from (HTTP client, pacer, retry policy,
//! plan options). clap already applies "a flag beats its variable"; every problem here is a
//! usage error naming the flag or variable it came from. Secrets are read here, never from
//! flags.

pub mod cloud;
pub mod credentials;
mod flags;

use flags::auth_source;
pub use flags::flag_layer;
pub mod profile;
pub mod rate_limit;
pub mod url;

use std::collections::HashSet;

use anyhow::Result;

use self::cloud::{Cloud, Hosts, Layer};
use self::credentials::{AuthSource, Env, Identity, Resolved};
use self::profile::Config;
use crate::auth::SecretStore;
use crate::cli::{GlobalArgs, HuntingApiArg, OnDuplicate, OutputFormat};
use crate::exit::UsageError;
use crate::pipeline::{Pacer, RetryPolicy, Window};
use crate::plan;
use crate::report::Format;

/// Every environment variable that changes what mdetag does: its own, Azure's conventional ones,
/// and the HTTP client's proxy settings. Tests and benchmarks clear these so that a developer's
/// environment cannot change what they measure.
pub const ENVIRONMENT: &[&str] = &[
    "MDETAG_ENDPOINT",
    "MDETAG_ALLOW_HOST",
    "MDETAG_TOKEN",
    "MDETAG_CONCURRENCY",
    "MDETAG_RATE_LIMIT",
    "MDETAG_HUNTING_RATE_LIMIT",
    "MDETAG_HUNTING_API",
    "MDETAG_GRAPH_ENDPOINT",
    "MDETAG_RETRIES",
    "MDETAG_OUTPUT",
    "MDETAG_PROFILE",
    "MDETAG_CLOUD",
    "MDETAG_REGION",
    "MDETAG_AUTH",
    "MDETAG_CONFIG",
    "MDETAG_STATE_DIR",
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "AZURE_AUTHORITY_HOST",
    "AZURE_CLIENT_CERTIFICATE_PATH",
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
];

pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A profile name given by `--profile` or `MDETAG_PROFILE`: letters, digits, `.`, `_` and `-`
/// only, so that it is safe in a keyring account, a file and on a terminal (issue 15).
pub fn check_profile_name(g: &GlobalArgs, sources: &Sources) -> Result<(), UsageError> {
    let Some(name) = g.profile.as_deref() else {
        return Ok(());
    };
    let label = sources.label("profile", "--profile", "MDETAG_PROFILE");
    if name.is_empty() {
        return Err(UsageError(format!(
            "{label}: the profile name is empty; a profile name is letters, digits, '.', '_' and '-'"
        )));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(UsageError(format!(
            "{label} '{}': {} is not allowed; a profile name is letters, digits, '.', '_' and '-' only",
            crate::ui::text::printable(name),
            match bad {
                ' ' => "a space".to_string(),
                c if crate::ui::text::unsafe_to_show(c) => {
                    format!("the character U+{:04X}", c as u32)
                }
                c => format!("'{c}'"),
            }
        )));
    }
    Ok(())
}

/// Which options took their value from the environment (by clap argument id), so that an
/// error names the variable the user set rather than a flag they never typed.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    from_env: HashSet<String>,
    /// Options given on the command line or by their variable (not left to their default).
    given: HashSet<String>,
    /// The sandbox's simulator, when this process started one: the source of both hosts.
    sandbox: Option<::url::Url>,
    /// The run this command continues or inverts, when it is `resume` or `undo`.
    run: RunLayer,
}

/// What the run that `resume` continues or `undo` inverts sets: a layer of settings below
/// the options this command is given (flag or variable), above the defaults. Settings are
/// resolved once, with it; nothing changes them afterwards.
#[derive(Clone, Debug, Default)]
pub struct RunLayer {
    /// The run's batching.
    pub batching: Option<bool>,
    /// The run's `--rate-limit`, and where it was read (for the error if it cannot be).
    pub rate_limit: Option<(String, String)>,
    pub concurrency: Option<usize>,
    /// Read the machines first and send only what is needed (undo always does).
    pub skip_unchanged: bool,
}

impl Sources {
    pub fn new(from_env: impl IntoIterator<Item = String>) -> Sources {
        let from_env: HashSet<String> = from_env.into_iter().collect();
        Sources {
            given: from_env.clone(),
            from_env,
            sandbox: None,
            run: RunLayer::default(),
        }
    }

    /// Also records the simulator this process started for `--sandbox`: it serves both the
    /// API and the tokens.
    pub fn with_sandbox(mut self, url: ::url::Url) -> Sources {
        self.sandbox = Some(url);
        self
    }

    /// Also takes the settings of the run this command continues or inverts.
    pub fn with_run(mut self, run: RunLayer) -> Sources {
        self.run = run;
        self
    }

    /// Also records these options (by clap argument id) as given on the command line.
    pub fn with_given(mut self, given: impl IntoIterator<Item = String>) -> Sources {
        self.given.extend(given);
        self
    }

    /// Whether the option was given, by flag or variable, rather than left to its default.
    pub fn given(&self, id: &str) -> bool {
        self.given.contains(id)
    }

    /// `--flag`, or the variable when that is where the value came from.
    pub fn label(&self, id: &str, flag: &'static str, var: &'static str) -> &'static str {
        if self.from_env.contains(id) {
            var
        } else {
            flag
        }
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    hosts: Hosts,
    tenant_id: Option<String>,
    client_id: Option<String>,
    /// The profile in use, if any.
    profile: Option<String>,
    auth: AuthSource,
    concurrency: usize,
    windows: Vec<Window>,
    /// The hunting queries' own pace.
    hunting_windows: Vec<Window>,
    hunting_api: HuntingApi,
    retry: RetryPolicy,
    output: Format,
    dry_run: bool,
    /// `--no-prior-state` was not given.
    prior_state: bool,
    progress: bool,
    sandbox: bool,
    plan: plan::Options,
    journal: JournalChoice,
    /// `--tenants FILE`: the run goes through every tenant it lists.
    tenants: Option<std::path::PathBuf>,
    tenant_concurrency: usize,
}

/// Which API runs a hunting query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HuntingApi {
    /// Graph, then the Defender API when Graph refuses the app.
    Auto,
    Graph,
    Mde,
}

/// Where a run that may write keeps its journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JournalChoice {
    /// `{state}/runs/{run-id}.jsonl`.
    StateDir,
    /// `--journal FILE`.
    File(std::path::PathBuf),
    /// `--no-journal`.
    Off,
}

impl Settings {
    /// Flags and their variables first, then the profile, then the cloud's defaults.
    pub fn from_args(g: &GlobalArgs, sources: &Sources) -> Result<Settings> {
        let config = if g.sandbox {
            Config::default()
        } else {
            Config::load(&profile::path()?)?
        };
        // The sandbox brings its own tenant: a profile exported for real runs is not its.
        let profile = match g.sandbox {
            true => None,
            false => config.select(g.profile.as_deref())?,
        };
        let p = profile.as_ref().map(|(_, p)| *p);
        let flags = flag_layer(g, sources);
        let saved = Layer {
            cloud: p.map(|p| p.cloud),
            region: p.and_then(|p| p.region),
            endpoint: p.and_then(|p| p.endpoint.as_deref().map(|e| ("the profile's endpoint", e))),
            graph: None,
            authority: p.and_then(|p| {
                p.authority_host
                    .as_deref()
                    .map(|a| ("the profile's authority host", a))
            }),
            allow: p.map(|p| ("the profile's allow_host", p.allow_host.as_slice())),
        };
        // The sandbox, when one was started, before everything else: nothing leaves the machine.
        let sandbox = sources
            .sandbox
            .as_ref()
            .map(|u| ("the sandbox", u.as_str()));
        let started = Layer {
            endpoint: sandbox,
            authority: sandbox,
            graph: sandbox,
            ..Layer::default()
        };
        let hosts = cloud::hosts(&[started, flags, saved])?;
        let run = &sources.run;
        let windows = match (&run.rate_limit, sources.given("rate_limit")) {
            (Some((spec, source)), false) => rate_limit::parse(spec).map_err(|e| {
                UsageError(format!(
                    "{source}: the run's rate limit '{spec}' cannot be read ({e}); give --rate-limit"
                ))
            })?,
            _ => rate_limit::parse(&g.rate_limit).map_err(|e| {
                UsageError(format!(
                    "{}: {e}",
                    sources.label("rate_limit", "--rate-limit", "MDETAG_RATE_LIMIT")
                ))
            })?,
        };
        let hunting_windows = rate_limit::parse(&g.hunting_rate_limit).map_err(|e| {
            UsageError(format!(
                "{}: {e}",
                sources.label(
                    "hunting_rate_limit",
                    "--hunting-rate-limit",
                    "MDETAG_HUNTING_RATE_LIMIT"
                )
            ))
        })?;
        let concurrency = match (run.concurrency, sources.given("concurrency")) {
            (Some(n), false) => n.max(1),
            _ => g.concurrency as usize,
        };
        let batching = match (run.batching, sources.given("no_batch")) {
            (Some(b), false) => b,
            _ => !g.no_batch,
        };
        let id = |flag: &Option<String>, saved: Option<&String>| {
            flag.clone()
                .filter(|v| !v.is_empty())
                .or_else(|| saved.cloned())
        };
        Ok(Settings {
            tenant_id: id(&g.tenant_id, p.map(|p| &p.tenant_id)),
            client_id: id(&g.client_id, p.map(|p| &p.client_id)),
            hosts,
            profile: profile.map(|(name, _)| name),
            auth: auth_source(g.auth),
            concurrency,
            windows,
            hunting_windows,
            hunting_api: match g.hunting_api {
                HuntingApiArg::Auto => HuntingApi::Auto,
                HuntingApiArg::Graph => HuntingApi::Graph,
                HuntingApiArg::Mde => HuntingApi::Mde,
            },
            retry: RetryPolicy {
                retries: g.retries,
                ..RetryPolicy::default()
            },
            output: match g.output {
                OutputFormat::Table => Format::Table,
                OutputFormat::Json => Format::Json,
                OutputFormat::Csv => Format::Csv,
                OutputFormat::Jsonl => Format::Jsonl,
            },
            dry_run: g.dry_run,
            prior_state: !g.no_prior_state,
            progress: !(g.no_progress || g.quiet),
            sandbox: g.sandbox,
            plan: plan::Options {
                on_duplicate: match g.on_duplicate {
                    OnDuplicate::Newest => plan::OnDuplicate::Newest,
                    OnDuplicate::All => plan::OnDuplicate::All,
                    OnDuplicate::Fail => plan::OnDuplicate::Fail,
                },
                skip_unchanged: g.skip_unchanged || run.skip_unchanged,
                batching,
            },
            journal: match (&g.journal, g.no_journal) {
                (_, true) => JournalChoice::Off,
                (Some(f), false) => JournalChoice::File(f.clone()),
                (None, false) => JournalChoice::StateDir,
            },
            tenants: g.many.tenants.clone(),
            tenant_concurrency: usize::from(g.many.tenant_concurrency),
        })
    }

    /// The credential for this run and where it came from (see `credentials`).
    pub fn credential(&self, env: Env, store: &dyn SecretStore) -> Result<Resolved> {
        let who = Identity {
            tenant_id: self.tenant_id.as_deref(),
            client_id: self.client_id.as_deref(),
            authority: &self.hosts.authority,
            resource: self.hosts.cloud.resource(),
            profile: self.profile.as_deref(),
        };
        credentials::resolve(self.auth, &who, env, store)
    }

    /// The run's HTTP client (see `http`), with no proxy when every host is this machine.
    pub fn http_client(&self) -> reqwest::Client {
        crate::http::client(
            url::is_loopback(&self.hosts.endpoint) && url::is_loopback(&self.hosts.authority),
        )
    }

    pub fn pacer(&self) -> Pacer {
        Pacer::new(&self.windows)
    }

    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    pub fn plan_options(&self) -> plan::Options {
        self.plan
    }

    pub fn journal(&self) -> &JournalChoice {
        &self.journal
    }

    /// Whether a run (dry or not) keeps a journal and records in it every machine's prior
    /// state before the first write, so that `undo` is exact.
    pub fn records_prior_state(&self) -> bool {
        self.prior_state && !matches!(self.journal, JournalChoice::Off)
    }

    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    pub fn tenant_id(&self) -> Option<&str> {
        self.tenant_id.as_deref()
    }

    pub fn client_id(&self) -> Option<&str> {
        self.client_id.as_deref()
    }

    /// The windows as `--rate-limit` spells them.
    pub fn rate_limit(&self) -> String {
        self.windows
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The HTTP client of hunting queries through Graph (and their tokens), with no proxy
    /// when both are this machine.
    pub fn graph_http_client(&self) -> reqwest::Client {
        crate::http::client(
            url::is_loopback(&self.hosts.graph) && url::is_loopback(&self.hosts.authority),
        )
    }

    /// Microsoft Graph's base URL, for hunting queries.
    pub fn graph(&self) -> &::url::Url {
        &self.hosts.graph
    }

    /// The resource Graph tokens are issued for: the cloud's Graph, wherever `--graph-endpoint`
    /// points (as the API's scope does not follow `--endpoint`).
    pub fn graph_resource(&self) -> &'static str {
        self.hosts.cloud.graph()
    }

    pub fn hunting_api(&self) -> HuntingApi {
        self.hunting_api
    }

    /// The hunting queries' pacer (their windows, not the machine API's).
    pub fn hunting_pacer(&self) -> Pacer {
        Pacer::new(&self.hunting_windows)
    }

    /// The hunting queries' windows.
    pub fn hunting_windows(&self) -> &[Window] {
        &self.hunting_windows
    }

    pub fn endpoint(&self) -> &::url::Url {
        &self.hosts.endpoint
    }

    pub fn authority(&self) -> &::url::Url {
        &self.hosts.authority
    }

    pub fn cloud(&self) -> Cloud {
        self.hosts.cloud
    }

    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    /// What to say about hosts used because `--allow-host` (or a profile) names them.
    pub fn host_warnings(&self) -> &[String] {
        &self.hosts.warnings
    }

    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    pub fn output(&self) -> Format {
        self.output
    }

    pub fn dry_run(&self) -> bool {
        self.dry_run
    }

    pub fn progress(&self) -> bool {
        self.progress
    }

    pub fn sandbox(&self) -> bool {
        self.sandbox
    }
}

mod tenants;

#[cfg(test)]
mod tests;
