//! `tags list`: its arguments, and its help with its examples.

use clap::Subcommand;

use super::ListArgs;

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
