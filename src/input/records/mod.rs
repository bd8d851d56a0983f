//! The one reader under apply-csv and machines files: RFC 4180 records (or plain lines) read a
//! buffer at a time, each with the exact line it starts on, in memory bounded by the line
//! limit whatever the input is. (The csv crate was not enough here: it accepts a quote left
//! open at the end of the input, holds fields of any length, and positions a record at the end
//! of the previous one, blank lines and all.)
//!
//! Line breaks are LF, CRLF or a lone CR. Fields are trimmed of ASCII white space and lose the
//! spreadsheet escape (`escape::clean`) when read with `Record::get`. A quote opens a quoted
//! field only at its start (after blanks); elsewhere it is an ordinary character, and text after
//! a closing quote is kept as it is, as the csv crate does.

use std::io::{self, Read};

use super::decode::{self, Encoding, Kind, Source, Utf16};
use super::escape::clean;
pub use super::limits::{Limits, ReadError, Stop};

/// How lines are split: CSV with this delimiter, or one value a line (no quoting).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Csv(u8),
    Lines,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    /// Just after a quote inside a quoted field: the closing one, or the first of `""`.
    QuoteInQuoted,
}

/// One record: its fields and the line it starts on.
pub struct Record<'a> {
    pub line: u64,
    data: &'a [u8],
    ends: &'a [u32],
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i` as it was read (quotes resolved, nothing trimmed).
    pub fn raw(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.data[start..end])
    }

    /// Field `i` trimmed, without the spreadsheet escape (`escape::clean`).
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        self.raw(i).map(clean)
    }

    pub fn fields(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

pub struct Records<R> {
    src: Source<R>,
    encoding: Encoding,
    limits: Limits,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    eof: bool,
    /// Where `buf[0]` is in the (decoded) input.
    offset: u64,
    /// The line being read (1-based) and where it starts in the input.
    line: u64,
    line_start: u64,
    /// A CR ended the buffer: an LF first in the next one belongs to it.
    after_cr: bool,
    mode: Mode,
    /// Bytes that end a run of ordinary bytes outside quotes, and inside them.
    plain: [bool; 256],
    quoted: [bool; 256],
    /// The record being read: its fields' bytes end to end, and where each ends (`u32`: a
    /// record is never more than the line limit and a buffer long).
    data: Vec<u8>,
    ends: Vec<u32>,
    /// Where the record began: its line, and its offset in the input.
    record_line: u64,
    record_start: u64,
    /// Where the quoted field being read began: its line, and its offset in the input.
    quote_line: u64,
    quote_start: u64,
    done: bool,
}

impl<R: Read> Records<R> {
    /// Looks at the input's first bytes (refusing workbooks and binary files, at line 0) and
    /// reads it as UTF-8 or, after a UTF-16 BOM, as UTF-16.
    pub fn open(mut input: R, limits: Limits) -> Result<Self, Stop> {
        let mut head = vec![0u8; limits.buffer.max(decode::SNIFF)].into_boxed_slice();
        let (mut end, mut eof) = (0, false);
        while end < decode::SNIFF && !eof {
            match input.read(&mut head[end..]) {
                Ok(0) => eof = true,
                Ok(n) => end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Stop::whole(ReadError::Io(e))),
            }
        }
        let (encoding, skip) = match decode::sniff(&head[..end.min(decode::SNIFF)]) {
            Kind::Workbook(what) => return Err(Stop::whole(ReadError::Workbook(what))),
            Kind::Binary => return Err(Stop::whole(ReadError::Binary)),
            Kind::Text { encoding, skip } => (encoding, skip),
        };
        let mut r = match encoding {
            Encoding::Utf8 => Records::new(Source::Utf8(input), head, limits),
            _ => {
                let utf16 = Utf16::new(input, encoding, &head[skip..end], eof);
                let mut r = Records::new(Source::Utf16(Box::new(utf16)), head, limits);
                r.encoding = encoding;
                return Ok(r);
            }
        };
        r.pos = skip;
        r.end = end;
        r.eof = eof;
        r.line_start = skip as u64;
        Ok(r)
    }

    /// Text that is already known to be UTF-8, in memory: no sniffing.
    pub fn from_utf8(input: R, mode: Mode, limits: Limits) -> Self {
        let buf = vec![0u8; limits.buffer].into_boxed_slice();
        let mut r = Records::new(Source::Utf8(input), buf, limits);
        r.set_mode(mode);
        r
    }

    fn new(src: Source<R>, buf: Box<[u8]>, limits: Limits) -> Self {
        let mut r = Records {
            src,
            encoding: Encoding::Utf8,
            limits,
            buf,
            pos: 0,
            end: 0,
            eof: false,
            offset: 0,
            line: 1,
            line_start: 0,
            after_cr: false,
            mode: Mode::Lines,
            plain: [false; 256],
            quoted: [false; 256],
            data: Vec::new(),
            ends: Vec::new(),
            record_line: 0,
            record_start: 0,
            quote_line: 0,
            quote_start: 0,
            done: false,
        };
        r.set_mode(Mode::Csv(b','));
        r
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The line the reader is on (the one `peek_line` shows).
    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
        let ends = |extra: Option<u8>| {
            let mut t = [false; 256];
            for b in [b'\r', b'\n', 0].into_iter().chain(extra) {
                t[usize::from(b)] = true;
            }
            t
        };
        let (plain, quoted) = match mode {
            Mode::Csv(d) => (ends(Some(d)), ends(Some(b'"'))),
            Mode::Lines => (ends(None), ends(None)),
        };
        self.plain = plain;
        self.quoted = quoted;
    }

    /// Bytes held for reading, whatever the input: the bound the limits promise.
    #[cfg(test)]
    pub fn footprint(&self) -> usize {
        self.buf.len() + self.data.capacity() + self.ends.capacity() * size_of::<u32>()
    }

    fn stop(&self, error: ReadError) -> Stop {
        Stop {
            line: self.line,
            error,
        }
    }

    /// Reads more after `end`, first moving what is left to the start; false at the end.
    fn fill(&mut self) -> Result<bool, Stop> {
        debug_assert!(
            self.pos > 0 || self.end < self.buf.len(),
            "room to read into"
        );
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.offset += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.stop(ReadError::Io(e))),
            }
        }
    }

    /// Consumes the line break at `pos` (CR, LF or CRLF) after checking the line's length.
    fn line_break(&mut self) -> Result<(), Stop> {
        if self.offset + self.pos as u64 - self.line_start > self.limits.line as u64 {
            return Err(self.stop(ReadError::LineTooLong(self.limits.line)));
        }
        let cr = self.buf[self.pos] == b'\r';
        self.pos += 1;
        if cr {
            if self.pos < self.end {
                if self.buf[self.pos] == b'\n' {
                    self.pos += 1;
                }
            } else {
                self.after_cr = true;
            }
        }
        self.line += 1;
        self.line_start = self.offset + self.pos as u64;
        Ok(())
    }

    /// After a CR that ended the buffer, takes the LF that may start the next one.
    fn finish_cr(&mut self) -> Result<bool, Stop> {
        self.after_cr = false;
        if self.pos == self.end && !self.fill()? {
            return Ok(false);
        }
        if self.buf[self.pos] == b'\n' {
            self.pos += 1;
            self.line_start += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// The next record that is not blank (blank: every field empty after trimming).
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>, Stop> {
        if self.done {
            return Ok(None);
        }
        match self.parse() {
            Ok(true) => Ok(Some(Record {
                line: self.record_line,
                data: &self.data,
                ends: &self.ends,
            })),
            Ok(false) => {
                self.done = true;
                Ok(None)
            }
            Err(stop) => {
                self.done = true;
                Err(stop)
            }
        }
    }

    /// Reads one record into `data`/`ends`; false at the end of the input.
    fn parse(&mut self) -> Result<bool, Stop> {
        self.data.clear();
        self.ends.clear();
        let mut state = State::RecordStart;
        loop {
            if self.pos == self.end {
                self.check_growth(state)?;
                if self.after_cr {
                    if self.finish_cr()? && state == State::Quoted {
                        self.data.push(b'\n');
                    }
                    continue;
                }
                if !self.fill()? {
                    return self.at_end(state);
                }
            }
            let b = self.buf[self.pos];
            match state {
                State::RecordStart => {
                    if self.line > self.limits.lines {
                        return Err(self.stop(ReadError::TooManyLines(self.limits.lines)));
                    }
                    self.record_line = self.line;
                    self.record_start = self.offset + self.pos as u64;
                    state = State::FieldStart;
                }
                State::FieldStart => {
                    let csv = match self.mode {
                        Mode::Csv(d) => Some(d),
                        Mode::Lines => None,
                    };
                    if (b == b' ' || b == b'\t') && csv != Some(b) {
                        self.pos += 1;
                    } else if b == b'"' && csv.is_some() {
                        self.pos += 1;
                        self.quote_line = self.line;
                        self.quote_start = self.offset + self.pos as u64;
                        state = State::Quoted;
                    } else {
                        state = State::Unquoted;
                    }
                }
                State::Unquoted => match self.run(false) {
                    None => {}
                    Some(b'\r' | b'\n') => {
                        if self.end_record()? {
                            return Ok(true);
                        }
                        state = State::RecordStart;
                    }
                    Some(0) => return Err(self.stop(ReadError::Nul)),
                    Some(_) => {
                        self.ends.push(self.data.len() as u32);
                        self.pos += 1;
                        state = State::FieldStart;
                    }
                },
                State::Quoted => match self.run(true) {
                    None => {}
                    Some(b'"') => {
                        self.pos += 1;
                        state = State::QuoteInQuoted;
                    }
                    Some(0) => return Err(self.stop(ReadError::Nul)),
                    Some(_) => self.quoted_line_break()?,
                },
                State::QuoteInQuoted => match b {
                    b'"' => {
                        self.data.push(b'"');
                        self.pos += 1;
                        state = State::Quoted;
                    }
                    b'\r' | b'\n' => {
                        if self.end_record()? {
                            return Ok(true);
                        }
                        state = State::RecordStart;
                    }
                    b if self.mode == Mode::Csv(b) => {
                        self.ends.push(self.data.len() as u32);
                        self.pos += 1;
                        state = State::FieldStart;
                    }
                    // Text after the closing quote is kept, the quote being an ordinary one.
                    _ => state = State::Unquoted,
                },
            }
        }
    }

    /// Copies the ordinary bytes from `pos` on into the field; the byte that ends them, unless
    /// the buffer ends first.
    fn run(&mut self, quoted: bool) -> Option<u8> {
        let ends = if quoted { &self.quoted } else { &self.plain };
        let rest = &self.buf[self.pos..self.end];
        let n = rest
            .iter()
            .position(|&b| ends[usize::from(b)])
            .unwrap_or(rest.len());
        self.data.extend_from_slice(&rest[..n]);
        self.pos += n;
        rest.get(n).copied()
    }

    /// A line break inside a quoted field is part of it.
    fn quoted_line_break(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        self.line_break()?;
        self.data.extend_from_slice(&self.buf[start..self.pos]);
        self.check_growth(State::Quoted)?;
        if self.line > self.limits.lines {
            return Err(self.stop(ReadError::TooManyLines(self.limits.lines)));
        }
        Ok(())
    }

    /// The bytes of the record so far, as read: quotes, delimiters and line breaks too, so
    /// that the limit bounds the fields' bytes and their number alike.
    fn record_len(&self) -> u64 {
        self.offset + self.pos as u64 - self.record_start
    }

    /// Ends the record at the line break at `pos`; true unless it was blank.
    fn end_record(&mut self) -> Result<bool, Stop> {
        self.ends.push(self.data.len() as u32);
        let len = self.record_len();
        self.line_break()?;
        self.complete(len)
    }

    fn complete(&mut self, len: u64) -> Result<bool, Stop> {
        if len > self.limits.line as u64 {
            return Err(Stop {
                line: self.record_line,
                error: ReadError::RowTooLong(self.limits.line),
            });
        }
        if self.data.iter().all(u8::is_ascii_whitespace) {
            self.data.clear();
            self.ends.clear();
            return Ok(false);
        }
        Ok(true)
    }

    fn quoted_too_long(&self) -> Stop {
        Stop {
            line: self.quote_line,
            error: ReadError::QuotedTooLong(self.limits.line),
        }
    }

    /// At a buffer's end or a line break inside quotes: the line so far (up to `pos`) or the
    /// record so far may be too long already. A record that outgrows the limit inside a quoted
    /// field that is most of it is blamed on that field: its closing quote is likely missing.
    fn check_growth(&self, state: State) -> Result<(), Stop> {
        let limit = self.limits.line;
        if self.offset + self.pos as u64 - self.line_start > limit as u64 {
            return Err(self.stop(ReadError::LineTooLong(limit)));
        }
        if state == State::RecordStart {
            return Ok(());
        }
        let len = self.record_len();
        let quoted = self.offset + self.pos as u64 - self.quote_start;
        if state == State::Quoted && len > limit as u64 && quoted * 2 > len {
            return Err(self.quoted_too_long());
        }
        if len > limit as u64 {
            return Err(Stop {
                line: self.record_line,
                error: ReadError::RowTooLong(limit),
            });
        }
        Ok(())
    }

    fn at_end(&mut self, state: State) -> Result<bool, Stop> {
        match state {
            State::RecordStart => Ok(false),
            State::Quoted => Err(Stop {
                line: self.quote_line,
                error: ReadError::UnterminatedQuote,
            }),
            _ => {
                self.ends.push(self.data.len() as u32);
                self.complete(self.record_len())
            }
        }
    }
}

mod peek;

#[cfg(test)]
mod tests;
