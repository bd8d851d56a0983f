//! The quota ledger: the call start times of the last hour for one tenant and app, in
//! `{state}/quota/{tenant}-{client}`, shared by every mdetag process of that app under a file
//! lock. Each process reads what the others added since it last looked and appends its own
//! starts, so runs side by side or back to back keep to the caps together. A ledger that cannot
//! be used is ignored with a warning: a run never fails for it.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::files;
use crate::pipeline::pacer::SharedStarts;

/// Lines kept at most; past twice this the file is rewritten with the recent ones.
const MAX_KEPT: usize = 100_000;

/// How long the lock is waited for (SPEC.md): past it, another process holds it for longer than
/// any exchange takes (stopped, hung), and the run paces alone rather than freeze.
const LOCK_WAIT: Duration = Duration::from_secs(10);

pub struct Ledger {
    path: PathBuf,
    lock: Option<File>,
    data: Option<Data>,
    /// This process's mark on its own lines.
    token: String,
    /// How long a start counts (the longest window) and how many are worth keeping.
    memory: Duration,
    keep: usize,
    /// Lines in the file as far as this process knows, for deciding when to compact.
    lines: usize,
    warn: Box<dyn Fn(String) + Send>,
    warned_unreadable: bool,
    /// How long the lock is waited for (`LOCK_WAIT`; shorter in tests).
    lock_wait: Duration,
    /// This process's starts so far: each line is `ms mark seq`, unique, so that a start read
    /// again (after another process rewrote the file) is counted once.
    seq: u64,
    /// Other processes' starts already counted, as (ms, mark, seq), until they are too old.
    counted: BTreeSet<(u64, u64, u64)>,
}

struct Data {
    file: File,
    #[cfg(unix)]
    inode: u64,
    offset: u64,
}

/// A file name part from a tenant or app ID (normally GUIDs).
fn name_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl Ledger {
    /// The ledger of `tenant`/`client` under `dir`; `memory` is the longest window's span and
    /// `keep` the most starts any window counts.
    pub fn open(
        dir: &Path,
        tenant: &str,
        client: &str,
        memory: Duration,
        keep: usize,
        warn: Box<dyn Fn(String) + Send>,
    ) -> Ledger {
        let path = dir.join(format!("{}-{}", name_part(tenant), name_part(client)));
        let lock = super::store::private_dir(dir)
            .map_err(|e| io::Error::other(format!("{e:#}")))
            .and_then(|()| files::open(&path.with_extension("lock"), files::Open::Append));
        let lock = match lock {
            Ok(f) => Some(f),
            Err(e) => {
                warn(format!(
                    "the quota ledger {} cannot be used ({e}); this run paces alone",
                    path.display()
                ));
                None
            }
        };
        Ledger {
            path,
            lock,
            data: None,
            token: format!("{:016x}", rand::random::<u64>()),
            memory,
            keep: keep.clamp(1, MAX_KEPT),
            lines: 0,
            warn,
            warned_unreadable: false,
            lock_wait: LOCK_WAIT,
            seq: 0,
            counted: BTreeSet::new(),
        }
    }

    fn open_data(&self) -> io::Result<Data> {
        let file = files::open(&self.path, files::Open::ReadAppend)?;
        Ok(Data {
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&file.metadata()?),
            file,
            offset: 0,
        })
    }

    /// The data file as it is now: reopened when another process compacted it.
    fn current(&mut self) -> io::Result<&mut Data> {
        #[cfg(unix)]
        let replaced = match (&self.data, std::fs::metadata(&self.path)) {
            (Some(d), Ok(m)) => std::os::unix::fs::MetadataExt::ino(&m) != d.inode,
            _ => true,
        };
        #[cfg(not(unix))]
        let replaced = self.data.is_none();
        if replaced {
            self.data = Some(self.open_data()?);
            self.lines = 0;
        }
        Ok(self.data.as_mut().expect("opened"))
    }

    fn exchange_locked(
        &mut self,
        now: SystemTime,
        decide: &mut dyn FnMut(&[SystemTime]) -> bool,
    ) -> io::Result<()> {
        let now_ms = millis(now);
        let oldest = millis(now.checked_sub(self.memory).unwrap_or(UNIX_EPOCH));
        let (token, mut unreadable, mut future) = (self.token.clone(), 0usize, 0usize);
        self.current()?;
        let Ledger {
            data, counted, seq, ..
        } = self;
        let data = data.as_mut().expect("opened");
        data.file.seek(SeekFrom::Start(data.offset))?;
        let mut reader = BufReader::new(&data.file);
        let mut foreign = Vec::new();
        let mut line = String::new();
        let mut read = 0usize;
        loop {
            line.clear();
            let n = reader.read_line(&mut line)?;
            if n == 0 || !line.ends_with('\n') {
                break; // a line still being written is read next time, whole
            }
            data.offset += n as u64;
            read += 1;
            let mut parts = line.split_whitespace();
            let (Some(ms), Some(mark)) = (
                parts.next().and_then(|m| m.parse::<u64>().ok()),
                parts.next(),
            ) else {
                unreadable += 1;
                continue;
            };
            if mark == token || ms < oldest {
                continue;
            }
            if ms > now_ms + 60_000 {
                future += 1;
                continue;
            }
            // Lines of older mdetags have no sequence number: each counts.
            if let Some(seq) = parts.next().and_then(|q| q.parse::<u64>().ok()) {
                let mark = u64::from_str_radix(mark, 16).unwrap_or_else(|_| hash(mark));
                if !counted.insert((ms, mark, seq)) {
                    continue;
                }
            }
            foreign.push(UNIX_EPOCH + Duration::from_millis(ms));
        }
        drop(reader);
        // What is too old to count any more need not be remembered either.
        *counted = counted.split_off(&(oldest, 0, 0));
        if decide(&foreign) {
            let data = self.data.as_mut().expect("opened");
            *seq += 1;
            let entry = format!("{now_ms} {token} {seq}\n");
            data.file.write_all(entry.as_bytes())?;
            data.offset += entry.len() as u64;
            read += 1;
        }
        self.lines += read;
        if (unreadable > 0 || future > 0) && !self.warned_unreadable {
            self.warned_unreadable = true;
            (self.warn)(format!(
                "the quota ledger {} has {} it cannot use (unreadable, or dated in the future); they are ignored",
                self.path.display(),
                crate::ui::text::plural(unreadable + future, "line", "lines")
            ));
        }
        if self.lines > 2 * self.keep.max(500) {
            self.compact(oldest)?;
        }
        Ok(())
    }

    /// Rewrites the file with the starts that still count (at most `keep`).
    fn compact(&mut self, oldest: u64) -> io::Result<()> {
        let text = std::fs::read_to_string(&self.path)?;
        let mut recent: Vec<&str> = text
            .lines()
            .filter(|l| {
                l.split_whitespace()
                    .next()
                    .and_then(|m| m.parse::<u64>().ok())
                    .is_some_and(|ms| ms >= oldest)
            })
            .collect();
        let cut = recent.len().saturating_sub(self.keep);
        recent.drain(..cut);
        let mut out = String::with_capacity(recent.len() * 32);
        for l in &recent {
            out.push_str(l);
            out.push('\n');
        }
        files::replace(&self.path, out.as_bytes())?;
        self.data = None;
        Ok(())
    }
}

