//! Outcomes → the result on standard output (table, JSON or CSV) and the exit status.
//! Every planned operation appears exactly once, in input order.

use std::io::{self, Write};
use std::time::Duration;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::cli::OutputFormat;
use crate::pipeline::{ErrorInfo, Outcome, Status};
use crate::plan::{Plan, PlannedOp};

#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub total: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub skipped: u64,
    pub planned: u64,
    pub api_calls: u64,
    pub elapsed_ms: u64,
}

pub struct Report<'a> {
    plan: &'a Plan,
    /// By plan index, for the operations that were run (empty for a dry run).
    run: Vec<Option<Outcome>>,
    dry_run: bool,
    pub summary: Summary,
    /// Extra lines for the table's footer (the dry run's call plan).
    pub notes: Vec<String>,
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
    ) -> Report<'a> {
        let mut by_index: Vec<Option<Outcome>> = Vec::new();
        if !run.is_empty() {
            by_index.resize(plan.ops.len(), None);
            for o in run {
                let i = o.index;
                by_index[i] = Some(o);
            }
        }
        let mut report = Report {
            plan,
            run: by_index,
            dry_run,
            summary: Summary::default(),
            notes: Vec::new(),
        };
        let mut summary = Summary {
            total: plan.ops.len() as u64,
            api_calls,
            elapsed_ms: elapsed.as_millis() as u64,
            ..Summary::default()
        };
        for index in 0..plan.ops.len() {
            match report.status_of(index) {
                Status::Succeeded => summary.succeeded += 1,
                Status::Failed => summary.failed += 1,
                Status::Skipped => summary.skipped += 1,
                Status::Planned => summary.planned += 1,
            }
        }
        report.summary = summary;
        report
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
            Some(settled) => Outcome {
                index,
                status: settled.status,
                http_status: None,
                attempts: 0,
                error: Some(settled.error.clone()),
            },
            None if self.dry_run => Outcome {
                index,
                status: Status::Planned,
                http_status: None,
                attempts: 0,
                error: None,
            },
            // Not reached: the executor reports every call it is given. Kept so that a bug can
            // never drop an operation silently.
            None => Outcome {
                index,
                status: Status::Failed,
                http_status: None,
                attempts: 0,
                error: Some(ErrorInfo {
                    code: "internal".into(),
                    message: "no outcome was recorded".into(),
                }),
            },
        }
    }

    /// 0 when nothing failed, 3 when something did (SPEC.md exit codes); 130 is the caller's.
    pub fn exit_code(&self) -> u8 {
        if self.summary.failed > 0 { 3 } else { 0 }
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.plan.ops.len()).map(|i| Row {
            planned: &self.plan.ops[i],
            outcome: self.outcome(i),
        })
    }

    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            OutputFormat::Table => self.write_table(out),
            OutputFormat::Json => self.write_json(out),
            OutputFormat::Csv => self.write_csv(out),
        }
    }

    pub fn summary_line(&self) -> String {
        let s = &self.summary;
        let secs = s.elapsed_ms as f64 / 1000.0;
        if self.dry_run {
            format!(
                "{} operations: {} planned, {} failed, {} skipped · {} read calls · dry run: no write sent",
                s.total, s.planned, s.failed, s.skipped, s.api_calls
            )
        } else {
            format!(
                "{} operations: {} succeeded, {} failed, {} skipped · {} API calls · {secs:.1} s",
                s.total, s.succeeded, s.failed, s.skipped, s.api_calls
            )
        }
    }

    fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_header(["Machine", "Action", "Value", "Status", "HTTP", "Detail"]);
        if crate::printer::stdout_is_terminal() {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        for row in self.rows() {
            table.add_row([
                row.planned.op.machine.to_string(),
                row.planned.op.action.as_str().to_string(),
                row.planned.op.value.to_string(),
                row.outcome.status.as_str().to_string(),
                row.outcome
                    .http_status
                    .map(|h| h.to_string())
                    .unwrap_or_default(),
                row.outcome
                    .error
                    .as_ref()
                    .map(|e| format!("{}: {}", e.code, e.message))
                    .unwrap_or_default(),
            ]);
        }
        if !self.plan.ops.is_empty() {
            writeln!(out, "{table}")?;
        }
        for note in &self.notes {
            writeln!(out, "{note}")?;
        }
        writeln!(out, "{}", self.summary_line())
    }

    fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Doc<'r> {
            summary: &'r Summary,
            results: Results<'r>,
        }
        struct Results<'r>(&'r Report<'r>);
        impl Serialize for Results<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.rows())
            }
        }
        serde_json::to_writer(
            &mut *out,
            &Doc {
                summary: &self.summary,
                results: Results(self),
            },
        )?;
        writeln!(out)
    }

    fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "machine",
            "action",
            "value",
            "status",
            "http_status",
            "attempts",
            "error_code",
            "error_message",
        ])?;
        for row in self.rows() {
            let o = &row.outcome;
            w.write_record([
                row.planned.op.machine.to_string().as_str(),
                row.planned.op.action.as_str(),
                &row.planned.op.value,
                o.status.as_str(),
                &o.http_status.map(|h| h.to_string()).unwrap_or_default(),
                &o.attempts.to_string(),
                o.error.as_ref().map_or("", |e| e.code.as_str()),
                o.error.as_ref().map_or("", |e| e.message.as_str()),
            ])?;
        }
        w.flush()
    }
}

