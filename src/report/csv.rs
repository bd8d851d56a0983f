//! `--output csv`: one row per operation, for spreadsheets and scripts.

use std::io::{self, Write};

use super::{Exporter, Report, Row};
use crate::model::RefText;
use crate::ui::text::{csv_cell, csv_text};

pub struct Csv;

/// The header of a run over many tenants: `HEADER`, then the tenant's ID and name.
pub const TENANT_HEADER: [&str; 11] = [
    "machine",
    "action",
    "value",
    "status",
    "http_status",
    "attempts",
    "error_code",
    "error_message",
    "name",
    "tenant",
    "tenant_name",
];

/// The results' header.
pub const HEADER: &[&str] = TENANT_HEADER.split_at(9).0;

impl Exporter for Csv {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        write_record(&mut out, HEADER)?;
        for row in report.rows() {
            write_row(&mut out, &row)?;
        }
        out.flush()
    }
}

/// One row; every cell that could start a spreadsheet formula is escaped (`ui::text::csv_cell`).
/// Nothing is allocated for a row with no HTTP status, error or escape (a dry run's million).
pub fn write_row<W: Write>(out: &mut W, row: &Row) -> io::Result<()> {
    let o = &row.outcome;
    let machine = row.machine();
    let mut http = itoa::Buffer::new();
    let mut attempts = itoa::Buffer::new();
    let texts = [
        csv_cell(row.action()),
        csv_cell(row.value()),
        csv_cell(o.status.as_str()),
        csv_cell(o.http_status.map_or("", |h| http.format(h))),
        csv_cell(attempts.format(o.attempts)),
        csv_text(o.error.as_ref().map_or("", |e| e.code.as_str())),
        csv_text(o.error.as_ref().map_or("", |e| e.message.as_str())),
        csv_text(row.name.unwrap_or("")),
    ];
    let name_cell;
    let first: &[u8] = match &machine {
        // Hexadecimal: nothing to escape or quote, and no need to make it a `str` first.
        RefText::Hex(hex) => hex,
        RefText::Name(name) => {
            name_cell = csv_text(name);
            name_cell.as_bytes()
        }
    };
    let mut cells: [&[u8]; 11] = [first; 11];
    for (cell, text) in cells[1..].iter_mut().zip(&texts) {
        *cell = text.as_bytes();
    }
    // A run over many tenants: `tenant,tenant_name` after `name`.
    let tenant_cells;
    let used = match row.tenant {
        None => 9,
        Some(t) => {
            tenant_cells = [csv_text(&t.id), csv_text(t.name.as_deref().unwrap_or(""))];
            cells[9] = tenant_cells[0].as_bytes();
            cells[10] = tenant_cells[1].as_bytes();
            11
        }
    };
    write_record(out, &cells[..used])
}

/// One record as the csv crate writes it (RFC 4180, `QuoteStyle::Necessary`, `\n` after each
/// record): a field is quoted only when it holds a comma, a quote or a line break, and quotes
/// in it are doubled. By hand, because the crate's per-field machinery was the slowest part
/// of a million-row CSV; a property test holds this to the crate.
pub fn write_record<W: Write>(out: &mut W, cells: &[impl AsRef<[u8]>]) -> io::Result<()> {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let bytes = cell.as_ref();
        if !bytes
            .iter()
            .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            out.write_all(bytes)?;
            continue;
        }
        out.write_all(b"\"")?;
        for (k, part) in bytes.split(|&b| b == b'"').enumerate() {
            if k > 0 {
                out.write_all(b"\"\"")?;
            }
            out.write_all(part)?;
        }
        out.write_all(b"\"")?;
    }
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]
        /// Records of two or more fields (every record mdetag writes has nine): the bytes the
        /// csv crate writes.
        #[test]
        fn records_are_written_as_the_csv_crate_writes_them(
            cells in proptest::collection::vec("[a-z ,\"\r\n=+'\\#;\t\u{e9}\u{1f980}]{0,6}", 2..10)
        ) {
            let mut ours = Vec::new();
            super::write_record(&mut ours, &cells).unwrap();
            let mut theirs = csv::Writer::from_writer(Vec::new());
            theirs.write_record(&cells).unwrap();
            let theirs = theirs.into_inner().unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }
}
