//! `tags list`: every tag on the picked machines (all of them by default), how many machines
//! carry it, and its problems. Reads as `machines list` does; counts with
//! `report::inventory`.

use std::sync::Arc;

use anyhow::{Context, Result};

use super::machines::{Read, read};
use crate::cli::{GlobalArgs, ListArgs};
use crate::exit::ExitStatus;
use crate::report::inventory::{self, Inventory};
use crate::settings::Sources;
use crate::ui::Printer;

pub async fn list(
    args: &ListArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    match read(&args.targets, g, sources, &printer).await? {
        Read::Machines(settings, machines) => {
            let inv = Inventory::of(&machines);
            crate::ui::stdout::write_with(|out| inventory::write(&inv, settings.output(), out))
                .context("cannot write to standard output")?;
            // Read-only: exit 0 when it could read (SPEC.md), whatever the tags' problems.
            Ok(ExitStatus::Ok)
        }
        Read::Tenants(settings, read, status) => {
            let inventories: Vec<_> = read
                .into_iter()
                .map(|(t, r)| (t, r.map(|ms| Inventory::of(&ms))))
                .collect();
            crate::ui::stdout::write_with(|out| {
                inventory::write_tenants(&inventories, settings.output(), out)
            })
            .context("cannot write to standard output")?;
            Ok(status)
        }
        Read::Stopped(status) => Ok(status),
    }
}
