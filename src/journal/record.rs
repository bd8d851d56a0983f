//! The journal's lines: one JSON object each, tagged by `t`. Written from Microsoft-free domain
//! values; read back by `reader`. A line is only ever appended.

use serde::{Deserialize, Serialize};

use crate::model::{RunEnd, Status};

/// The format this mdetag writes; a journal with a larger number is refused as newer.
/// 2: the operations are followed by a `planned` record, and `sent` records carry their time.
/// A format-1 journal (no `planned` record) counts as completely planned only when the record
/// right after its operations is one its own run wrote once the plan was on disk (`prior`,
/// `done`, `sent` or `end`): the old mdetag wrote those only after syncing the whole plan.
pub const FORMAT: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Record {
    /// The first line: which run, what it is, who it talks to.
    Header(Header),
    /// One operation of the plan; the n-th `op` line is operation n. A run of a million rows
    /// writes a million of these, so they are short: `m` machine (the ID, or an unresolved
    /// name), `a` action, `v` value, `o` origin: its text, or (for a line of a file) the line
    /// number, the file being `s` where it changes and the last `s` before otherwise; `n` the
    /// host name when known.
    Op(Op),
    /// A machine's tags and device value as the run read them before changing anything.
    Prior(Prior),
    /// Every operation of the plan (`ops` of them), its prior state and what was settled
    /// before any call are written: the plan is complete. No write is sent before this record
    /// is durable; a journal without it was stopped while its plan was written, and sent nothing.
    Planned { ops: usize },
    /// A write call for these operations is about to be sent (made durable first); `at` is
    /// when, in Unix milliseconds (absent in format-1 journals).
    Sent {
        ops: Vec<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<u64>,
    },
    /// These operations ended this way.
    Done(Done),
    /// `mdetag resume` took the run up again.
    Resumed { at: String },
    /// The run ended (for now): `finished` or `interrupted`, with its summary.
    End(End),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub run_id: String,
    pub started: String,
    /// `tag add`, `apply-csv`, `undo 20261201T…`, …
    pub command: String,
    pub tenant: Option<String>,
    pub client: Option<String>,
    pub endpoint: String,
    /// Whether tag operations went out in batch calls.
    pub batching: bool,
    /// Run (or planned) against the sandbox (`--sandbox`, its tenant kept in `{state}/sandbox/`):
    /// resumed, undone and applied only there, and a real tenant's never there.
    #[serde(default)]
    pub sandbox: bool,
    pub mdetag: String,
    /// The pacing (`--rate-limit`) and concurrency the run was started with, which `resume`
    /// keeps unless told otherwise (absent in journals of older mdetag versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<usize>,
    /// How long one call of the run could stay in flight, in milliseconds (`resume` waits
    /// that long after the run's last record before checking what it sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_timeout_ms: Option<u64>,
    /// One tenant's part of a run over many (`--tenants`): the run ID is the whole run's, and
    /// the journal lies in the run's folder beside the other tenants'.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fan_out: bool,
    /// The tenant's name in the tenants file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_name: Option<String>,
    /// The hunting query that picked the run's machines: its provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<Box<crate::model::QueryRun>>,
    /// Present in a saved plan (`--save-plan`): the file is a plan, not a run. Its operations,
    /// the observed state of every machine they touch and the `planned` mark follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<Box<Saved>>,
    /// The saved plan this run applies (`mdetag apply`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies: Option<Box<Applies>>,
}

/// What a saved plan records of how it was made, for its reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The cloud the credentials were for (`global`, `gcc`, …).
    pub cloud: String,
    /// The command as typed.
    pub typed: String,
    /// Every input file and query, with the SHA-256 of its bytes.
    pub inputs: Vec<Digest>,
    /// One tenant's part of a plan saved over many tenants (`--tenants`): the parts follow one
    /// another in one file, each from its own header on, and the plan is whole only with all
    /// of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<PlanPart>,
}

/// The `n`-th part (from 1) of a plan in `of` parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPart {
    pub n: usize,
    pub of: usize,
}

/// An input of a saved plan and the SHA-256 of its bytes (lower-case hex); `None` for one that
/// could not be read again (standard input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digest {
    pub input: String,
    pub sha256: Option<String>,
}

/// The saved plan a run applies: where it was read, and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applies {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Op {
    #[serde(rename = "m")]
    pub machine: String,
    #[serde(rename = "a")]
    pub action: String,
    #[serde(rename = "v")]
    pub value: String,
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The machine's host name, when the run knew it.
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "o")]
    pub origin: OpOrigin,
}

/// Where an operation came from: as text (a flag, a picker), or a line of the current file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OpOrigin {
    Line(u64),
    Text(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Prior {
    pub machine: String,
    pub tags: Vec<String>,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub ops: Vec<usize>,
    pub status: Status,
    pub http: Option<u16>,
    pub attempts: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct End {
    /// `finished`, `interrupted` or `aborted`.
    pub status: RunEnd,
    pub total: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub skipped: u64,
    /// Of the failed, those sent with no answer (`NoResponse`, `Interrupted`): `resume`
    /// checks them.
    #[serde(default)]
    pub uncertain: u64,
    /// Calls this session made, and how long it ran.
    #[serde(default)]
    pub api_calls: u64,
    #[serde(default)]
    pub elapsed_ms: u64,
}
