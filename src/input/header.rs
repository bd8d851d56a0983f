//! Headers: what a column is for, which delimiter a file uses (Excel writes `;` where the
//! decimal separator is a comma, and tabs for "Unicode text"), and Excel's `sep=X` first line.

use std::io::Read;

use super::records::{Limits, Mode, ReadError, Records, Stop};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Machine,
    Name,
    Action,
    Value,
    /// The tenant a row is for (a run over many tenants): its ID or name.
    Tenant,
    /// The tenant's name beside its ID, as mdetag's own results write it.
    TenantName,
}

/// Header names match case-insensitively, ignoring spaces, `_` and `-` (SPEC.md), for apply-csv
/// and machines files alike.
pub fn role_of(header: &str) -> Option<Role> {
    let key: String = header
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "machineid" | "deviceid" | "id" | "machine" => Some(Role::Machine),
        "computerdnsname" | "devicename" | "hostname" | "name" => Some(Role::Name),
        "action" => Some(Role::Action),
        "value" | "tag" => Some(Role::Value),
        "tenant" | "tenantid" => Some(Role::Tenant),
        "tenantname" | "customer" => Some(Role::TenantName),
        _ => None,
    }
}

/// Detected delimiters, in order of preference when two read a header equally well.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// Where a file's header is, and how to split it.
#[derive(Debug, PartialEq, Eq)]
pub struct Start {
    pub delimiter: u8,
    /// The header line, not yet consumed from the reader.
    pub line: Vec<u8>,
}

/// Readies `records` for its header: takes an Excel `sep=X` first line (its delimiter is used
/// unless one is `forced`), skips blank lines (and `#` comments, for `comments`), and picks the
/// delimiter from the header line. `None`: the input has no such line.
pub fn start<R: Read>(
    records: &mut Records<R>,
    forced: Option<u8>,
    comments: bool,
) -> Result<Option<Start>, Stop> {
    let mut delimiter = forced;
    let sep = records.peek_line()?.and_then(sep_of);
    if let Some(sep) = sep {
        let sep = sep.ok_or(Stop {
            line: records.line(),
            error: ReadError::BadSep,
        })?;
        delimiter = delimiter.or(Some(sep));
        records.skip_line()?;
    }
    loop {
        let Some(line) = records.peek_line()? else {
            return Ok(None);
        };
        let blank = line
            .iter()
            .all(|&b| matches!(b, b' ' | b'\t' | b',' | b';') || Some(b) == delimiter);
        let comment = comments && line.trim_ascii_start().first() == Some(&b'#');
        if !blank && !comment {
            let line = line.to_vec();
            return Ok(Some(Start {
                delimiter: delimiter.unwrap_or_else(|| detect(&line)),
                line,
            }));
        }
        records.skip_line()?;
    }
}

/// `sep=X`, quoted or not, and padded with delimiters or not (`"sep=;";;;` once a spreadsheet
/// saved it again). `Some(None)`: a `sep=` line that names no usable delimiter.
fn sep_of(line: &[u8]) -> Option<Option<u8>> {
    let l = line.strip_prefix(b"\"").unwrap_or(line);
    if l.len() < 4 || !l[..4].eq_ignore_ascii_case(b"sep=") {
        return None;
    }
    let usable = |d: u8| d.is_ascii() && !d.is_ascii_alphanumeric() && !b"\" \r\n\0".contains(&d);
    let sep = match l[4..] {
        [d, ref rest @ ..] if usable(d) => {
            let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
            rest.iter().all(|&b| b == d || b == b' ').then_some(d)
        }
        _ => None,
    };
    Some(sep)
}

/// The candidate delimiter that reads the most known column names from `line`, then splits it
/// into the most columns. Quotes are honoured: a delimiter inside a quoted name does not count.
pub fn detect(line: &[u8]) -> u8 {
    let mut best = (CANDIDATES[0], 0, 0);
    for d in CANDIDATES {
        let known = split(line, d)
            .iter()
            .filter(|f| std::str::from_utf8(f).is_ok_and(|f| role_of(f).is_some()))
            .count();
        let columns = 1 + outside_quotes(line, d);
        if (known, columns) > (best.1, best.2) {
            best = (d, known, columns);
        }
    }
    best.0
}

/// When the header does not read with `used`: the character that looks like its separator, one
/// that splits the line into more known column names than `used` does (`MachineId|Action|Value`
/// gives `|`). `None` when no character does better.
pub fn likely_delimiter(line: &[u8], used: u8) -> Option<u8> {
    let known = |d: u8| {
        split(line, d)
            .iter()
            .filter(|f| std::str::from_utf8(f).is_ok_and(|f| role_of(f).is_some()))
            .count()
    };
    let have = known(used);
    let mut seen = [false; 128];
    let mut best: Option<(usize, usize, u8)> = None;
    for &d in line {
        if !(d.is_ascii_punctuation() || d == b'\t') || d == b'"' || d == used || seen[d as usize] {
            continue;
        }
        seen[d as usize] = true;
        let score = (known(d), outside_quotes(line, d), d);
        if score.0 > have && best.is_none_or(|b| (score.0, score.1) > (b.0, b.1)) {
            best = Some(score);
        }
    }
    best.map(|b| b.2)
}

