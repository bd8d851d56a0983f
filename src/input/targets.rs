//! `--machine` and `--machines-file`: the machines a command acts on.
//!
//! A machines file is one machine ID or host name a line (blank lines and `#` comments
//! skipped), or a CSV whose header names an ID or host-name column, as `machines list --output
//! csv` and result CSVs have: `mdetag machines list --output csv | mdetag tag add
//! --machines-file - --value X`. Which one it is, the first line that is neither blank nor a
//! comment says. Both are read as `apply-csv` reads (encodings, limits, the spreadsheet escape).

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use super::escape::clean;
use super::header::{self, Role, Start, role_of};
use super::records::{Limits, Mode, Record, Records, Stop};
use crate::model::text::excerpt;
use crate::model::{Invalid, MachineRef, Origin, Rows};

/// Reads every target in the order given (`--machine` values first, then each file) and returns
/// the machines with where each came from. Bad IDs and unreadable files are recorded on the
/// builder as input errors. Repeats are kept (the plan drops them).
pub fn collect<B: Rows>(
    machines: &[String],
    files: &[PathBuf],
    b: &mut B,
) -> Vec<(MachineRef, Origin)> {
    collect_routed(machines, files, b).0
}

/// The tenant a machines file names for a listed machine (its `Tenant` column, by ID or by
/// name in the tenants file): the index of the machine in the list, and the key.
pub type TenantKeys = Vec<(usize, String)>;

/// As `collect`, with the tenant each machine of a file with a `Tenant` column is for.
pub fn collect_routed<B: Rows>(
    machines: &[String],
    files: &[PathBuf],
    b: &mut B,
) -> (Vec<(MachineRef, Origin)>, TenantKeys) {
    let mut out = Vec::new();
    let mut keys = TenantKeys::new();
    for value in machines {
        let origin = Origin::new(format!("--machine '{}'", excerpt(value)), 0);
        match MachineRef::parse(value) {
            Ok(id) => out.push((id, origin)),
            Err(reason) => b.error(origin, reason.0),
        }
    }
    let mut stdin_used = false;
    for path in files {
        if path.as_os_str() == "-" {
            if stdin_used {
                b.error(
                    Origin::new("--machines-file -", 0),
                    "standard input can be read only once".into(),
                );
                continue;
            }
            stdin_used = true;
        }
        match super::open(path) {
            Ok((name, reader)) => {
                read_list(name, reader, Limits::default(), b, &mut out, &mut keys)
            }
            Err(e) => b.error(
                Origin::new(path.display().to_string(), 0),
                format!("cannot read: {e}"),
            ),
        }
    }
    (out, keys)
}

/// The columns a machines CSV names machines by: the ID column when it has a value, else the
/// host-name column. Either holds an ID or a host name, as a line of a list does.
struct Columns {
    id: Option<usize>,
    name: Option<usize>,
    /// The tenant each row's machine is for (`Tenant`, `TenantId` or `TenantName`).
    tenant: Option<usize>,
}

/// `Some` when the header line names an ID or host-name column.
fn columns(start: &Start) -> Result<Option<Columns>, Invalid> {
    let (mut id, mut name, mut tenant, mut tenant_name) = (None, None, None, None);
    for (i, field) in header::split(&start.line, start.delimiter)
        .iter()
        .enumerate()
    {
        let Ok(text) = std::str::from_utf8(field) else {
            continue;
        };
        let slot = match role_of(text) {
            Some(Role::Machine) => &mut id,
            Some(Role::Name) => &mut name,
            Some(Role::Tenant) => &mut tenant,
            Some(Role::TenantName) => &mut tenant_name,
            _ => continue,
        };
        if let Some((_, first)) = slot {
            return Err(Invalid(format!(
                "columns '{first}' and '{}' mean the same thing; keep one",
                excerpt(text)
            )));
        }
        *slot = Some((i, excerpt(text)));
    }
    Ok((id.is_some() || name.is_some()).then(|| Columns {
        id: id.map(|c| c.0),
        name: name.map(|c| c.0),
        // The ID when the file has both (a listing over many tenants).
        tenant: tenant.or(tenant_name).map(|c| c.0),
    }))
}

