//! `--output jsonl`: one result object a line, then `{"summary":{…}}`. Whole here (dry runs,
//! `runs show`); a run streams the same lines as operations settle (`stream`).

use std::io::{self, Write};

use super::{Exporter, Report, Summary};

pub struct Jsonl;

impl Exporter for Jsonl {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        // As in `json`: small writes go to a buffer of a known type, not through `dyn Write`.
        let mut buffered = io::BufWriter::with_capacity(1 << 16, &mut *out);
        for row in report.rows() {
            row.write_json(&mut buffered)?;
            buffered.write_all(b"\n")?;
        }
        buffered.flush()?;
        drop(buffered);
        summary_line(&report.summary, out)
    }
}

pub fn summary_line(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    // Written around the summary, not through a `json!` map, so its keys keep their order
    // (the order of `--output json`'s summary).
    out.write_all(b"{\"summary\":")?;
    crate::ui::json::to_writer(&mut *out, summary)?;
    out.write_all(b"}\n")
}
