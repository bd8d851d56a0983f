//! `--output json`: `{"summary":{…},"results":[…]}`, streamed row by row.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::SerializeStruct;

use super::{Exporter, Report, Row, Summary};

pub struct Json;

impl Exporter for Json {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
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
                summary: &report.summary,
                results: Results(report),
            },
        )?;
        writeln!(out)
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Error<'e> {
            code: &'e str,
            message: &'e str,
        }
        let o = &self.outcome;
        let mut st = s.serialize_struct("Result", 8)?;
        st.serialize_field("machine", &self.machine())?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("action", self.action())?;
        st.serialize_field("value", self.value())?;
        st.serialize_field("status", o.status.as_str())?;
        st.serialize_field("http_status", &o.http_status)?;
        st.serialize_field("attempts", &o.attempts)?;
        st.serialize_field(
            "error",
            &o.error.as_ref().map(|e| Error {
                code: &e.code,
                message: &e.message,
            }),
        )?;
        st.end()
    }
}