pub(super) fn read_list<R: Read, B: Rows>(
    source: Arc<str>,
    reader: R,
    limits: Limits,
    b: &mut B,
    out: &mut Vec<(MachineRef, Origin)>,
    keys: &mut TenantKeys,
) {
    let stopped = |b: &mut B, stop: Stop| {
        b.stopped(
            Origin::new(source.clone(), stop.line),
            stop.error.to_string(),
        );
    };
    let mut records = match Records::open(reader, limits) {
        Ok(r) => r,
        Err(stop) => return stopped(b, stop),
    };
    let start = match header::start(&mut records, None, true) {
        Ok(Some(start)) => start,
        Ok(None) => return,
        Err(stop) => return stopped(b, stop),
    };
    let cols = match columns(&start) {
        Ok(cols) => cols,
        Err(reason) => return b.error(Origin::new(source.clone(), records.line()), reason.0),
    };
    match &cols {
        Some(_) => records.set_mode(Mode::Csv(start.delimiter)),
        None => records.set_mode(Mode::Lines),
    }
    let encoding = records.encoding();
    let mut header = cols.is_some();
    loop {
        let record = match records.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => return,
            Err(stop) => return stopped(b, stop),
        };
        if std::mem::take(&mut header) {
            continue;
        }
        let origin = Origin::new(source.clone(), record.line);
        let text = match &cols {
            Some(cols) => match cell(&record, cols) {
                Some([]) => {
                    b.error(origin, "missing machine ID or host name".into());
                    continue;
                }
                Some(text) => text,
                None => continue,
            },
            None => line(&record),
        };
        let Ok(text) = std::str::from_utf8(text) else {
            b.error(origin, encoding.invalid_text());
            continue;
        };
        if text.is_empty() {
            continue;
        }
        // With a tenant column, every row names its tenant (an empty cell is an error later,
        // never "every tenant").
        let tenant = match cols.as_ref().and_then(|c| c.tenant) {
            None => None,
            Some(i) => match std::str::from_utf8(clean(record.get(i).unwrap_or_default())) {
                Ok(t) => Some(t.trim()),
                Err(_) => {
                    b.error(origin, encoding.invalid_text());
                    continue;
                }
            },
        };
        match MachineRef::parse(text) {
            Ok(m) => {
                if let Some(t) = tenant {
                    keys.push((out.len(), t.to_string()));
                }
                out.push((m, origin));
            }
            Err(reason) => b.error(origin, reason.0),
        }
    }
}

/// A line of a list without its comment, trimmed, without the spreadsheet escape.
fn line<'a>(record: &Record<'a>) -> &'a [u8] {
    let raw = record.raw(0).unwrap_or_default();
    let text = raw.split(|&b| b == b'#').next().unwrap_or_default();
    clean(text)
}

