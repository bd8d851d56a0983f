//! mdetag: bulk-tag machines in Microsoft Defender for Endpoint.
//!
//! Data flows one way: `cli` → `settings` → `input` → `plan` → `pipeline` (pacer, retry,
//! executor, `api`) → `report`. The simulator in `sim` shares no types with the client.

pub mod api;
pub mod app;
pub mod assets;
pub mod auth_cmd;
pub mod cli;
pub mod cloud;
pub mod config;
pub mod credentials;
pub mod input;
pub mod pipeline;
pub mod plan;
pub mod printer;
pub mod report;
pub mod resolve;
pub mod secret;
pub mod settings;
pub mod sim;
