//! Rows written as operations settle (`--output csv` and `jsonl`), so a redirect fills while a
//! long run goes on and a killed run leaves every row it finished.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::{Arc, Mutex};

use std::collections::{HashMap, HashSet};

use super::{Format, Row, Summary};
use crate::model::{MachineId, MachineRef, Outcome, Tenant};
use crate::pipeline::Observer;
use crate::plan::Plan;

pub struct Stream<'p> {
    plan: &'p Plan,
    sink: Arc<Sink>,
    /// The stream has standard output to itself, and ends it (a run over many tenants shares
    /// it: its tenants' streams write rows, the run writes the rest).
    own: bool,
    /// The tenant every row is of, in a run over many.
    tenant: Option<Tenant>,
    /// Settled rows of machines known only by ID, whose name only an answer will give (a
    /// repeat of an operation still to send): written once that machine's first answer is,
    /// with its name, or at the end.
    held: Mutex<HashMap<MachineId, Vec<Outcome>>>,
}

/// Standard output in a streaming format, shared by every stream of a run.
pub struct Sink {
    out: Mutex<Out>,
}

struct Out {
    format: Format,
    writer: BufWriter<Stdout>,
    /// The CSV header is still to write (it goes before the first row, or at the end).
    header: Option<bool>,
    /// Standard output failed: nothing more is written; a closed pipe (`| head`) is no error.
    closed: bool,
    error: Option<io::Error>,
}

impl Sink {
    /// Standard output for `format` when it streams (else `None`); `tenants`: rows carry
    /// their tenant (the CSV header names the two columns).
    pub fn new(format: Format, tenants: bool) -> Option<Arc<Sink>> {
        let header = match format {
            Format::Csv => Some(tenants),
            Format::Jsonl => None,
            Format::Table | Format::Json => return None,
        };
        Some(Arc::new(Sink {
            out: Mutex::new(Out {
                format,
                writer: BufWriter::with_capacity(1 << 16, io::stdout()),
                header,
                closed: false,
                error: None,
            }),
        }))
    }

    /// Writes what `write` writes (after the CSV header, the first time), and flushes it.
    pub fn write_with(&self, write: impl FnOnce(Format, &mut BufWriter<Stdout>) -> io::Result<()>) {
        let mut out = self.out.lock().expect("sink");
        let out = &mut *out;
        if out.closed {
            return;
        }
        let written = (|| -> io::Result<()> {
            if let Some(tenants) = out.header.take() {
                super::write_csv_header(&mut out.writer, tenants)?;
            }
            write(out.format, &mut out.writer)?;
            out.writer.flush()
        })();
        if let Err(e) = written {
            out.closed = true;
            if e.kind() != io::ErrorKind::BrokenPipe {
                out.error = Some(e);
            }
        }
    }

    /// The end: the CSV header if no row came, the summary line (jsonl), everything flushed;
    /// the first error writing, if any (a closed pipe is none).
    pub fn finish(&self, summary: &Summary) -> io::Result<()> {
        self.write_with(|format, w| match format {
            Format::Jsonl => super::jsonl::summary_line(summary, w),
            _ => Ok(()),
        });
        let mut out = self.out.lock().expect("sink");
        match out.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl<'p> Stream<'p> {
    /// A stream for a streaming format (else `None`), with the rows already known: the plan's
    /// settled operations and `previous` outcomes (a resumed run's).
    pub fn start(plan: &'p Plan, format: Format, previous: &[Outcome]) -> Option<Stream<'p>> {
        let sink = Sink::new(format, false)?;
        Some(Self::begin(plan, sink, true, None, previous))
    }

    /// One tenant's stream of a run over many, into the run's `sink`: every row says `tenant`.
    pub fn start_in(
        plan: &'p Plan,
        sink: Arc<Sink>,
        tenant: Tenant,
        previous: &[Outcome],
    ) -> Stream<'p> {
        Self::begin(plan, sink, false, Some(tenant), previous)
    }

    fn begin(
        plan: &'p Plan,
        sink: Arc<Sink>,
        own: bool,
        tenant: Option<Tenant>,
        previous: &[Outcome],
    ) -> Stream<'p> {
        let stream = Stream {
            plan,
            sink,
            own,
            tenant,
            held: Mutex::new(HashMap::new()),
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
        // Machines known only by ID whose name an operation still to send will learn: their
        // settled rows wait for it (usually a few repeats; nothing is built when there are none).
        let unnamed: HashSet<MachineId> = settled
            .iter()
            .filter_map(|o| plan.ops[o.index].op.machine.id())
            .filter(|id| !plan.names.contains_key(id))
            .collect();
        let to_send: HashSet<MachineId> = if unnamed.is_empty() {
            HashSet::new()
        } else {
            plan.ops
                .iter()
                .enumerate()
                .filter(|&(i, p)| p.settled.is_none() && !before[i])
                .filter_map(|(_, p)| p.op.machine.id())
                .filter(|id| unnamed.contains(id))
                .collect()
        };
        let (now, later): (Vec<Outcome>, Vec<Outcome>) =
            settled
                .into_iter()
                .partition(|o| match &plan.ops[o.index].op.machine {
                    MachineRef::Id(id) => !to_send.contains(id),
                    MachineRef::Name(_) => true,
                });
        {
            let mut held = stream.held.lock().expect("stream");
            for o in later {
                let id = plan.ops[o.index]
                    .op
                    .machine
                    .id()
                    .expect("held rows are by ID");
                held.entry(id).or_default().push(o);
            }
        }
        stream.rows(&now);
        stream.rows(previous);
        stream
    }

    fn rows(&self, outcomes: &[Outcome]) {
        if outcomes.is_empty() {
            return;
        }
        let mut held = self.held.lock().expect("stream");
        self.sink.write_with(|format, w| {
            for o in outcomes {
                self.write(format, w, o, None)?;
                let answered = self.plan.ops[o.index].op.machine.id();
                if let Some(waiting) = answered.and_then(|id| held.remove(&id)) {
                    for later in &waiting {
                        self.write(format, w, later, o.name.as_deref())?;
                    }
                }
            }
            Ok(())
        });
    }

    /// One row; `name` is what an answer for the same machine said, if the row has none.
    fn write(
        &self,
        format: Format,
        w: &mut BufWriter<Stdout>,
        o: &Outcome,
        name: Option<&str>,
    ) -> io::Result<()> {
        let planned = &self.plan.ops[o.index];
        let name = o
            .name
            .as_deref()
            .or_else(|| self.plan.known_name(&planned.op.machine))
            .or(name);
        let row = Row {
            planned,
            outcome: o.clone(),
            name,
            tenant: self.tenant.as_ref(),
        };
        match format {
            Format::Csv => super::csv::write_row(w, &row),
            _ => {
                row.write_json(w)?;
                w.write_all(b"\n")
            }
        }
    }

    /// The end: rows still held (their machine's answer never came); then, when the stream
    /// has standard output to itself, the summary line (jsonl), everything flushed.
    pub fn finish(&self, summary: &Summary) -> io::Result<()> {
        let rest: Vec<Outcome> = {
            let mut held = self.held.lock().expect("stream");
            let mut rest: Vec<Outcome> = held.drain().flat_map(|(_, v)| v).collect();
            rest.sort_by_key(|o| o.index);
            rest
        };
        self.rows(&rest);
        match self.own {
            true => self.sink.finish(summary),
            false => Ok(()),
        }
    }
}

impl Observer for Stream<'_> {
    fn settled(&self, outcomes: &[Outcome]) {
        self.rows(outcomes);
    }
}
