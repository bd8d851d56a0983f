//! Operations — one machine × one change, the unit every result row reports on — and how
//! each ends.

use std::fmt;
use std::sync::Arc;

use super::{Change, Code, MachineRef, Reason};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Operation {
    pub machine: MachineRef,
    pub change: Change,
}

/// Where an operation came from, for messages (`FILE:LINE`) and duplicate details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub source: Arc<str>,
    /// 0 when the source has no lines (a flag).
    pub line: u64,
}

impl Origin {
    pub fn new(source: impl Into<Arc<str>>, line: u64) -> Origin {
        Origin {
            source: source.into(),
            line,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.source)
        } else {
            write!(f, "{}:{}", self.source, self.line)
        }
    }
}

/// How one operation ended (in a journal's `done` records as the lower-case name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Succeeded,
    Failed,
    Skipped,
    Planned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "succeeded",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
            Status::Planned => "planned",
        }
    }
}

/// Why an operation did not succeed: the API's error code and message, or one of mdetag's
/// reasons and its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    pub code: Code,
    pub message: String,
}

impl ErrorInfo {
    pub fn new(code: impl Into<Code>, message: impl Into<String>) -> ErrorInfo {
        ErrorInfo {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// An operation whose end is known without a write: skipped or failed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    pub status: Status,
    pub error: ErrorInfo,
}

impl Settled {
    pub fn skipped(code: Reason, message: impl Into<String>) -> Self {
        Settled {
            status: Status::Skipped,
            error: ErrorInfo::new(code, message),
        }
    }

    pub fn failed(code: Reason, message: impl Into<String>) -> Self {
        Settled {
            status: Status::Failed,
            error: ErrorInfo::new(code, message),
        }
    }

    /// Not sent because the run was interrupted first.
    pub fn interrupted() -> Self {
        Settled::skipped(Reason::Interrupted, "not sent: the run was interrupted")
    }
}

/// The end of one planned operation (by its index in the plan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub index: usize,
    pub status: Status,
    pub http_status: Option<u16>,
    pub attempts: u32,
    pub error: Option<ErrorInfo>,
    /// The machine's host name, when the API's answer gave it.
    pub name: Option<Box<str>>,
}

impl Outcome {
    /// The outcome of an operation settled without a call.
    pub fn settled(index: usize, attempts: u32, settled: &Settled) -> Outcome {
        Outcome {
            index,
            status: settled.status,
            http_status: None,
            attempts,
            error: Some(settled.error.clone()),
            name: None,
        }
    }
}

impl Outcome {
    /// Sent, and whether it was applied is not known (`no-response`, `in-flight`).
    pub fn uncertain(&self) -> bool {
        self.reason().is_some_and(Reason::uncertain)
    }

    /// mdetag's reason for this outcome, if it has one.
    pub fn reason(&self) -> Option<Reason> {
        self.error.as_ref().and_then(|e| e.code.reason())
    }
}

/// How a run ended, as its summary and its journal's `end` record say.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunEnd {
    /// Every operation had its turn.
    #[default]
    Finished,
    /// A signal stopped it.
    Interrupted,
    /// It stopped itself: the API not answering, a refused credential, the journal.
    Aborted,
}

impl RunEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            RunEnd::Finished => "finished",
            RunEnd::Interrupted => "interrupted",
            RunEnd::Aborted => "aborted",
        }
    }
}
