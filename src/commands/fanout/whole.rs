//! The whole report of a run over many tenants: the tenants' counts added up, a block per
//! tenant, the last line; and the plan their parts are joined into.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::{Ended, PlanCounts, SavePlan};
use crate::exit::{ExitStatus, TenantEnd};
use crate::model::RunEnd;
use crate::report::{Format, Summary, TenantBlock};
use crate::ui::text::plural;

/// Joins the tenants' parts into the saved plan when every tenant planned; else saves nothing
/// (a plan is reviewed and applied whole). The line that says it was saved, or why not.
pub(super) fn join_plan(
    save: &SavePlan,
    ended: &[Ended],
    parts: &[PathBuf],
    sandbox: bool,
) -> Result<Result<String, String>> {
    let unplanned: Vec<&Ended> = ended
        .iter()
        .filter(|e| e.saved.is_none() || !matches!(e.end, TenantEnd::Ran(ExitStatus::Ok)))
        .collect();
    if unplanned.is_empty() {
        save.join(parts)?;
        let counts: Vec<PlanCounts> = ended.iter().filter_map(|e| e.saved).collect();
        return Ok(Ok(save.saved_parts_line(&counts, sandbox)));
    }
    SavePlan::discard(parts);
    let names: Vec<&str> = unplanned.iter().take(5).map(|e| e.tenant.label()).collect();
    Ok(Err(format!(
        "no plan saved to {}: {} could not be planned ({}{}); a plan is saved whole, with every tenant's part",
        save.path.display(),
        plural(unplanned.len(), "tenant", "tenants"),
        names.join(", "),
        if unplanned.len() > 5 { ", …" } else { "" }
    )))
}

/// The whole run's report on standard output.
pub fn write(ended: &[Ended], summary: &Summary, format: Format) -> Result<()> {
    crate::ui::stdout::write_with(|out| write_whole(ended, summary, format, out))
        .context("cannot write the results to standard output")
}

/// The whole run's summary: the tenants' counts added up, and a block per tenant.
pub fn whole_summary(
    ended: &[Ended],
    run_id: Option<String>,
    elapsed: std::time::Duration,
) -> Summary {
    let mut whole = Summary {
        run_id,
        elapsed_ms: elapsed.as_millis() as u64,
        ..Summary::default()
    };
    let mut blocks = Vec::new();
    for e in ended {
        let d = e.delivered.as_ref();
        if let Some(d) = d {
            let s = &d.summary;
            whole.total += s.total;
            whole.succeeded += s.succeeded;
            whole.failed += s.failed;
            whole.skipped += s.skipped;
            whole.planned += s.planned;
            whole.interrupted += s.interrupted;
            whole.aborted += s.aborted;
            whole.uncertain += s.uncertain;
            whole.api_calls += s.api_calls;
            if s.status == RunEnd::Interrupted
                || (s.status == RunEnd::Aborted && whole.status == RunEnd::Finished)
            {
                whole.status = s.status;
            }
        }
        let t = &e.tenant;
        blocks.push(TenantBlock {
            tenant: t.id.clone(),
            tenant_name: t.name.clone(),
            ran: matches!(e.end, TenantEnd::Ran(_)) && e.started,
            error: e
                .error
                .as_deref()
                .map(|w| crate::ui::text::redact(w).into_owned()),
            summary: d.map(|d| Box::new(d.summary.clone())),
        });
    }
    whole.tenants = Some(blocks);
    whole
}

fn write_whole(
    ended: &[Ended],
    summary: &Summary,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let bodies = || {
        ended
            .iter()
            .filter_map(|e| e.delivered.as_ref().map(|d| &d.body))
    };
    match format {
        Format::Table => {
            for e in ended {
                writeln!(out, "{}", crate::report::tenant_heading(&e.tenant))?;
                match (e.delivered.as_ref(), &e.error) {
                    (Some(d), _) => out.write_all(&d.body)?,
                    (None, Some(why)) => writeln!(
                        out,
                        "could not run: {}",
                        crate::ui::text::display(&crate::ui::text::redact(why))
                    )?,
                    (None, None) => writeln!(out, "nothing to do: no operation")?,
                }
            }
            writeln!(out, "{}", whole_line(ended, summary))
        }
        Format::Json => {
            out.write_all(b"{\"summary\":")?;
            crate::ui::json::to_writer(&mut *out, summary)?;
            out.write_all(b",\"results\":[")?;
            let mut first = true;
            for body in bodies().filter(|b| !b.is_empty()) {
                if !std::mem::take(&mut first) {
                    out.write_all(b",")?;
                }
                out.write_all(body)?;
            }
            out.write_all(b"]}\n")
        }
        Format::Csv => {
            crate::report::write_csv_header(&mut *out, true)?;
            bodies().try_for_each(|b| out.write_all(b))
        }
        Format::Jsonl => {
            bodies().try_for_each(|b| out.write_all(b))?;
            crate::report::write_jsonl_summary(summary, out)
        }
    }
}

/// The table's last line: how the tenants ended, then the operations.
pub(super) fn whole_line(ended: &[Ended], s: &Summary) -> String {
    let ran = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(_)) && e.started)
        .count();
    let clean = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(ExitStatus::Ok)))
        .count();
    let pending = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(ExitStatus::Pending)))
        .count();
    let mut line = format!(
        "{}: {clean} clean",
        plural(ended.len(), "tenant", "tenants")
    );
    if pending > 0 {
        line.push_str(&format!(", {pending} with changes pending"));
    }
    if ran > clean + pending {
        line.push_str(&format!(
            ", {} with failures or stopped",
            ran - clean - pending
        ));
    }
    let unstarted = ended
        .iter()
        .filter(|e| matches!(e.end, TenantEnd::Ran(_)) && !e.started)
        .count();
    if unstarted > 0 {
        line.push_str(&format!(", {unstarted} never started"));
    }
    if ended.len() > ran + unstarted {
        line.push_str(&format!(
            ", {} could not run",
            ended.len() - ran - unstarted
        ));
    }
    let ops = plural(s.total as usize, "operation", "operations");
    line.push_str(&format!(
        " · {ops}: {} succeeded, {} failed, {} skipped, {} planned · {} · {:.1} s",
        s.succeeded,
        s.failed,
        s.skipped,
        s.planned,
        plural(s.api_calls as usize, "API call", "API calls"),
        s.elapsed_ms as f64 / 1000.0
    ));
    if let Some(id) = &s.run_id {
        line.push_str(&format!(" · run {id}"));
    }
    line
}
