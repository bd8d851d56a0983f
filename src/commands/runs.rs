//! `mdetag runs list` and `runs show RUN`: what the journals say.

use anyhow::{Context, Result};

use super::fanout::{Ended, whole_summary};
use super::flow::write_report;
use crate::cli::GlobalArgs;
use crate::exit::ExitStatus;
use crate::journal::manifest::Manifest;
use crate::journal::{reader, replay, store};
use crate::model::Tenant;
use crate::report::{Format, Report};
use crate::settings::{Settings, Sources};

pub fn list(g: &GlobalArgs, sources: &Sources) -> Result<ExitStatus> {
    let format = Settings::from_args(g, sources)?.output();
    let runs = store::list()?;
    let rows: Vec<serde_json::Value> = runs
        .iter()
        .map(|(path, glance)| {
            let h = &glance.header;
            let e = glance.end.as_ref();
            serde_json::json!({
                "run_id": h.run_id,
                "started": h.started,
                "command": h.command,
                "status": glance.status().as_str(),
                "total": e.map(|e| e.total),
                "succeeded": e.map(|e| e.succeeded),
                "failed": e.map(|e| e.failed),
                "skipped": e.map(|e| e.skipped),
                "journal": path.display().to_string(),
                "sandbox": h.sandbox,
                "tenants": glance.tenants + glance.never_ran,
                "never_ran": glance.never_ran,
            })
        })
        .collect();
    crate::ui::stdout::write_with(|out| match format {
        Format::Json => {
            crate::ui::json::to_writer(&mut *out, &rows)?;
            writeln!(out)
        }
        Format::Jsonl => rows.iter().try_for_each(|r| {
            crate::ui::json::to_writer(&mut *out, r)?;
            writeln!(out)
        }),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(KEYS)?;
            for r in &rows {
                w.write_record(
                    KEYS.iter()
                        .map(|k| crate::ui::text::csv_text(&cell(&r[k])).into_owned()),
                )?;
            }
            w.flush()
        }
        Format::Table if rows.is_empty() => writeln!(
            out,
            "no runs in {}",
            crate::ui::text::display(
                &store::runs_dir()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default()
            )
        ),
        Format::Table => {
            let mut table = crate::report::new_table(&[
                "Run",
                "Started",
                "Command",
                "Status",
                "Total",
                "Succeeded",
                "Failed",
                "Skipped",
                "Journal",
                "Sandbox",
                "Tenants",
                "Never ran",
            ]);
            for r in &rows {
                // The command as typed and paths: through the one escaping function.
                table.add_row(
                    KEYS.iter()
                        .map(|k| crate::ui::text::display(&cell(&r[k])).into_owned()),
                );
            }
            writeln!(out, "{table}")?;
            writeln!(
                out,
                "{} in {}",
                crate::ui::text::plural(rows.len(), "run", "runs"),
                crate::ui::text::display(
                    &store::runs_dir()
                        .map(|d| d.display().to_string())
                        .unwrap_or_default()
                )
            )
        }
    })
    .context("cannot write to standard output")?;
    Ok(ExitStatus::Ok)
}

/// The columns of `runs list` in CSV and the table, as the JSON keys (new ones last: scripts
/// read the CSV by position too).
const KEYS: [&str; 12] = [
    "run_id",
    "started",
    "command",
    "status",
    "total",
    "succeeded",
    "failed",
    "skipped",
    "journal",
    "sandbox",
    "tenants",
    "never_ran",
];

fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "-".into(),
        serde_json::Value::Bool(true) => "yes".into(),
        serde_json::Value::Bool(false) => "".into(),
        other => other.to_string(),
    }
}

/// `mdetag runs ids` (hidden): the newest runs' IDs, one a line, newest first, for the shell
/// completions of RUN. No runs, or no runs folder: nothing, exit 0.
pub fn ids() -> Result<ExitStatus> {
    let runs = store::list()?;
    crate::ui::stdout::write_with(|out| {
        for (_, glance) in runs.iter().take(super::completion_runs::OFFERED) {
            writeln!(out, "{}", crate::ui::text::display(&glance.header.run_id))?;
        }
        Ok(())
    })?;
    Ok(ExitStatus::Ok)
}

/// A run's report, rebuilt from its journal. Exit 0 when it could be read, whatever the run
/// did (SPEC.md): the report says that.
pub fn show(run: &str, g: &GlobalArgs, sources: &Sources) -> Result<ExitStatus> {
    let format = Settings::from_args(g, sources)?.output();
    let path = store::find(run)?;
    if path.is_dir() {
        return show_tenants(&path, format);
    }
    let log = reader::read_run(&path)?;
    let replay = replay::replay(&log)?;
    write_report(&report_of(&log, &replay), format)?;
    Ok(ExitStatus::Ok)
}

fn report_of<'a>(log: &reader::RunLog, replay: &'a replay::Replay) -> Report<'a> {
    let (calls, elapsed) = log
        .end
        .as_ref()
        .map_or((0, 0), |e| (e.api_calls, e.elapsed_ms));
    // A journal whose last record is not its end was stopped (killed, or still running).
    let status = log
        .end
        .as_ref()
        .map_or(crate::report::RunEnd::Interrupted, |e| e.status);
    Report::new(
        &replay.plan,
        replay.outcomes(),
        false,
        calls,
        std::time::Duration::from_millis(elapsed),
        Some(log.header.run_id.clone()),
    )
    .with_status(status)
}

