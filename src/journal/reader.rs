//! Reading a journal back: what the run planned, what it sent, how each operation ended. A torn
//! last line (the process was killed while writing it) is ignored; damage anywhere else, or a
//! journal from a newer mdetag, is a clear error.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::record::{End, FORMAT, Header, OpOrigin, Prior, Record};
use crate::model::{ErrorInfo, Outcome, RunEnd, Status};

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: cannot read the journal: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not an mdetag journal (its first line is not a header)")]
    NotJournal { path: String },
    /// Empty, or one torn first line: the run was stopped while it created its journal, before
    /// its header was whole, and so before anything was sent.
    #[error("{path} was cut before its header was written")]
    Cut { path: String },
    #[error(
        "{path} was written by a newer mdetag (journal format {found}; this one reads {FORMAT}): upgrade mdetag to use it"
    )]
    Newer { path: String, found: u32 },
    #[error("{path} is a saved plan, not a run's journal: `mdetag apply {path}` runs it")]
    SavedPlan { path: String },
    #[error("{path}:{line}: the journal is damaged: {reason}")]
    Damaged {
        path: String,
        line: u64,
        reason: String,
    },
}

/// Where one operation stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpState {
    /// Planned, never sent.
    Pending,
    /// Sent, and no outcome recorded after: it may or may not have been applied.
    Sent,
    Done(Outcome),
}

impl OpState {
    /// Sent, and whether it was applied is not known (no answer, or interrupted waiting).
    pub fn uncertain(&self) -> bool {
        match self {
            OpState::Sent => true,
            OpState::Done(o) => o.uncertain(),
            OpState::Pending => false,
        }
    }
}

/// How a run stands, from its last record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    Finished,
    Interrupted,
    /// No end record after its last event: killed, or still running.
    Unfinished,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Finished => "finished",
            RunStatus::Interrupted => "interrupted",
            RunStatus::Unfinished => "unfinished",
        }
    }

    fn of(end: Option<&End>) -> RunStatus {
        match end.map(|e| e.status) {
            Some(RunEnd::Finished) => RunStatus::Finished,
            Some(RunEnd::Interrupted | RunEnd::Aborted) => RunStatus::Interrupted,
            None => RunStatus::Unfinished,
        }
    }
}

/// One operation as the journal planned it, its origin spelled out.
#[derive(Clone, Debug)]
pub struct PlannedOp {
    pub machine: String,
    pub name: Option<String>,
    pub action: String,
    pub value: String,
    pub origin: String,
}

pub struct RunLog {
    pub path: PathBuf,
    pub header: Header,
    pub ops: Vec<PlannedOp>,
    pub state: Vec<OpState>,
    /// By machine ID.
    pub prior: HashMap<String, Prior>,
    /// The end record, when it is the last thing the journal says.
    pub end: Option<End>,
    /// Whether the whole plan is known to be in the journal (see `record::FORMAT`): a journal
    /// without it was stopped while its plan was written, before anything was sent.
    pub plan_complete: bool,
    /// When the last `sent` record was written (Unix milliseconds), where recorded.
    pub last_sent_at: Option<u64>,
}

