//! Unit tests of `records`: lines, quoting, limits, encodings, at every buffer size that moves a
//! boundary onto an interesting byte.

use std::io::{self, Read};

use super::*;
use crate::input::decode::utf16;

type Rows = Vec<(u64, Vec<String>)>;

fn collect<R: Read>(mut r: Records<R>) -> (Rows, Option<Stop>) {
    let mut rows = Vec::new();
    loop {
        match r.next_record() {
            Ok(Some(rec)) => rows.push((
                rec.line,
                (0..rec.len())
                    .map(|i| String::from_utf8_lossy(rec.raw(i).unwrap()).into_owned())
                    .collect(),
            )),
            Ok(None) => return (rows, None),
            Err(stop) => return (rows, Some(stop)),
        }
    }
}

fn limits(line: usize, buffer: usize) -> Limits {
    Limits {
        line,
        lines: 1_000,
        buffer,
    }
}

/// Reads `input` with the default limits, and again with every buffer size from 1 byte up (so
/// that a buffer ends on every byte of short inputs): all must agree.
fn read(input: &[u8], mode: Mode) -> (Rows, Option<Stop>) {
    let whole = collect(Records::from_utf8(input, mode, Limits::default()));
    let show = |s: &Option<Stop>| s.as_ref().map(|s| (s.line, s.error.to_string()));
    for buffer in 1..48 {
        let small = Limits {
            buffer,
            ..Limits::default()
        };
        let small = collect(Records::from_utf8(input, mode, small));
        assert_eq!(small.0, whole.0, "buffer {buffer}");
        assert_eq!(show(&small.1), show(&whole.1), "buffer {buffer}");
    }
    whole
}

fn rows(input: &str) -> Rows {
    let (rows, stop) = read(input.as_bytes(), Mode::Csv(b','));
    assert!(stop.is_none(), "{stop:?}");
    rows
}

fn row(line: u64, fields: &[&str]) -> (u64, Vec<String>) {
    (line, fields.iter().map(|f| f.to_string()).collect())
}

#[test]
fn every_record_has_the_line_it_starts_on() {
    assert_eq!(
        rows("a,b\r\n\r\nc,d\n\n\ne\rf\r\n"),
        vec![
            row(1, &["a", "b"]),
            row(3, &["c", "d"]),
            row(6, &["e"]),
            row(7, &["f"])
        ]
    );
    // A quoted field spanning lines: the record is on its first line, the next one after it.
    assert_eq!(
        rows("h\n\"one\r\ntwo\nthree\",x\n\"\n\"\nnext\n"),
        vec![
            row(1, &["h"]),
            row(2, &["one\r\ntwo\nthree", "x"]),
            row(7, &["next"])
        ]
    );
    // Blank rows (only white space and delimiters) are skipped but counted.
    assert_eq!(rows(" ,  ,\n\t\n\"\",\"\"\nz"), vec![row(4, &["z"])]);
}

#[test]
fn quoting_follows_rfc_4180_and_forgives_like_the_csv_crate() {
    assert_eq!(
        rows("\"a,b\",\"say \"\"hi\"\"\",\"\"\n"),
        vec![row(1, &["a,b", "say \"hi\"", ""])]
    );
    // A quote inside an unquoted field is a character; text after a closing quote is kept.
    assert_eq!(
        rows("24\" screen,\"x\"y z,  \"padded\"  \n"),
        vec![row(1, &["24\" screen", "xy z", "padded  "])]
    );
    // Fields keep their spaces until `get` trims them.
    let mut r = Records::from_utf8(
        &b" a , '=b ,' ,\"'+1\"\n"[..],
        Mode::Csv(b','),
        Limits::default(),
    );
    let rec = r.next_record().unwrap().unwrap();
    assert_eq!(rec.raw(0).unwrap(), b"a ");
    let got: Vec<&[u8]> = rec.fields().collect();
    assert_eq!(got, [&b"a"[..], b"=b", b"'", b"+1"]);
}

#[test]
fn an_open_quote_is_an_error_at_the_line_where_the_field_began() {
    let (got, stop) = read(b"h\nok\nx,\"never\nclosed\n\nat all", Mode::Csv(b','));
    assert_eq!(got, vec![row(1, &["h"]), row(2, &["ok"])]);
    let stop = stop.unwrap();
    assert_eq!(stop.line, 3);
    assert!(
        matches!(stop.error, ReadError::UnterminatedQuote),
        "{stop:?}"
    );
    assert_eq!(
        stop.error.to_string(),
        "quoted field is never closed: its closing quote is missing"
    );
}

