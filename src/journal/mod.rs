//! Durable runs: the append-only journal of every run that may write, reading it back for
//! `runs`, `resume` and `undo`, and the quota ledger that processes of one app share.

pub mod ledger;
pub mod manifest;
pub mod plan_lines;
pub mod reader;
pub mod record;
pub mod replay;
pub mod store;
pub mod undo;
pub mod writer;

pub use plan_lines::PlanLines;
pub use writer::Journal;
