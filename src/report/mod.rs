//! Outcomes → the result on standard output and the exit status. Every planned operation
//! appears exactly once, in input order; one exporter per format writes it.

mod csv;
pub mod inventory;
mod json;
mod jsonl;
pub mod machines;
mod stream;
mod table;

pub use table::new_table;

pub use stream::{Sink, Stream};

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::time::Duration;

use crate::exit::ExitStatus;
pub use crate::model::RunEnd;
use crate::model::{ErrorInfo, MachineId, MachineRef, Outcome, Reason, RefText, Status};
use crate::plan::{Plan, PlannedOp};
use crate::ui::text::plural;

/// The CSV header line (with `tenant,tenant_name` for a run over many tenants).
pub fn write_csv_header(out: &mut dyn Write, tenants: bool) -> io::Result<()> {
    match tenants {
        true => csv::write_record(&mut &mut *out, &csv::TENANT_HEADER),
        false => csv::write_record(&mut &mut *out, csv::HEADER),
    }
}

/// The line a tenant's block of a report over many tenants begins with.
pub fn tenant_heading(t: &crate::model::Tenant) -> String {
    match &t.name {
        Some(name) => format!("── tenant {} ({}) ──", crate::ui::text::display(name), t.id),
        None => format!("── tenant {} ──", t.id),
    }
}

/// A listing over many tenants as a table: a block per tenant (its heading, then what `block`
/// writes of what was read, or why it could not be), then a line of how many were read, ending
/// with `tail`.
pub fn tenant_blocks<T>(
    read: &[(crate::model::Tenant, Result<T, String>)],
    out: &mut dyn Write,
    mut block: impl FnMut(&T, &mut dyn Write) -> io::Result<()>,
    tail: &str,
) -> io::Result<()> {
    for (t, r) in read {
        writeln!(out, "{}", tenant_heading(t))?;
        match r {
            Ok(got) => block(got, out)?,
            Err(why) => writeln!(out, "could not be read: {}", crate::ui::text::display(why))?,
        }
    }
    let unread = read.iter().filter(|(_, r)| r.is_err()).count();
    let mut line = format!(
        "{}: {} read",
        plural(read.len(), "tenant", "tenants"),
        read.len() - unread
    );
    if unread > 0 {
        line.push_str(&format!(", {unread} could not be read"));
    }
    writeln!(out, "{line}{tail}")
}

/// JSONL's last line, `{"summary":{…}}`.
pub fn write_jsonl_summary(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    jsonl::summary_line(summary, out)
}

/// The result formats of SPEC.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Jsonl,
}

/// Writes a whole report in one format.
trait Exporter {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub total: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub skipped: u64,
    pub planned: u64,
    /// Of the skipped: not sent because a signal stopped the run.
    pub interrupted: u64,
    /// Of the skipped: not sent because the run stopped (API not answering, credential
    /// refused, journal not writable).
    pub aborted: u64,
    /// Of the failed: sent with no usable answer (`no-response`, `in-flight`): they may have
    /// been applied; `mdetag resume` checks them.
    pub uncertain: u64,
    pub api_calls: u64,
    pub elapsed_ms: u64,
    /// The run's ID in the journal; null when the run keeps none (a dry run, `--no-journal`).
    pub run_id: Option<String>,
    /// How the run ended.
    pub status: RunEnd,
    /// The hunting query that picked machines, if one did: its text, SHA-256, when it ran,
    /// rows returned and machines picked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<crate::model::QueryRun>,
    /// A run over many tenants: a block per tenant (its ID, name, whether it ran, why not,
    /// and its own summary).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenants: Option<Vec<TenantBlock>>,
}

/// One tenant's block in the summary of a run over many.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TenantBlock {
    pub tenant: String,
    pub tenant_name: Option<String>,
    /// Whether its run ran (else `error` says why it could not).
    pub ran: bool,
    pub error: Option<String>,
    /// Its own summary, when it ran.
    pub summary: Option<Box<Summary>>,
}

pub struct Report<'a> {
    plan: &'a Plan,
    /// By plan index, for the operations that were run (empty for a dry run).
    run: Vec<Option<Outcome>>,
    dry_run: bool,
    pub summary: Summary,
    /// Extra lines for the table's footer (the dry run's call plan).
    pub notes: Vec<String>,
    /// Host names the API's answers gave, for rows of the same machines that were not sent
    /// (a duplicate, say): only for machines no other source names.
    answered_names: HashMap<MachineId, Box<str>>,
    /// The tenant of a run over many tenants: every row says it (`tenant`, `tenant_name`).
    tenant: Option<crate::model::Tenant>,
}

