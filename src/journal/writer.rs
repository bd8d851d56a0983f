//! Appending to a run's journal. Lines are buffered and handed to the OS as each event ends; a
//! write call's `sent` line is made durable (fsync) before the call goes out, so a crash can
//! never leave a sent call unrecorded. Calls that wait for the disk together share one sync.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;

use super::plan_lines::PlanLines;
use super::record::{Done, End, Header, Prior, Record};
use crate::files;
use crate::model::{Machine, MachineId, Outcome};
use crate::pipeline::Observer;
use crate::plan::Plan;

pub struct Journal {
    path: PathBuf,
    run_id: String,
    out: Mutex<Out>,
    durable: Arc<Durable>,
    /// Held while this process writes the journal (`lock_run`).
    _lock: File,
    /// Started by this process (not a resumed run's).
    new: bool,
}

struct Out {
    file: BufWriter<File>,
    /// One line being put together.
    line: Vec<u8>,
    /// Bytes written so far (buffered or not).
    written: u64,
    /// The first error of a write nobody waits for (a `done` line), reported at the end.
    failed: Option<String>,
}

/// What is on disk: bytes handed to the OS, and bytes known synced.
struct Durable {
    file: File,
    flushed: AtomicU64,
    synced: Mutex<u64>,
}

impl Durable {
    /// Makes the first `upto` bytes durable; one fsync covers every caller waiting for bytes
    /// handed over before it began.
    fn sync(&self, upto: u64) -> io::Result<()> {
        let mut synced = self.synced.lock().expect("journal sync");
        if *synced >= upto {
            return Ok(());
        }
        let covers = self.flushed.load(Ordering::Acquire);
        self.file.sync_data()?;
        *synced = covers;
        Ok(())
    }
}

