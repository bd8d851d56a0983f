//! Property tests of the input readers: on any bytes they end, in rows or in errors, without
//! panicking and in bounded memory, even on an input that never ends; what the csv crate writes
//! reads back field for field, each record on its line; the spreadsheet escape round-trips.

use std::io::{self, Read};

use proptest::prelude::*;

use super::escape::unescape;
use super::records::{Limits, Mode, ReadError, Records};
use crate::model::{MachineRef, Origin};
use crate::plan::PlanBuilder;

/// 256 cases a property. No regression file: failures print their minimal input, and the
/// checkout stays free of generated files.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(256)
    }
}

/// Bytes that steer the reader into each of its states, often; and any byte.
fn csvish_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        4 => prop::sample::select(b",;\t\"\r\n '=+-@#".to_vec()),
        4 => prop::sample::select(b"0123456789abcdefAddxyz".to_vec()),
        1 => any::<u8>(),
    ]
}

/// How inputs begin: BOMs, a `sep=` line, headers, a zip's magic.
fn prefix() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(vec![
        &b""[..],
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"sep=;\n",
        b"MachineId,Action,Value\n",
        b"MachineId\tComputerDnsName\r\n",
        b"PK\x03\x04",
    ])
    .prop_map(<[u8]>::to_vec)
}

/// CSV-ish bytes: `len` of them from a seed (drawn by proptest one by one, a few hundred KB
/// would take minutes to make in a debug build).
fn expand(seed: u64, len: usize) -> Vec<u8> {
    const ALPHABET: &[u8] = b",;\t\"\r\n '=+-@#0123456789abcdefAddxyz,,\"\n";
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            // xorshift64
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let r = (x >> 32) as usize;
            if r.is_multiple_of(16) {
                (r >> 8) as u8
            } else {
                ALPHABET[(r >> 8) % ALPHABET.len()]
            }
        })
        .collect()
}

/// Any bytes; CSV-ish bytes, short and up to a few hundred KB; and a pattern repeated into long
/// lines (past the 64 KiB limit).
fn input() -> impl Strategy<Value = Vec<u8>> {
    let join = |(mut p, body): (Vec<u8>, Vec<u8>)| {
        p.extend(body);
        p
    };
    let csvish = (prefix(), prop::collection::vec(csvish_byte(), 0..4096)).prop_map(join);
    let large = (prefix(), any::<u64>(), 0..300_000usize)
        .prop_map(|(p, seed, len)| (p, expand(seed, len)))
        .prop_map(join);
    let repeated = (
        prefix(),
        prop::collection::vec(csvish_byte(), 1..24),
        0..20_000usize,
    )
        .prop_map(|(p, pattern, times)| {
            let body = pattern.iter().cycle().take(pattern.len() * times).copied();
            (p, body.collect())
        })
        .prop_map(join);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..4096),
        csvish,
        large,
        repeated,
    ]
}

/// Line breaks as the reader counts them: LF, CR, and CRLF as one.
fn line_breaks(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') || b == b'\r' {
            n += 1;
        }
    }
    n
}

/// Every line named is one the input has.
fn lines_are_real(origins: impl Iterator<Item = u64>, input: &[u8]) -> Result<(), TestCaseError> {
    // A UTF-16 line break is one of these bytes too, so the count bounds it as well.
    let lines = input.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64 + 1;
    for line in origins {
        prop_assert!(line <= lines, "line {line} of {lines}");
    }
    Ok(())
}