/// The names answers gave for machines that also have rows with no answer and no other name.
fn answered_names(plan: &Plan, run: &[Option<Outcome>]) -> HashMap<MachineId, Box<str>> {
    if run.is_empty() {
        return HashMap::new(); // a dry run: no answers
    }
    let unnamed = |i: usize| match &plan.ops[i].op.machine {
        MachineRef::Id(id) if !plan.names.contains_key(id) => Some(*id),
        _ => None,
    };
    let wanted: HashSet<MachineId> = (0..plan.ops.len())
        .filter(|&i| run.get(i).is_none_or(Option::is_none))
        .filter_map(unnamed)
        .collect();
    if wanted.is_empty() {
        return HashMap::new();
    }
    run.iter()
        .flatten()
        .filter_map(|o| Some((unnamed(o.index)?, o.name.as_ref()?)))
        .filter(|(id, _)| wanted.contains(id))
        .map(|(id, name)| (id, name.clone()))
        .collect()
}

/// One result row: the planned operation and how it ended.
struct Row<'r> {
    planned: &'r PlannedOp,
    outcome: Outcome,
    /// The host name, when known (the picker, a read, or the API's answer).
    name: Option<&'r str>,
    tenant: Option<&'r crate::model::Tenant>,
}

impl<'a> Report<'a> {
    /// `run` covers the operations that were sent; the plan's settled ones and (for a dry run)
    /// the rest are derived from the plan as rows are written, not copied.
    pub fn new(
        plan: &'a Plan,
        run: Vec<Outcome>,
        dry_run: bool,
        api_calls: u64,
        elapsed: Duration,
        run_id: Option<String>,
    ) -> Report<'a> {
        let mut by_index: Vec<Option<Outcome>> = Vec::new();
        if !run.is_empty() {
            by_index.resize(plan.ops.len(), None);
            for o in run {
                let i = o.index;
                by_index[i] = Some(o);
            }
        }
        let answered_names = answered_names(plan, &by_index);
        let mut report = Report {
            plan,
            run: by_index,
            dry_run,
            summary: Summary::default(),
            notes: Vec::new(),
            answered_names,
            tenant: None,
        };
        let mut summary = Summary {
            total: plan.ops.len() as u64,
            api_calls,
            elapsed_ms: elapsed.as_millis() as u64,
            run_id,
            ..Summary::default()
        };
        for index in 0..plan.ops.len() {
            match report.status_of(index) {
                Status::Succeeded => summary.succeeded += 1,
                Status::Failed => summary.failed += 1,
                Status::Skipped => summary.skipped += 1,
                Status::Planned => summary.planned += 1,
            }
            match report.reason_of(index) {
                Some(Reason::Interrupted) => summary.interrupted += 1,
                Some(Reason::Aborted) => summary.aborted += 1,
                Some(r) if r.uncertain() => summary.uncertain += 1,
                _ => {}
            }
        }
        // What the rows show; the caller that knows why the run stopped says so
        // (`with_status`).
        summary.status = if summary.interrupted > 0 {
            RunEnd::Interrupted
        } else if summary.aborted > 0 {
            RunEnd::Aborted
        } else {
            RunEnd::Finished
        };
        report.summary = summary;
        report
    }

    /// Every row says it is of this tenant (a part of a run over many).
    pub fn set_tenant(&mut self, tenant: crate::model::Tenant) {
        self.tenant = Some(tenant);
    }

    /// The report of a run that ended this way.
    pub fn with_status(mut self, status: RunEnd) -> Self {
        self.summary.status = status;
        self
    }

    /// mdetag's reason for operation `index`, if it has one.
    fn reason_of(&self, index: usize) -> Option<Reason> {
        match (
            self.run.get(index).and_then(Option::as_ref),
            &self.plan.ops[index].settled,
        ) {
            (Some(o), _) => o.reason(),
            (None, Some(settled)) => settled.error.code.reason(),
            (None, None) => None,
        }
    }

    fn status_of(&self, index: usize) -> Status {
        match (
            self.run.get(index).and_then(Option::as_ref),
            &self.plan.ops[index].settled,
        ) {
            (Some(o), _) => o.status,
            (None, Some(settled)) => settled.status,
            (None, None) if self.dry_run => Status::Planned,
            (None, None) => Status::Failed,
        }
    }

    /// The outcome of operation `index`.
    fn outcome(&self, index: usize) -> Outcome {
        if let Some(o) = self.run.get(index).and_then(Option::as_ref) {
            return o.clone();
        }
        match &self.plan.ops[index].settled {
            Some(settled) => Outcome::settled(index, 0, settled),
            None if self.dry_run => Outcome {
                index,
                status: Status::Planned,
                http_status: None,
                attempts: 0,
                error: None,
                name: None,
            },
            // Not reached: the executor reports every call it is given. Kept so that a bug can
            // never drop an operation silently.
            None => Outcome {
                index,
                status: Status::Failed,
                http_status: None,
                attempts: 0,
                error: Some(ErrorInfo::new(
                    crate::model::Reason::Internal,
                    "no outcome was recorded",
                )),
                name: None,
            },
        }
    }

    /// Exit 0 when nothing failed, 3 when something did; a signal's status is the caller's.
    pub fn exit_status(&self) -> ExitStatus {
        if self.summary.failed > 0 {
            ExitStatus::Failures
        } else {
            ExitStatus::Ok
        }
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.plan.ops.len()).map(|i| self.row(i))
    }

    fn row(&self, i: usize) -> Row<'_> {
        let planned = &self.plan.ops[i];
        let answered = self
            .run
            .get(i)
            .and_then(Option::as_ref)
            .and_then(|o| o.name.as_deref());
        let machine = &planned.op.machine;
        let name = answered
            .or_else(|| self.plan.known_name(machine))
            .or_else(|| {
                let id = machine.id()?;
                self.answered_names.get(&id).map(|n| &**n)
            });
        Row {
            planned,
            outcome: self.outcome(i),
            name,
            tenant: self.tenant.as_ref(),
        }
    }

    /// Total, succeeded, failed, skipped.
    pub fn counts(&self) -> (u64, u64, u64, u64) {
        let s = &self.summary;
        (s.total, s.succeeded, s.failed, s.skipped)
    }

    pub fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
        let exporter: &dyn Exporter = match format {
            Format::Table => &table::Table,
            Format::Json => &json::Json,
            Format::Csv => &csv::Csv,
            Format::Jsonl => &jsonl::Jsonl,
        };
        exporter.write(self, out)
    }

    /// One tenant's part of a run over many, in `format`: its rows only (JSON: each after a
    /// comma unless `*first`), or (table) its whole table and summary line.
    pub fn write_part(
        &self,
        format: Format,
        first: &mut bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        match format {
            Format::Table => table::Table.write(self, &mut out)?,
            Format::Json => {
                for row in self.rows() {
                    if !std::mem::take(first) {
                        out.write_all(b",")?;
                    }
                    row.write_json(&mut out)?;
                }
            }
            Format::Jsonl => {
                for row in self.rows() {
                    row.write_json(&mut out)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Csv => {
                for row in self.rows() {
                    csv::write_row(&mut out, &row)?;
                }
            }
        }
        out.flush()
    }

    pub fn summary_line(&self) -> String {
        let s = &self.summary;
        let secs = s.elapsed_ms as f64 / 1000.0;
        let total = plural(s.total as usize, "operation", "operations");
        if self.dry_run {
            format!(
                "{total}: {} planned, {} failed, {} skipped · {} · dry run: no write sent",
                s.planned,
                s.failed,
                s.skipped,
                plural(s.api_calls as usize, "read call", "read calls")
            )
        } else {
            let mut line = format!(
                "{total}: {} succeeded, {} failed, {} skipped · {} · {secs:.1} s",
                s.succeeded,
                s.failed,
                s.skipped,
                plural(s.api_calls as usize, "API call", "API calls")
            );
            let not_sent = s.interrupted + s.aborted;
            if s.status != RunEnd::Finished || not_sent > 0 || s.uncertain > 0 {
                line.push_str(&format!(" · {}", s.status.as_str()));
                if not_sent > 0 {
                    line.push_str(&format!(", {not_sent} not sent"));
                }
                if s.uncertain > 0 {
                    line.push_str(&format!(
                        ", {} sent with no answer (`mdetag resume` checks them)",
                        s.uncertain
                    ));
                }
            }
            line
        }
    }
}

impl Row<'_> {
    fn machine(&self) -> RefText<'_> {
        self.planned.op.machine.text()
    }

    fn action(&self) -> &'static str {
        self.planned.op.change.action().as_str()
    }

    fn value(&self) -> &str {
        self.planned.op.change.value()
    }
}
