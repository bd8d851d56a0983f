//! The options every command takes, in their help groups, and the values they choose among.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Defender API base URL (http:// only for loopback hosts)
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "MDETAG_ENDPOINT",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub endpoint: Option<String>,

    /// Microsoft Entra authority host that issues tokens
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "AZURE_AUTHORITY_HOST",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub authority_host: Option<String>,

    /// Entra tenant (directory) ID
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "AZURE_TENANT_ID",
        hide_env_values = true,
        value_name = "ID"
    )]
    pub tenant_id: Option<String>,

    /// Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "AZURE_CLIENT_ID",
        hide_env_values = true,
        value_name = "ID"
    )]
    pub client_id: Option<String>,

    /// Profile saved by `auth login` (tenant, app, cloud); default: the default profile
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "MDETAG_PROFILE",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud's own
    /// (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret
    /// or the token
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "MDETAG_ALLOW_HOST",
        hide_env_values = true,
        value_name = "HOST",
        value_delimiter = ','
    )]
    pub allow_host: Vec<String>,

    /// Microsoft Graph base URL for hunting queries (http:// only for loopback hosts);
    /// default: the cloud's
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "MDETAG_GRAPH_ENDPOINT",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub graph_endpoint: Option<String>,

    /// Microsoft cloud: sets the API host, the sign-in host and the token scope
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "MDETAG_CLOUD",
        hide_env_values = true,
        value_enum
    )]
    pub cloud: Option<CloudArg>,

    /// Regional API host (commercial cloud)
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true,
        env = "MDETAG_REGION",
        hide_env_values = true,
        value_enum
    )]
    pub region: Option<RegionArg>,

    /// Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH,
    /// then the profile's keyring secret
    #[arg(help_heading = "Connection and credentials", long, global = true, hide = true, env = "MDETAG_AUTH", hide_env_values = true, value_enum, default_value_t = AuthSourceArg::Auto)]
    pub auth: AuthSourceArg,

    /// Most API calls in flight at once
    #[arg(help_heading = "Rate limits and retries", long, global = true, hide = true, env = "MDETAG_CONCURRENCY", hide_env_values = true, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub concurrency: u32,

    /// Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s
    #[arg(
        help_heading = "Rate limits and retries",
        long,
        global = true,
        hide = true,
        env = "MDETAG_RATE_LIMIT",
        hide_env_values = true,
        value_name = "SPEC",
        default_value = "100/1m,1500/1h"
    )]
    pub rate_limit: String,

    /// Hard caps on hunting query calls per rolling window, shared by every process of the app
    #[arg(
        help_heading = "Rate limits and retries",
        long,
        global = true,
        hide = true,
        env = "MDETAG_HUNTING_RATE_LIMIT",
        hide_env_values = true,
        value_name = "SPEC",
        default_value = "45/1m,1500/1h"
    )]
    pub hunting_rate_limit: String,

    /// Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when
    /// Graph refuses the app), or only one of them
    #[arg(help_heading = "Connection and credentials", long, global = true, hide = true, env = "MDETAG_HUNTING_API", hide_env_values = true, value_enum, default_value_t = HuntingApiArg::Auto)]
    pub hunting_api: HuntingApiArg,

    /// Retries for 5xx, timeouts and connection errors (with backoff and jitter)
    #[arg(
        help_heading = "Rate limits and retries",
        long,
        global = true,
        hide = true,
        env = "MDETAG_RETRIES",
        hide_env_values = true,
        value_name = "N",
        default_value_t = 5
    )]
    pub retries: u32,

    /// Result format on standard output
    #[arg(help_heading = "Output", long, global = true, hide = true, env = "MDETAG_OUTPUT", hide_env_values = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Validate and print the plan; send no write call
    #[arg(help_heading = "Planning", long, global = true, hide = true)]
    pub dry_run: bool,

    /// Never show the progress bar
    #[arg(help_heading = "Output", long, global = true, hide = true)]
    pub no_progress: bool,

    /// Only errors on standard error (no progress, warnings or notes)
    #[arg(
        help_heading = "Output",
        short,
        long,
        global = true,
        hide = true,
        conflicts_with = "verbose"
    )]
    pub quiet: bool,

    /// Log every API call (method, path, status, time) on standard error; never secrets
    #[arg(help_heading = "Output", short, long, global = true, hide = true)]
    pub verbose: bool,

    /// Send every tag operation as its own call instead of batches of up to 500 machines
    #[arg(help_heading = "Planning", long, global = true, hide = true)]
    pub no_batch: bool,

    /// Read current tags and device values first; operations that would change nothing are
    /// reported skipped (unchanged) and not sent
    #[arg(help_heading = "Planning", long, global = true, hide = true)]
    pub skip_unchanged: bool,

    /// When a host name matches several machines: the most recently seen one, all of them, or
    /// fail that name (records merged into another machine are ignored)
    #[arg(help_heading = "Planning", long, global = true, hide = true, value_enum, default_value_t = OnDuplicate::Newest)]
    pub on_duplicate: OnDuplicate,

    /// Run against a simulated Defender API started in-process on a loopback port, with its own
    /// credentials: try mdetag with no tenant. Everything else is the real code path.
    #[arg(
        help_heading = "Connection and credentials",
        long,
        global = true,
        hide = true
    )]
    pub sandbox: bool,

    /// Keep this run's journal in FILE instead of the state directory (MDETAG_STATE_DIR, else
    /// ~/.local/state/mdetag/runs): what `resume` and `undo` read
    #[arg(
        help_heading = "Journal",
        long,
        global = true,
        hide = true,
        value_name = "FILE",
        conflicts_with = "no_journal"
    )]
    pub journal: Option<PathBuf>,

    /// Keep no journal: a run stopped midway can then be neither resumed nor undone
    #[arg(help_heading = "Journal", long, global = true, hide = true)]
    pub no_journal: bool,

    /// Do not read the machines' tags and device values before the first write (one listing,
    /// or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then
    /// restore the run only blindly (--force)
    #[arg(help_heading = "Journal", long, global = true, hide = true)]
    pub no_prior_state: bool,

    #[command(flatten)]
    pub many: super::tenants::TenantsArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CloudArg {
    Commercial,
    Gcc,
    GccHigh,
    Dod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RegionArg {
    Us,
    Eu,
    Uk,
    Au,
    Swa,
    Ina,
    /// Asia East (listed on Microsoft's 2026 API pages)
    Aea,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HuntingApiArg {
    /// Graph; the Defender API when Graph refuses the app (said on standard error)
    Auto,
    /// Graph runHuntingQuery only (ThreatHunting.Read.All)
    Graph,
    /// The Defender API's advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)
    Mde,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AuthSourceArg {
    /// The first available, in the documented order
    Auto,
    /// MDETAG_TOKEN, a bearer token used as is
    Token,
    /// AZURE_CLIENT_SECRET
    Secret,
    /// AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)
    Certificate,
    /// The profile's secret in the OS keyring (stored by `auth login`)
    Keyring,
    /// Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)
    ManagedIdentity,
    /// The Azure CLI: `az account get-access-token`
    AzureCli,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnDuplicate {
    Newest,
    All,
    Fail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A table, then a summary line (whole, at the end)
    Table,
    /// One JSON document: summary and results (whole, at the end)
    Json,
    /// One row per operation, written as each settles
    Csv,
    /// One JSON object per operation, written as each settles, then a summary line
    Jsonl,
}