/// A CSV row's machine; `None` for a comment (a first cell that starts with `#`).
fn cell<'a>(record: &Record<'a>, cols: &Columns) -> Option<&'a [u8]> {
    if record.get(0).is_some_and(|f| f.starts_with(b"#")) {
        return None;
    }
    let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
    let id = get(cols.id);
    Some(if id.is_empty() { get(cols.name) } else { id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode::utf16;
    use crate::plan::PlanBuilder;

    #[test]
    fn lists_skip_blanks_and_comments_and_name_bad_lines() {
        let text = "\u{feff}# fleet\n\n1E5BC9D7E413DDD7902C2932E418702B84D0CC07  # web-01\r\nWeb-02.contoso.local\nnot an id\n";
        let mut b = PlanBuilder::default();
        let mut out = Vec::new();
        read_list(
            "m.txt".into(),
            text.as_bytes(),
            Limits::default(),
            &mut b,
            &mut out,
            &mut Vec::new(),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].0, MachineRef::Name("web-02.contoso.local".into()));
        assert_eq!(
            out[0].0.to_string(),
            "1e5bc9d7e413ddd7902c2932e418702b84d0cc07"
        );
        assert_eq!(out[0].1.line, 3);
        let errors = b.finish().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("m.txt:5: 'not an id' is neither"),
            "{}",
            errors[0]
        );
    }

    const A: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    const B: &str = "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687";

    /// The machines a file names (as text, with their lines) and the errors.
    fn list(bytes: &[u8]) -> (Vec<(String, u64)>, Vec<String>) {
        let mut b = PlanBuilder::default();
        let mut out = Vec::new();
        read_list(
            "m.csv".into(),
            bytes,
            Limits::default(),
            &mut b,
            &mut out,
            &mut Vec::new(),
        );
        let errors = match b.finish() {
            Ok(_) => Vec::new(),
            Err(e) => e.iter().map(ToString::to_string).collect(),
        };
        let got = out.iter().map(|(m, o)| (m.to_string(), o.line)).collect();
        (got, errors)
    }

    fn machines(text: &str) -> Vec<(String, u64)> {
        let (got, errors) = list(text.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        got
    }

    #[test]
    fn a_machines_listing_pipes_in_by_its_id_column_else_its_name() {
        let text = format!(
            "MachineId,ComputerDnsName,MachineTags,DeviceValue,HealthStatus,LastSeen\n\
             {A},web-01.contoso.local,VIP;Finance,High,Active,2026-01-01\n\
             ,WEB-02,,Normal,Active,\n\
             {B},,,,,\n"
        );
        assert_eq!(
            machines(&text),
            [(A.into(), 2), ("web-02".into(), 3), (B.into(), 4)]
        );
    }

    #[test]
    fn a_result_csv_pipes_in_by_its_machine_column() {
        let text = format!(
            "machine,action,value,status,http_status,attempts,error_code,error_message,name\n\
             {A},add,x,succeeded,200,1,,,web-01\n\
             {B},add,'=x,failed,404,1,ResourceNotFound,\"gone, \"\"really\"\"\",\n\
             ws-07,add,x,failed,,0,machine not found,\"no machine\nnamed ws-07\",\n\
             {A},add,y,succeeded,200,1,,,web-01\n"
        );
        // Repeats stay: the plan drops them.
        assert_eq!(
            machines(&text),
            [
                (A.into(), 2),
                (B.into(), 3),
                ("ws-07".into(), 4),
                (A.into(), 6)
            ]
        );
    }

    #[test]
    fn csv_lists_read_every_header_spelling_delimiter_and_encoding() {
        let expected = vec![(A.to_string(), 3), ("web-02".to_string(), 4)];
        for text in [
            format!("sep=;\nDevice Name;Device_ID\n;{A}\nweb-02;\n"),
            format!("# fleet\nhost-name\tnotes\n{A}\tx\nweb-02\t\n"),
            format!("\n\"Name\"\n{A}\n\"web-02\"\n"),
        ] {
            assert_eq!(machines(&text), expected, "{text}");
        }
        // A cell keeps what follows the spreadsheet escape.
        assert_eq!(machines("Hostname\n'-web-04\n"), [("-web-04".into(), 2)]);
        let wide = utf16(&format!("Id\r\n\r\n{A}\r\n"), true);
        assert_eq!(list(&wide).0, [(A.to_string(), 3)]);
    }

    #[test]
    fn one_machine_a_line_stays_one_machine_a_line() {
        let text = format!("\u{feff}{A}\r\n'-web-03 # escaped\r\n\"quoted\"\n");
        let (got, errors) = list(text.as_bytes());
        assert_eq!(got, [(A.to_string(), 1), ("-web-03".to_string(), 2)]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(r#"m.csv:3: '"quoted"' is neither"#),
            "{errors:?}"
        );
        let wide = utf16(&format!("# be\n{A}\n"), false);
        assert_eq!(list(&wide).0, [(A.to_string(), 2)]);
    }

    #[test]
    fn csv_list_problems_name_their_lines() {
        let text = format!("MachineId,Name,Note\n{A},,\n,,only a note\n# a comment,,\nbad id,,\n");
        let (got, errors) = list(text.as_bytes());
        assert_eq!(got, [(A.to_string(), 2)]);
        assert_eq!(errors[0], "m.csv:3: missing machine ID or host name");
        assert!(
            errors[1].starts_with("m.csv:5: 'bad id' is neither"),
            "{errors:?}"
        );
        let (_, errors) = list(b"\n\nId,MachineId\n");
        assert_eq!(
            errors,
            ["m.csv:3: columns 'Id' and 'MachineId' mean the same thing; keep one"]
        );
    }

    #[test]
    fn limits_encodings_and_binary_files_are_apply_csvs() {
        let long = format!("{A}\n{}\n{B}\n", "w".repeat((64 << 10) + 1));
        let (got, errors) = list(long.as_bytes());
        assert_eq!(got.len(), 1);
        assert_eq!(errors, ["m.csv:2: line is longer than 64 KiB"]);
        let (_, errors) = list(b"PK\x03\x04\x14\x00");
        assert!(
            errors[0].starts_with("m.csv: this is a workbook"),
            "{errors:?}"
        );
        let (_, errors) = list(b"Id\n\"open\n");
        assert_eq!(
            errors,
            ["m.csv:2: quoted field is never closed: its closing quote is missing"]
        );
        let (_, errors) = list(b"web-01\n\xff\n");
        assert_eq!(
            errors,
            ["m.csv:2: not valid UTF-8: save the file as CSV UTF-8"]
        );
        assert_eq!(list(b"").0, []);
        assert_eq!(list(b"# nothing\n\n").0, []);
    }
}