/// The bytes `Records` may hold with these limits: its buffer, and a record of the limit plus
/// one buffer's worth (fields' bytes, and their ends as `u32`), with `Vec`'s doubling.
fn bound(limits: Limits) -> usize {
    // `open` reads the first 8 KiB into the buffer whatever its size.
    let buffer = limits.buffer.max(super::decode::SNIFF);
    let record = limits.line + buffer + 1;
    buffer + 2 * record + 2 * record * 4
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn apply_csv_reads_any_bytes_into_rows_or_errors(bytes in input()) {
        let mut b = PlanBuilder::default();
        super::csv::read("p.csv".into(), &bytes[..], None, &mut b, &mut |_| {});
        match b.finish() {
            Ok(plan) => lines_are_real(plan.ops.iter().map(|p| p.origin.line), &bytes)?,
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                lines_are_real(errors.iter().map(|e| e.origin.line), &bytes)?;
            }
        }
    }

    #[test]
    fn machines_files_read_any_bytes_into_machines_or_errors(bytes in input()) {
        let mut b = PlanBuilder::default();
        let mut out: Vec<(MachineRef, Origin)> = Vec::new();
        super::targets::read_list(
            "p.txt".into(),
            &bytes[..],
            Limits::default(),
            &mut b,
            &mut out,
            &mut Vec::new(),
        );
        lines_are_real(out.iter().map(|m| m.1.line), &bytes)?;
        if let Err(errors) = b.finish() {
            lines_are_real(errors.iter().map(|e| e.origin.line), &bytes)?;
        }
    }

    #[test]
    fn the_reader_holds_bounded_memory_whatever_the_bytes(
        bytes in input(),
        line in 16..2048usize,
        extra in 2..4096usize,
        csv in any::<bool>(),
    ) {
        let limits = Limits { line, lines: 1_000, buffer: line + extra };
        let Ok(mut r) = Records::open(&bytes[..], limits) else { return Ok(()) };
        r.set_mode(if csv { Mode::Csv(b',') } else { Mode::Lines });
        let mut records = 0usize;
        while let Ok(Some(_)) = r.next_record() {
            records += 1;
            prop_assert!(r.footprint() <= bound(limits), "{} > {}", r.footprint(), bound(limits));
        }
        prop_assert!(r.footprint() <= bound(limits));
        prop_assert!(records as u64 <= line_breaks(&bytes) + 1);
    }
}

/// An input that never ends: `head`, then `chunk` over and over.
#[derive(Clone, Debug)]
struct Endless {
    head: Vec<u8>,
    chunk: Vec<u8>,
    at: usize,
    given: u64,
}

impl Read for &mut Endless {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = out.len().min(4096);
        for b in &mut out[..n] {
            let at = self.at;
            *b = match self.head.get(at) {
                Some(&h) => h,
                None => self.chunk[(at - self.head.len()) % self.chunk.len()],
            };
            self.at += 1;
        }
        self.given += n as u64;
        Ok(n)
    }
}

fn endless(no_line_breaks: bool) -> impl Strategy<Value = Endless> {
    let byte = any::<u8>().prop_filter("no line break", move |b| {
        !no_line_breaks || !matches!(b, b'\r' | b'\n')
    });
    (prefix(), prop::collection::vec(byte, 1..64)).prop_map(|(head, chunk)| Endless {
        head,
        chunk,
        at: 0,
        given: 0,
    })
}

proptest! {
    #![proptest_config(config())]

    /// `apply-csv` on an endless line (a pipe from /dev/zero's cousins): refused, or stopped at
    /// the 64 KiB limit after reading little more than that.
    #[test]
    fn an_endless_line_stops_at_the_limit_quickly(mut input in endless(true)) {
        let limits = Limits::default();
        let mut r = match Records::open(&mut input, limits) {
            Ok(r) => r,
            Err(stop) => {
                prop_assert!(matches!(stop.error, ReadError::Workbook(_) | ReadError::Binary));
                return Ok(());
            }
        };
        let stop = loop {
            match r.next_record() {
                Ok(Some(_)) => {}
                Ok(None) => return Err(TestCaseError::fail("an endless input ended")),
                Err(stop) => break stop,
            }
        };
        prop_assert!(r.footprint() <= bound(limits));
        prop_assert!(
            matches!(
                stop.error,
                ReadError::LineTooLong(_) | ReadError::Nul | ReadError::BadSep
            ),
            "{stop:?}"
        );
        drop(r);
        // The limit, a buffer, and what UTF-16 decoding reads ahead.
        let most = (limits.line + 2 * limits.buffer + (256 << 10)) as u64;
        prop_assert!(input.given <= most, "read {} bytes", input.given);
    }

    /// Endless lines, through the whole of apply-csv and of a machines file: the line limit
    /// (here 2,000) or another error stops them.
    #[test]
    fn endless_lines_stop_at_the_line_limit(mut input in endless(false)) {
        let limits = Limits { lines: 2_000, ..Limits::default() };
        let mut b = PlanBuilder::default();
        super::csv::read_with("p.csv".into(), &mut input, None, limits, &mut b, &mut |_| {});
        prop_assert!(b.finish().is_err(), "an endless input is never a plan");
        let (head, chunk) = (input.head.clone(), input.chunk.clone());
        let mut input = Endless { head, chunk, at: 0, given: 0 };
        let mut b = PlanBuilder::default();
        let mut out = Vec::new();
        super::targets::read_list(
            "p.txt".into(),
            &mut input,
            limits,
            &mut b,
            &mut out,
            &mut Vec::new(),
        );
        prop_assert!(b.finish().is_err(), "an endless input always ends in an error");
        prop_assert!(out.len() <= 2_000);
    }
}

