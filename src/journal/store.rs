//! Where journals live: `{state}/runs/{run-id}.jsonl`, `{state}` being `MDETAG_STATE_DIR`, else
//! the platform's state directory (Linux `$XDG_STATE_HOME/mdetag` or `~/.local/state/mdetag`).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use super::reader::{Glance, glance};
use crate::exit::UsageError;

/// Journals older than this are removed when a run starts.
pub const KEEP: Duration = Duration::from_secs(90 * 86_400);

/// How else to choose a state folder, for every message about one.
const FIX: &str =
    "set MDETAG_STATE_DIR to a folder of your own, or use --journal FILE or --no-journal";

/// `MDETAG_STATE_DIR`, else the platform's state directory for mdetag; refused (`UnsafeFolder`)
/// if it belongs to another user or others may write it.
pub fn state_dir() -> Result<PathBuf> {
    let dir = if let Some(dir) = std::env::var_os("MDETAG_STATE_DIR").filter(|d| !d.is_empty()) {
        PathBuf::from(dir)
    } else {
        let dirs = directories::ProjectDirs::from("", "", "mdetag")
            .context("no home directory to keep run journals in; set MDETAG_STATE_DIR")?;
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf()
    };
    crate::files::check_folder(&dir, "state folder", FIX)?;
    Ok(dir)
}

/// A folder of the state folder only its owner may enter, made if need be; refused if it
/// belongs to another user or others may write it.
pub fn private_dir(dir: &Path) -> Result<()> {
    crate::files::private_dir(dir, "state folder", FIX)
}

/// A folder of the state folder, if it exists, checked as the state folder is.
pub fn check_dir(dir: &Path) -> Result<()> {
    crate::files::check_folder(dir, "state folder", FIX)
}

/// `{state}/runs`, checked as the state folder is.
pub fn runs_dir() -> Result<PathBuf> {
    let dir = state_dir()?.join("runs");
    check_dir(&dir)?;
    Ok(dir)
}

/// Now as RFC 3339 in UTC, to the millisecond (always three digits, so that the text sorts
/// as the time does): runs started in the same second still sort by when they started.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        now.millisecond()
    )
}

/// A header's start time, for ordering: journals of older versions have it to the second.
fn start_time(started: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(started, &time::format_description::well_known::Rfc3339).ok()
}

/// A new run ID: the start time (sortable) and a random suffix, e.g. `20261201T080312Z-7f3a`.
pub fn new_run_id() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z-{:04x}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        rand::random::<u16>()
    )
}

/// The journals in the runs directory, newest first.
pub fn list() -> Result<Vec<(PathBuf, Glance)>> {
    let dir = runs_dir()?;
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let mut runs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "jsonl")
            && let Ok(g) = glance(&path)
        {
            runs.push((path, g));
        } else if path.is_dir()
            && let Ok(journals) = tenant_journals(&path)
            && let Ok(mut g) = super::reader::glance_all(&journals)
        {
            // A run over many tenants: one run, its tenants' journals in its folder, and
            // those that never ran on record beside them.
            if let Ok(Some(m)) = super::manifest::Manifest::read(&path) {
                g.never_ran = m.never_ran(&journals).map_or(0, |n| n.len());
            }
            runs.push((path, g));
        }
    }
    // Newest first, by start time (to the millisecond where recorded); the text and the run
    // ID only break ties (or order what does not parse).
    let mut runs: Vec<_> = runs
        .into_iter()
        .map(|(p, g)| (start_time(&g.header.started), p, g))
        .collect();
    runs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.2.header.started.cmp(&a.2.header.started))
            .then_with(|| b.2.header.run_id.cmp(&a.2.header.run_id))
    });
    let runs = runs.into_iter().map(|(_, p, g)| (p, g)).collect();
    Ok(runs)
}

/// The run that undid run `run_id`, if one did (an `undo RUN` run kept in the runs folder).
pub fn undone_by(run_id: &str) -> Result<Option<String>> {
    let undo = format!("undo {run_id}");
    Ok(list()?
        .into_iter()
        .find(|(_, g)| g.header.command == undo)
        .map(|(_, g)| g.header.run_id))
}

/// The journals of a run over many tenants, in the folder named by its run ID: one per tenant,
/// by tenant ID.
pub fn tenant_journals(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut journals: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    journals.sort();
    Ok(journals)
}

/// The journal a RUN argument names: a file path, a run ID, or the start of one (for a run
/// over many tenants, its folder).
pub fn find(run: &str) -> Result<PathBuf> {
    let as_path = Path::new(run);
    if as_path.is_file() {
        return Ok(as_path.to_path_buf());
    }
    // By file name: a journal that cannot be read (damaged, newer) is still found, and reading
    // it then says what is wrong with it.
    let dir = runs_dir()?;
    let matches: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                (p.extension().is_some_and(|e| e == "jsonl") || p.is_dir())
                    && p.file_stem()
                        .and_then(|s| s.to_str())
                        .is_some_and(|s| s.starts_with(run))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    match matches.len() {
        1 => Ok(matches.into_iter().next().expect("one")),
        // A RUN that names no run, or several, is a usage error like any other bad argument.
        0 => Err(UsageError(format!(
            "no run '{run}' in {} (`mdetag runs list` shows the runs kept there)",
            runs_dir()?.display()
        ))
        .into()),
        n => Err(UsageError(format!("'{run}' names {n} runs; give more of the run ID")).into()),
    }
}

