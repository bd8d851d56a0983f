//! Domain types: what the user asks for and how each part of it ends. No I/O, no clap, no wire
//! shapes: the API's JSON lives in `api`, the flags in `cli`.

mod change;
mod machine;
mod operation;
mod query;
mod reason;
mod rows;
mod rule;
pub mod secret;
mod tag;
mod tenant;
pub mod text;

pub use change::{Action, Change, DeviceValue, TagAction};
pub use machine::{Machine, MachineId, MachineRef, RefText};
pub use operation::{ErrorInfo, Operation, Origin, Outcome, RunEnd, Settled, Status};
pub use query::{MAX_QUERY_CHARS, Query, QueryRun};
pub use reason::{Code, Reason};
pub use rows::Rows;
pub use rule::{Rule, Selection, Want};
pub use secret::Secret;
pub use tag::{MAX_TAG_CHARS, Tag};
pub use tenant::Tenant;

/// A value the user gave that cannot be used, and why (the message quotes an excerpt of it).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

/// Keeps the first of each item, in order: the one way repeats are dropped from user lists.
pub fn first_of_each<T, K, I>(items: I, key: impl Fn(&T) -> K) -> Vec<T>
where
    I: IntoIterator<Item = T>,
    K: std::hash::Hash + Eq,
{
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|i| seen.insert(key(i))).collect()
}
