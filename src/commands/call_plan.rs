//! The dry run's report and the call plan: the reads made, the reads a real run makes first,
//! the writes, and the least time they take under the rate limit.

use std::time::Duration;

use anyhow::Result;

use super::fanout::FanPart;
use super::flow::deliver;
use super::hunt::add_query;
use super::session::human_duration;
use crate::exit::ExitStatus;
use crate::model::QueryRun;
use crate::pipeline::minimum_span;
use crate::plan::{Call, CallCounts, Plan};
use crate::report::{Format, Report};
use crate::settings::Settings;
use crate::ui::Printer;
use crate::ui::text::plural;

/// The dry run's result: every operation planned (or settled), and the call plan: the reads
/// made, the reads the real run makes first to record prior state (`prior_reads`, about), and
/// the writes. `fan`: one tenant's part of a run over many.
pub fn dry_run_report(
    plan: &Plan,
    settings: &Settings,
    reads: u64,
    prior_reads: u64,
    query: Option<&QueryRun>,
    printer: &Printer,
    fan: Option<&FanPart>,
) -> Result<ExitStatus> {
    let calls = plan.calls(settings.plan_options().batching);
    let mut report = Report::new(plan, Vec::new(), true, reads, Duration::ZERO, None);
    add_query(&mut report, query, settings);
    add_call_plan(
        &mut report,
        call_plan_line(reads, prior_reads, &calls, settings),
        settings,
        printer,
    );
    deliver(&mut report, settings, fan)?;
    // A row that already failed (a name that matches nothing) fails the pre-flight too.
    Ok(report.exit_status())
}

/// `call plan: …`: the reads made, the reads the real run makes first to record prior state
/// (`prior_reads`, about), the writes `calls` would make, and the least time they all take.
pub fn call_plan_line(reads: u64, prior_reads: u64, calls: &[Call], settings: &Settings) -> String {
    let counts = CallCounts::of(calls);
    let prior = match (prior_reads, counts.total()) {
        (0, _) | (_, 0) => String::new(),
        (n, _) => format!(
            ", about {} to record prior state first (--no-prior-state skips them)",
            plural(n as usize, "read call", "read calls")
        ),
    };
    let prior_reads = if prior.is_empty() { 0 } else { prior_reads };
    let total = reads + prior_reads + counts.total();
    format!(
        "call plan: {} made{prior}, {} to make ({}): {} in all, at least {} under {}",
        plural(reads as usize, "read call", "read calls"),
        plural(counts.total() as usize, "write call", "write calls"),
        counts.describe(),
        plural(total as usize, "API call", "API calls"),
        human_duration(minimum_span(total, settings.windows())),
        settings.rate_limit()
    )
}

/// The call plan goes under the table, or to standard error beside a machine-read format.
pub fn add_call_plan(report: &mut Report, line: String, settings: &Settings, printer: &Printer) {
    if settings.output() == Format::Table {
        report.notes.push(line);
    } else {
        printer.note(line);
    }
}
