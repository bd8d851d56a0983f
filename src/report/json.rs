//! `--output json`: `{"summary":{…},"results":[…]}`, written row by row.
//!
//! A row's shape is fixed, so it is written by hand: serde would escape-check every key and
//! every constant (action, status, the machine's hex ID), which was the largest cost of a
//! million-row dry run. Only text that can hold anything goes through the escaper.

use std::io::{self, Write};

use super::{Exporter, Report, Row};
use crate::model::RefText;
use crate::ui::text::json_string as string;

pub struct Json;

impl Exporter for Json {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        // Small writes go to a buffer of a known type, inlined, not each through `dyn Write`.
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        out.write_all(b"{\"summary\":")?;
        crate::ui::json::to_writer(&mut out, &report.summary)?;
        out.write_all(b",\"results\":[")?;
        for (i, row) in report.rows().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            row.write_json(&mut out)?;
        }
        out.write_all(b"]}\n")?;
        out.flush()
    }
}

impl Row<'_> {
    /// `{"machine","name","action","value","status","http_status","attempts","error"}`, compact.
    pub fn write_json<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let o = &self.outcome;
        out.write_all(b"{\"machine\":")?;
        match self.machine() {
            RefText::Hex(hex) => known(out, &hex)?,
            RefText::Name(name) => string(out, name)?,
        }
        out.write_all(b",\"name\":")?;
        match self.name {
            Some(name) => string(out, name)?,
            None => out.write_all(b"null")?,
        }
        out.write_all(b",\"action\":")?;
        known(out, self.action().as_bytes())?;
        out.write_all(b",\"value\":")?;
        string(out, self.value())?;
        out.write_all(b",\"status\":")?;
        known(out, o.status.as_str().as_bytes())?;
        let mut digits = itoa::Buffer::new();
        out.write_all(b",\"http_status\":")?;
        match o.http_status {
            Some(code) => out.write_all(digits.format(code).as_bytes())?,
            None => out.write_all(b"null")?,
        }
        out.write_all(b",\"attempts\":")?;
        out.write_all(digits.format(o.attempts).as_bytes())?;
        match &o.error {
            Some(e) => {
                out.write_all(b",\"error\":{\"code\":")?;
                string(out, e.code.as_str())?;
                out.write_all(b",\"message\":")?;
                string(out, &e.message)?;
                out.write_all(b"}")?;
            }
            None => out.write_all(b",\"error\":null")?,
        }
        if let Some(t) = self.tenant {
            out.write_all(b",\"tenant\":")?;
            string(out, &t.id)?;
            out.write_all(b",\"tenant_name\":")?;
            match &t.name {
                Some(name) => string(out, name)?,
                None => out.write_all(b"null")?,
            }
        }
        out.write_all(b"}")
    }
}

/// A JSON string of text known to need no escaping (hexadecimal, action and status names).
fn known<W: Write>(out: &mut W, text: &[u8]) -> io::Result<()> {
    debug_assert!(text.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-'));
    out.write_all(b"\"")?;
    out.write_all(text)?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use crate::ui::text::json_string as string;

    #[test]
    fn strings_are_written_as_the_safe_serde_json_writer_writes_them() {
        for text in [
            "",
            "plain",
            "Zürich 🦀",
            "quote \" and backslash \\",
            "tab\tnew\nline\r",
            "\u{1b}[31m",
            "\u{7f}\u{2028}",
            "'=HYPERLINK(\"x\")",
        ] {
            let mut out = Vec::new();
            string(&mut out, text).unwrap();
            let mut safe = Vec::new();
            crate::ui::json::to_writer(&mut safe, text).unwrap();
            assert_eq!(
                String::from_utf8(out.clone()).unwrap(),
                String::from_utf8(safe).unwrap()
            );
            assert_eq!(serde_json::from_slice::<String>(&out).unwrap(), text);
        }
    }
}