impl Journal {
    /// Starts a new journal at `path` (which must not exist yet), readable by its owner only.
    pub fn create(path: &Path, header: Header) -> io::Result<Journal> {
        // Checked before any lock is made beside it: a path that is taken stays as it was.
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} exists already; a run's journal is always a new file",
                    path.display()
                ),
            ));
        }
        let had_lock = std::fs::symlink_metadata(lock_path(path)).is_ok();
        let lock = lock_run(path, &header.run_id)?;
        let file = match files::open(path, files::Open::CreateNew) {
            Ok(file) => file,
            Err(e) => {
                drop(lock);
                if !had_lock {
                    let _ = std::fs::remove_file(lock_path(path));
                }
                return Err(e);
            }
        };
        let mut journal = Journal::with(path, header.run_id.clone(), file, lock)?;
        journal.new = true;
        journal.write(&Record::Header(header))?;
        journal.sync()?;
        if let Some(dir) = path.parent() {
            // The new name itself must survive a crash.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(journal)
    }

    /// Appends to an existing journal (`mdetag resume`), after its last whole record: a line
    /// torn by a kill is cut off first, or the next record would be glued onto it; a whole
    /// record that lacks only its line break (the reader keeps it) gets one. Refused while
    /// another process still writes the journal.
    pub fn append(path: &Path, run_id: &str) -> io::Result<Journal> {
        if !std::fs::symlink_metadata(path)?.is_file() {
            return Err(io::Error::other(format!(
                "{} is not a regular file; mdetag never writes through a link",
                path.display()
            )));
        }
        let lock = lock_run(path, run_id)?;
        let mut tail = files::open(path, files::Open::Existing)?;
        let (whole, len) = (whole_lines_len(&tail)?, tail.metadata()?.len());
        if whole < len {
            use std::io::{Read, Seek, SeekFrom};
            let mut last = Vec::new();
            tail.seek(SeekFrom::Start(whole))?;
            (&tail).take(1 << 20).read_to_end(&mut last)?;
            if serde_json::from_slice::<serde_json::Value>(&last).is_ok() {
                tail.seek(SeekFrom::End(0))?;
                tail.write_all(b"\n")?;
            } else {
                tail.set_len(whole)?;
            }
            tail.sync_all()?;
        }
        drop(tail);
        let file = files::open(path, files::Open::Append)?;
        Journal::with(path, run_id.to_string(), file, lock)
    }

    fn with(path: &Path, run_id: String, file: File, lock: File) -> io::Result<Journal> {
        Ok(Journal {
            _lock: lock,
            new: false,
            path: path.to_path_buf(),
            run_id,
            durable: Arc::new(Durable {
                file: file.try_clone()?,
                flushed: AtomicU64::new(0),
                synced: Mutex::new(0),
            }),
            out: Mutex::new(Out {
                file: BufWriter::with_capacity(1 << 20, file),
                line: Vec::with_capacity(256),
                written: 0,
                failed: None,
            }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn run_id(&self) -> &str {
        &self.run_id
    }

    /// Whether this process started the run (a resumed run's journal is not new).
    pub fn is_new(&self) -> bool {
        self.new
    }

    /// Removes a new run's journal and its lock: the run changed nothing (every write it
    /// sent was refused), so there is nothing to resume or undo.
    pub fn discard(self) -> io::Result<()> {
        let lock = lock_path(&self.path);
        let path = self.path.clone();
        drop(self);
        std::fs::remove_file(&path)?;
        let _ = std::fs::remove_file(lock);
        Ok(())
    }

    /// Puts this finished file in `dest`'s place (a saved plan is written under a temporary
    /// name and renamed whole, so that a stopped save never leaves a plan that looks whole).
    pub fn save_as(self, dest: &Path) -> io::Result<()> {
        self.sync()?;
        let (from, lock) = (self.path.clone(), lock_path(&self.path));
        drop(self);
        let renamed = std::fs::rename(&from, dest);
        let _ = std::fs::remove_file(lock);
        if renamed.is_err() {
            let _ = std::fs::remove_file(&from);
        }
        renamed?;
        if let Some(dir) = dest.parent() {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }

    pub fn write(&self, record: &Record) -> io::Result<()> {
        let mut out = self.out.lock().expect("journal");
        out.line.clear();
        serde_json::to_writer(&mut out.line, record)?;
        out.commit_line()
    }

    /// Hands what is buffered to the OS (it survives the process being killed); the bytes
    /// handed over so far.
    fn flush(&self) -> io::Result<u64> {
        let mut out = self.out.lock().expect("journal");
        out.file.flush()?;
        self.durable.flushed.store(out.written, Ordering::Release);
        Ok(out.written)
    }

    /// Flushes and waits until it is on disk.
    pub fn sync(&self) -> io::Result<()> {
        let upto = self.flush()?;
        self.durable.sync(upto)
    }

    /// Every operation of the plan with its origin, those already settled, and the prior state
    /// of every machine of the plan that the run read, made durable. `lines` formats the
    /// operations (other threads may help it); a million operations are a million lines, so
    /// they are written without the general serializer.
    pub fn plan(
        &self,
        plan: &Plan,
        read: &HashMap<MachineId, Machine>,
        lines: &PlanLines,
    ) -> io::Result<()> {
        // A large plan goes to disk while the rest of it is still being written: the sync
        // before the first call then has only the tail left to wait for.
        std::thread::scope(|scope| -> io::Result<()> {
            let (start_sync, syncs) = std::sync::mpsc::sync_channel::<()>(1);
            let durable = &self.durable;
            scope.spawn(move || {
                for () in syncs {
                    let _ = durable.file.sync_data();
                }
            });
            let mut out = self.out.lock().expect("journal");
            let mut since_sync = 0u64;
            lines.write_in_order(|chunk| {
                out.file.write_all(chunk)?;
                out.written += chunk.len() as u64;
                since_sync += chunk.len() as u64;
                if since_sync > 4 << 20 {
                    since_sync = 0;
                    out.file.flush()?;
                    let _ = start_sync.try_send(());
                }
                Ok(())
            })
        })?;
        let mut seen = std::collections::HashSet::new();
        for p in plan.ops.iter().filter(|_| !read.is_empty()) {
            if let Some(m) = p.op.machine.id().and_then(|id| read.get(&id))
                && seen.insert(m.id)
            {
                self.write(&Record::Prior(Prior {
                    machine: m.id.to_string(),
                    tags: m.tags.clone(),
                    value: m.device_value.clone(),
                }))?;
            }
        }
        let settled: Vec<Outcome> = plan
            .ops
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.settled.as_ref().map(|s| Outcome::settled(i, 0, s)))
            .collect();
        self.done(&settled)?;
        // Last: the mark that the plan is whole. The sync makes it durable before any call.
        self.write(&Record::Planned {
            ops: plan.ops.len(),
        })?;
        self.sync()
    }

    /// `done` lines for these outcomes, one per distinct ending.
    fn done(&self, outcomes: &[Outcome]) -> io::Result<()> {
        let mut groups: Vec<Done> = Vec::new();
        // Endings can be as many as the outcomes ("same as FILE:LINE" for each duplicate): a
        // map finds a group, where a search of the groups made a plan with 100,000 duplicates
        // take 40 s to journal.
        let mut index: HashMap<_, usize, foldhash::fast::RandomState> = HashMap::default();
        for o in outcomes {
            let (code, message) = match &o.error {
                Some(e) => (Some(e.code.as_str()), Some(e.message.as_str())),
                None => (None, None),
            };
            let key = (o.status, o.http_status, o.attempts, code, message);
            match index.get(&key) {
                Some(&g) => groups[g].ops.push(o.index),
                None => {
                    index.insert(key, groups.len());
                    groups.push(Done {
                        ops: vec![o.index],
                        status: o.status,
                        http: o.http_status,
                        attempts: o.attempts,
                        code: code.map(String::from),
                        message: message.map(String::from),
                    });
                }
            }
        }
        for g in groups {
            self.write(&Record::Done(g))?;
        }
        Ok(())
    }

    /// The last line: how the run ended (for now), made durable.
    pub fn end(&self, end: End) -> io::Result<()> {
        self.write(&Record::End(end))?;
        self.sync()?;
        match self.out.lock().expect("journal").failed.take() {
            Some(e) => Err(io::Error::other(e)),
            None => Ok(()),
        }
    }
}

impl Out {
    fn commit_line(&mut self) -> io::Result<()> {
        self.line.push(b'\n');
        let Out {
            file,
            line,
            written,
            ..
        } = self;
        file.write_all(line)?;
        *written += line.len() as u64;
        Ok(())
    }
}

impl Observer for Journal {
    fn sending<'a>(&'a self, ops: &'a [usize]) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            self.write(&Record::Sent {
                ops: ops.to_vec(),
                at: Some(unix_ms(std::time::SystemTime::now())),
            })?;
            let upto = self.flush()?;
            let durable = self.durable.clone();
            tokio::task::spawn_blocking(move || durable.sync(upto))
                .await
                .map_err(io::Error::other)?
        })
    }

    /// Handed to the OS, not synced: it survives the process being killed, which is what
    /// `resume`'s wait for calls in flight is about; the wave's `sent` record was made durable.
    fn leaving(&self, ops: &[usize]) {
        let record = Record::Sent {
            ops: ops.to_vec(),
            at: Some(unix_ms(std::time::SystemTime::now())),
        };
        if let Err(e) = self.write(&record).and_then(|()| self.flush().map(drop)) {
            let mut out = self.out.lock().expect("journal");
            out.failed.get_or_insert_with(|| e.to_string());
        }
    }

    fn settled(&self, outcomes: &[Outcome]) {
        if let Err(e) = self.done(outcomes).and_then(|()| self.flush().map(drop)) {
            let mut out = self.out.lock().expect("journal");
            out.failed.get_or_insert_with(|| e.to_string());
        }
    }
}

