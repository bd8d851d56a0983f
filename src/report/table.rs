//! `--output table`: for people.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, presets};

use super::{Exporter, Report};

pub struct Table;

impl Exporter for Table {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut table = new_table(&["Machine", "Action", "Value", "Status", "HTTP", "Detail"]);
        for row in report.rows() {
            let o = &row.outcome;
            table.add_row(shown([
                row.machine(),
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
        if !report.plan.ops.is_empty() {
            writeln!(out, "{table}")?;
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