struct Row<'r> {
    planned: &'r PlannedOp,
    outcome: Outcome,
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Result", 7)?;
        st.serialize_field("machine", &self.planned.op.machine.to_string())?;
        st.serialize_field("action", self.planned.op.action.as_str())?;
        st.serialize_field("value", &*self.planned.op.value)?;
        st.serialize_field("status", &self.outcome.status)?;
        st.serialize_field("http_status", &self.outcome.http_status)?;
        st.serialize_field("attempts", &self.outcome.attempts)?;
        st.serialize_field("error", &self.outcome.error)?;
        st.end()
    }
}

/// `machines list`: id, name, tags, device value, health, last seen. The CSV's `MachineId`
/// column is one apply-csv reads, so a listing can be edited into a change file.
pub fn write_machines(
    machines: &[&crate::api::model::Machine],
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match format {
        OutputFormat::Table => {
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED).set_header([
                "Machine",
                "Name",
                "Tags",
                "Value",
                "Health",
                "Last seen",
            ]);
            if crate::printer::stdout_is_terminal() {
                table.set_content_arrangement(ContentArrangement::Dynamic);
            }
            for m in machines {
                table.add_row([
                    m.id.clone(),
                    opt(&m.computer_dns_name),
                    m.machine_tags.join(", "),
                    opt(&m.device_value),
                    opt(&m.health_status),
                    opt(&m.last_seen),
                ]);
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{} machines", machines.len())
        }
        OutputFormat::Json => {
            let list: Vec<serde_json::Value> = machines
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id, "computerDnsName": m.computer_dns_name, "machineTags": m.machine_tags,
                        "deviceValue": m.device_value, "healthStatus": m.health_status, "lastSeen": m.last_seen,
                    })
                })
                .collect();
            serde_json::to_writer(&mut *out, &list)?;
            writeln!(out)
        }
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "MachineId",
                "ComputerDnsName",
                "MachineTags",
                "DeviceValue",
                "HealthStatus",
                "LastSeen",
            ])?;
            for m in machines {
                w.write_record([
                    m.id.as_str(),
                    &opt(&m.computer_dns_name),
                    &m.machine_tags.join(";"),
                    &opt(&m.device_value),
                    &opt(&m.health_status),
                    &opt(&m.last_seen),
                ])?;
            }
            w.flush()
        }
    }
}
