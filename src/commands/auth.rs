//! `mdetag auth login | logout | list` (`status` is `auth_status.rs`). A profile's secret has
//! a keyring entry of its own (`<profile>/<tenant>/<client>`); the entry mdetag 0.1 shared
//! between the profiles of one app (`<tenant>/<client>`) still serves and is moved to each
//! profile's own on the next login.

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};

use crate::auth::{
    Credential, KEYRING_SERVICE, OsKeyring, Secret, SecretStore, TokenProvider, can_write,
    decode_claims, keyring_account, legacy_account, missing_role_advice,
};
use crate::cli::{AuthCommand, GlobalArgs, LoginArgs, OutputFormat};
use crate::exit::{ExitStatus, UsageError};
use crate::settings::profile::{self, Config, ConfigLock, Profile};
use crate::settings::{Sources, cloud, flag_layer};
use crate::ui::Printer;
use crate::ui::text::display;

pub async fn run(
    command: &AuthCommand,
    global: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    match command {
        AuthCommand::Status(args) => {
            super::auth_status::status(args, global, sources, printer).await
        }
        _ if global.sandbox => Err(UsageError(
            "--sandbox: the sandbox has its own credentials; auth login, logout and list are for a real tenant's".into(),
        )
        .into()),
        AuthCommand::Login(args) => login(args, global, sources, printer).await,
        AuthCommand::Logout => logout(global),
        AuthCommand::List => list(global),
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
    for w in &hosts.warnings {
        printer.warn(w);
    }
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

    let account = keyring_account(&name, &tenant_id, &client_id);
    OsKeyring.set(&account, &secret).map_err(|e| {
        anyhow!("cannot store the secret in the OS keyring: {e} (on Linux a Secret Service such as gnome-keyring must be running and unlocked); nothing was stored")
    })?;
    let path = profile::path()?;
    // Held from reading the config to replacing it: logins at once all end in the file.
    let lock = ConfigLock::acquire(&path)?;
    let mut config = Config::load(&path)?;
    let moved = move_legacy(&OsKeyring, &config, &name, &tenant_id, &client_id)?;
    let profile = Profile {
        tenant_id: tenant_id.clone(),
        client_id: client_id.clone(),
        cloud,
        region: hosts.region,
        endpoint: g.endpoint.as_ref().map(|_| hosts.endpoint.to_string()),
        authority_host: g.authority_host.as_ref().map(|_| authority.to_string()),
        // The hosts this login was allowed to use stay allowed for the profile.
        allow_host: g
            .allow_host
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect(),
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
    config.save(&path, &lock)?;
    drop(lock);

    let mut lines = vec![
        format!(
            "Logged in: profile '{name}'{}",
            if config.default.as_deref() == Some(&name) {
                " (default)"
            } else {
                ""
            }
        ),
        format!(
            "  tenant {tenant_id}, app {client_id}, cloud {}",
            cloud.as_str()
        ),
        format!("  secret kept in the OS keyring (service {KEYRING_SERVICE}, account {account})"),
        format!("  profile written to {}", path.display()),
    ];
    if !moved.is_empty() {
        lines.push(format!(
            "  the old entry shared by this app's profiles was moved to each one's own: {}",
            moved.join(", ")
        ));
    }
    say(&lines)?;
    if let Some(false) = claims.as_ref().and_then(can_write) {
        printer.warn(missing_role_advice());
    }
    Ok(ExitStatus::Ok)
}

/// Lines for a terminal, through the one escaping function: profile names, tenant IDs and
/// paths come from the user and the config file.
fn say(lines: &[String]) -> Result<()> {
    crate::ui::stdout::write_with(|out| {
        for line in lines {
            writeln!(out, "{}", display(line))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The entry mdetag 0.1 kept for every profile of an app, if there is one: copied to the
/// other profiles of the app that have none of their own, then removed (the profile logging
/// in has just stored its own). The profiles it was copied to.
fn move_legacy(
    store: &dyn SecretStore,
    config: &Config,
    logging_in: &str,
    tenant_id: &str,
    client_id: &str,
) -> Result<Vec<String>> {
    let legacy = legacy_account(tenant_id, client_id);
    let Some(old) = store
        .get(&legacy)
        .map_err(|e| anyhow!("cannot read the OS keyring: {e}"))?
    else {
        return Ok(Vec::new());
    };
    let mut moved = Vec::new();
    for (name, p) in &config.profiles {
        if name == logging_in || p.tenant_id != tenant_id || p.client_id != client_id {
            continue;
        }
        let own = keyring_account(name, tenant_id, client_id);
        if store
            .get(&own)
            .map_err(|e| anyhow!("cannot read the OS keyring: {e}"))?
            .is_none()
        {
            store
                .set(&own, &old)
                .map_err(|e| anyhow!("cannot store {own} in the OS keyring: {e}"))?;
            moved.push(name.clone());
        }
    }
    store
        .delete(&legacy)
        .map_err(|e| anyhow!("cannot remove {legacy} from the OS keyring: {e}"))?;
    Ok(moved)
}

fn logout(g: &GlobalArgs) -> Result<ExitStatus> {
    let path = profile::path()?;
    if !path.exists() {
        // Nothing to log out of, and no folder or lock to make for it.
        Config::default().select(g.profile.as_deref())?;
        bail!(
            "no profile to log out of (none named, and no default in {})",
            path.display()
        );
    }
    let lock = ConfigLock::acquire(&path)?;
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
    let account = keyring_account(&name, &profile.tenant_id, &profile.client_id);
    let removed = OsKeyring.delete(&account).map_err(|e| {
        anyhow!("cannot remove the keyring secret {account}: {e}; the profile was kept")
    })?;
    config.profiles.remove(&name);
    // The old shared entry goes only with the last profile of its app.
    let shared = config
        .profiles
        .values()
        .any(|p| p.tenant_id == profile.tenant_id && p.client_id == profile.client_id);
    let legacy = legacy_account(&profile.tenant_id, &profile.client_id);
    let legacy_removed = !shared
        && OsKeyring
            .delete(&legacy)
            .map_err(|e| anyhow!("cannot remove the keyring secret {legacy}: {e}"))?;
    if config.default.as_deref() == Some(name.as_str()) {
        config.default = config.profiles.keys().next().cloned();
    }
    config.save(&path, &lock)?;
    drop(lock);
    let mut lines = vec![
        format!(
            "Logged out: profile '{name}' removed from {}",
            path.display()
        ),
        format!(
            "  keyring secret {account}: {}",
            if removed || legacy_removed {
                "removed"
            } else {
                "there was none"
            }
        ),
    ];
    if let Some(d) = &config.default {
        lines.push(format!("  default profile is now '{d}'"));
    }
    say(&lines)?;
    Ok(ExitStatus::Ok)
}

/// `auth list`: every profile, which is the default, and whether its secret is in the keyring.
fn list(g: &GlobalArgs) -> Result<ExitStatus> {
    let path = profile::path()?;
    let config = Config::load(&path)?;
    let rows: Vec<serde_json::Value> = config
        .profiles
        .iter()
        .map(|(name, p)| {
            let own = keyring_account(name, &p.tenant_id, &p.client_id);
            let legacy = legacy_account(&p.tenant_id, &p.client_id);
            let keyring = match (OsKeyring.get(&own), OsKeyring.get(&legacy)) {
                (Ok(Some(_)), _) => own,
                (Ok(None), Ok(Some(_))) => format!("{legacy} (shared; moved on next login)"),
                (Ok(None), Ok(None)) => "none: `mdetag auth login` stores it".into(),
                (Err(e), _) | (_, Err(e)) => format!("unreadable: {e}"),
            };
            serde_json::json!({
                "profile": name,
                "default": config.default.as_deref() == Some(name.as_str()),
                "tenant": p.tenant_id,
                "client": p.client_id,
                "cloud": p.cloud.as_str(),
                "endpoint": p.endpoint,
                "keyring": keyring,
            })
        })
        .collect();
    crate::ui::stdout::write_with(|out| {
        if g.output == OutputFormat::Json {
            crate::ui::json::to_writer(&mut *out, &rows)?;
            return writeln!(out);
        }
        let mut table = crate::report::new_table(&[
            "Profile",
            "Default",
            "Tenant",
            "App",
            "Cloud",
            "Keyring entry",
        ]);
        for r in &rows {
            let cell = |k: &str| display(r[k].as_str().unwrap_or_default()).into_owned();
            table.add_row([
                cell("profile"),
                if r["default"] == true {
                    "yes".into()
                } else {
                    String::new()
                },
                cell("tenant"),
                cell("client"),
                cell("cloud"),
                cell("keyring"),
            ]);
        }
        if rows.is_empty() {
            let line = format!(
                "no profiles in {}: `mdetag auth login` adds one",
                path.display()
            );
            return writeln!(out, "{}", display(&line));
        }
        writeln!(out, "{table}")?;
        let line = format!(
            "{} in {}",
            crate::ui::text::plural(rows.len(), "profile", "profiles"),
            path.display()
        );
        writeln!(out, "{}", display(&line))
    })
    .context("cannot write to standard output")?;
    Ok(ExitStatus::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::keyring_memory::MemoryStore;

    fn profile(t: &str, c: &str) -> Profile {
        Profile {
            tenant_id: t.into(),
            client_id: c.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_old_shared_entry_moves_to_every_profile_of_its_app() {
        let store = MemoryStore::default();
        store.set("t/c", &Secret::new("old-secret")).unwrap();
        store.set("b/t/c", &Secret::new("b-own")).unwrap();
        let mut config = Config::default();
        for (name, t, c) in [
            ("a", "t", "c"),
            ("b", "t", "c"),
            ("c", "t", "c"),
            ("other", "t", "x"),
        ] {
            config.profiles.insert(name.into(), profile(t, c));
        }
        // "a" logs in (and has just stored its own entry).
        let moved = move_legacy(&store, &config, "a", "t", "c").unwrap();
        assert_eq!(moved, ["c"], "b has its own already, other is another app");
        assert_eq!(store.get("c/t/c").unwrap().unwrap().expose(), "old-secret");
        assert_eq!(store.get("b/t/c").unwrap().unwrap().expose(), "b-own");
        assert!(
            store.get("t/c").unwrap().is_none(),
            "the shared entry is gone"
        );
        assert!(
            move_legacy(&store, &config, "a", "t", "c")
                .unwrap()
                .is_empty()
        );
    }
}
