//! Turning what the user gave (flags, files, standard input, CSV) into operations for the plan.
//! Nothing here talks to the API; every problem is collected with its file and line.
//!
//! Files are read as Excel and PowerShell write them (`decode`: UTF-8 with or without a BOM,
//! UTF-16 with one; `header`: `,` `;` or tab, Excel's `sep=` line) and in bounded memory
//! whatever they hold (`records`: 64 KiB a line, 10,000,000 lines, workbooks, binary files and
//! devices refused).

pub mod csv;
mod decode;
mod escape;
mod header;
mod limits;
pub mod query;
mod records;
pub mod rules;
pub mod targets;
pub mod tenants;

#[cfg(test)]
mod props;

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

/// The name shown for standard input in `FILE:LINE` messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Opens a file argument, `-` meaning standard input, and the name to show in messages.
pub fn open(path: &Path) -> io::Result<(Arc<str>, Box<dyn Read>)> {
    if path.as_os_str() == "-" {
        Ok((STDIN_NAME.into(), Box::new(io::stdin().lock())))
    } else {
        let file = std::fs::File::open(path)?;
        refuse_endless(&file.metadata()?)?;
        Ok((
            path.display().to_string().into(),
            Box::new(io::BufReader::with_capacity(1 << 16, file)),
        ))
    }
}

/// A device named as a file (`/dev/zero`, `/dev/urandom`, a disk) may never end, or end only
/// after terabytes: refused before a byte is read. Standard input is not checked: a pipe or a
/// terminal is what it is for, and the reader's limits bound it anyway.
fn refuse_endless(meta: &std::fs::Metadata) -> io::Result<()> {
    if meta.is_dir() {
        return Err(io::Error::other("it is a directory, not a file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let kind = meta.file_type();
        // `/dev/null` ends at once: still the empty file scripts use it as.
        let null = std::fs::metadata("/dev/null").is_ok_and(|n| n.rdev() == meta.rdev());
        if (kind.is_char_device() || kind.is_block_device()) && !null {
            return Err(io::Error::other(
                "it is a device, not a file: input from a device may never end",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_directories_are_refused_before_reading() {
        let e = open(Path::new("/dev/zero")).err().expect("refused");
        assert!(e.to_string().contains("a device, not a file"), "{e}");
        let e = open(Path::new("/dev/urandom")).err().expect("refused");
        assert!(e.to_string().contains("may never end"), "{e}");
        let dir = std::env::temp_dir();
        let e = open(&dir).err().expect("refused");
        assert!(e.to_string().contains("directory"), "{e}");
        let file = tempfile_with(b"Id\n");
        assert!(open(file.path()).is_ok());
        assert!(
            open(Path::new("/dev/null")).is_ok(),
            "an empty file, not an endless one"
        );
    }

    fn tempfile_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        io::Write::write_all(&mut f, bytes).unwrap();
        f
    }
}
