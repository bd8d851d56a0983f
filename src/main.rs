use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = mdetag::cli::Cli::parse();
    match mdetag::app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // `{:#}` shows the cause chain on one line; no error carries a secret (see secret.rs).
            eprintln!("mdetag: error: {e:#}");
            ExitCode::from(mdetag::app::exit::SETUP)
        }
    }
}
