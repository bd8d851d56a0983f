//! `tag rename OLD NEW [TARGETS]`: NEW in place of every spelling of OLD, on every machine
//! that carries OLD (or those of them the pickers pick). A run like `tag add`: journaled,
//! resumable, undoable.

use std::sync::Arc;

use anyhow::Result;

use super::fanout::Routes;
use super::tag::{conditions, job, query};
use crate::cli::{GlobalArgs, TagRenameArgs};
use crate::exit::ExitStatus;
use crate::input;
use crate::model::{Origin, Tag};
use crate::plan::{PlanBuilder, Request};
use crate::settings::{Settings, Sources};
use crate::ui::Printer;
use crate::ui::text::printable;

pub async fn run(
    args: &TagRenameArgs,
    g: &GlobalArgs,
    sources: &Sources,
    printer: Arc<Printer>,
) -> Result<ExitStatus> {
    // Settings first: a bad flag is reported before a machines file is read.
    let settings = Settings::from_args(g, sources)?;
    let t = &args.targets;
    let mut b = PlanBuilder::default();
    let old = tag_arg("OLD", &args.old, &mut b);
    let new = tag_arg("NEW", &args.new, &mut b);
    let (refs, keys) = input::targets::collect_routed(&t.machines, &t.machines_files, &mut b);
    let mut conditions = conditions(t, &mut b);
    let query = query(t, &mut b);
    let routes = match Routes::of(&settings, &refs, &keys, &mut b, &printer) {
        Ok(routes) => routes,
        Err(status) => return Ok(status),
    };
    if let Err(errors) = b.finish() {
        return Ok(super::input_errors(&errors, &printer));
    }
    let (Some(old), Some(new)) = (old, new) else {
        unreachable!("an invalid OLD or NEW is an error of the input")
    };
    if t.is_empty() {
        // No picker: the machines that carry OLD, in any case.
        conditions.tags.push(old.clone());
    }
    let lists = t.has_lists();
    let request = |refs| Request::Rename {
        refs,
        conditions: conditions.clone(),
        lists,
        old: old.clone(),
        new: new.clone(),
    };
    let mut job = job("tag rename", t, &args.save);
    job.query = query;
    super::fanout::execute_listed(settings, routes, refs, job, request, printer).await
}

/// OLD or NEW, checked by the tag rules.
fn tag_arg(name: &str, text: &str, b: &mut PlanBuilder) -> Option<Tag> {
    match b.tag(text) {
        Ok(tag) => Some(tag),
        Err(reason) => {
            let origin = Origin::new(format!("{name} '{}'", printable(text)), 0);
            b.error(origin, reason.0);
            None
        }
    }
}
