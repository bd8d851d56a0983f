//! From plan to outcomes: pacing, retries, bounded concurrency, cancellation.

pub mod executor;
pub mod pacer;
pub mod progress;
pub mod retry;

/// How one operation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
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

/// Why an operation did not succeed: the API's error code and message, or mdetag's own
/// (`duplicate`, `interrupted`, `NotApplied`, …).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
}

/// The end of one planned operation (by its index in the plan).
#[derive(Clone, Debug)]
pub struct Outcome {
    pub index: usize,
    pub status: Status,
    pub http_status: Option<u16>,
    pub attempts: u32,
    pub error: Option<ErrorInfo>,
}
