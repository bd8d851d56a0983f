//! `mdetag auth login | status | logout`.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};

use crate::auth::{
    Credential, KEYRING_SERVICE, OsKeyring, Secret, SecretStore, TokenProvider, can_write,
    decode_claims, keyring_account, missing_role_advice, roles_of,
};
use crate::cli::{AuthCommand, GlobalArgs, LoginArgs, OutputFormat};
use crate::exit::ExitStatus;
use crate::settings::profile::{self, Config, Profile};
use crate::settings::{Settings, Sources, cloud, flag_layer, process_env};
use crate::ui::Printer;

pub async fn run(
    command: &AuthCommand,
    global: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    match command {
        AuthCommand::Login(args) => login(args, global, sources, printer).await,
        AuthCommand::Status => status(global, sources, printer).await,
        AuthCommand::Logout => logout(global),
    }
}

fn read_secret(args: &LoginArgs, client_id: &str) -> Result<Secret> {
    let secret = if args.secret_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the secret from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        if !std::io::stdin().is_terminal() {
            bail!("no terminal to ask for the secret on: pipe it in with --secret-stdin");
        }
        rpassword::prompt_password(format!("Client secret for app {client_id} (not shown): "))
            .context("cannot read the secret")?
    };
    if secret.trim().is_empty() {
        bail!("the client secret is empty");
    }
    Ok(Secret::new(secret))
}

async fn login(
    args: &LoginArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let (Some(tenant_id), Some(client_id)) = (
        g.tenant_id.clone().filter(|v| !v.is_empty()),
        g.client_id.clone().filter(|v| !v.is_empty()),
    ) else {
        bail!(
            "auth login needs the tenant and the app: --tenant-id and --client-id (or AZURE_TENANT_ID and AZURE_CLIENT_ID)"
        );
    };
    let name = g.profile.clone().unwrap_or_else(|| "default".into());
    let hosts = cloud::hosts(&[flag_layer(g, sources)])?;
    let (cloud, authority) = (hosts.cloud, hosts.authority.clone());
    let secret = read_secret(args, &client_id)?;

    // Prove the secret before keeping anything.
    let credential = Credential::ClientSecret {
        authority: authority.clone(),
        tenant_id: tenant_id.clone(),
        client_id: client_id.clone(),
        secret: secret.clone(),
        scope: format!("{}/.default", cloud.resource()),
    };
    let http = crate::http::client(crate::settings::url::is_loopback(&authority));
    let provider = TokenProvider::new(credential, http, printer.clone(), g.retries);
    let token = provider
        .token()
        .await
        .context("login failed; nothing was stored")?;
    let claims = decode_claims(&token);

    let account = keyring_account(&tenant_id, &client_id);
    OsKeyring.set(&account, &secret).map_err(|e| {
        anyhow!("cannot store the secret in the OS keyring: {e} (on Linux a Secret Service such as gnome-keyring must be running and unlocked); nothing was stored")
    })?;
    let path = profile::path()?;
    let mut config = Config::load(&path)?;
    let profile = Profile {
        tenant_id: tenant_id.clone(),
        client_id: client_id.clone(),
        cloud,
        region: hosts.region,
        endpoint: g.endpoint.as_ref().map(|_| hosts.endpoint.to_string()),
        authority_host: g.authority_host.as_ref().map(|_| authority.to_string()),
    };
    config.profiles.insert(name.clone(), profile);
    if args.default
        || config
            .default
            .as_ref()
            .is_none_or(|d| !config.profiles.contains_key(d))
    {
        config.default = Some(name.clone());
    }
    config.save(&path)?;

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Logged in: profile '{name}'{}",
        if config.default.as_deref() == Some(&name) {
            " (default)"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "  tenant {tenant_id}, app {client_id}, cloud {}",
        cloud.as_str()
    )?;
    writeln!(
        out,
        "  secret kept in the OS keyring (service {KEYRING_SERVICE}, account {account})"
    )?;
    writeln!(out, "  profile written to {}", path.display())?;
    if let Some(false) = claims.as_ref().and_then(can_write) {
        printer.warn(missing_role_advice());
    }
    Ok(ExitStatus::Ok)
}

