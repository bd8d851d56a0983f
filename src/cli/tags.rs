//! `tag rename` and `tags list`: their arguments, and their help with its examples.

use clap::{Args, Subcommand};

use super::{ListArgs, Targets};

/// Rename a tag: add NEW and remove OLD, in every spelling of its case, on the machines that
/// carry it
#[derive(Debug, Args)]
#[command(
    long_about = "Rename a tag: add NEW and remove OLD, in every spelling of its case, on the \
    machines that carry it.\n\n\
    With no picker, every machine carrying OLD (in any case) is renamed; pickers narrow that to \
    the machines they pick, and a picked machine without OLD is left alone (skipped, \
    unchanged). A machine that already has NEW keeps it (its add is skipped, unchanged). The \
    changes go out as batch calls: the adds of NEW, then the removals of each spelling of OLD, \
    so a run stopped half-way leaves machines with both tags, never neither. A case-only \
    rename (finance to Finance) removes the other spellings first and adds NEW once every \
    removal has settled, as the API treats spellings of one tag as one; OLD and NEW may even \
    be spelled alike, to make every spelling that one. Journaled and resumable like any run; \
    `mdetag undo RUN` puts OLD back in each machine's spelling, a case-only rename included. \
    OLD and NEW follow the tag rules (exit 2, nothing \
    sent).",
    after_long_help = "EXAMPLES:\n  mdetag tag rename Legacy Retired --dry-run          what it would send\n  mdetag tag rename Legacy Retired                    every machine tagged Legacy, in any case\n  mdetag tag rename finance Finance                   one spelling for every case of it\n  mdetag tag rename IR-1234 IR-1234-closed --tag-prefix SRV-\n  mdetag undo 20261201T080312Z-7f3a                   put the old tag back"
)]
pub struct TagRenameArgs {
    /// The tag to rename; any spelling of its case matches
    #[arg(value_name = "OLD")]
    pub old: String,

    /// The new tag, sent as spelled
    #[arg(value_name = "NEW")]
    pub new: String,

    #[command(flatten)]
    pub targets: Targets,

    #[command(flatten)]
    pub save: super::SavePlanArg,
}

#[derive(Debug, Subcommand)]
pub enum TagsCommand {
    /// Every tag on the picked machines (default: all), how many machines carry it, and its
    /// problems
    #[command(
        long_about = "Every tag on the picked machines (default: every machine, read in pages), \
        how many machines carry it, and the problems a portal or the API meets with it.\n\n\
        Tags that differ only in case are one tag, listed once with each spelling and its \
        count. Problems: case-variants (several spellings), too-long (over 200 characters: the \
        API refuses it), spaces (leading or trailing), portal-filter (a '(', ')' or ',', which \
        the portal's tag filter breaks on). Pickers pick machines: every tag of a picked \
        machine is listed. Tags carried by the most machines come first. Read-only: exit 0 when \
        it could read.\n\n\
        --output:\n  \
        table  Tag, Machines, Spellings, Problems; then a summary line\n  \
        json   {\"summary\":{\"machines\",\"tags\",\"problems\"},\n         \
        \"tags\":[{\"tag\",\"machines\",\"spellings\":[{\"tag\",\"machines\"}],\"problems\":[…]}]}\n  \
        jsonl  one tag object a line, then {\"summary\":{…}}\n  \
        csv    tag,machines,spelling,spelling_machines,problems: a row a spelling,\n         \
        problems joined by ';'",
        after_long_help = "EXAMPLES:\n  mdetag tags list\n  mdetag tags list --tag-prefix SRV- --output json\n  mdetag tags list --filter \"healthStatus eq 'Active'\" --output csv > tags.csv\n  mdetag tags list --output json | jq -r '.tags[] | select(.problems | index(\"case-variants\")) | .tag'"
    )]
    List(ListArgs),
}
