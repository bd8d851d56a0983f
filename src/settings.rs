//! Flags and environment, checked and combined into one `Settings` the rest of the run trusts.
//! (clap already applies "a flag beats its variable"; secrets are read here, never from flags.)

use std::net::IpAddr;

use anyhow::{Context, Result, anyhow, bail};
use url::Url;

use crate::cli::{GlobalArgs, OutputFormat};
use crate::pipeline::pacer::{Window, parse_rate_limit};
use crate::pipeline::retry::RetryPolicy;
use crate::secret::Secret;

pub const DEFAULT_ENDPOINT: &str = "https://api.security.microsoft.com";
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";
/// The Defender API's application ID URI; tokens are requested for its `.default` scope.
pub const API_RESOURCE: &str = "https://api.securitycenter.microsoft.com";

/// How mdetag proves who it is.
#[derive(Clone, Debug)]
pub enum Credential {
    /// `MDETAG_TOKEN`: a bearer token used as is; it cannot be renewed.
    Bearer(Secret),
    /// Client credentials grant against `{authority}/{tenant}/oauth2/v2.0/token`.
    ClientSecret {
        authority: Url,
        tenant_id: String,
        client_id: String,
        secret: Secret,
        scope: String,
    },
}

#[derive(Debug)]
pub struct Settings {
    pub endpoint: Url,
    pub authority: Url,
    pub tenant_id: Option<String>,
    pub client_id: Option<String>,
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

/// Where environment variables come from (the process, or a map in tests).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl Settings {
    pub fn from_args(g: &GlobalArgs) -> Result<Settings> {
        let endpoint = checked_url(
            "--endpoint",
            g.endpoint.as_deref().unwrap_or(DEFAULT_ENDPOINT),
        )?;
        let authority = checked_url(
            "--authority-host",
            g.authority_host.as_deref().unwrap_or(DEFAULT_AUTHORITY),
        )?;
        let windows = parse_rate_limit(&g.rate_limit).map_err(|e| anyhow!("--rate-limit: {e}"))?;
        Ok(Settings {
            endpoint,
            authority,
            tenant_id: g.tenant_id.clone().filter(|v| !v.is_empty()),
            client_id: g.client_id.clone().filter(|v| !v.is_empty()),
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

    /// The credential for this run: `MDETAG_TOKEN`, else client credentials from
    /// `AZURE_CLIENT_SECRET` with the tenant and client IDs.
    pub fn credential(&self, env: Env) -> Result<Credential> {
        if let Some(token) = env("MDETAG_TOKEN") {
            return Ok(Credential::Bearer(Secret::new(token.trim())));
        }
        let secret = env("AZURE_CLIENT_SECRET");
        let mut missing = Vec::new();
        if self.tenant_id.is_none() {
            missing.push("AZURE_TENANT_ID (or --tenant-id)");
        }
        if self.client_id.is_none() {
            missing.push("AZURE_CLIENT_ID (or --client-id)");
        }
        if secret.is_none() {
            missing.push("AZURE_CLIENT_SECRET");
        }
        if !missing.is_empty() {
            bail!(
                "no credentials: missing {}. Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET \
                 for an app with Machine.ReadWrite.All, or MDETAG_TOKEN to use a bearer token as is. \
                 To try mdetag without a tenant, add --sandbox.",
                missing.join(", ")
            );
        }
        Ok(Credential::ClientSecret {
            authority: self.authority.clone(),
            tenant_id: self.tenant_id.clone().unwrap_or_default(),
            client_id: self.client_id.clone().unwrap_or_default(),
            secret: Secret::new(secret.unwrap_or_default()),
            scope: format!("{API_RESOURCE}/.default"),
        })
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

fn is_loopback(url: &Url) -> bool {
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

    fn settings() -> Settings {
        use clap::Parser;
        let cli =
            crate::cli::Cli::try_parse_from(["mdetag", "tag", "add", "--value", "x"]).unwrap();
        Settings::from_args(&cli.global).unwrap()
    }

    #[test]
    fn the_token_variable_wins_and_missing_pieces_are_named() {
        let mut s = settings();
        let env = |k: &str| (k == "MDETAG_TOKEN").then(|| "abc".to_string());
        assert!(
            matches!(s.credential(&env).unwrap(), Credential::Bearer(t) if t.expose() == "abc")
        );
        let none = |_: &str| None;
        let e = s.credential(&none).unwrap_err().to_string();
        assert!(
            e.contains("AZURE_TENANT_ID") && e.contains("AZURE_CLIENT_SECRET"),
            "{e}"
        );
        s.tenant_id = Some("t".into());
        s.client_id = Some("c".into());
        let env = |k: &str| (k == "AZURE_CLIENT_SECRET").then(|| "s3cr3t".to_string());
        match s.credential(&env).unwrap() {
            Credential::ClientSecret { scope, secret, .. } => {
                assert_eq!(scope, "https://api.securitycenter.microsoft.com/.default");
                assert_eq!(secret.expose(), "s3cr3t");
            }
            other => panic!("{other:?}"),
        }
    }
}