/// How many times `d` is in `line` outside quotes (each `"` opens or closes; `""` does both).
fn outside_quotes(line: &[u8], d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

/// The fields of one line as the reader reads them (trimmed, without the spreadsheet escape);
/// none when the line does not read (a quote left open).
pub fn split(line: &[u8], delimiter: u8) -> Vec<Vec<u8>> {
    let mut records = Records::from_utf8(line, Mode::Csv(delimiter), Limits::default());
    match records.next_record() {
        Ok(Some(r)) => r.fields().map(<[u8]>::to_vec).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start_of(text: &str, forced: Option<u8>, comments: bool) -> (Option<Start>, u64) {
        let mut r = Records::open(text.as_bytes(), Limits::default()).unwrap();
        let start = start(&mut r, forced, comments).unwrap();
        (start, r.line())
    }

    #[test]
    fn the_delimiter_is_the_one_that_reads_known_columns() {
        assert_eq!(detect(b"MachineId,Action,Value"), b',');
        assert_eq!(detect(b"MachineId;Action;Value"), b';');
        assert_eq!(detect(b"MachineId\tAction\tValue"), b'\t');
        // Known names beat a count of fields swollen by a delimiter inside the names.
        assert_eq!(detect(b"Machine Id;Action;Value,Tag;Note,s"), b';');
        // Quoted delimiters do not count.
        assert_eq!(detect(b"\"Notes; more; more\",MachineId,Action"), b',');
        assert_eq!(detect(b"\"a,b\";\"c,d\";\"e,f\""), b';');
        // Nothing known: the most fields; a tie goes to the comma.
        assert_eq!(detect(b"a;b;c,d"), b';');
        assert_eq!(detect(b"web-01"), b',');
    }

    #[test]
    fn a_separator_that_is_not_detected_is_named_for_the_hint() {
        assert_eq!(
            likely_delimiter(b"MachineId|Action|Value", b','),
            Some(b'|')
        );
        assert_eq!(
            likely_delimiter(b"\"MachineId\"|Action|Tag", b','),
            Some(b'|')
        );
        assert_eq!(
            likely_delimiter(b"MachineId:Action:Value", b','),
            Some(b':')
        );
        // Nothing reads better: no name.
        assert_eq!(likely_delimiter(b"MachineId,Action,Value", b','), None);
        assert_eq!(likely_delimiter(b"foo|bar|baz", b','), None);
        assert_eq!(likely_delimiter(b"", b','), None);
    }

    #[test]
    fn a_sep_line_names_the_delimiter_and_is_skipped_but_counted() {
        let (start, line) = start_of("sep=;\nMachineId,x;Action;Value\n", None, false);
        assert_eq!(start.unwrap().delimiter, b';');
        assert_eq!(line, 2);
        let (start, _) = start_of("\"SEP=|\"||\r\nId|Action|Value\r\n", None, false);
        assert_eq!(start.unwrap().delimiter, b'|');
        let (start, _) = start_of("sep=\t\nId\tAction\tValue\n", None, false);
        assert_eq!(start.unwrap().delimiter, b'\t');
        // A forced delimiter wins; the line is still not a header.
        let (forced, line) = start_of("sep=;\nId,Action,Value\n", Some(b','), false);
        assert_eq!(
            forced.unwrap(),
            Start {
                delimiter: b',',
                line: b"Id,Action,Value".to_vec()
            }
        );
        assert_eq!(line, 2);
        for bad in ["sep=\n", "sep=ab\n", "sep=§\n", "sep=a\n"] {
            let mut r = Records::open(bad.as_bytes(), Limits::default()).unwrap();
            let stop = super::start(&mut r, None, false).unwrap_err();
            assert_eq!(stop.line, 1, "{bad:?}");
            assert!(matches!(stop.error, ReadError::BadSep), "{bad:?}");
        }
    }

    #[test]
    fn blank_lines_and_comments_before_the_header_are_skipped() {
        let (start, line) = start_of("\n  \n;;;\n,,\nId;Action\n", None, false);
        assert_eq!(start.unwrap().line, b"Id;Action");
        assert_eq!(line, 5);
        let (start, line) = start_of("# fleet\r\n\r\n  # more\r\nweb-01\r\n", None, true);
        assert_eq!(start.unwrap().line, b"web-01");
        assert_eq!(line, 4);
        assert_eq!(start_of("# only\n\n", None, true).0, None);
        assert_eq!(start_of("", None, false).0, None);
    }

    #[test]
    fn roles_match_in_any_case_without_spaces_underscores_or_dashes() {
        assert_eq!(role_of("Device_ID"), Some(Role::Machine));
        assert_eq!(role_of(" machine "), Some(Role::Machine));
        assert_eq!(role_of("Computer-DNS-Name"), Some(Role::Name));
        assert_eq!(role_of("name"), Some(Role::Name));
        assert_eq!(role_of("SET_VALUE"), None);
        assert_eq!(role_of("TAG"), Some(Role::Value));
        assert_eq!(role_of("status"), None);
    }
}
