//! Whole lines, before the first record: Excel's `sep=` line, blank lines and comments, and the
//! header line the delimiter is detected from.

use std::io::Read;

use super::{ReadError, Records, Stop};

impl<R: Read> Records<R> {
    /// The next line, not consumed (its line break left out), or `None` at the end. Only
    /// between records: for the lines before a header.
    pub fn peek_line(&mut self) -> Result<Option<&[u8]>, Stop> {
        debug_assert!(
            self.buf.len() >= self.limits.line + 2,
            "the buffer holds a line"
        );
        if self.after_cr {
            self.finish_cr()?;
        }
        let limit = self.limits.line;
        let len = loop {
            let rest = &self.buf[self.pos..self.end];
            match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(i) if i > limit => {
                    return Err(self.stop(ReadError::LineTooLong(limit)));
                }
                // A CR last in the buffer: read on to see whether an LF follows.
                Some(i) if !(rest[i] == b'\r' && i + 1 == rest.len() && !self.eof) => break i,
                None if rest.len() > limit => {
                    return Err(self.stop(ReadError::LineTooLong(limit)));
                }
                None if self.eof => break rest.len(),
                _ => {}
            }
            self.fill()?;
        };
        if len == 0 && self.pos == self.end {
            return Ok(None);
        }
        if self.line > self.limits.lines {
            return Err(self.stop(ReadError::TooManyLines(self.limits.lines)));
        }
        Ok(Some(&self.buf[self.pos..self.pos + len]))
    }

    /// Consumes the line `peek_line` showed.
    pub fn skip_line(&mut self) -> Result<(), Stop> {
        let rest = &self.buf[self.pos..self.end];
        match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) => {
                self.pos += i;
                self.line_break()
            }
            None => {
                self.pos = self.end;
                self.line += 1;
                Ok(())
            }
        }
    }
}
