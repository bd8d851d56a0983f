//! Command-line types only. The help text lives on the fields; checking and combining
//! them into one consistent configuration happens in `settings`. Nothing here imports the rest
//! of mdetag: the enums below mirror domain types that `settings` maps them to.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod applies;
mod auth;
mod global;
mod help;
mod tags;
mod targets;
mod tenants;

pub use applies::refusal;
pub use auth::{LoginArgs, StatusArgs};
pub use global::{
    AuthSourceArg, CloudArg, GlobalArgs, HuntingApiArg, OnDuplicate, OutputFormat, RegionArg,
};
pub use help::{command, globals_help};
pub use tags::{TagRenameArgs, TagsCommand};
pub use targets::{
    ApplyCsvArgs, DeviceValueArg, ListArgs, SetValueArgs, TagArgs, TagSetArgs, Targets,
};

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
    after_help = "Try it with no tenant: mdetag --sandbox tag add --machine ws-00001 --value IR-1234",
    after_long_help = "EXAMPLES:\n  mdetag --sandbox tag add --machine ws-00001 --value IR-1234   try it, with no tenant\n  mdetag --sandbox machines list                      the sandbox keeps what you changed\n  mdetag auth login --tenant-id TENANT --client-id APP\n  mdetag tag add --machine ws-0142 --value IR-1234\n  mdetag tag add --tag VIP --filter \"healthStatus eq 'Inactive'\" --value Review\n  mdetag apply-csv changes.csv --dry-run              the plan and its calls, nothing sent\n  timeout 8h mdetag set-value --machines-file servers.txt --value High; mdetag resume\n\nEXIT STATUS: 0 all succeeded (or skipped, planned) · 1 could not run · 2 usage or input error,\nnothing sent · 3 some failed · 4 changes pending (sync --check) · 130/143/129 interrupted by\nSIGINT/SIGTERM/SIGHUP, report complete"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add or remove machine tags, or make them exactly a set
    #[command(
        subcommand,
        after_long_help = "EXAMPLES:\n  mdetag tag add --machine ws-0142 --machine db01.corp.example --value Quarantine\n  mdetag tag remove --machines-file quarantined.txt --value Quarantine\n  mdetag tag set --tag Finance --value Finance --value Tier-1\n  mdetag tag rename finance Finance"
    )]
    Tag(TagCommand),

    /// Set the device value (asset criticality) of machines
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag set-value --machine db01.corp.example --value High\n  mdetag set-value --filter \"osPlatform eq 'WindowsServer2022'\" --value High --skip-unchanged\n  timeout 8h mdetag set-value --machines-file servers.txt --value High; mdetag resume"
    )]
    SetValue(SetValueArgs),

    /// Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value
    #[command(
        long_about = "Apply a CSV of changes.\n\n\
        Columns (header names match case-insensitively, ignoring spaces, '_' and '-'):\n  \
        machine: MachineId, DeviceId, Id or Machine (an ID, or a host name as --machine\n           \
        takes it); or a host name in ComputerDnsName, DeviceName, Hostname or Name\n  \
        action:  Add, Remove or SetValue (also set-value), any case\n  \
        value:   Value or Tag: the tag, or Normal|Low|High for SetValue\n  \
        tenant:  Tenant, TenantId or TenantName (with --tenants only): the tenant each row\n           \
        runs in, by ID or by its name in the tenants file\n\n\
        The whole file is checked before the first call: if any row is invalid nothing is sent, \
        each bad row is reported as FILE:LINE: reason (the first 100, then a count), and the exit code \
        is 2. Identical rows run \
        once; repeats are reported skipped (duplicate).",
        after_long_help = "EXAMPLES:\n  mdetag apply-csv changes.csv --dry-run\n  mdetag apply-csv changes.csv --output json > results.json\n  mdetag apply-csv - < changes.csv\n  mdetag apply-csv excel-export.csv --delimiter ';'            force the separator\n\nA CSV (comma, semicolon or tab; UTF-8 or UTF-16 with a BOM):\n  MachineId,Action,Value\n  1e5bc9d7e413ddd7902c2932e418702b84d0cc07,Add,test Tag 2\n  7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687,SetValue,High"
    )]
    ApplyCsv(ApplyCsvArgs),

    /// Store, check and remove credentials (the secret goes to the OS keyring only)
    #[command(
        subcommand,
        after_long_help = "EXAMPLES:\n  mdetag auth login --tenant-id TENANT --client-id APP\n  mdetag auth status\n  mdetag auth list\n  mdetag auth logout --profile old-lab"
    )]
    Auth(AuthCommand),

    /// Look at machines: the same pickers as the tagging commands
    #[command(
        subcommand,
        after_long_help = "EXAMPLES:\n  mdetag machines list --tag-prefix IR-\n  mdetag machines list --tag VIP --filter \"healthStatus eq 'Inactive'\" --output csv > review.csv"
    )]
    Machines(MachinesCommand),

    /// Look at tags: how many machines carry each, and the problems it has
    #[command(
        subcommand,
        after_long_help = "EXAMPLES:\n  mdetag tags list\n  mdetag tags list --tag-prefix SRV- --output json"
    )]
    Tags(TagsCommand),

    /// Runs kept in the journal: what each did and how it ended
    #[command(
        subcommand,
        after_long_help = "EXAMPLES:\n  mdetag runs list\n  mdetag runs show 20261201T080312Z-7f3a --output csv > results.csv"
    )]
    Runs(RunsCommand),

    /// Continue a run that was stopped or killed: settled operations stay settled, sent ones
    /// with no recorded answer are checked against the API first, only the rest are sent
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag resume                                   the newest run, if it has something left to do\n  mdetag resume 20261201T080312Z-7f3a --output jsonl > results.jsonl\n                                                  the whole run's report: `>`, never `>>`\n  mdetag resume /srv/runs/tags.jsonl              a run journaled with --journal FILE\n  mdetag resume --dry-run                         the whole run, and the calls left\n  timeout 8h mdetag apply-csv big.csv; mdetag resume"
    )]
    Resume(ResumeArgs),

    /// Undo a run: put back the tags and device values it changed, as a new run
    #[command(
        long_about = "Undo a run: put back the tags and device values it changed, as a new run.\n\n\
        Exact where the run recorded the machines' prior state (runs with --skip-unchanged, \
        tag set, and host names): an added tag the machine had before stays, a removed tag comes \
        back in its old spelling, a device value returns to its prior value. Where the run \
        recorded none, undo refuses (exit 2) and says how many operations it cannot restore \
        exactly; --force inverts those blindly. With --dry-run it shows what it would send.",
        after_long_help = "EXAMPLES:\n  mdetag undo 20261201T080312Z-7f3a --dry-run     what undoing it would send\n  mdetag undo 20261201T080312Z-7f3a\n  mdetag undo 20261201T080312Z-7f3a --force       also operations with no recorded prior state"
    )]
    Undo(UndoArgs),

    /// Run a saved plan (--save-plan) exactly, once, if its machines have not changed since
    #[command(
        long_about = "Run a saved plan exactly as it was reviewed.\n\n\
        The plan must be complete, of this mdetag's plan format, for the tenant, app and endpoint \
        in use, and not applied before. Every machine it touches is read again (batched): a \
        machine whose tags or device value differ from what the plan recorded, or that is gone, \
        has drifted. Any drift: exit 2, nothing sent, the drifted machines listed; \
        --skip-drifted skips their operations (skipped, drifted) and runs the rest. Pickers and \
        queries are not evaluated again: a machine that matches them only now is not touched. \
        The run is journaled (its header names the plan's SHA-256), resumable and undoable like \
        any run. With --dry-run it checks for drift and shows the plan, and sends nothing.",
        after_long_help = "EXAMPLES:\n  mdetag tag add --tag-prefix SRV- --value Servers --save-plan servers.plan\n  mdetag apply servers.plan --dry-run       check for drift, show what it sends\n  mdetag apply servers.plan\n  mdetag apply servers.plan --skip-drifted  run what has not drifted"
    )]
    Apply(ApplyArgs),

    /// Make tags and device values match a rules file (tags as code)
    #[command(
        long_about = "Make tags and device values match a rules file (TOML).\n\n\
        Each [[tag]] rule owns its tag: a selected machine without it (in any case) gets it; a \
        machine that carries it (in any case) and is not selected loses every spelling of it. \
        Tags the file does not name are never touched. Each [[value]] rule sets a device value \
        (Normal, Low, High) on its selection; other machines keep theirs. A selection uses the \
        TARGETS keys (machines, machines-file, query, query-file, filter, tag, tag-prefix; a \
        string or a list; files relative to the rules file): lists add up, conditions narrow. \
        Selections are evaluated against the state read at plan time.\n\n\
        Problems in the file are reported as RULES:LINE: reason before anything is read (exit 2). \
        After planning, exit 2 and nothing sent: a machine given two values; a tag rule that \
        selects nothing while machines carry the tag; more removals of a tag than --max-removals. \
        --check prints the differences and sends nothing: exit 0 when everything matches, 4 when \
        changes are pending. --dry-run, --save-plan, the journal, resume and undo work as for any run.",
        after_long_help = "EXAMPLES:\n  mdetag sync tags.toml --check          exit 4 when changes are pending\n  mdetag sync tags.toml --save-plan sync.plan   review it, then: mdetag apply sync.plan\n  mdetag sync tags.toml --max-removals 50\n\nA rules file:\n  [[tag]]\n  name = \"Internet-Facing\"\n  query = \"DeviceInfo | where IsInternetFacing == true | distinct DeviceId\"\n\n  [[value]]\n  value = \"High\"\n  tag = [\"Tier-0\"]"
    )]
    Sync(SyncArgs),

    /// The global options: what each does, its environment variable and default
    #[command(
        long_about = "The global options: what each does, its environment variable and default.\n\n\
        Each command takes the global options it uses (its help names them), before or after \
        its name. A flag beats its environment variable. A flag the command does not use is \
        refused (exit 2), and so is a connection option given with --sandbox, which brings its \
        own; an environment variable never is, so a script can export them for every command.",
        override_usage = "mdetag [GLOBAL OPTIONS] <COMMAND> [OPTIONS]",
        after_long_help = "EXAMPLES:\n  mdetag help globals\n  mdetag tag add --help                   the global options tag add takes\n  export MDETAG_OUTPUT=json               for every command that prints results"
    )]
    Globals,

    /// Print a shell's completion script (bash, zsh, fish, powershell, elvish)
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag completions bash > ~/.local/share/bash-completion/completions/mdetag\n  mdetag completions zsh > \"${fpath[1]}/_mdetag\"\n  mdetag completions fish > ~/.config/fish/completions/mdetag.fish\n  mdetag completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

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
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag tag add --machine 1e5bc9d7e413ddd7902c2932e418702b84d0cc07 --value IR-1234\n  mdetag tag add --machine ws-0142 --value IR-1234 --value Quarantine\n  mdetag tag add --machines-file hosts.txt --value Wave-3 --skip-unchanged\n  mdetag machines list --tag IR --output csv | mdetag tag add --machines-file - --value Seen\n  mdetag tag add --tag VIP --filter \"healthStatus eq 'Inactive'\" --value Review --dry-run"
    )]
    Add(TagArgs),
    /// Remove tags from machines
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag tag remove --machine ws-0142 --value Quarantine\n  mdetag tag remove --tag Quarantine --value Quarantine        from every machine that has it\n  mdetag tag remove --machines-file done.txt --value Wave-3 --output jsonl > removed.jsonl"
    )]
    Remove(TagArgs),
    /// Make each machine's tags exactly the given values, with the fewest calls
    #[command(
        long_about = "Make each machine's tags exactly the given values.\n\n\
        Reads the machines' current tags, then sends only the differences: shared differences \
        in batch calls, or one PATCH of the whole tag set for a machine whose differences are \
        its own, whichever needs fewer calls. --none removes every tag.",
        after_long_help = "EXAMPLES:\n  mdetag tag set --machine ws-0142 --value Finance --value Tier-1\n  mdetag tag set --tag Finance --value Finance --value Tier-1 --dry-run\n  mdetag tag set --machines-file kiosks.txt --none              remove every tag"
    )]
    Set(TagSetArgs),
    Rename(TagRenameArgs),
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Prove an app's client secret by fetching a token, then keep the secret in the OS keyring
    /// and the rest (tenant, app, cloud, endpoint) in a profile
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag auth login --tenant-id TENANT --client-id APP                 asks for the secret\n  mdetag auth login --profile eu --tenant-id T --client-id A --region eu --default\n  printf '%s\\n' \"$SECRET\" | mdetag auth login --secret-stdin --tenant-id T --client-id A"
    )]
    Login(LoginArgs),
    /// Which profile and credential source is in use, and what a token from it says
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag auth status                   exit 1 unless the app may tag machines\n  mdetag auth status --read-only       exit 1 unless it may read them\n  mdetag auth status --profile eu --output json\n  mdetag --sandbox auth status"
    )]
    Status(StatusArgs),
    /// Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag auth logout\n  mdetag auth logout --profile eu"
    )]
    Logout,
    /// The profiles: tenant, app, cloud, which is the default, and their keyring entries
    #[command(after_long_help = "EXAMPLES:\n  mdetag auth list\n  mdetag auth list --output json")]
    List,
}