async fn status(g: &GlobalArgs, sources: &Sources, printer: Arc<Printer>) -> Result<ExitStatus> {
    let settings = Settings::from_args(g, sources)?;
    let mut doc = serde_json::json!({
        "profile": settings.profile(),
        "config": profile::path()?.display().to_string(),
        "cloud": settings.cloud().as_str(),
        "endpoint": settings.endpoint().as_str(),
        "authority": settings.authority().as_str(),
        "source": null,
        "token": null,
        "warnings": [],
    });
    let mut code = ExitStatus::Ok;
    match settings.credential(&process_env, &OsKeyring) {
        Err(e) => {
            doc["error"] = format!("{e:#}").into();
            code = ExitStatus::Setup;
        }
        Ok(resolved) => {
            doc["source"] = resolved.source.clone().into();
            let provider = TokenProvider::new(
                resolved.credential,
                settings.http_client(),
                printer.clone(),
                settings.retry_policy().retries,
            );
            match provider.claims().await {
                Err(e) => {
                    doc["token"] = serde_json::json!({"ok": false, "error": e.to_string()});
                    code = ExitStatus::Setup;
                }
                Ok(claims) => {
                    let claims = claims.unwrap_or_default();
                    let roles = roles_of(&claims);
                    let expires = claims.get("exp").and_then(|e| e.as_u64()).map(|e| {
                        httpdate::fmt_http_date(
                            std::time::UNIX_EPOCH + std::time::Duration::from_secs(e),
                        )
                    });
                    doc["token"] = serde_json::json!({
                        "ok": true,
                        "tenant": claims.get("tid"),
                        "app_id": claims.get("appid").or(claims.get("azp")),
                        "expires": expires,
                        "roles": roles,
                    });
                    if can_write(&claims) == Some(false) {
                        doc["warnings"] = serde_json::json!([missing_role_advice()]);
                        printer.warn(missing_role_advice());
                    }
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    if g.output == OutputFormat::Json {
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        let s = |k: &str| {
            doc[k]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| "-".into())
        };
        writeln!(
            out,
            "profile:    {}",
            doc["profile"].as_str().unwrap_or("(none)")
        )?;
        writeln!(out, "config:     {}", s("config"))?;
        writeln!(out, "cloud:      {}", s("cloud"))?;
        writeln!(out, "endpoint:   {}", s("endpoint"))?;
        writeln!(out, "authority:  {}", s("authority"))?;
        writeln!(
            out,
            "credential: {}",
            doc["source"].as_str().unwrap_or("none")
        )?;
        let t = &doc["token"];
        if t["ok"] == true {
            writeln!(out, "token:      ok")?;
            writeln!(out, "  tenant:   {}", t["tenant"].as_str().unwrap_or("-"))?;
            writeln!(out, "  app:      {}", t["app_id"].as_str().unwrap_or("-"))?;
            writeln!(out, "  expires:  {}", t["expires"].as_str().unwrap_or("-"))?;
            let roles: Vec<&str> = t["roles"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str())
                .collect();
            writeln!(
                out,
                "  roles:    {}",
                if roles.is_empty() {
                    "(none)".to_string()
                } else {
                    roles.join(", ")
                }
            )?;
        } else if let Some(e) = t["error"].as_str().or(doc["error"].as_str()) {
            writeln!(out, "token:      not available: {e}")?;
        }
    }
    Ok(code)
}

fn logout(g: &GlobalArgs) -> Result<ExitStatus> {
    let path = profile::path()?;
    let mut config = Config::load(&path)?;
    let Some((name, profile)) = config
        .select(g.profile.as_deref())?
        .map(|(n, p)| (n, p.clone()))
    else {
        bail!(
            "no profile to log out of (none named, and no default in {})",
            path.display()
        );
    };
    let account = keyring_account(&profile.tenant_id, &profile.client_id);
    let removed = OsKeyring.delete(&account).map_err(|e| {
        anyhow!("cannot remove the keyring secret {account}: {e}; the profile was kept")
    })?;
    config.profiles.remove(&name);
    if config.default.as_deref() == Some(name.as_str()) {
        config.default = config.profiles.keys().next().cloned();
    }
    config.save(&path)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Logged out: profile '{name}' removed from {}",
        path.display()
    )?;
    writeln!(
        out,
        "  keyring secret {account}: {}",
        if removed { "removed" } else { "there was none" }
    )?;
    if let Some(d) = &config.default {
        writeln!(out, "  default profile is now '{d}'")?;
    }
    Ok(ExitStatus::Ok)
}