impl SharedStarts for Ledger {
    fn exchange(&mut self, now: SystemTime, decide: &mut dyn FnMut(&[SystemTime]) -> bool) {
        let Some(lock) = self.lock.take() else {
            decide(&[]);
            return;
        };
        let result = lock_within(&lock, self.lock_wait).and_then(|had| {
            if !had {
                return Ok(false);
            }
            let mut decided = false;
            let result = self.exchange_locked(now, &mut |foreign| {
                decided = true;
                decide(foreign)
            });
            let _ = fs4::FileExt::unlock(&lock);
            match result {
                Err(e) if !decided => {
                    decide(&[]);
                    Err(e)
                }
                Err(e) => Err(e),
                Ok(()) => Ok(true),
            }
        });
        match result {
            Ok(true) => self.lock = Some(lock),
            Ok(false) => {
                decide(&[]);
                (self.warn)(format!(
                    "the quota ledger {} is locked by another process and was not had within {} s; this run paces alone (its own rate limits only)",
                    self.path.display(),
                    self.lock_wait.as_secs_f64()
                ));
            }
            Err(e) => (self.warn)(format!(
                "the quota ledger {} cannot be used ({e}); this run paces alone from here",
                self.path.display()
            )),
        }
    }
}

/// Takes the lock, waiting at most `wait` for another process to let it go. This blocks the
/// thread (the pacer's exchange is synchronous), at most once a run: a lock not had is not
/// asked for again.
fn lock_within(lock: &File, wait: Duration) -> io::Result<bool> {
    let deadline = std::time::Instant::now() + wait;
    loop {
        match fs4::FileExt::try_lock(lock) {
            Ok(()) => return Ok(true),
            Err(fs4::TryLockError::Error(e)) => return Err(e),
            Err(fs4::TryLockError::WouldBlock) if std::time::Instant::now() >= deadline => {
                return Ok(false);
            }
            Err(fs4::TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn millis(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn ledger(dir: &Path, warnings: &Arc<Mutex<Vec<String>>>) -> Ledger {
        let w = warnings.clone();
        Ledger::open(
            dir,
            "tenant",
            "app",
            Duration::from_secs(60),
            100,
            Box::new(move |m| w.lock().unwrap().push(m)),
        )
    }

    #[test]
    fn two_ledgers_see_each_others_starts_but_not_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let warnings = Arc::default();
        let (mut a, mut b) = (ledger(dir.path(), &warnings), ledger(dir.path(), &warnings));
        let now = SystemTime::now();
        let mut seen = Vec::new();
        for _ in 0..3 {
            a.exchange(now, &mut |f| {
                seen.push(f.len());
                true
            });
        }
        assert_eq!(seen, [0, 0, 0], "a never sees its own");
        b.exchange(now, &mut |f| {
            seen.push(f.len());
            false
        });
        b.exchange(now, &mut |f| {
            seen.push(f.len());
            true
        });
        a.exchange(now, &mut |f| {
            seen.push(f.len());
            true
        });
        assert_eq!(
            seen[3..],
            [3, 0, 1],
            "b sees a's three once; a sees b's one"
        );
        assert!(warnings.lock().unwrap().is_empty());
    }

    #[test]
    fn old_garbled_and_future_lines_are_ignored_with_one_warning() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let ms = millis(now);
        std::fs::write(
            dir.path().join("tenant-app"),
            format!(
                "garbage\n{} x\n{} y\n{} z\n",
                ms - 3_600_000,
                ms + 3_600_000,
                ms - 1000
            ),
        )
        .unwrap();
        let warnings: Arc<Mutex<Vec<String>>> = Arc::default();
        let mut l = ledger(dir.path(), &warnings);
        let mut foreign = 0;
        l.exchange(now, &mut |f| {
            foreign = f.len();
            true
        });
        assert_eq!(foreign, 1, "only the recent, well-formed one");
        assert_eq!(warnings.lock().unwrap().len(), 1, "{warnings:?}");
    }

    #[test]
    fn an_unusable_ledger_paces_alone() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "").unwrap();
        let warnings: Arc<Mutex<Vec<String>>> = Arc::default();
        // A directory that cannot be made: its parent is a file.
        let mut l = ledger(&blocked.join("quota"), &warnings);
        let mut called = 0;
        l.exchange(SystemTime::now(), &mut |f| {
            assert!(f.is_empty());
            called += 1;
            true
        });
        assert_eq!(called, 1);
        assert_eq!(warnings.lock().unwrap().len(), 1);
    }

    /// A lock another process holds and does not let go (stopped, hung) is waited for a
    /// while, then given up with one warning: the run paces alone from then on.
    #[test]
    fn a_lock_held_elsewhere_is_given_up_after_a_while_and_the_run_paces_alone() {
        let dir = tempfile::tempdir().unwrap();
        let warnings: Arc<Mutex<Vec<String>>> = Arc::default();
        let mut l = ledger(dir.path(), &warnings);
        l.lock_wait = Duration::from_millis(200);
        let held = File::open(dir.path().join("tenant-app.lock")).unwrap();
        fs4::FileExt::lock(&held).unwrap();
        let mut foreign = Vec::new();
        for _ in 0..3 {
            l.exchange(SystemTime::now(), &mut |f| {
                foreign.push(f.len());
                true
            });
        }
        assert_eq!(foreign, [0, 0, 0], "each call decided, alone");
        let warnings = warnings.lock().unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("tenant-app") && warnings[0].contains("paces alone"),
            "{warnings:?}"
        );
    }

    #[test]
    fn starts_are_counted_once_though_another_process_rewrote_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let warnings = Arc::default();
        let (mut a, mut b) = (ledger(dir.path(), &warnings), ledger(dir.path(), &warnings));
        let now = SystemTime::now();
        for _ in 0..10 {
            a.exchange(now, &mut |_| true);
        }
        let mut seen = Vec::new();
        b.exchange(now, &mut |f| {
            seen.push(f.len());
            false
        });
        // a rewrites the file (as a compaction does): b reads it from the start again.
        a.compact(0).unwrap();
        b.exchange(now, &mut |f| {
            seen.push(f.len());
            false
        });
        a.exchange(now, &mut |_| true);
        b.exchange(now, &mut |f| {
            seen.push(f.len());
            false
        });
        assert_eq!(seen, [10, 0, 1], "each of a's starts reaches b once");
    }

    #[test]
    fn the_file_is_compacted_to_what_still_counts() {
        let dir = tempfile::tempdir().unwrap();
        let warnings = Arc::default();
        let mut l = ledger(dir.path(), &warnings);
        let now = SystemTime::now();
        for _ in 0..2000 {
            l.exchange(now, &mut |_| true);
        }
        let lines = std::fs::read_to_string(dir.path().join("tenant-app"))
            .unwrap()
            .lines()
            .count();
        assert!(lines <= 1000, "{lines} lines kept");
        let mut other = ledger(dir.path(), &warnings);
        other.exchange(now, &mut |f| {
            assert!(f.len() >= 100, "{}", f.len());
            false
        });
    }
}
