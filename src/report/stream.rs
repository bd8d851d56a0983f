//! Rows written as operations settle (`--output csv` and `jsonl`), so a redirect fills while a
//! long run goes on and a killed run leaves every row it finished.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Mutex;

use super::{Format, Row, Summary};
use crate::model::Outcome;
use crate::pipeline::Observer;
use crate::plan::Plan;

pub struct Stream<'p> {
    plan: &'p Plan,
    out: Mutex<Out>,
}

enum Writer {
    Csv(BufWriter<Stdout>),
    Jsonl(BufWriter<Stdout>),
}

struct Out {
    writer: Writer,
    /// Standard output failed: nothing more is written; a closed pipe (`| head`) is no error.
    closed: bool,
    error: Option<io::Error>,
}

impl<'p> Stream<'p> {
    /// A stream for a streaming format (else `None`), with the rows already known: the plan's
    /// settled operations and `previous` outcomes (a resumed run's).
    pub fn start(plan: &'p Plan, format: Format, previous: &[Outcome]) -> Option<Stream<'p>> {
        let stdout = BufWriter::with_capacity(1 << 16, io::stdout());
        let writer = match format {
            Format::Csv => {
                let mut w = stdout;
                let _ = super::csv::write_record(&mut w, &super::csv::HEADER);
                Writer::Csv(w)
            }
            Format::Jsonl => Writer::Jsonl(stdout),
            Format::Table | Format::Json => return None,
        };
        let stream = Stream {
            plan,
            out: Mutex::new(Out {
                writer,
                closed: false,
                error: None,
            }),
        };
        // What a resumed run settled before is written below, not again here.
        let mut before = vec![false; plan.ops.len()];
        for p in previous {
            if let Some(b) = before.get_mut(p.index) {
                *b = true;
            }
        }
        let settled: Vec<Outcome> = plan
            .ops
            .iter()
            .enumerate()
            .filter(|&(i, _)| !before[i])
            .filter_map(|(i, p)| p.settled.as_ref().map(|s| Outcome::settled(i, 0, s)))
            .collect();
        stream.rows(&settled);
        stream.rows(previous);
        Some(stream)
    }

    fn rows(&self, outcomes: &[Outcome]) {
        let mut out = self.out.lock().expect("stream");
        if out.closed {
            return;
        }
        let written = (|| -> io::Result<()> {
            for o in outcomes {
                let planned = &self.plan.ops[o.index];
                let name = o.name.as_deref().or_else(|| match &planned.op.machine {
                    crate::model::MachineRef::Name(n) => Some(&**n),
                    crate::model::MachineRef::Id(id) => self.plan.names.get(id).map(|n| &**n),
                });
                let row = Row {
                    planned,
                    outcome: o.clone(),
                    name,
                };
                match &mut out.writer {
                    Writer::Csv(w) => super::csv::write_row(w, &row)?,
                    Writer::Jsonl(w) => {
                        row.write_json(w)?;
                        w.write_all(b"\n")?;
                    }
                }
            }
            match &mut out.writer {
                Writer::Csv(w) => w.flush(),
                Writer::Jsonl(w) => w.flush(),
            }
        })();
        if let Err(e) = written {
            out.closed = true;
            if e.kind() != io::ErrorKind::BrokenPipe {
                out.error = Some(e);
            }
        }
    }

    /// The end: the summary line (jsonl), everything flushed.
    pub fn finish(&self, summary: &Summary) -> io::Result<()> {
        let mut out = self.out.lock().expect("stream");
        if let Some(e) = out.error.take() {
            return Err(e);
        }
        if out.closed {
            return Ok(());
        }
        let result = match &mut out.writer {
            Writer::Csv(w) => w.flush(),
            Writer::Jsonl(w) => super::jsonl::summary_line(summary, w).and_then(|()| w.flush()),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

impl Observer for Stream<'_> {
    fn settled(&self, outcomes: &[Outcome]) {
        self.rows(outcomes);
    }
}
