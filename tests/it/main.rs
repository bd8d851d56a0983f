//! Integration tests: the real binary against the simulator over real HTTP on 127.0.0.1.

#[path = "../kit/mod.rs"]
mod kit;

mod assets;
mod auth;
mod batching;
mod certificates;
mod commands;
mod csv_input;
mod durable;
mod escaping;
mod exits;
mod faults;
mod help;
mod hints;
mod hostile;
mod hosts;
mod hunting;
mod input;
mod inventory;
mod listing;
mod local_files;
mod pacing;
mod pickers;
mod plans;
mod progress;
mod recovery;
mod redaction;
mod sandbox_state;
mod seams;
mod security;
mod sim;
mod sync;
mod targeting;
mod tenants;
mod tokens;
mod undo;
mod world;
