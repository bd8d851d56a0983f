//! Command-line types only. The help text lives on the fields; checking and combining
//! them into one consistent configuration happens in `settings`. Nothing here imports the rest
//! of mdetag: the enums below mirror domain types that `settings` maps them to.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "mdetag",
    version,
    about = "Bulk-tag machines in Microsoft Defender for Endpoint",
    long_about = "Bulk-tag machines in Microsoft Defender for Endpoint.\n\n\
        Turns machine IDs, files and CSVs into calls to the Defender machine API, paced to its \
        limits (100 calls a minute, 1,500 an hour), and ends with a result for every machine.\n\n\
        Credentials come from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (client \
        credentials), or MDETAG_TOKEN (a bearer token used as is). There is deliberately no flag \
        for the secret: arguments leak into process lists and shell history.",
    after_help = "Try it with no tenant: mdetag --sandbox apply-csv examples/tags.csv"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Defender API base URL (http:// only for loopback hosts)
    #[arg(long, global = true, env = "MDETAG_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,

    /// Microsoft Entra authority host that issues tokens
    #[arg(long, global = true, env = "AZURE_AUTHORITY_HOST", value_name = "URL")]
    pub authority_host: Option<String>,

    /// Entra tenant (directory) ID
    #[arg(long, global = true, env = "AZURE_TENANT_ID", value_name = "ID")]
    pub tenant_id: Option<String>,

    /// Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag
    #[arg(long, global = true, env = "AZURE_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,

    /// Profile saved by `auth login` (tenant, app, cloud); default: the default profile
    #[arg(long, global = true, env = "MDETAG_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Microsoft cloud: sets the API host, the sign-in host and the token scope
    #[arg(long, global = true, env = "MDETAG_CLOUD", value_enum)]
    pub cloud: Option<CloudArg>,

    /// Regional API host (commercial cloud)
    #[arg(long, global = true, env = "MDETAG_REGION", value_enum)]
    pub region: Option<RegionArg>,

    /// Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH,
    /// then the profile's keyring secret
    #[arg(long, global = true, env = "MDETAG_AUTH", value_enum, default_value_t = AuthSourceArg::Auto)]
    pub auth: AuthSourceArg,

    /// Most API calls in flight at once
    #[arg(long, global = true, env = "MDETAG_CONCURRENCY", value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub concurrency: u32,

    /// Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s
    #[arg(
        long,
        global = true,
        env = "MDETAG_RATE_LIMIT",
        value_name = "SPEC",
        default_value = "100/1m,1500/1h"
    )]
    pub rate_limit: String,

    /// Retries for 5xx, timeouts and connection errors (with backoff and jitter)
    #[arg(
        long,
        global = true,
        env = "MDETAG_RETRIES",
        value_name = "N",
        default_value_t = 5
    )]
    pub retries: u32,

    /// Result format on standard output
    #[arg(long, global = true, env = "MDETAG_OUTPUT", value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Validate and print the plan; send no write call
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Never show the progress bar
    #[arg(long, global = true)]
    pub no_progress: bool,

    /// Only errors on standard error (no progress, warnings or notes)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log every API call (method, path, status, time) on standard error; never secrets
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Send every tag operation as its own call instead of batches of up to 500 machines
    #[arg(long, global = true)]
    pub no_batch: bool,

    /// Read current tags and device values first; operations that would change nothing are
    /// reported skipped (unchanged) and not sent
    #[arg(long, global = true)]
    pub skip_unchanged: bool,

    /// When a host name matches several machines: the most recently seen one, all of them, or
    /// fail that name (records merged into another machine are ignored)
    #[arg(long, global = true, value_enum, default_value_t = OnDuplicate::Newest)]
    pub on_duplicate: OnDuplicate,

    /// Run against a simulated Defender API started in-process on a loopback port, with its own
    /// credentials: try mdetag with no tenant. Everything else is the real code path.
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// Keep this run's journal in FILE instead of the state directory (MDETAG_STATE_DIR, else
    /// ~/.local/state/mdetag/runs): what `resume` and `undo` read
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "no_journal"
    )]
    pub journal: Option<PathBuf>,

    /// Keep no journal: a run stopped midway can then be neither resumed nor undone
    #[arg(long, global = true)]
    pub no_journal: bool,
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add or remove machine tags
    #[command(subcommand)]
    Tag(TagCommand),

    /// Set the device value (asset criticality) of machines
    SetValue(SetValueArgs),

    /// Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value
    #[command(long_about = "Apply a CSV of changes.\n\n\
        Columns (header names match case-insensitively, ignoring spaces, '_' and '-'):\n  \
        machine: MachineId, DeviceId, Id or Machine\n  \
        action:  Add, Remove or SetValue (also set-value), any case\n  \
        value:   Value or Tag: the tag, or Normal|Low|High for SetValue\n\n\
        The whole file is checked before the first call: if any row is invalid nothing is sent, \
        each bad row is reported as FILE:LINE: reason, and the exit code is 2. Identical rows run \
        once; repeats are reported skipped (duplicate).")]
    ApplyCsv(ApplyCsvArgs),

    /// Store, check and remove credentials (the secret goes to the OS keyring only)
    #[command(subcommand)]
    Auth(AuthCommand),

    /// Look at machines: the same pickers as the tagging commands
    #[command(subcommand)]
    Machines(MachinesCommand),

    /// Runs kept in the journal: what each did and how it ended
    #[command(subcommand)]
    Runs(RunsCommand),

    /// Continue a run that was stopped or killed: settled operations stay settled, sent ones
    /// with no recorded answer are checked against the API first, only the rest are sent
    Resume(ResumeArgs),

    /// Undo a run: put back the tags and device values it changed, as a new run
    #[command(
        long_about = "Undo a run: put back the tags and device values it changed, as a new run.\n\n\
        Exact where the run recorded the machines' prior state (runs with --skip-unchanged, \
        tag set, and host names): an added tag the machine had before stays, a removed tag comes \
        back in its old spelling, a device value returns to its prior value. Where the run \
        recorded none, undo refuses (exit 2) and says how many operations it cannot restore \
        exactly; --force inverts those blindly. With --dry-run it shows what it would send."
    )]
    Undo(UndoArgs),

    /// Write shell completions and man pages (for packagers and this repository)
    #[command(hide = true)]
    GenerateAssets {
        /// Directory that receives completions/ and man/
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Add tags to machines
    Add(TagArgs),
    /// Remove tags from machines
    Remove(TagArgs),
    /// Make each machine's tags exactly the given values, with the fewest calls
    #[command(long_about = "Make each machine's tags exactly the given values.\n\n\
        Reads the machines' current tags, then sends only the differences: shared differences \
        in batch calls, or one PATCH of the whole tag set for a machine whose differences are \
        its own, whichever needs fewer calls. --none removes every tag.")]
    Set(TagSetArgs),
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Prove an app's client secret by fetching a token, then keep the secret in the OS keyring
    /// and the rest (tenant, app, cloud, endpoint) in a profile
    Login(LoginArgs),
    /// Which profile and credential source is in use, and what a token from it says
    Status,
    /// Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)
    Logout,
    /// The profiles: tenant, app, cloud, which is the default, and their keyring entries
    List,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the secret from standard input (one line) instead of prompting
    #[arg(long)]
    pub secret_stdin: bool,

    /// Make this the default profile (the first profile always is)
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Subcommand)]
pub enum RunsCommand {
    /// Recent runs, newest first: ID, start, command, status, counts, journal
    List,
    /// A run's report, from its journal, in any --output
    Show(RunArg),
}