impl RunLog {
    /// A run of `path` whose header was read, and nothing after it yet.
    fn new(path: &Path, header: Header) -> RunLog {
        RunLog {
            path: path.to_path_buf(),
            header,
            ops: Vec::new(),
            state: Vec::new(),
            prior: HashMap::new(),
            end: None,
            plan_complete: false,
            last_sent_at: None,
        }
    }
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn header_of(path: &Path, first: Option<Record>) -> Result<Header, JournalError> {
    match first {
        Some(Record::Header(h)) if h.format > FORMAT => Err(JournalError::Newer {
            path: path.display().to_string(),
            found: h.format,
        }),
        Some(Record::Header(h)) => Ok(h),
        _ => Err(JournalError::NotJournal {
            path: path.display().to_string(),
        }),
    }
}

/// Reads a run's whole journal; a saved plan is refused (it is applied, not resumed).
pub fn read_run(path: &Path) -> Result<RunLog, JournalError> {
    let log = read(path)?;
    if log.header.saved.is_some() {
        return Err(JournalError::SavedPlan {
            path: path.display().to_string(),
        });
    }
    Ok(log)
}

/// Reads the whole journal, or saved plan: the two are one format.
pub fn read(path: &Path) -> Result<RunLog, JournalError> {
    let mut logs = read_from(path, false)?;
    Ok(logs.remove(0))
}

/// Reads a saved plan made over many tenants: one part a tenant, each a whole plan from its
/// own header on, one after the other in one file. A single plan is one part.
pub fn read_parts(path: &Path) -> Result<Vec<RunLog>, JournalError> {
    read_from(path, true)
}

/// The journal's runs: one, or (`parts`: a plan over many tenants) one for each header.
fn read_from(path: &Path, parts: bool) -> Result<Vec<RunLog>, JournalError> {
    let file = std::fs::File::open(path).map_err(io_error(path))?;
    let mut lines = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    let mut number = 0u64;
    let mut log: Option<RunLog> = None;
    let mut done: Vec<RunLog> = Vec::new();
    // Whether a record other than an operation came yet (the operations come first, all of
    // them), and whether the plan is marked (or, in a format-1 journal, known) complete.
    let mut closed = false;
    let mut complete = false;
    // The file the plan's line numbers are lines of.
    let mut source = String::new();
    // A line that did not parse: fine if it is the last one (torn by a kill), else damage.
    let mut unparsed: Option<(u64, String)> = None;
    loop {
        buf.clear();
        if lines.read_until(b'\n', &mut buf).map_err(io_error(path))? == 0 {
            break;
        }
        number += 1;
        if let Some((line, reason)) = unparsed.take() {
            return Err(JournalError::Damaged {
                path: path.display().to_string(),
                line,
                reason,
            });
        }
        let record = match serde_json::from_slice::<Record>(&buf) {
            Ok(r) => r,
            Err(e) if number > 1 && buf.ends_with(b"\n") => {
                // A kill tears only the last line, which then lacks its line break: a whole
                // line that is not a record is damage, wherever it is.
                return Err(JournalError::Damaged {
                    path: path.display().to_string(),
                    line: number,
                    reason: format!("not a journal record ({e})"),
                });
            }
            Err(e) => {
                if number == 1 && buf.ends_with(b"\n") {
                    // A first line that is whole but not a record: not a journal at all, or
                    // one whose header names a format this mdetag cannot read.
                    let value: Option<serde_json::Value> = serde_json::from_slice(&buf).ok();
                    if let Some(found) = value
                        .as_ref()
                        .filter(|v| v["t"] == "header")
                        .and_then(|v| v["format"].as_u64())
                        .filter(|&f| f > u64::from(FORMAT))
                    {
                        return Err(JournalError::Newer {
                            path: path.display().to_string(),
                            found: found as u32,
                        });
                    }
                }
                if number == 1 && !buf.ends_with(b"\n") {
                    // The first line torn off, with nothing after it.
                    return Err(JournalError::Cut {
                        path: path.display().to_string(),
                    });
                }
                unparsed = Some((number, e.to_string()));
                continue;
            }
        };
        let Some(log) = log.as_mut() else {
            log = Some(RunLog::new(path, header_of(path, Some(record))?));
            continue;
        };
        let damaged = |reason: String| JournalError::Damaged {
            path: path.display().to_string(),
            line: number,
            reason,
        };
        // (A header begins the next part of a plan: the end, if any, stays the part's.)
        if !matches!(record, Record::End(_) | Record::Header(_)) {
            log.end = None;
        }
        // The plan's operations come first, all of them; anything else closes it. The old
        // format has no mark: there, the first record after the operations tells whether the
        // run itself wrote it once its whole plan was on disk.
        if !closed && !matches!(record, Record::Op(_)) {
            closed = true;
            complete = log.header.format < 2
                && matches!(
                    record,
                    Record::Prior(_) | Record::Sent { .. } | Record::Done(_) | Record::End(_)
                );
        }
        match record {
            Record::Header(h) if parts => {
                // The next tenant's part begins.
                let next = RunLog::new(path, header_of(path, Some(Record::Header(h)))?);
                let mut ended = std::mem::replace(log, next);
                ended.plan_complete = complete;
                done.push(ended);
                (closed, complete) = (false, false);
                source.clear();
            }
            Record::Header(_) => return Err(damaged("a second header".into())),
            Record::Planned { ops } => {
                if ops != log.ops.len() {
                    return Err(damaged(format!(
                        "the plan is marked complete with {ops} operations, but {} precede the mark",
                        log.ops.len()
                    )));
                }
                complete = true;
            }
            Record::Op(op) => {
                if closed {
                    return Err(damaged("an operation after the plan".into()));
                }
                if let Some(s) = op.source {
                    source = s;
                }
                let origin = match op.origin {
                    OpOrigin::Text(t) => t,
                    OpOrigin::Line(n) => format!("{source}:{n}"),
                };
                log.ops.push(PlannedOp {
                    machine: op.machine,
                    name: op.name,
                    action: op.action,
                    value: op.value,
                    origin,
                });
                log.state.push(OpState::Pending);
            }
            Record::Prior(p) => {
                log.prior.entry(p.machine.clone()).or_insert(p);
            }
            Record::Sent { ops, at } => {
                if at.is_some() {
                    log.last_sent_at = log.last_sent_at.max(at);
                }
                for i in ops {
                    *log.state
                        .get_mut(i)
                        .ok_or_else(|| damaged(format!("no operation {i}")))? = OpState::Sent;
                }
            }
            Record::Done(d) => {
                let status = match d.status {
                    Status::Planned => return Err(damaged("a done record says 'planned'".into())),
                    status => status,
                };
                let error = d.code.map(|code| ErrorInfo {
                    code: crate::model::Code::parse(&code),
                    message: d.message.unwrap_or_default(),
                });
                for i in d.ops {
                    let outcome = Outcome {
                        index: i,
                        status,
                        http_status: d.http,
                        attempts: d.attempts,
                        error: error.clone(),
                        name: None,
                    };
                    *log.state
                        .get_mut(i)
                        .ok_or_else(|| damaged(format!("no operation {i}")))? =
                        OpState::Done(outcome);
                }
            }
            Record::Resumed { .. } => {}
            Record::End(e) => log.end = Some(e),
        }
    }
    if number == 0 {
        return Err(JournalError::Cut {
            path: path.display().to_string(),
        });
    }
    if let Some(log) = log.as_mut() {
        log.plan_complete = complete;
    }
    let last = log.ok_or_else(|| match unparsed {
        Some((line, reason)) if line > 1 => JournalError::Damaged {
            path: path.display().to_string(),
            line,
            reason,
        },
        _ => JournalError::NotJournal {
            path: path.display().to_string(),
        },
    })?;
    done.push(last);
    Ok(done)
}

/// A run at a glance, without reading a whole (possibly large) journal: its header, and its
/// end record if that is its last line.
pub struct Glance {
    pub header: Header,
    pub end: Option<End>,
    /// How many tenants' journals the run has (a run over many tenants), else 1.
    pub tenants: usize,
    /// How many tenants of a run over many never ran (no journal; see `manifest`).
    pub never_ran: usize,
}

impl Glance {
    pub fn status(&self) -> RunStatus {
        RunStatus::of(self.end.as_ref())
    }

