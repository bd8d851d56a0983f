//! The options of a run over many tenants (SPEC.md "Many tenants in one run").

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct TenantsArgs {
    /// Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an
    /// optional Name, or one tenant ID a line. One app (consented in each tenant), a token,
    /// pace and journal per tenant, one run ID for them all
    #[arg(
        help_heading = "Many tenants",
        hide = true,
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "journal"
    )]
    pub tenants: Option<PathBuf>,

    /// How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over
    /// many)
    #[arg(
        help_heading = "Many tenants",
        hide = true,
        long,
        global = true,
        value_name = "N",
        default_value_t = 4,
        value_parser = clap::value_parser!(u16).range(1..=64)
    )]
    pub tenant_concurrency: u16,
}
