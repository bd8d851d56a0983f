//! From plan to outcomes: pacing, retries, bounded concurrency, cancellation.

pub mod executor;
pub mod pacer;
pub mod progress;
pub mod retry;

pub use crate::plan::{ErrorInfo, Status};

/// The end of one planned operation (by its index in the plan).
#[derive(Clone, Debug)]
pub struct Outcome {
    pub index: usize,
    pub status: Status,
    pub http_status: Option<u16>,
    pub attempts: u32,
    pub error: Option<ErrorInfo>,
}
