//! `--output csv`: one row per operation, for spreadsheets and scripts.

use std::io::{self, Write};

use super::{Exporter, Report, Row};
use crate::ui::text::csv_cell;

pub struct Csv;

pub const HEADER: [&str; 9] = [
    "machine",
    "action",
    "value",
    "status",
    "http_status",
    "attempts",
    "error_code",
    "error_message",
    "name",
];

impl Exporter for Csv {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(HEADER)?;
        for row in report.rows() {
            write_row(&mut w, &row)?;
        }
        w.flush()
    }
}

/// One row; every cell that could start a spreadsheet formula is escaped (`ui::text::csv_cell`).
pub fn write_row<W: Write>(w: &mut csv::Writer<W>, row: &Row) -> io::Result<()> {
    let o = &row.outcome;
    let machine = row.machine();
    let cells = [
        machine.as_str(),
        row.action(),
        row.value(),
        o.status.as_str(),
        &o.http_status.map(|h| h.to_string()).unwrap_or_default(),
        &o.attempts.to_string(),
        o.error.as_ref().map_or("", |e| e.code.as_str()),
        o.error.as_ref().map_or("", |e| e.message.as_str()),
        row.name.unwrap_or(""),
    ];
    w.write_record(cells.iter().map(|c| csv_cell(c).into_owned()))?;
    Ok(())
}