    /// Whether `resume` has something to do: the run did not finish, or left operations
    /// whose answer never came.
    pub fn resumable(&self) -> bool {
        self.end
            .as_ref()
            .is_none_or(|e| e.status != RunEnd::Finished || e.uncertain > 0)
    }
}

/// A run over many tenants at a glance: the first tenant's header, and an end when every
/// tenant's journal has one (their counts added up; interrupted or aborted when any was).
pub fn glance_all(journals: &[std::path::PathBuf]) -> Result<Glance, JournalError> {
    let mut glances = Vec::new();
    for j in journals {
        glances.push(glance(j)?);
    }
    let mut first = match glances.first() {
        Some(g) => Glance {
            header: g.header.clone(),
            end: g.end.clone(),
            tenants: glances.len(),
            never_ran: 0,
        },
        None => {
            return Err(JournalError::Io {
                path: String::from("the run's folder"),
                source: std::io::Error::other("it holds no journal"),
            });
        }
    };
    let ends: Option<Vec<&End>> = glances.iter().map(|g| g.end.as_ref()).collect();
    first.end = ends.map(|ends| {
        let mut sum = ends[0].clone();
        for e in &ends[1..] {
            sum.total += e.total;
            sum.succeeded += e.succeeded;
            sum.failed += e.failed;
            sum.skipped += e.skipped;
            sum.uncertain += e.uncertain;
            sum.api_calls += e.api_calls;
            sum.elapsed_ms = sum.elapsed_ms.max(e.elapsed_ms);
            if e.status != RunEnd::Finished && sum.status == RunEnd::Finished {
                sum.status = e.status;
            }
        }
        sum
    });
    Ok(first)
}

pub fn glance(path: &Path) -> Result<Glance, JournalError> {
    let mut file = std::fs::File::open(path).map_err(io_error(path))?;
    let mut first = String::new();
    BufReader::new(&file)
        .read_line(&mut first)
        .map_err(io_error(path))?;
    let header = header_of(path, serde_json::from_str(&first).ok())?;
    let len = file.metadata().map_err(io_error(path))?.len();
    let from = len.saturating_sub(64 * 1024);
    file.seek(SeekFrom::Start(from)).map_err(io_error(path))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail).map_err(io_error(path))?;
    let end = tail
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .rev()
        .find_map(|l| serde_json::from_slice::<Record>(l).ok())
        .and_then(|r| match r {
            Record::End(e) => Some(e),
            _ => None,
        });
    Ok(Glance {
        header,
        end,
        tenants: 1,
        never_ran: 0,
    })
}

#[cfg(test)]
mod tests;
