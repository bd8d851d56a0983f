//! mdetag: bulk-tag machines in Microsoft Defender for Endpoint.
//!
//! Data flows one way (DESIGN.md): `cli` → `commands` → `settings` → `input` → `plan` →
//! `pipeline` (pacer, retry, executor over `api`) → `report`, with `model` the shared
//! vocabulary and `ui` what people see. The simulator is its own crate (`crates/mde-sim`), sharing no types with the
//! client; `--sandbox` embeds it when the `sandbox` feature is on (the default).
//! Only what `main`, the tests and the benchmarks need is public.

#![forbid(unsafe_code)]

mod api;
mod auth;
mod cli;
pub mod commands;
mod exit;
mod files;
mod http;
mod input;
mod journal;
mod lookup;
mod model;
mod pipeline;
mod plan;
mod report;
mod settings;
mod ui;

pub use pipeline::{Window, minimum_span};
pub use settings::ENVIRONMENT;
