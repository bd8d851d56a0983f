//! `mdetag auth status`: which profile and credential source is in use, and what a token from
//! it says. Exit 1 unless the token may tag machines (with `--read-only`: read them). With
//! `--sandbox`, the sandbox's own app: nothing leaves the machine.

use std::sync::Arc;

use anyhow::Result;

use crate::auth::{Need, OsKeyring, TokenProvider, grants, lacking, roles_of, unreadable_roles};
use crate::cli::{GlobalArgs, OutputFormat, StatusArgs};
use crate::exit::ExitStatus;
use crate::settings::profile;
use crate::settings::{Settings, Sources, process_env};
use crate::ui::Printer;

pub async fn status(
    args: &StatusArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    let settings = Settings::from_args(g, sources)?;
    // Said on standard error, and kept for the JSON document's `warnings`.
    let mut warnings: Vec<String> = Vec::new();
    let mut warn = |w: String| {
        printer.warn(&w);
        warnings.push(w);
    };
    for w in settings.host_warnings() {
        warn(w.clone());
    }
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
        super::sandbox::credential(&settings).map(|credential| {
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
            if let Some(w) = resolved.credential.warning() {
                warn(w.to_string());
            }
            let graph = resolved
                .credential
                .for_resource(settings.graph_resource())
                .map_err(|e| e.0);
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
                Ok(claims) if unreadable_roles(claims.as_ref()).is_some() => {
                    let why = unreadable_roles(claims.as_ref()).unwrap_or_default();
                    doc["token"] = serde_json::json!({
                        "ok": false,
                        "unknown": true,
                        "roles": null,
                        "error": why,
                    });
                    code = ExitStatus::Setup;
                }
                Ok(claims) => {
                    let claims = claims.unwrap_or_default();
                    let roles = roles_of(&claims);
                    let expires = claims.get("exp").and_then(|e| e.as_i64()).and_then(iso_utc);
                    let need = if args.read_only {
                        Need::Read
                    } else {
                        Need::Write
                    };
                    let missing = (grants(&claims, need) == Some(false)).then(|| need.role());
                    doc["token"] = serde_json::json!({
                        "ok": true,
                        "tenant": claims.get("tid"),
                        "app_id": claims.get("appid").or(claims.get("azp")),
                        "expires": expires,
                        "roles": roles,
                        "missing_role": missing,
                    });
                    if missing.is_some() {
                        let mut why = lacking(need);
                        if need == Need::Write {
                            why.push_str("; `mdetag auth status --read-only` checks only reading");
                        }
                        printer.error(&why);
                        doc["error"] = why.into();
                        code = ExitStatus::Setup;
                    }
                    let mde = has_role(&roles, &["AdvancedQuery.Read.All", "AdvancedQuery.Read"]);
                    let graph = match graph {
                        Err(why) => serde_json::json!({"ok": null, "error": why}),
                        Ok(credential) => {
                            let provider = TokenProvider::new(
                                credential,
                                settings.graph_http_client(),
                                printer.clone(),
                                settings.retry_policy().retries,
                            );
                            match provider.claims().await {
                                Ok(Some(c)) => serde_json::json!({
                                    "ok": has_role(&roles_of(&c), &["ThreatHunting.Read.All"]),
                                }),
                                Ok(None) => {
                                    serde_json::json!({"ok": null, "error": "the Graph token's roles cannot be read"})
                                }
                                Err(e) => serde_json::json!({"ok": false, "error": e.to_string()}),
                            }
                        }
                    };
                    doc["hunting"] = serde_json::json!({
                        "graph": graph,
                        "mde": {"ok": mde},
                    });
                }
            }
        }
    }
    doc["warnings"] = warnings.into();
    let mut json = Vec::new();
    if g.output == OutputFormat::Json {
        crate::ui::json::to_writer(&mut json, &doc)?;
    }
    crate::ui::stdout::write_with(|out| {
        if g.output == OutputFormat::Json {
            let json = String::from_utf8_lossy(&json);
            writeln!(out, "{}", crate::ui::text::redact(&json))?;
        } else {
            for line in text_lines(&doc) {
                // Paths, names and server text, all through the one escaping function.
                let line = crate::ui::text::redact(&line);
                writeln!(out, "{}", crate::ui::text::display(&line))?;
            }
        }
        Ok(())
    })?;
    Ok(code)
}

/// A Unix time as ISO 8601 in UTC, to the second: `2026-12-05T23:10:00Z`.
fn iso_utc(secs: i64) -> Option<String> {
    let t = time::OffsetDateTime::from_unix_timestamp(secs).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

fn has_role(roles: &[String], any_of: &[&str]) -> bool {
    roles
        .iter()
        .any(|r| any_of.iter().any(|a| r.eq_ignore_ascii_case(a)))
}

/// The status as lines of text, unescaped.
fn text_lines(doc: &serde_json::Value) -> Vec<String> {
    let s = |v: &serde_json::Value, none: &str| v.as_str().unwrap_or(none).to_string();
    let mut lines = vec![
        format!("profile:    {}", s(&doc["profile"], "(none)")),
        format!("config:     {}", s(&doc["config"], "-")),
        format!("cloud:      {}", s(&doc["cloud"], "-")),
        format!("endpoint:   {}", s(&doc["endpoint"], "-")),
        format!("authority:  {}", s(&doc["authority"], "-")),
        format!("credential: {}", s(&doc["source"], "none")),
    ];
    let t = &doc["token"];
    if t["ok"] == true {
        lines.push(match t["missing_role"].as_str() {
            Some(role) => format!("token:      issued, lacks {role}"),
            None => "token:      ok".into(),
        });
        lines.push(format!("  tenant:   {}", s(&t["tenant"], "-")));
        lines.push(format!("  app:      {}", s(&t["app_id"], "-")));
        lines.push(format!("  expires:  {}", s(&t["expires"], "-")));
        let roles: Vec<&str> = t["roles"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str())
            .collect();
        lines.push(format!(
            "  roles:    {}",
            if roles.is_empty() {
                "(none)".to_string()
            } else {
                roles.join(", ")
            }
        ));
        let h = &doc["hunting"];
        if h.is_object() {
            let say = |v: &serde_json::Value, role: &str| match v["ok"].as_bool() {
                Some(true) => format!("yes ({role})"),
                Some(false) => match v["error"].as_str() {
                    Some(e) => format!("no: {e}"),
                    None => format!("no: the token lacks {role}"),
                },
                None => format!("unknown: {}", s(&v["error"], "-")),
            };
            lines.push("hunting queries:".into());
            lines.push(format!(
                "  graph:    {}",
                say(&h["graph"], "ThreatHunting.Read.All")
            ));
            lines.push(format!(
                "  mde:      {}",
                say(&h["mde"], "AdvancedQuery.Read.All")
            ));
        }
    } else if t["unknown"] == true {
        lines.push(format!("token:      unknown: {}", s(&t["error"], "-")));
    } else if let Some(e) = t["error"].as_str().or(doc["error"].as_str()) {
        lines.push(format!("token:      not available: {e}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn expiry_is_iso_8601_utc() {
        assert_eq!(
            super::iso_utc(1_796_512_200).as_deref(),
            Some("2026-12-05T23:10:00Z")
        );
        assert_eq!(super::iso_utc(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(super::iso_utc(i64::MAX), None);
    }
}
