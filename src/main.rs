//! mdetag's command line: parse, run, exit.

#![forbid(unsafe_code)]

use std::process::ExitCode;

/// The one place an exit status becomes the process's exit code (a third signal during a run
/// is the only other way out).
fn main() -> ExitCode {
    match mdetag::commands::parse(std::env::args_os()) {
        Ok(invocation) => mdetag::commands::run(invocation).into(),
        Err(status) => status.into(),
    }
}