#[test]
fn a_line_over_the_limit_is_an_error_at_its_line_and_reading_stops() {
    let limit = Limits::default().line;
    let ok = format!("h\n{}\n", "x".repeat(limit));
    assert_eq!(rows(&ok).len(), 2, "exactly the limit is fine");
    for tail in ["\n", "\r\nmore\n", ""] {
        let long = format!("h\n\n{}{tail}", "x".repeat(limit + 1));
        let (got, stop) = read(long.as_bytes(), Mode::Csv(b','));
        assert_eq!(got.len(), 1);
        let stop = stop.unwrap();
        assert_eq!(stop.line, 3);
        assert_eq!(stop.error.to_string(), "line is longer than 64 KiB");
    }
    // Many short fields on one long line, and a long line of a list.
    let fields = format!("h\n{}\n", "a,".repeat(limit));
    assert_eq!(read(fields.as_bytes(), Mode::Csv(b',')).1.unwrap().line, 2);
    let list = format!("{}\n", "w".repeat(limit + 1));
    let stop = read(list.as_bytes(), Mode::Lines).1.unwrap();
    assert!(matches!(stop.error, ReadError::LineTooLong(_)), "{stop:?}");
}

#[test]
fn a_long_quoted_field_or_row_over_many_lines_is_an_error_where_it_began() {
    let lines = "y\n".repeat(20);
    let (_, stop) = collect(Records::from_utf8(
        format!("h\nx,\"{lines}\"\n").as_bytes(),
        Mode::Csv(b','),
        limits(32, 40),
    ));
    let stop = stop.unwrap();
    assert_eq!(stop.line, 2);
    assert_eq!(
        stop.error.to_string(),
        "quoted field is longer than 32 bytes: is its closing quote missing?"
    );
    // Several closed quoted fields over several lines: the row is too long.
    let row = format!("{}{}", "\"aaaaaaaaa\naaaaa\",".repeat(2), "b".repeat(10));
    let (_, stop) = collect(Records::from_utf8(
        format!("h\n\n{row}\n").as_bytes(),
        Mode::Csv(b','),
        limits(32, 34),
    ));
    let stop = stop.unwrap();
    assert_eq!(
        (stop.line, stop.error.to_string()),
        (3, "row is longer than 32 bytes".into())
    );
}

/// Bytes without end: the same chunk over and over.
struct Endless {
    chunk: Vec<u8>,
    at: usize,
    given: u64,
}

impl Endless {
    fn new(chunk: &[u8]) -> Self {
        Endless {
            chunk: chunk.to_vec(),
            at: 0,
            given: 0,
        }
    }
}

impl Read for &mut Endless {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        for b in out.iter_mut() {
            *b = self.chunk[self.at];
            self.at = (self.at + 1) % self.chunk.len();
        }
        self.given += out.len() as u64;
        Ok(out.len())
    }
}

#[test]
fn an_endless_line_stops_at_the_limit_in_bounded_memory() {
    for chunk in [&b"a"[..], b"MachineId,Action,", b"\"quoted, and on"] {
        let mut endless = Endless::new(chunk);
        let mut r = Records::open(&mut endless, Limits::default()).unwrap();
        let stop = loop {
            match r.next_record() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("an endless input ended"),
                Err(stop) => break stop,
            }
        };
        assert!(r.footprint() < 512 << 10, "{}", r.footprint());
        assert_eq!(stop.line, 1);
        assert!(
            stop.error.to_string().contains("longer than 64 KiB"),
            "{stop:?}"
        );
        assert!(endless.given < 256 << 10, "read {} bytes", endless.given);
    }
}

#[test]
fn more_lines_than_the_limit_is_an_error_even_blank_ones() {
    let few = Limits {
        lines: 3,
        ..Limits::default()
    };
    let (got, stop) = collect(Records::from_utf8(&b"a\nb\nc\n"[..], Mode::Lines, few));
    assert_eq!((got.len(), stop.is_none()), (3, true), "exactly the limit");
    for input in [&b"a\nb\nc\nd\n"[..], b"a\n\n\n\n\n", b"a\nb\n\"c\nd\"\n"] {
        let (_, stop) = collect(Records::from_utf8(input, Mode::Csv(b','), few));
        let stop = stop.unwrap();
        assert!(matches!(stop.error, ReadError::TooManyLines(3)), "{stop:?}");
    }
    assert_eq!(
        ReadError::TooManyLines(10_000_000).to_string(),
        "more than 10,000,000 lines: split the input into smaller files"
    );
}

#[test]
fn lines_mode_keeps_quotes_and_delimiters() {
    let (got, stop) = read(b"  \"web-01\",x  # c\r\n\r\n'=y\n", Mode::Lines);
    assert!(stop.is_none());
    assert_eq!(got, vec![row(1, &["\"web-01\",x  # c"]), row(3, &["'=y"])]);
}

