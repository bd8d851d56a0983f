//! Turning what the user gave (flags, files, standard input, CSV) into operations for the plan.
//! Nothing here talks to the API; every problem is collected with its file and line.

pub mod csv;
pub mod targets;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// The name shown for standard input in `FILE:LINE` messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Opens a file argument, `-` meaning standard input, and the name to show in messages.
pub fn open(path: &Path) -> std::io::Result<(Arc<str>, Box<dyn Read>)> {
    if path.as_os_str() == "-" {
        Ok((STDIN_NAME.into(), Box::new(std::io::stdin().lock())))
    } else {
        let file = std::fs::File::open(path)?;
        Ok((
            path.display().to_string().into(),
            Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
        ))
    }
}
