//! The one way mdetag writes under `{state}` and the config folder (SPEC.md, Global options):
//! never through a symbolic link, whole files through a temp file with a random name in the same
//! folder then renamed, every file mode 0600 whatever the umask, and only in a folder that its
//! user owns and no one else may write.
//!
//! `tempfile` makes the temp file (`O_EXCL`, a random name, 0600) and renames it over the target
//! (`persist`, which replaces a planted link rather than following it); `O_NOFOLLOW` and the
//! owner check are one flag and one call each, taken from `rustix` (safe, and already what
//! `tempfile` is built on) rather than a capability layer such as `cap-std`, which would change
//! every path this program handles.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// A state or config folder that another user owns or others may write: refused (exit 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UnsafeFolder(pub String);

/// Refuses a folder that exists and belongs to another user or that group or others may write:
/// whoever can write there can plant links or swap files under mdetag. `what` names the folder
/// ("state folder"), `fix` says how else to choose one.
pub fn check_folder(dir: &Path, what: &str, fix: &str) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = match std::fs::metadata(dir) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
        };
        let me = rustix::process::geteuid().as_raw();
        if meta.uid() != me {
            return Err(UnsafeFolder(format!(
                "the {what} {} belongs to another user (uid {}): mdetag keeps its files only in a folder of your own; {fix}",
                dir.display(),
                meta.uid()
            ))
            .into());
        }
        let mode = meta.mode() & 0o7777;
        if mode & 0o022 != 0 {
            return Err(UnsafeFolder(format!(
                "the {what} {} may be written by {} (mode {mode:04o}): another user could plant links or files there; run `chmod 700 {}`, or {fix}",
                dir.display(),
                if mode & 0o002 != 0 { "anyone" } else { "its group" },
                dir.display(),
            ))
            .into());
        }
    }
    #[cfg(not(unix))]
    let _ = (dir, what, fix);
    Ok(())
}

/// Makes `dir` (and its parents) if need be, mode 0700, then checks it as `check_folder` does.
pub fn private_dir(dir: &Path, what: &str, fix: &str) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("cannot create {} ({fix})", dir.display()))?;
    check_folder(dir, what, fix)
}

/// How `open` opens a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    /// A new file: refused if anything (a link included) has the name already.
    CreateNew,
    /// Appended to, made if need be.
    Append,
    /// Read and appended to, made if need be.
    ReadAppend,
    /// Written in place (a lock file), made if need be, never truncated.
    Write,
    /// Read and written in place; never made.
    Existing,
}

/// Opens `path` without following a symbolic link at its last step; a file it makes is mode
/// 0600, and one it finds wider is narrowed to 0600 (it is this user's: the folder is).
pub fn open(path: &Path, how: Open) -> io::Result<File> {
    let mut options = OpenOptions::new();
    match how {
        Open::CreateNew => options.append(true).create_new(true),
        Open::Append => options.append(true).create(true),
        Open::ReadAppend => options.read(true).append(true).create(true),
        Open::Write => options.write(true).create(true).truncate(false),
        Open::Existing => options.read(true).write(true),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let file = options.open(path).map_err(|e| link_error(path, e))?;
    narrow(&file)?;
    Ok(file)
}

/// The error for a link met where a file was expected, said as such.
fn link_error(path: &Path, e: io::Error) -> io::Error {
    #[cfg(unix)]
    if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
        return io::Error::other(format!(
            "{} is a symbolic link; mdetag never writes through one",
            path.display()
        ));
    }
    let _ = path;
    e
}

/// Mode 0600 whatever the umask was.
fn narrow(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if file.metadata()?.permissions().mode() & 0o777 != 0o600 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Replaces `path` with `bytes` as a whole: written to a temp file with a random name in the same
/// folder (mode 0600, made with `O_EXCL`), flushed to disk, then renamed over `path` (a link
/// there is replaced, never followed).
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(path, |out| out.write_all(bytes))
}

/// Replaces `path` as `replace` does, with what `write` writes.
pub fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(
        || ".mdetag".to_string(),
        |n| format!(".{}", n.to_string_lossy()),
    );
    let mut tmp = tempfile::Builder::new()
        .prefix(&name)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    narrow(tmp.as_file())?;
    {
        let mut out = io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The new name itself must survive a crash.
    let _ = File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for how in [
            Open::CreateNew,
            Open::Append,
            Open::ReadAppend,
            Open::Write,
            Open::Existing,
        ] {
            let e = open(&link, how).unwrap_err();
            assert!(
                e.to_string().contains("symbolic link") || e.kind() == io::ErrorKind::AlreadyExists,
                "{how:?}: {e}"
            );
        }
        replace(&link, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "new");
        assert_eq!(mode(&link), 0o600);
    }

    #[test]
    fn files_found_wider_are_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, "").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666)).unwrap();
        open(&p, Open::Append).unwrap();
        assert_eq!(mode(&p), 0o600);
    }

    #[test]
    fn folders_others_may_write_are_refused_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        check_folder(dir.path(), "state folder", "set MDETAG_STATE_DIR").unwrap();
        for (m, who) in [(0o770, "its group"), (0o757, "anyone"), (0o1777, "anyone")] {
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(m)).unwrap();
            let e = check_folder(dir.path(), "state folder", "set MDETAG_STATE_DIR")
                .unwrap_err()
                .to_string();
            assert!(e.contains(who) && e.contains("chmod 700"), "{e}");
            assert!(e.contains("set MDETAG_STATE_DIR"), "{e}");
        }
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        check_folder(dir.path(), "state folder", "x").unwrap();
        check_folder(&dir.path().join("absent"), "state folder", "x").unwrap();
    }
}
