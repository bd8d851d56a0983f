//! Flags and environment, checked and combined into one `Settings` the rest of the run trusts.
//! (clap already applies "a flag beats its variable"; secrets are read here, never from flags.)

use std::net::IpAddr;

use anyhow::{Context, Result, anyhow, bail};
use url::Url;

use crate::cli::{GlobalArgs, OutputFormat};
use crate::cloud::Cloud;
use crate::config::Config;
use crate::credentials::{AuthSource, Env, Identity, Resolved, SecretStore};
use crate::pipeline::pacer::{Window, parse_rate_limit};
use crate::pipeline::retry::RetryPolicy;

pub use crate::credentials::Credential;

#[derive(Debug)]
pub struct Settings {
    pub endpoint: Url,
    pub authority: Url,
    /// The resource tokens are requested for (the cloud's API).
    pub resource: String,
    pub cloud: Cloud,
    pub tenant_id: Option<String>,
    pub client_id: Option<String>,
    /// The profile in use, if any.
    pub profile: Option<String>,
    pub auth: AuthSource,
    pub concurrency: usize,
    pub windows: Vec<Window>,
    pub retry: RetryPolicy,
    pub output: OutputFormat,
    pub dry_run: bool,
    pub progress: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub sandbox: bool,
    pub no_batch: bool,
    pub skip_unchanged: bool,
    pub on_duplicate: crate::cli::OnDuplicate,
}

/// Every environment variable that changes what mdetag does: its own, Azure's conventional ones,
/// and the HTTP client's proxy settings. Tests and benchmarks clear these so that a developer's
/// environment cannot change what they measure.
pub const ENVIRONMENT: &[&str] = &[
    "MDETAG_ENDPOINT",
    "MDETAG_TOKEN",
    "MDETAG_CONCURRENCY",
    "MDETAG_RATE_LIMIT",
    "MDETAG_RETRIES",
    "MDETAG_OUTPUT",
    "MDETAG_PROFILE",
    "MDETAG_CLOUD",
    "MDETAG_REGION",
    "MDETAG_AUTH",
    "MDETAG_CONFIG",
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

impl Settings {
    /// Flags and their variables first, then the profile, then the cloud's defaults.
    pub fn from_args(g: &GlobalArgs) -> Result<Settings> {
        let config = if g.sandbox {
            Config::default()
        } else {
            Config::load(&crate::config::path()?)?
        };
        let profile = config.select(g.profile.as_deref())?;
        let p = profile.as_ref().map(|(_, p)| *p);
        let cloud = g.cloud.or(p.map(|p| p.cloud)).unwrap_or_default();
        let region = g.region.or(p.and_then(|p| p.region));
        let default_endpoint = cloud.endpoint(region).map_err(|e| anyhow!(e))?;
        let endpoint = g
            .endpoint
            .clone()
            .or_else(|| p.and_then(|p| p.endpoint.clone()))
            .unwrap_or(default_endpoint);
        let authority = g
            .authority_host
            .clone()
            .or_else(|| p.and_then(|p| p.authority_host.clone()))
            .unwrap_or_else(|| cloud.authority().into());
        let windows = parse_rate_limit(&g.rate_limit).map_err(|e| anyhow!("--rate-limit: {e}"))?;
        Ok(Settings {
            endpoint: checked_url("--endpoint", &endpoint)?,
            authority: checked_url("--authority-host", &authority)?,
            resource: cloud.resource().into(),
            cloud,
            tenant_id: g
                .tenant_id
                .clone()
                .filter(|v| !v.is_empty())
                .or_else(|| p.map(|p| p.tenant_id.clone())),
            client_id: g
                .client_id
                .clone()
                .filter(|v| !v.is_empty())
                .or_else(|| p.map(|p| p.client_id.clone())),
            profile: profile.map(|(name, _)| name),
            auth: g.auth,
            concurrency: g.concurrency as usize,
            windows,
            retry: RetryPolicy {
                retries: g.retries,
                ..RetryPolicy::default()
            },
            output: g.output,
            dry_run: g.dry_run,
            progress: !(g.no_progress || g.quiet),
            quiet: g.quiet,
            verbose: g.verbose,
            sandbox: g.sandbox,
            no_batch: g.no_batch,
            skip_unchanged: g.skip_unchanged,
            on_duplicate: g.on_duplicate,
        })
    }

    /// The credential for this run and where it came from (see `credentials`).
    pub fn credential(&self, env: Env, store: &dyn SecretStore) -> Result<Resolved> {
        let who = Identity {
            tenant_id: self.tenant_id.as_deref(),
            client_id: self.client_id.as_deref(),
            authority: &self.authority,
            resource: &self.resource,
            profile: self.profile.as_deref(),
        };
        crate::credentials::resolve(self.auth, &who, env, store)
    }
}

/// `https://` anywhere; `http://` only to this machine, so a typo cannot send a token in clear
/// text across a network.
pub fn checked_url(flag: &str, text: &str) -> Result<Url> {
    let url = Url::parse(text.trim()).with_context(|| format!("{flag} '{text}' is not a URL"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => bail!(
            "{flag} '{text}': http:// is allowed only for loopback hosts (127.0.0.0/8, localhost, [::1]); use https://"
        ),
        other => bail!("{flag} '{text}': unsupported scheme '{other}' (use https://)"),
    }
    if url.host_str().is_none_or(str::is_empty) {
        bail!("{flag} '{text}' has no host");
    }
    Ok(url)
}

/// Whether a URL's host is this machine (127.0.0.0/8, `localhost`, `[::1]`).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_only_for_loopback() {
        for ok in [
            "https://api.security.microsoft.com",
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://localhost:1",
            "http://[::1]:80",
        ] {
            assert!(checked_url("--endpoint", ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.security.microsoft.com",
            "http://10.0.0.1",
            "http://[::2]",
            "ftp://127.0.0.1",
            "http://127.0.0.1.example.com",
            "nonsense",
        ] {
            assert!(checked_url("--endpoint", bad).is_err(), "{bad}");
        }
        let e = checked_url("--endpoint", "http://example.com")
            .unwrap_err()
            .to_string();
        assert!(e.contains("only for loopback"), "{e}");
    }

    #[test]
    fn every_variable_a_flag_reads_is_listed() {
        use clap::CommandFactory;
        fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
            out.extend(
                cmd.get_arguments()
                    .filter_map(|a| a.get_env())
                    .map(|e| e.to_string_lossy().into_owned()),
            );
            cmd.get_subcommands().for_each(|c| walk(c, out));
        }
        let mut vars = Vec::new();
        walk(&crate::cli::Cli::command(), &mut vars);
        assert!(vars.len() >= 12, "{vars:?}");
        for v in vars {
            assert!(
                ENVIRONMENT.contains(&v.as_str()),
                "{v} is read but not in ENVIRONMENT"
            );
        }
    }
}
