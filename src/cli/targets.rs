//! What the tagging and listing commands take: the machine pickers (TARGETS), the tags or
//! device value they send, and apply-csv's file.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::SavePlanArg;

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

    #[command(flatten)]
    pub save: SavePlanArg,
}

#[derive(Debug, Args)]
pub struct Targets {
    /// A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable
    #[arg(
        help_heading = "Machine pickers",
        long = "machine",
        value_name = "ID|NAME"
    )]
    pub machines: Vec<String>,

    /// A file of machine IDs or host names, one a line ('-' for standard input); blank lines and
    /// # comments skipped
    #[arg(
        help_heading = "Machine pickers",
        long = "machines-file",
        value_name = "FILE"
    )]
    pub machines_files: Vec<PathBuf>,

    /// Machines matching an OData filter of the machine list call, e.g.
    /// "healthStatus eq 'Active' and osPlatform eq 'Windows11'"; repeatable
    #[arg(
        help_heading = "Machine pickers",
        long = "filter",
        value_name = "ODATA"
    )]
    pub filters: Vec<String>,

    /// Machines carrying this tag (any case); repeatable
    #[arg(help_heading = "Machine pickers", long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Machines carrying a tag that starts with this; repeatable
    #[arg(
        help_heading = "Machine pickers",
        long = "tag-prefix",
        value_name = "PREFIX"
    )]
    pub tag_prefixes: Vec<String>,

    /// Machines an advanced hunting query (KQL) returns, by its DeviceId column (else
    /// DeviceName); a list, like --machine
    #[arg(
        help_heading = "Machine pickers",
        long = "query",
        value_name = "KQL",
        conflicts_with = "query_file"
    )]
    pub query: Option<String>,

    /// The hunting query in a file ('-' for standard input), e.g. servers.kql
    #[arg(
        help_heading = "Machine pickers",
        long = "query-file",
        value_name = "FILE"
    )]
    pub query_file: Option<PathBuf>,

    /// How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)
    #[arg(
        help_heading = "Machine pickers",
        long = "query-timespan",
        value_name = "DURATION",
        default_value = "P30D"
    )]
    pub query_timespan: String,

    /// Refuse a hunting query that picks more machines than this (exit 2, nothing sent)
    #[arg(
        help_heading = "Machine pickers",
        long = "query-max",
        value_name = "N",
        default_value_t = 10_000,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub query_max: u64,
}

impl Targets {
    /// Whether machines were listed (`--machine`, `--machines-file`): conditions then narrow
    /// the lists instead of picking.
    pub fn has_lists(&self) -> bool {
        !self.machines.is_empty() || !self.machines_files.is_empty() || self.has_query()
    }

    /// Whether a hunting query picks machines (`--query`, `--query-file`).
    pub fn has_query(&self) -> bool {
        self.query.is_some() || self.query_file.is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.machines.is_empty()
            && self.machines_files.is_empty()
            && self.filters.is_empty()
            && self.tags.is_empty()
            && self.tag_prefixes.is_empty()
            && !self.has_query()
    }
}

#[derive(Debug, Args)]
pub struct TagArgs {
    #[command(flatten)]
    pub targets: Targets,

    /// The tag; repeat for several tags
    #[arg(long = "value", value_name = "TAG", required = true)]
    pub values: Vec<String>,

    #[command(flatten)]
    pub save: SavePlanArg,
}

#[derive(Debug, Args)]
pub struct SetValueArgs {
    #[command(flatten)]
    pub targets: Targets,

    /// The device value
    #[arg(long, value_enum, ignore_case = true)]
    pub value: DeviceValueArg,

    #[command(flatten)]
    pub save: SavePlanArg,
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

    #[command(flatten)]
    pub save: SavePlanArg,
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