#[test]
fn a_nul_byte_after_the_first_kib_stops_at_its_line() {
    let mut text = "h\n".repeat(5000).into_bytes();
    text.extend_from_slice(b"x\0y\n");
    let (got, stop) = collect(Records::open(&text[..], Limits::default()).unwrap());
    assert_eq!(got.len(), 5000);
    let stop = stop.unwrap();
    assert_eq!(stop.line, 5001);
    assert!(stop.error.to_string().contains("binary file"), "{stop:?}");
}

#[test]
fn workbooks_and_binary_files_are_refused_at_line_0() {
    for (bytes, says) in [
        (
            &b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"[..],
            "workbook (.xlsx",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0", "workbook (.xls)"),
        (b"\x7fELF\x02\x01\x01\0\0\0", "binary file"),
    ] {
        let stop = Records::open(bytes, Limits::default()).err().unwrap();
        assert_eq!(stop.line, 0);
        let text = stop.error.to_string();
        assert!(
            text.contains(says) && text.contains("save it as CSV UTF-8"),
            "{text}"
        );
    }
}

#[test]
fn utf16_and_utf8_with_a_bom_read_as_plain_utf8_does() {
    let text = "Id\tTag\r\nab\t\"Zürich\r\n🦀\"\r\n\r\ncd\tx\r\n".repeat(2000);
    let tabs = |mut r: Records<&[u8]>| {
        r.set_mode(Mode::Csv(b'\t'));
        collect(r)
    };
    let plain = tabs(Records::open(text.as_bytes(), Limits::default()).unwrap());
    assert_eq!(plain.0.len(), 6000);
    assert_eq!(plain.0[1], row(2, &["ab", "Zürich\r\n🦀"]));
    assert_eq!(plain.0[5], row(10, &["cd", "x"]));
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for bytes in [bom, utf16(&text, true), utf16(&text, false)] {
        let r = Records::open(&bytes[..], Limits::default()).unwrap();
        assert_eq!(tabs(r).0, plain.0);
    }
    let one = utf16("a", true);
    let r = Records::open(&one[..], Limits::default()).unwrap();
    assert_eq!(r.encoding(), Encoding::Utf16Le);
}

#[test]
fn a_crlf_split_across_buffers_is_one_line_break() {
    // With a 34-byte buffer the CR of line 1 is the buffer's last byte, inside and outside
    // quotes; `read` tries every buffer size around it.
    let text = format!("{}\r\n\"{}\r\n\"\r\nz\r\n", "a".repeat(33), "b".repeat(28));
    let (got, stop) = collect(Records::from_utf8(
        text.as_bytes(),
        Mode::Csv(b','),
        limits(33, 35),
    ));
    assert!(stop.is_none(), "{stop:?}");
    assert_eq!(got[1], row(2, &[&format!("{}\r\n", "b".repeat(28))]));
    assert_eq!(got[2], row(4, &["z"]));
    let (small, _) = read(b"ab\r\n\"c\r\nd\"\r\ne", Mode::Csv(b','));
    assert_eq!(
        small,
        vec![row(1, &["ab"]), row(2, &["c\r\nd"]), row(4, &["e"])]
    );
}

#[test]
fn peeking_a_line_reads_on_over_a_cr_at_the_buffers_end() {
    let text = format!("{}\r\nnext\n", "s".repeat(32));
    let mut r = Records::from_utf8(text.as_bytes(), Mode::Csv(b','), limits(32, 34));
    assert_eq!(r.peek_line().unwrap().unwrap(), "s".repeat(32).as_bytes());
    r.skip_line().unwrap();
    assert_eq!(r.line(), 2);
    assert_eq!(r.peek_line().unwrap().unwrap(), b"next");
    r.skip_line().unwrap();
    assert_eq!(r.peek_line().unwrap(), None);
    let long = "t".repeat(33);
    let mut r = Records::from_utf8(long.as_bytes(), Mode::Csv(b','), limits(32, 34));
    assert!(matches!(
        r.peek_line().unwrap_err().error,
        ReadError::LineTooLong(32)
    ));
}

#[test]
fn a_row_of_endless_fields_over_quoted_line_breaks_stops_in_bounded_memory() {
    // Each line is short and the fields' bytes are few: the row's own length is what stops it.
    let mut endless = Endless::new(format!("\"x\n\"{}", ",".repeat(1000)).as_bytes());
    let mut r = Records::open(&mut endless, Limits::default()).unwrap();
    let stop = r.next_record().err().expect("stopped");
    assert_eq!(
        (stop.line, stop.error.to_string()),
        (1, "row is longer than 64 KiB".into())
    );
    assert!(r.footprint() < 1 << 20, "{}", r.footprint());
}
