//! The arguments of `auth login` and `auth status`.

use clap::Args;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the secret from standard input (one line) instead of prompting
    #[arg(long)]
    pub secret_stdin: bool,

    /// Make this the default profile (the first profile always is)
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Check only that the token may read machines (Machine.Read.All or
    /// Machine.ReadWrite.All); without it, exit 1 unless it may tag them (Machine.ReadWrite.All)
    #[arg(long)]
    pub read_only: bool,
}