/// Removes journals not written to for 90 days. Problems are not worth stopping a run for.
/// Removes the folder of a run over many tenants when every file in it is older than `KEEP`.
fn prune_run(dir: &Path, now: SystemTime) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let files: Vec<_> = entries.flatten().collect();
    // An empty folder is a run being set up (its tenants not yet on record) unless it is old
    // itself.
    let old_dir = std::fs::metadata(dir)
        .and_then(|m| m.modified())
        .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > KEEP));
    let all_old = (old_dir || !files.is_empty())
        && files.iter().all(|e| {
            e.file_type().is_ok_and(|t| t.is_file())
                && e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > KEEP))
        });
    all_old
        && files.iter().all(|e| std::fs::remove_file(e.path()).is_ok())
        && std::fs::remove_dir(dir).is_ok()
}

pub fn prune(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > KEEP));
        if path.is_dir() && !path.is_symlink() && path.extension().is_none() {
            // A run over many tenants goes whole, once none of its journals was written for
            // 90 days: never one tenant's part of a run that may still be resumed.
            if prune_run(&path, now) {
                removed += 1;
            }
            continue;
        }
        let journal = path.extension().is_some_and(|e| e == "jsonl");
        // A run's lock file goes with its journal (`X.jsonl.lock`).
        let lock = path.extension().is_some_and(|e| e == "lock");
        if !old || !(journal || lock) {
            continue;
        }
        let gone = std::fs::remove_file(&path).is_ok();
        if gone && journal {
            removed += 1;
        }
    }
    removed
}

/// Where `apply` records that a saved plan (by the SHA-256 of its bytes) was applied, and by
/// which run: `{state}/plans/{sha256}.applied`.
fn applied_mark(sha256: &str) -> Result<PathBuf> {
    let dir = state_dir()?.join("plans");
    check_dir(&dir)?;
    Ok(dir.join(format!("{sha256}.applied")))
}

/// The run that applied this plan, if one did: `(run ID, journal path)`.
pub fn applied_by(sha256: &str) -> Result<Option<(String, String)>> {
    let path = applied_mark(sha256)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut lines = text.lines();
            let run = lines.next().unwrap_or("?").to_string();
            let journal = lines.next().unwrap_or("").to_string();
            Ok(Some((run, journal)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display()))),
    }
}

/// Records that `run_id` applies this plan. Refused (an error) when a run already has: two
/// `apply` processes of one plan at once cannot both send it.
pub fn mark_applied(sha256: &str, run_id: &str, journal: &str) -> Result<PathBuf> {
    let dir = state_dir()?.join("plans");
    private_dir(&dir)?;
    let path = applied_mark(sha256)?;
    let mut file = crate::files::open(&path, crate::files::Open::CreateNew).with_context(|| {
        format!(
            "cannot record that the plan was applied in {}",
            path.display()
        )
    })?;
    use std::io::Write;
    writeln!(file, "{run_id}\n{journal}")?;
    file.sync_all()?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    #[test]
    fn an_old_run_over_many_tenants_is_pruned_whole_and_a_recent_one_kept() {
        let runs = tempfile::tempdir().unwrap();
        let age = |path: &std::path::Path, days: u64| {
            std::fs::write(path, "{}\n").unwrap();
            let f = std::fs::File::options().write(true).open(path).unwrap();
            f.set_modified(SystemTime::now() - Duration::from_secs(days * 86_400))
                .unwrap();
        };
        let old = runs.path().join("20260801T000000Z-0001");
        std::fs::create_dir(&old).unwrap();
        age(&old.join("a.jsonl"), 91);
        age(&old.join("a.jsonl.lock"), 91);
        age(&old.join("b.jsonl"), 95);
        let new = runs.path().join("20261201T000000Z-0002");
        std::fs::create_dir(&new).unwrap();
        age(&new.join("a.jsonl"), 91);
        age(&new.join("b.jsonl"), 1);
        assert_eq!(super::prune(runs.path()), 1);
        assert!(!old.exists(), "every journal old: the run goes");
        assert!(
            new.join("b.jsonl").exists(),
            "a tenant written lately keeps its run"
        );
        assert!(
            new.join("a.jsonl").exists(),
            "and every tenant's part of it"
        );
        // A run being set up (its folder made, nothing in it yet) is not pruned by another
        // process starting a run meanwhile.
        let starting = runs.path().join("20261206T000000Z-0003");
        std::fs::create_dir(&starting).unwrap();
        super::prune(runs.path());
        assert!(starting.exists(), "an empty new folder stays");
    }
}
