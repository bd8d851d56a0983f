//! What one input may hold, and why reading stops: SPEC.md's bounds ("a line over 64 KiB, or an
//! input that never ends, is an error too, in bounded memory") as types the readers share.

use std::io;

/// What any one input may hold. `Default` is SPEC.md's; tests shrink them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest line, and longest row, in bytes of UTF-8 (line breaks not counted).
    pub line: usize,
    /// Most lines an input may have.
    pub lines: u64,
    /// The read buffer: at least `line + 2`, so that `peek_line` can hold a whole line.
    pub buffer: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            line: 64 << 10,
            lines: 10_000_000,
            buffer: 128 << 10,
        }
    }
}

/// Why reading stopped. Every one ends the input: nothing after it can be trusted.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[source] io::Error),
    #[error("this is a workbook ({0}), not CSV text: save it as CSV UTF-8")]
    Workbook(&'static str),
    #[error("this is a binary file, not text: save it as CSV UTF-8")]
    Binary,
    #[error("a NUL byte: this is a binary file, not text: save it as CSV UTF-8")]
    Nul,
    #[error("line is longer than {}", size(*.0))]
    LineTooLong(usize),
    #[error("quoted field is longer than {}: is its closing quote missing?", size(*.0))]
    QuotedTooLong(usize),
    #[error("row is longer than {}", size(*.0))]
    RowTooLong(usize),
    #[error("quoted field is never closed: its closing quote is missing")]
    UnterminatedQuote,
    #[error("more than {} lines: split the input into smaller files", count(*.0))]
    TooManyLines(u64),
    #[error("cannot read the 'sep=' line: expected one character, as in sep=; or sep=,")]
    BadSep,
}

fn size(bytes: usize) -> String {
    if bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// `10000000` as `10,000,000`.
fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A stop and the line it names (0: the input as a whole).
#[derive(Debug)]
pub struct Stop {
    pub line: u64,
    pub error: ReadError,
}

impl Stop {
    /// About the input as a whole (line 0).
    pub fn whole(error: ReadError) -> Stop {
        Stop { line: 0, error }
    }
}
