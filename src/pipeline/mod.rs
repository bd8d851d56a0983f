//! From plan to outcomes: pacing, retries, bounded concurrency.

pub mod pacer;
pub mod retry;
