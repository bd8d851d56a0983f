//! What kind of bytes a file holds, found from its first few KiB: UTF-8 (with or without a BOM),
//! UTF-16 with a BOM (PowerShell 5's `>`, Excel's "Unicode text"), or something that is not
//! text at all (a workbook, an image, an archive), which is refused before any line is read.
//! UTF-16 is turned into UTF-8 as it streams, so nothing here holds the whole input.

use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, UTF_16BE, UTF_16LE};

/// How many bytes are looked at before the first line is read.
pub const SNIFF: usize = 8 << 10;

/// The text encodings read; everything after the BOM arrives as UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16",
        }
    }

    /// Why text that does not decode is refused. Excel's plain "CSV" is in the Windows code page,
    /// not UTF-8: the way out is named.
    pub fn invalid_text(self) -> String {
        match self {
            Encoding::Utf8 => "not valid UTF-8: save the file as CSV UTF-8".into(),
            _ => format!("not valid {}", self.name()),
        }
    }
}

/// What the first bytes of an input say about it.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text in this encoding, whose first `skip` bytes are a byte-order mark.
    Text { encoding: Encoding, skip: usize },
    /// A spreadsheet saved in its own format; the text says which.
    Workbook(&'static str),
    /// NUL bytes in what is not UTF-16: an image, an archive, an executable…
    Binary,
}

/// Classifies an input from its first bytes (up to `SNIFF` of them, fewer at its end).
pub fn sniff(head: &[u8]) -> Kind {
    const ZIP: [&[u8]; 3] = [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"];
    // OLE2 compound file: Excel 97–2003 `.xls`.
    const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    if ZIP.iter().any(|m| head.starts_with(m)) {
        return Kind::Workbook(".xlsx or another zip file");
    }
    if head.starts_with(OLE) {
        return Kind::Workbook(".xls");
    }
    if head.starts_with(b"\xef\xbb\xbf") {
        return text_or_binary(head, Encoding::Utf8, 3);
    }
    // `FF FE 00 00` is UTF-32 LE's mark, which no spreadsheet writes; it falls to `Binary`.
    if head.starts_with(b"\xff\xfe") && !head.starts_with(b"\xff\xfe\x00\x00") {
        return Kind::Text {
            encoding: Encoding::Utf16Le,
            skip: 2,
        };
    }
    if head.starts_with(b"\xfe\xff") {
        return Kind::Text {
            encoding: Encoding::Utf16Be,
            skip: 2,
        };
    }
    text_or_binary(head, Encoding::Utf8, 0)
}

fn text_or_binary(head: &[u8], encoding: Encoding, skip: usize) -> Kind {
    if head.contains(&0) {
        Kind::Binary
    } else {
        Kind::Text { encoding, skip }
    }
}

/// The bytes the reader parses: the input itself when it is UTF-8, else its UTF-8 transcoding.
pub enum Source<R> {
    Utf8(R),
    Utf16(Box<Utf16<R>>),
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Utf8(r) => r.read(out),
            Source::Utf16(r) => r.read(out),
        }
    }
}

/// A byte the reader can never take for UTF-8, put where UTF-16 was malformed (an unpaired
/// surrogate, an odd last byte), so the row it falls in is reported as not valid text.
pub const MALFORMED: u8 = 0xff;

/// UTF-16 (after its BOM) in, UTF-8 out, a buffer at a time.
pub struct Utf16<R> {
    input: R,
    decoder: Decoder,
    raw: Vec<u8>,
    raw_pos: usize,
    raw_eof: bool,
    out: Box<[u8]>,
    out_pos: usize,
    out_end: usize,
    finished: bool,
}

impl<R: Read> Utf16<R> {
    /// `head` is what was already read from `input` (after the BOM); `eof`: all of it.
    pub fn new(input: R, encoding: Encoding, head: &[u8], eof: bool) -> Self {
        let encoding = match encoding {
            Encoding::Utf16Be => UTF_16BE,
            _ => UTF_16LE,
        };
        let mut raw = Vec::with_capacity(head.len().max(32 << 10));
        raw.extend_from_slice(head);
        Utf16 {
            input,
            decoder: encoding.new_decoder_without_bom_handling(),
            raw,
            raw_pos: 0,
            raw_eof: eof,
            out: vec![0; 64 << 10].into_boxed_slice(),
            out_pos: 0,
            out_end: 0,
            finished: false,
        }
    }

