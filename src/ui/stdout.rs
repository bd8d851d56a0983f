//! The one way results reach standard output: buffered, and quiet when the reader has gone
//! (`mdetag … | head` is not an error).

use std::io::{self, Write};

/// Runs `write` against a buffered, locked standard output and flushes it. A closed pipe is
/// success: the reader has what it wanted.
pub fn write_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Whether standard output is a terminal (tables then fit its width).
pub fn is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stdout())
}
