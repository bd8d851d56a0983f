//! Rows written as operations settle (`--output csv` and `jsonl`), so a redirect fills while a
//! long run goes on and a killed run leaves every row it finished.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Mutex;

use std::collections::{HashMap, HashSet};

use super::{Format, Row, Summary};
use crate::model::{MachineId, MachineRef, Outcome};
use crate::pipeline::Observer;
use crate::plan::Plan;

pub struct Stream<'p> {
    plan: &'p Plan,
    out: Mutex<Out>,
    /// Settled rows of machines known only by ID, whose name only an answer will give (a
    /// repeat of an operation still to send): written once that machine's first answer is,
    /// with its name, or at the end.
    held: Mutex<HashMap<MachineId, Vec<Outcome>>>,
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
                let _ = super::csv::write_record(&mut w, super::csv::HEADER);
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
        Some(stream)
    }

    fn rows(&self, outcomes: &[Outcome]) {
        let mut out = self.out.lock().expect("stream");
        if out.closed {
            return;
        }
        let mut held = self.held.lock().expect("stream");
        let written = (|| -> io::Result<()> {
            for o in outcomes {
                self.write(&mut out.writer, o, None)?;
                let answered = self.plan.ops[o.index].op.machine.id();
                if let Some(waiting) = answered.and_then(|id| held.remove(&id)) {
                    for w in &waiting {
                        self.write(&mut out.writer, w, o.name.as_deref())?;
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

    /// One row; `name` is what an answer for the same machine said, if the row has none.
    fn write(&self, writer: &mut Writer, o: &Outcome, name: Option<&str>) -> io::Result<()> {
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
            tenant: None,
        };
        match writer {
            Writer::Csv(w) => super::csv::write_row(w, &row),
            Writer::Jsonl(w) => {
                row.write_json(w)?;
                w.write_all(b"\n")
            }
        }
    }

    /// The end: rows still held (their machine's answer never came), the summary line (jsonl),
    /// everything flushed.
    pub fn finish(&self, summary: &Summary) -> io::Result<()> {
        let rest: Vec<Outcome> = {
            let mut held = self.held.lock().expect("stream");
            let mut rest: Vec<Outcome> = held.drain().flat_map(|(_, v)| v).collect();
            rest.sort_by_key(|o| o.index);
            rest
        };
        self.rows(&rest);
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
