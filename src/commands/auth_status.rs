//! `mdetag auth status`: which profile and credential source is in use, and what a token from
//! it says. With `--sandbox`, the sandbox's own app: nothing leaves the machine.

use std::io::Write;
use std::sync::Arc;

use anyhow::Result;

use crate::auth::{OsKeyring, TokenProvider, can_write, missing_role_advice, roles_of};
use crate::cli::{GlobalArgs, OutputFormat};
use crate::exit::ExitStatus;
use crate::settings::profile;
use crate::settings::{Settings, Sources, process_env};
use crate::ui::Printer;

pub async fn status(
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let mut settings = Settings::from_args(g, sources)?;
    let _sandbox = if settings.sandbox() {
        Some(super::session::start_sandbox(&mut settings, &printer).await?)
    } else {
        None
    };
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
    let resolved = if settings.sandbox() {
        super::session::sandbox_credential(&settings).map(|credential| {
            crate::settings::credentials::Resolved {
                credential,
                source: "the sandbox's own app (nothing leaves this machine)".into(),
            }
        })
    } else {
        settings.credential(&process_env, &OsKeyring)
    };
    match resolved {
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
        crate::ui::json::to_writer(&mut out, &doc)?;
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