/// A time as Unix milliseconds, as `sent` records carry it.
pub fn unix_ms(t: std::time::SystemTime) -> u64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The run's lock, `<journal>.lock`: held for as long as a process writes the journal, so a
/// `resume` in another process never appends to (and sends the rest of) a run still going.
fn lock_run(path: &Path, run_id: &str) -> io::Result<File> {
    let lock = files::open(&lock_path(path), files::Open::Write)?;
    match fs4::FileExt::try_lock(&lock) {
        Ok(()) => Ok(lock),
        Err(fs4::TryLockError::WouldBlock) => Err(io::Error::other(format!(
            "run {run_id} is still running in another mdetag process (its journal is locked): let it finish or stop it first"
        ))),
        Err(fs4::TryLockError::Error(e)) => Err(e),
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// How long the file is up to and including its last line break.
fn whole_lines_len(file: &File) -> io::Result<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    let mut end = f.metadata()?.len();
    let mut chunk = vec![0; 64 << 10];
    while end > 0 {
        let start = end.saturating_sub(chunk.len() as u64);
        let n = (end - start) as usize;
        f.seek(SeekFrom::Start(start))?;
        f.read_exact(&mut chunk[..n])?;
        if let Some(i) = chunk[..n].iter().rposition(|&b| b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

#[cfg(test)]
mod tests;
