//! mdetag: bulk-tag machines in Microsoft Defender for Endpoint.
//!
//! Data flows one way: `cli` → `settings` → `input` → `plan` → `pipeline` (pacer, retry,
//! executor, `api`) → `report`. The simulator in `sim` shares no types with the client.

pub mod cli;
pub mod input;
pub mod plan;
pub mod pipeline;
pub mod sim;
pub mod api;
pub mod printer;
pub mod secret;
pub mod settings;
pub mod report;
pub mod app;
pub mod assets;
