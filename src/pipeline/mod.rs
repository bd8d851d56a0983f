//! From calls to outcomes: pacing, retries, bounded concurrency, stopping.

pub mod executor;
pub mod pacer;
pub mod retry;
pub mod stop;

pub use executor::{Executor, Observer, SendError};
pub use pacer::{Pacer, Schedule, Window, minimum_span};
pub use retry::RetryPolicy;
pub use stop::{Stop, StopReason};
