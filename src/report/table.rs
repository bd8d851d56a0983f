//! `--output table`: for people.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, presets};

use super::{Exporter, Report};

pub struct Table;

/// Past this many operations the table shows only the failed ones (at most this many).
pub const WHOLE: usize = 1000;

impl Exporter for Table {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut table = new_table(&[
            "Machine", "Name", "Action", "Value", "Status", "HTTP", "Detail",
        ]);
        let total = report.plan.ops.len();
        let only_failed = total > WHOLE;
        let (mut listed, mut failed) = (0usize, 0u64);
        for row in report.rows() {
            if only_failed {
                if row.outcome.status != crate::model::Status::Failed {
                    continue;
                }
                failed += 1;
                if listed == WHOLE {
                    continue;
                }
            }
            listed += 1;
            let o = &row.outcome;
            table.add_row(shown([
                row.machine().as_str().to_string(),
                row.name.unwrap_or("").to_string(),
                row.action().to_string(),
                row.value().to_string(),
                o.status.as_str().to_string(),
                o.http_status.map(|h| h.to_string()).unwrap_or_default(),
                o.error
                    .as_ref()
                    .map(|e| format!("{}: {}", e.code, e.message))
                    .unwrap_or_default(),
            ]));
        }
        if listed > 0 {
            writeln!(out, "{table}")?;
        }
        if only_failed {
            let runs_show = match &report.summary.run_id {
                Some(id) => format!("`mdetag runs show {id} --output csv`, or "),
                None => String::new(),
            };
            let listing = if failed == 0 {
                "none failed".to_string()
            } else {
                format!("the failed are listed ({listed} of {failed})")
            };
            writeln!(
                out,
                "{total} operations, over {WHOLE}: {listing}; every row: {runs_show}--output csv|json|jsonl"
            )?;
        }
        for note in &report.notes {
            writeln!(out, "{note}")?;
        }
        writeln!(out, "{}", report.summary_line())
    }
}

/// Cells as a terminal may show them: server text (tags, names, messages) has its control
/// characters escaped.
pub fn shown<const N: usize>(cells: [String; N]) -> [String; N] {
    cells.map(|c| crate::ui::text::display(&c).into_owned())
}

/// A table in mdetag's style, as wide as the terminal when there is one.
pub fn new_table(header: &[&str]) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(header);
    if crate::ui::stdout::is_terminal() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    }
    table
}