/// The escape mdetag's CSV output adds (SPEC.md "Results"), written here the simplest way.
fn escape(cell: &str) -> String {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn cell() -> impl Strategy<Value = String> {
    let start = prop::sample::select(vec!["", "'", "''", "=", "+", "-", "@", "\t", "\r", "'="]);
    (start, any::<String>()).prop_map(|(s, rest)| format!("{s}{rest}"))
}

fn unescaped(text: &str) -> &str {
    // The escape is one ASCII byte, so what is left is still UTF-8.
    std::str::from_utf8(unescape(text.as_bytes())).expect("UTF-8")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_spreadsheet_escape_round_trips(text in cell()) {
        let b = text.as_bytes();
        let ambiguous = b.len() >= 2
            && b[0] == b'\''
            && matches!(b[1], b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r');
        for escaped in [escape(&text), crate::ui::text::csv_cell(&text).into_owned()] {
            if ambiguous {
                // SPEC.md's rule cannot tell a cell that really starts with `'=` from an
                // escaped `=`: it reads as `=`.
                prop_assert_eq!(unescaped(&escaped), &text[1..]);
            } else {
                prop_assert_eq!(unescaped(&escaped), text.as_str());
            }
        }
    }
}

fn field() -> impl Strategy<Value = String> {
    let c = prop::sample::select(vec![
        ',', ';', '\t', '"', '\r', '\n', ' ', '\'', '=', 'a', 'b', 'é', '🦀',
    ]);
    prop::collection::vec(c, 0..12).prop_map(String::from_iter)
}

proptest! {
    #![proptest_config(config())]

    /// What the csv crate writes (any delimiter, LF or CRLF, quotes, line breaks in fields)
    /// reads back: the same fields (up to trimming), each record on the line it starts on,
    /// whatever the buffer size and in UTF-16 too.
    #[test]
    fn what_the_csv_crate_writes_reads_back_on_its_lines(
        rows in prop::collection::vec(prop::collection::vec(field(), 1..5), 1..30),
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        crlf in any::<bool>(),
        buffer in 1..80usize,
    ) {
        let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(terminator)
            .flexible(true)
            .from_writer(Vec::new());
        let mut expected = Vec::new();
        for row in &rows {
            w.flush().unwrap();
            let line = line_breaks(w.get_ref()) + 1;
            w.write_record(row).unwrap();
            let fields: Vec<Vec<u8>> =
                row.iter().map(|f| f.as_bytes().trim_ascii().to_vec()).collect();
            if fields.iter().any(|f| !f.is_empty()) {
                expected.push((line, fields));
            }
        }
        let out = w.into_inner().unwrap();
        let read = |mut r: Records<&[u8]>| {
            r.set_mode(Mode::Csv(delimiter));
            let mut got = Vec::new();
            while let Some(rec) = r.next_record().expect("reads") {
                let fields = (0..rec.len()).map(|i| rec.raw(i).unwrap().trim_ascii().to_vec());
                got.push((rec.line, fields.collect::<Vec<_>>()));
            }
            got
        };
        let small = Limits { buffer, ..Limits::default() };
        prop_assert_eq!(&read(Records::from_utf8(&out[..], Mode::Lines, small)), &expected);
        let wide = super::decode::utf16(std::str::from_utf8(&out).unwrap(), true);
        prop_assert_eq!(&read(Records::open(&wide[..], Limits::default()).unwrap()), &expected);
    }
}
