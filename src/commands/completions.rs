//! Shell completions and man pages, generated from the clap definition and committed under
//! `completions/` and `man/`; a test fails when they are stale.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn generate(dir: &Path) -> Result<()> {
    let completions = dir.join("completions");
    let man = dir.join("man");
    std::fs::create_dir_all(&completions)
        .with_context(|| format!("cannot create {}", completions.display()))?;
    std::fs::create_dir_all(&man).with_context(|| format!("cannot create {}", man.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut cmd = Cli::command();
        clap_complete::generate_to(shell, &mut cmd, "mdetag", &completions)
            .with_context(|| format!("cannot write {shell} completions"))?;
    }
    clap_mangen::generate_to(Cli::command(), &man).context("cannot write man pages")?;
    Ok(())
}
