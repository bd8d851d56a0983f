//! What `mdetag resume` checks before it asks for a token or sends anything: which run (a bare
//! `resume` takes the newest run only), whether its journal can be trusted (whole plan, no
//! damaged line), the pacing it was started with, and how long calls it sent may still be in
//! flight.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Result;

use crate::exit::UsageError;
use crate::journal::reader::{self, JournalError, RunLog};
use crate::journal::{store, writer::unix_ms};
use crate::settings::{JournalChoice, RunLayer, Settings};
use crate::ui::Printer;

/// The journal RUN names; without RUN, `--journal FILE`, else the newest run (`None`: nothing
/// to resume, said why).
pub fn journal_of(
    run: Option<&str>,
    settings: &Settings,
    printer: &Printer,
) -> Result<Option<PathBuf>> {
    match (run, settings.journal()) {
        (Some(r), _) => store::find(r).map(Some),
        (None, JournalChoice::File(f)) if f.is_file() => Ok(Some(f.clone())),
        (None, JournalChoice::File(f)) => Err(UsageError(format!(
            "--journal {}: no such journal to resume",
            f.display()
        ))
        .into()),
        (None, _) => newest(settings.sandbox(), printer),
    }
}

/// The newest run (of the sandbox's with `--sandbox`, else of real tenants'), when it has
/// something left to do. An older run is never resumed unasked: those that did not finish are
/// listed.
fn newest(sandbox: bool, printer: &Printer) -> Result<Option<PathBuf>> {
    let runs: Vec<_> = store::list()?
        .into_iter()
        .filter(|(_, g)| g.header.sandbox == sandbox)
        .collect();
    let dir = store::runs_dir()?;
    let Some((path, newest)) = runs.first() else {
        printer.note(format!(
            "no {} in {}: nothing to resume",
            match sandbox {
                true => "sandbox runs",
                false => "runs (sandbox runs aside: `mdetag --sandbox resume` takes those)",
            },
            dir.display()
        ));
        return Ok(None);
    };
    // A run over many tenants some of which never ran is not whole: resume reports it, naming
    // them (exit 3), rather than call it done.
    if newest.resumable() || newest.never_ran > 0 {
        return Ok(Some(path.clone()));
    }
    let h = &newest.header;
    printer.note(format!(
        "the newest run, {} ({}, started {}), has nothing left to do: nothing to resume, nothing is sent",
        h.run_id, h.command, h.started
    ));
    // Runs an undo put back are not offered: resuming one would redo what was undone.
    let undone: std::collections::HashSet<&str> = runs
        .iter()
        .filter_map(|(_, g)| g.header.command.strip_prefix("undo "))
        .collect();
    let older: Vec<_> = runs[1..]
        .iter()
        .filter(|(_, g)| g.resumable() && !undone.contains(g.header.run_id.as_str()))
        .collect();
    if !older.is_empty() {
        // A line each: the printer escapes a line break inside one line.
        printer
            .note("older runs that did not finish (not resumed; `mdetag resume RUN` resumes one):");
        for (_, g) in &older {
            printer.raw(format!(
                "  {}  {}  started {}  {}",
                g.header.run_id,
                g.header.command,
                g.header.started,
                g.status().as_str()
            ));
        }
    }
    Ok(None)
}

/// Reads the journal for resuming: a damaged line (other than a torn last one) or a plan that
/// was never marked complete is refused, exit 2, before anything is sent.
pub fn read(path: &Path) -> Result<RunLog> {
    let log = match reader::read_run(path) {
        Ok(log) => log,
        Err(e @ JournalError::Damaged { .. }) => {
            return Err(UsageError(format!(
                "{e}; resume refuses a damaged journal and sent nothing"
            ))
            .into());
        }
        Err(e @ JournalError::Cut { .. }) => {
            return Err(UsageError(format!(
                "{e}: the run was stopped as it started and sent nothing, and resume sends nothing; run its command again"
            ))
            .into());
        }
        Err(e) => return Err(e.into()),
    };
    if !log.plan_complete {
        let h = &log.header;
        return Err(UsageError(format!(
            "run {} was stopped while its plan was being written ({} holds {} and no mark that the plan is complete): the run sent nothing, and resume sends nothing; run the `{}` command again",
            h.run_id,
            path.display(),
            crate::ui::text::plural(log.ops.len(), "operation", "operations"),
            h.command
        ))
        .into());
    }
    Ok(log)
}

/// A run resumes with the pacing, concurrency and batching it was started with; options given
/// to `resume` (flag or variable) win.
pub fn run_layer(log: &RunLog) -> RunLayer {
    let h = &log.header;
    RunLayer {
        batching: Some(h.batching),
        rate_limit: h
            .rate_limit
            .clone()
            .map(|spec| (spec, log.path.display().to_string())),
        concurrency: h.concurrency,
        skip_unchanged: false,
    }
}

/// Until when calls the stopped run sent may still be in flight: its last record (the later of
/// its last `sent` record and the journal's modification time) plus the call timeout (the
/// run's, or this process's if longer). Never more than one call timeout from now.
pub fn in_flight_until(log: &RunLog, path: &Path) -> Option<(Duration, Duration)> {
    let timeout = log
        .header
        .call_timeout_ms
        .map_or(crate::http::CALL_TIMEOUT, Duration::from_millis)
        .max(crate::http::call_timeout());
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map(unix_ms)
        .ok();
    let last = log.last_sent_at.max(modified)?;
    let now = unix_ms(SystemTime::now());
    let until = last.saturating_add(timeout.as_millis() as u64);
    let wait = Duration::from_millis(until.saturating_sub(now)).min(timeout);
    (!wait.is_zero()).then_some((wait, timeout))
}

/// The command that continues a stopped run: by its ID when its journal is in the state
/// directory (where `resume` looks for IDs), else by the journal's path; with `--sandbox` for a
/// sandbox run.
pub fn resume_command(journal: &Path, run_id: &str, sandbox: bool) -> String {
    let mdetag = if sandbox {
        "mdetag --sandbox"
    } else {
        "mdetag"
    };
    let in_runs = crate::journal::store::runs_dir().is_ok_and(|dir| {
        let parent = journal.parent().unwrap_or(Path::new(""));
        parent == dir
            || parent
                .canonicalize()
                .ok()
                .is_some_and(|p| Some(p) == dir.canonicalize().ok())
    });
    if in_runs {
        return format!("{mdetag} resume {run_id}");
    }
    let path = journal.display().to_string();
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:,@%".contains(c));
    if plain {
        format!("{mdetag} resume {path}")
    } else {
        format!("{mdetag} resume '{}'", path.replace('\'', "'\\''"))
    }
}