/// A run over many tenants, whole: every tenant's rows and a block per tenant, those that
/// never ran among them.
fn show_tenants(dir: &std::path::Path, format: Format) -> Result<ExitStatus> {
    let mut ended = Vec::new();
    let mut run_id = None;
    let mut elapsed = 0;
    let journals = store::tenant_journals(dir)?;
    for path in &journals {
        let log = reader::read_run(path)?;
        let replay = replay::replay(&log)?;
        let tenant = tenant_of_journal(&log.header, path)?;
        run_id.get_or_insert_with(|| log.header.run_id.clone());
        elapsed = elapsed.max(log.end.as_ref().map_or(0, |e| e.elapsed_ms));
        let mut report = report_of(&log, &replay);
        ended.push(Ended::from_report(tenant, &mut report, format)?);
    }
    // The tenants that never ran are part of the run too; all in the tenants file's order.
    // A damaged record of the tenants: the journals are shown all the same.
    if let Ok(Some(manifest)) = Manifest::read(dir) {
        let never_ran = manifest
            .never_ran(&journals)
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        for (tenant, why) in never_ran {
            ended.push(Ended::never_ran(tenant, why));
        }
        let place = |id: &str| manifest.tenants.iter().position(|e| e.tenant == id);
        ended.sort_by_key(|e| place(&e.tenant.id).unwrap_or(usize::MAX));
    }
    let summary = whole_summary(&ended, run_id, std::time::Duration::from_millis(elapsed));
    super::fanout::write(&ended, &summary, format)?;
    Ok(ExitStatus::Ok)
}

/// The tenant a journal in the folder of a run over many was written for, as the tenants file
/// gave it: the journal is named by that ID (a verified domain stays a domain, where the
/// journal's header has the directory ID the token carried), with the header's name.
pub fn tenant_of_journal(
    header: &crate::journal::record::Header,
    path: &std::path::Path,
) -> Result<Tenant> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    match stem.map(|id| Tenant::new(&id, header.tenant_name.as_deref())) {
        Some(Ok(tenant)) => Ok(tenant),
        _ => tenant_of(header, path),
    }
}

/// The tenant a journal of a run over many was written for.
pub fn tenant_of(
    header: &crate::journal::record::Header,
    path: &std::path::Path,
) -> Result<Tenant> {
    let id = header.tenant.as_deref().unwrap_or_default();
    Tenant::new(id, header.tenant_name.as_deref())
        .map_err(|e| anyhow::anyhow!("{}: the journal's tenant: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_keeps_the_tenant_id_the_tenants_file_gave() {
        let header: crate::journal::record::Header = serde_json::from_str(
            r#"{"format":2,"run_id":"r","started":"s","command":"tag add","tenant":"6f1a2b3c-0000-4000-8000-00000000a001","client":null,"endpoint":"e","batching":true,"mdetag":"0","tenant_name":"Contoso"}"#,
        )
        .unwrap();
        let by_domain = std::path::Path::new("/runs/r/contoso.onmicrosoft.com.jsonl");
        let t = tenant_of_journal(&header, by_domain).unwrap();
        assert_eq!(
            (t.id.as_str(), t.name.as_deref()),
            ("contoso.onmicrosoft.com", Some("Contoso"))
        );
        // A journal not named by a tenant: the header's.
        let t = tenant_of_journal(&header, std::path::Path::new("/runs/r/x.jsonl")).unwrap();
        assert_eq!(t.id, "6f1a2b3c-0000-4000-8000-00000000a001");
    }

    #[test]
    fn a_journal_without_its_end_shows_as_interrupted_even_with_nothing_pending() {
        let header = r#"{"t":"header","format":2,"run_id":"r","started":"s","command":"tag add","tenant":null,"client":null,"endpoint":"e","batching":true,"mdetag":"0"}"#;
        let op = r#"{"t":"op","m":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","a":"add","v":"x","o":"--machine"}"#;
        let rest = [
            r#"{"t":"planned","ops":1}"#,
            r#"{"t":"sent","ops":[0],"at":1700000000000}"#,
            r#"{"t":"done","ops":[0],"status":"failed","http":null,"attempts":3,"code":"no-response","message":"sent; no answer"}"#,
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let mut text = vec![header, op];
        text.extend(rest);
        std::fs::write(&path, text.join("\n") + "\n").unwrap();
        let log = reader::read_run(&path).unwrap();
        let replay = replay::replay(&log).unwrap();
        let report = report_of(&log, &replay);
        assert_eq!(report.summary.status, crate::report::RunEnd::Interrupted);
        // With its end, as the end says.
        let end = r#"{"t":"end","status":"finished","total":1,"succeeded":0,"failed":1,"skipped":0,"uncertain":1,"api_calls":3,"elapsed_ms":10}"#;
        text.push(end);
        std::fs::write(&path, text.join("\n") + "\n").unwrap();
        let log = reader::read_run(&path).unwrap();
        let replay = replay::replay(&log).unwrap();
        assert_eq!(
            report_of(&log, &replay).summary.status,
            crate::report::RunEnd::Finished
        );
    }
}
