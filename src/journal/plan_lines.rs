//! The plan's `op` lines, formatted in chunks that any thread can take. The journal writes
//! the chunks in order, formatting the next one itself whenever it is not ready; the thread
//! that works out the calls meanwhile helps once it is done. A million operations are about
//! 100 MB of lines, and the first call waits for all of them to be on disk.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use crate::model::{Change, MachineRef, Origin};
use crate::plan::Plan;
use crate::ui::text::json_string;

/// Operations a chunk holds (about 1.5 MB of lines).
const OPS_PER_CHUNK: usize = 16_384;

pub struct PlanLines<'p> {
    plan: &'p Plan,
    ops_per_chunk: usize,
    chunks: usize,
    /// The next chunk nobody has taken yet.
    next: AtomicUsize,
    /// Chunks formatted ahead of the writer, by number.
    ready: Mutex<BTreeMap<usize, io::Result<Vec<u8>>>>,
    arrived: Condvar,
}

impl<'p> PlanLines<'p> {
    pub fn new(plan: &'p Plan) -> PlanLines<'p> {
        PlanLines::chunked(plan, OPS_PER_CHUNK)
    }

    fn chunked(plan: &'p Plan, ops_per_chunk: usize) -> PlanLines<'p> {
        PlanLines {
            plan,
            ops_per_chunk,
            chunks: plan.ops.len().div_ceil(ops_per_chunk),
            next: AtomicUsize::new(0),
            ready: Mutex::new(BTreeMap::new()),
            arrived: Condvar::new(),
        }
    }

    /// Formats chunks for the writer until none is left untaken.
    pub fn help(&self) {
        while let Some(k) = self.take() {
            let lines = self.format(k);
            self.ready.lock().expect("plan lines").insert(k, lines);
            self.arrived.notify_all();
        }
    }

    /// Every chunk, in order, to `sink`.
    pub fn write_in_order(&self, mut sink: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        for k in 0..self.chunks {
            loop {
                if let Some(lines) = self.ready.lock().expect("plan lines").remove(&k) {
                    sink(&lines?)?;
                    break;
                }
                match self.take() {
                    Some(j) if j == k => {
                        sink(&self.format(j)?)?;
                        break;
                    }
                    Some(j) => {
                        let lines = self.format(j);
                        self.ready.lock().expect("plan lines").insert(j, lines);
                    }
                    // Chunk k is being formatted by a helper: wait for it.
                    None => {
                        let mut ready = self.ready.lock().expect("plan lines");
                        while !ready.contains_key(&k) {
                            ready = self.arrived.wait(ready).expect("plan lines");
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn take(&self) -> Option<usize> {
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        (k < self.chunks).then_some(k)
    }

    /// The lines of chunk `k`, each ending in a newline.
    fn format(&self, k: usize) -> io::Result<Vec<u8>> {
        let ops = &self.plan.ops;
        let start = k * self.ops_per_chunk;
        let end = (start + self.ops_per_chunk).min(ops.len());
        // A line names its file only when it differs from the last line that had one.
        let mut current = ops[..start]
            .iter()
            .rev()
            .find(|p| p.origin.line != 0)
            .map(|p| p.origin.source.clone());
        let mut out = Vec::with_capacity((end - start) * 100);
        for p in &ops[start..end] {
            let name = p.op.machine.id().and_then(|id| self.plan.names.get(&id));
            op_line(
                &mut out,
                &p.op.machine,
                name.map(|n| &**n),
                &p.op.change,
                &p.origin,
                &mut current,
            )?;
            out.push(b'\n');
        }
        Ok(out)
    }
}

/// `{"t":"op","m":…,"n":…,"a":…,"v":…,"s":…,"o":…}`, as `Record::Op` writes it.
fn op_line(
    line: &mut Vec<u8>,
    machine: &MachineRef,
    name: Option<&str>,
    change: &Change,
    origin: &Origin,
    current: &mut Option<Arc<str>>,
) -> io::Result<()> {
    line.extend_from_slice(b"{\"t\":\"op\",\"m\":");
    match machine {
        MachineRef::Id(id) => {
            line.push(b'"');
            line.extend_from_slice(&id.hex());
            line.push(b'"');
        }
        MachineRef::Name(n) => json_string(line, n)?,
    }
    if let Some(n) = name {
        line.extend_from_slice(b",\"n\":");
        json_string(line, n)?;
    }
    line.extend_from_slice(b",\"a\":\"");
    line.extend_from_slice(change.action().as_str().as_bytes());
    line.extend_from_slice(b"\",\"v\":");
    json_string(line, change.value())?;
    if origin.line == 0 {
        line.extend_from_slice(b",\"o\":");
        json_string(line, &origin.to_string())?;
    } else {
        let same = current
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, &origin.source) || **s == *origin.source);
        if !same {
            line.extend_from_slice(b",\"s\":");
            json_string(line, &origin.source)?;
            *current = Some(origin.source.clone());
        }
        line.extend_from_slice(b",\"o\":");
        line.write_all(itoa::Buffer::new().format(origin.line).as_bytes())?;
    }
    line.push(b'}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MachineId, Operation, TagAction};
    use crate::plan::PlanBuilder;

    /// Files and flags mixed, so that which line names its file depends on the lines before.
    fn plan(n: usize) -> Plan {
        let mut b = PlanBuilder::default();
        for i in 0..n {
            let id = MachineId::parse(&format!("{i:040x}")).unwrap();
            let origin = match i % 7 {
                0 => Origin::new("--machine", 0),
                1 | 2 => Origin::new("b.csv", i as u64),
                _ => Origin::new("a \"quoted\".csv", i as u64),
            };
            let change = b
                .change(crate::model::Action::Tag(TagAction::Add), "x")
                .unwrap();
            b.push(
                Operation {
                    machine: MachineRef::Id(id),
                    change,
                },
                origin,
            );
        }
        b.finish().unwrap()
    }

    fn sequential(plan: &Plan) -> Vec<u8> {
        let mut out = Vec::new();
        let mut current = None;
        for p in &plan.ops {
            op_line(
                &mut out,
                &p.op.machine,
                None,
                &p.op.change,
                &p.origin,
                &mut current,
            )
            .unwrap();
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn chunks_written_in_order_are_the_lines_written_one_after_another() {
        let plan = plan(100);
        let want = sequential(&plan);
        for per_chunk in [1, 3, 7, 64, 1000] {
            // Alone, and with a helper racing the writer.
            for helped in [false, true] {
                let lines = PlanLines::chunked(&plan, per_chunk);
                let mut got = Vec::new();
                std::thread::scope(|s| {
                    if helped {
                        s.spawn(|| lines.help());
                    }
                    lines
                        .write_in_order(|b| {
                            got.extend_from_slice(b);
                            Ok(())
                        })
                        .unwrap();
                });
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&want)
                );
            }
        }
    }
}