#[derive(Debug, Args)]
pub struct RunArg {
    /// A run ID (or its first characters), or a journal file
    #[arg(value_name = "RUN")]
    pub run: String,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// A run ID (or its first characters), or a journal file; default: the newest run that did
    /// not finish
    #[arg(value_name = "RUN")]
    pub run: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// A run ID (or its first characters), or a journal file
    #[arg(value_name = "RUN")]
    pub run: String,

    /// Invert operations whose prior state the run did not record, blindly
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum MachinesCommand {
    /// List machines with their tags, device value, health and last seen
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub targets: Targets,
}

#[derive(Debug, Args)]
pub struct TagSetArgs {
    #[command(flatten)]
    pub targets: Targets,

    /// A tag the machines must have; repeat for several. Tags not listed are removed
    #[arg(long = "value", value_name = "TAG", required_unless_present = "none")]
    pub values: Vec<String>,

    /// Remove every tag
    #[arg(long, conflicts_with = "values")]
    pub none: bool,
}

#[derive(Debug, Args)]
pub struct Targets {
    /// A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable
    #[arg(long = "machine", value_name = "ID|NAME")]
    pub machines: Vec<String>,

    /// A file of machine IDs or host names, one a line ('-' for standard input); blank lines and
    /// # comments skipped
    #[arg(long = "machines-file", value_name = "FILE")]
    pub machines_files: Vec<PathBuf>,

    /// Machines matching an OData filter of the machine list call, e.g.
    /// "healthStatus eq 'Active' and osPlatform eq 'Windows11'"; repeatable
    #[arg(long = "filter", value_name = "ODATA")]
    pub filters: Vec<String>,

    /// Machines carrying this tag (any case); repeatable
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Machines carrying a tag that starts with this; repeatable
    #[arg(long = "tag-prefix", value_name = "PREFIX")]
    pub tag_prefixes: Vec<String>,
}

impl Targets {
    /// Whether machines were listed (`--machine`, `--machines-file`): conditions then narrow
    /// the lists instead of picking.
    pub fn has_lists(&self) -> bool {
        !self.machines.is_empty() || !self.machines_files.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.machines.is_empty()
            && self.machines_files.is_empty()
            && self.filters.is_empty()
            && self.tags.is_empty()
            && self.tag_prefixes.is_empty()
    }
}

#[derive(Debug, Args)]
pub struct TagArgs {
    #[command(flatten)]
    pub targets: Targets,

    /// The tag; repeat for several tags
    #[arg(long = "value", value_name = "TAG", required = true)]
    pub values: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SetValueArgs {
    #[command(flatten)]
    pub targets: Targets,

    /// The device value
    #[arg(long, value_enum, ignore_case = true)]
    pub value: DeviceValueArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeviceValueArg {
    Normal,
    Low,
    High,
}

#[derive(Debug, Args)]
pub struct ApplyCsvArgs {
    /// The CSV file, or '-' for standard input
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,

    /// The field separator, instead of detecting it from the header line (',' ';' or tab;
    /// an Excel "sep=" first line is honoured too)
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
}

/// `,`, `;`, `tab` (or a literal tab), `|`: one ASCII character.
fn parse_delimiter(text: &str) -> Result<u8, &'static str> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1
            && t.is_ascii()
            && !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '"') =>
        {
            Ok(t.as_bytes()[0])
        }
        _ => Err("expected one character such as , ; | or 'tab'"),
    }
}