#[derive(Debug, Subcommand)]
pub enum RunsCommand {
    /// Recent runs, newest first: ID, start, command, status, counts, journal
    #[command(after_long_help = "EXAMPLES:\n  mdetag runs list\n  mdetag runs list --output json")]
    List,
    /// A run's report, from its journal, in any --output
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag runs show 20261201T080312Z-7f3a\n  mdetag runs show 20261201T08 --output json             the first characters are enough"
    )]
    Show(RunArg),
    /// Run IDs only, newest first: what the shell completions offer for RUN
    #[command(hide = true)]
    Ids,
}

#[derive(Debug, Args)]
pub struct RunArg {
    /// A run ID (or its first characters), or a journal file
    #[arg(value_name = "RUN")]
    pub run: String,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// A run ID (or its first characters), or a journal file; default: the newest run (when
    /// it has nothing left to do, nothing is resumed and older unfinished runs are listed)
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

    #[command(flatten)]
    pub save: SavePlanArg,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// A plan saved with --save-plan
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,

    /// Skip the operations on machines that changed since the plan was saved, and run the rest
    #[arg(long)]
    pub skip_drifted: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The rules file (TOML)
    #[arg(value_name = "RULES")]
    pub rules: PathBuf,

    /// Print the differences and send nothing: exit 0 when everything matches, 4 when changes are pending
    #[arg(long)]
    pub check: bool,

    /// Refuse to remove a tag from more than N machines, or N% of those that carry it (never fewer than 10)
    #[arg(long, value_name = "N|N%", default_value = "10%")]
    pub max_removals: String,

    #[command(flatten)]
    pub save: SavePlanArg,
}

/// `--save-plan FILE`, on every command that may write.
#[derive(Debug, Args)]
pub struct SavePlanArg {
    /// Plan as --dry-run does, read the state of every machine the plan touches, and save the
    /// plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it
    #[arg(long, value_name = "FILE")]
    pub save_plan: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum MachinesCommand {
    /// List machines: name, OS platform, health, device value, last seen and tags
    #[command(
        after_long_help = "EXAMPLES:\n  mdetag machines list --tag-prefix IR-\n  mdetag machines list --tag VIP --filter \"healthStatus eq 'Inactive'\" --output csv > review.csv\n  mdetag machines list --machines-file hosts.txt --output json"
    )]
    List(ListArgs),
}