    fn refill_raw(&mut self) -> io::Result<()> {
        let cap = self.raw.capacity();
        self.raw.clear();
        self.raw.resize(cap, 0);
        self.raw_pos = 0;
        let n = loop {
            match self.input.read(&mut self.raw) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.raw.truncate(n);
        self.raw_eof = n == 0;
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out_end {
                let n = dst.len().min(self.out_end - self.out_pos);
                dst[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if self.finished || dst.is_empty() {
                return Ok(0);
            }
            if self.raw_pos == self.raw.len() && !self.raw_eof {
                self.refill_raw()?;
            }
            // One byte is kept free for the marker of malformed input.
            let room = self.out.len() - 1;
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.raw[self.raw_pos..],
                &mut self.out[..room],
                self.raw_eof,
            );
            self.raw_pos += read;
            self.out_pos = 0;
            self.out_end = written;
            match result {
                DecoderResult::InputEmpty => self.finished = self.raw_eof,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) => {
                    self.out[written] = MALFORMED;
                    self.out_end += 1;
                }
            }
        }
    }
}

/// `text` in UTF-16 with its BOM, little- or big-endian, as tests write it.
#[cfg(test)]
pub fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if le {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_workbooks_and_binary_files_are_told_apart() {
        let text = |encoding, skip| Kind::Text { encoding, skip };
        assert_eq!(sniff(b"MachineId,Action"), text(Encoding::Utf8, 0));
        assert_eq!(sniff(b"\xef\xbb\xbfMachineId"), text(Encoding::Utf8, 3));
        assert_eq!(sniff(&utf16("Id", true)), text(Encoding::Utf16Le, 2));
        assert_eq!(sniff(&utf16("Id", false)), text(Encoding::Utf16Be, 2));
        assert_eq!(sniff(b""), text(Encoding::Utf8, 0));
        assert!(matches!(sniff(b"PK\x03\x04\x14\x00"), Kind::Workbook(w) if w.contains("xlsx")));
        assert!(matches!(sniff(b"PK\x05\x06"), Kind::Workbook(_)));
        assert_eq!(
            sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"),
            Kind::Workbook(".xls")
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Kind::Binary);
        assert_eq!(sniff(b"\xef\xbb\xbfa\x00b"), Kind::Binary);
        assert_eq!(sniff(b"\xff\xfe\x00\x00a\x00\x00\x00"), Kind::Binary);
        // UTF-16 without a BOM has NULs: not guessed at.
        assert_eq!(sniff(&utf16("Id,Action", true)[2..]), Kind::Binary);
    }

    fn decode(bytes: &[u8], encoding: Encoding, chunk: usize) -> Vec<u8> {
        let (head, rest) = bytes.split_at(bytes.len().min(5));
        let mut r = Utf16::new(rest, encoding, head, false);
        let mut out = Vec::new();
        let mut buf = vec![0; chunk];
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    }

    #[test]
    fn utf16_streams_out_as_utf8_whatever_the_read_size() {
        let text = "Id;Tag\r\n1e5b;Zürich 🦀\r\n".repeat(3000);
        for (le, encoding) in [(true, Encoding::Utf16Le), (false, Encoding::Utf16Be)] {
            let bytes = utf16(&text, le);
            for chunk in [1, 3, 4096, 1 << 17] {
                assert_eq!(decode(&bytes[2..], encoding, chunk), text.as_bytes());
            }
        }
    }

    #[test]
    fn malformed_utf16_leaves_a_byte_that_is_not_utf8() {
        // An unpaired high surrogate, then an odd last byte.
        let bytes = [b'a', 0, 0x00, 0xd8, b'b', 0, b'c'];
        let out = decode(&bytes, Encoding::Utf16Le, 64);
        assert_eq!(out, [b'a', MALFORMED, b'b', MALFORMED]);
    }
}
