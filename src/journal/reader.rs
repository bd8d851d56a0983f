//! Reading a journal back: what the run planned, what it sent, how each operation ended. A torn
//! last line (the process was killed while writing it) is ignored; damage anywhere else, or a
//! journal from a newer mdetag, is a clear error.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::record::{End, FORMAT, Header, OpOrigin, Prior, Record};
use crate::model::{ErrorInfo, Outcome, Status};

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: cannot read the journal: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not an mdetag journal (its first line is not a header)")]
    NotJournal { path: String },
    #[error(
        "{path} was written by a newer mdetag (journal format {found}; this one reads {FORMAT}): upgrade mdetag to use it"
    )]
    Newer { path: String, found: u32 },
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
        match end.map(|e| e.status.as_str()) {
            Some("finished") => RunStatus::Finished,
            Some(_) => RunStatus::Interrupted,
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

/// Reads the whole journal.
pub fn read(path: &Path) -> Result<RunLog, JournalError> {
    let file = std::fs::File::open(path).map_err(io_error(path))?;
    let mut lines = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    let mut number = 0u64;
    let mut log: Option<RunLog> = None;
    let mut planned = false;
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
                unparsed = Some((number, e.to_string()));
                continue;
            }
        };
        let Some(log) = log.as_mut() else {
            log = Some(RunLog {
                path: path.to_path_buf(),
                header: header_of(path, Some(record))?,
                ops: Vec::new(),
                state: Vec::new(),
                prior: HashMap::new(),
                end: None,
            });
            continue;
        };
        let damaged = |reason: String| JournalError::Damaged {
            path: path.display().to_string(),
            line: number,
            reason,
        };
        if !matches!(record, Record::End(_)) {
            log.end = None;
        }
        // The plan's operations come first, all of them; anything else closes it.
        planned |= !matches!(record, Record::Op(_));
        match record {
            Record::Header(_) => return Err(damaged("a second header".into())),
            Record::Op(op) => {
                if planned {
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
            Record::Sent { ops } => {
                for i in ops {
                    *log.state
                        .get_mut(i)
                        .ok_or_else(|| damaged(format!("no operation {i}")))? = OpState::Sent;
                }
            }
            Record::Done(d) => {
                let status = match d.status.as_str() {
                    "succeeded" => Status::Succeeded,
                    "failed" => Status::Failed,
                    "skipped" => Status::Skipped,
                    other => return Err(damaged(format!("unknown status '{other}'"))),
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
        return Err(JournalError::NotJournal {
            path: path.display().to_string(),
        });
    }
    log.ok_or_else(|| match unparsed {
        Some((line, reason)) if line > 1 => JournalError::Damaged {
            path: path.display().to_string(),
            line,
            reason,
        },
        _ => JournalError::NotJournal {
            path: path.display().to_string(),
        },
    })
}

/// A run at a glance, without reading a whole (possibly large) journal: its header, and its
/// end record if that is its last line.
pub struct Glance {
    pub header: Header,
    pub end: Option<End>,
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
            .is_none_or(|e| e.status != "finished" || e.uncertain > 0)
    }
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
    Ok(Glance { header, end })
}
