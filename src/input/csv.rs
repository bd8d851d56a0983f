//! The apply-csv reader. The whole input is read and checked before anything is sent; every
//! bad row is reported as `FILE:LINE: reason`.

use std::io::Read;
use std::sync::Arc;

use crate::model::{Action, Invalid, MachineId, MachineRef, Operation, Origin};
use crate::plan::PlanBuilder;
use crate::ui::text::printable;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Machine,
    Name,
    Action,
    Value,
}

/// Header names match case-insensitively, ignoring spaces, `_` and `-` (SPEC.md).
fn role_of(header: &str) -> Option<Role> {
    let key: String = header
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "machineid" | "deviceid" | "id" | "machine" => Some(Role::Machine),
        "computerdnsname" | "devicename" | "hostname" => Some(Role::Name),
        "action" => Some(Role::Action),
        "value" | "tag" => Some(Role::Value),
        _ => None,
    }
}

struct Columns {
    machine: Option<usize>,
    name: Option<usize>,
    action: usize,
    value: usize,
}

/// Reads a CSV of changes into the plan builder. Unknown columns are passed to `warn` once each.
pub fn read(
    source: Arc<str>,
    mut input: impl Read,
    delimiter: Option<u8>,
    b: &mut PlanBuilder,
    warn: &mut dyn FnMut(String),
) {
    // Held whole: the csv crate's record positions point at the end of the previous record, so
    // the true line of a record is found by looking at the bytes that follow that point.
    let mut data = Vec::new();
    if let Err(e) = input.read_to_end(&mut data) {
        b.error(Origin::new(source, 0), format!("cannot read: {e}"));
        return;
    }
    // One operation a line at most: reserving that avoids regrowing a million-entry plan.
    b.reserve(data.iter().filter(|&&c| c == b'\n').count());
    let mut lines = LineCounter::new(&data);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter.unwrap_or(b','))
        .buffer_capacity(1 << 16)
        .from_reader(&data[..]);
    let mut record = csv::ByteRecord::new();
    let mut columns: Option<Columns> = None;
    let mut saw_header = false;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte()));
                b.error(
                    Origin::new(source.clone(), line),
                    format!("unreadable CSV: {e}"),
                );
                // A broken quote swallows the rest of the input: nothing after it is trustworthy.
                return;
            }
        }
        let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
        let origin = Origin::new(source.clone(), line);
        if record.iter().all(<[u8]>::is_empty) {
            continue; // blank line (or only separators)
        }
        if !saw_header {
            saw_header = true;
            match header(&record, &origin, warn) {
                Ok(c) => columns = Some(c),
                Err(reason) => {
                    b.error(origin, reason.0);
                    return;
                }
            }
            continue;
        }
        let Some(cols) = &columns else { return };
        row(&record, cols, origin, b);
    }
    if !saw_header {
        b.error(
            Origin::new(source, 0),
            "empty input: a header row is required (MachineId,Action,Value)",
        );
    }
}

/// Maps byte offsets (which only grow) to 1-based line numbers.
struct LineCounter<'a> {
    data: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(data: &'a [u8]) -> Self {
        LineCounter {
            data,
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record whose position the csv crate reports as `byte`: skip the line
    /// terminators that end the previous record (and any blank lines), then count newlines.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = (byte as usize).min(self.data.len());
        while start < self.data.len() && matches!(self.data[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.offset {
            self.line += self.data[self.offset..start]
                .iter()
                .filter(|&&c| c == b'\n')
                .count() as u64;
            self.offset = start;
        }
        self.line
    }
}

fn header(
    record: &csv::ByteRecord,
    origin: &Origin,
    warn: &mut dyn FnMut(String),
) -> Result<Columns, Invalid> {
    let (mut machine, mut host, mut action, mut value) = (None, None, None, None);
    for (i, field) in record.iter().enumerate() {
        let name =
            std::str::from_utf8(field).map_err(|_| Invalid("header is not valid UTF-8".into()))?;
        let slot = match role_of(name) {
            Some(Role::Machine) => &mut machine,
            Some(Role::Name) => &mut host,
            Some(Role::Action) => &mut action,
            Some(Role::Value) => &mut value,
            None => {
                warn(format!("{origin}: ignoring column '{}'", printable(name)));
                continue;
            }
        };
        if let Some((_, first)) = slot {
            return Err(Invalid(format!(
                "columns '{first}' and '{}' mean the same thing; keep one",
                printable(name)
            )));
        }
        *slot = Some((i, printable(name)));
    }
    let missing = |what: &str, names: &str| {
        Invalid(format!("no {what} column in the header (expected {names})"))
    };
    if machine.is_none() && host.is_none() {
        return Err(missing(
            "machine",
            "MachineId, DeviceId, Id or Machine; or ComputerDnsName, DeviceName or Hostname",
        ));
    }
    Ok(Columns {
        machine: machine.map(|m| m.0),
        name: host.map(|n| n.0),
        action: action.ok_or_else(|| missing("action", "Action"))?.0,
        value: value.ok_or_else(|| missing("value", "Value or Tag"))?.0,
    })
}

fn row(record: &csv::ByteRecord, cols: &Columns, origin: Origin, b: &mut PlanBuilder) {
    let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
    let (Ok(id), Ok(name), Ok(action), Ok(value)) = (
        std::str::from_utf8(field(cols.machine)),
        std::str::from_utf8(field(cols.name)),
        std::str::from_utf8(field(Some(cols.action))),
        std::str::from_utf8(field(Some(cols.value))),
    ) else {
        b.error(origin, "not valid UTF-8");
        return;
    };
    // The ID column holds IDs only (SPEC.md); a host name goes in its own column.
    let machine = if !id.is_empty() {
        match MachineId::parse(id) {
            Ok(m) => MachineRef::Id(m),
            Err(reason) => return b.error(origin, reason.0),
        }
    } else if !name.is_empty() {
        match MachineRef::parse(name) {
            Ok(MachineRef::Id(_)) => {
                return b.error(
                    origin,
                    format!(
                        "'{}' in the host name column is a machine ID",
                        printable(name)
                    ),
                );
            }
            Ok(m) => m,
            Err(reason) => return b.error(origin, reason.0),
        }
    } else {
        return b.error(origin, "missing machine ID");
    };
    let change = Action::parse(action).and_then(|action| b.change(action, value));
    match change {
        Ok(change) => b.push(Operation { machine, change }, origin),
        Err(reason) => b.error(origin, reason.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, TagAction};
    use crate::plan::{InputError, Plan};

    const A: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    const B: &str = "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687";

    fn parse(text: &str) -> (Result<Plan, Vec<InputError>>, Vec<String>) {
        let mut b = PlanBuilder::default();
        let mut warnings = Vec::new();
        read("t.csv".into(), text.as_bytes(), None, &mut b, &mut |w| {
            warnings.push(w)
        });
        (b.finish(), warnings)
    }

    fn errors(text: &str) -> Vec<String> {
        parse(text)
            .0
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_a_clean_file_with_bom_crlf_quotes_and_odd_headers() {
        let text = format!(
            "\u{feff}Device ID, action ,TAG,Notes\r\n{A},add,\"test, Tag 2\",x\r\n\r\n {}, SetValue , high ,\r\n{B},REMOVE,old,\n",
            A.to_uppercase()
        );
        let (plan, warnings) = parse(&text);
        let plan = plan.unwrap();
        assert_eq!(
            warnings,
            vec!["t.csv:1: ignoring column 'Notes'".to_string()]
        );
        let got: Vec<_> = plan
            .ops
            .iter()
            .map(|p| {
                (
                    p.op.machine.to_string(),
                    p.op.change.action(),
                    p.op.change.value().to_string(),
                    p.origin.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    A.into(),
                    Action::Tag(TagAction::Add),
                    "test, Tag 2".into(),
                    2
                ),
                (A.into(), Action::SetValue, "High".into(), 4),
                (B.into(), Action::Tag(TagAction::Remove), "old".into(), 5),
            ]
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let long = "t".repeat(201);
        let text = format!(
            "MachineId,Action,Value\n\
             ,Add,x\n\
             abc,Add,x\n\
             {A},Tag,x\n\
             {A},Add,\n\
             {A},Add,{long}\n\
             {A},Add,\"a\u{7}b\"\n\
             {A},SetValue,Medium\n\
             {A},Add,y\n\
             {A},Remove,y\n\
             {B},SetValue,Low\n\
             {B},SetValue,High\n"
        );
        let e = errors(&text);
        assert_eq!(e.len(), 9, "{e:#?}");
        assert_eq!(e[0], "t.csv:2: missing machine ID");
        assert!(e[1].starts_with("t.csv:3: machine ID 'abc' is not 40 hexadecimal"));
        assert!(e[2].starts_with("t.csv:4: unknown action 'Tag'"));
        assert_eq!(e[3], "t.csv:5: empty tag");
        assert!(e[4].starts_with("t.csv:6: tag is 201 characters"));
        assert!(e[5].starts_with("t.csv:7: tag 'a\\u{7}b' contains the control character U+0007"));
        assert!(e[6].starts_with("t.csv:8: device value 'Medium'"));
        assert!(e[7].starts_with("t.csv:10: conflicts with t.csv:9"));
        assert!(e[8].starts_with("t.csv:12: conflicts with t.csv:11"));
    }

    #[test]
    fn header_problems_are_errors() {
        assert!(errors("Machine,Value\n")[0].contains("no action column"));
        assert!(errors("Id,MachineId,Action,Value\n")[0].contains("mean the same thing"));
        assert!(errors("")[0].contains("header row is required"));
        assert!(errors("\"MachineId,Action\n")[0].starts_with("t.csv:"));
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let mut bytes = format!("MachineId,Action,Value\n{A},Add,ok\n{A},Add,").into_bytes();
        bytes.extend_from_slice(b"\xff\xfe\n");
        let mut b = PlanBuilder::default();
        read("t.csv".into(), &bytes[..], None, &mut b, &mut |_| {});
        let e = b.finish().unwrap_err();
        assert_eq!(e[0].to_string(), "t.csv:3: not valid UTF-8");
    }

    #[test]
    fn identical_rows_run_once() {
        let text = format!(
            "MachineId,Action,Value\n{A},Add,x\n{},add,x\n",
            A.to_uppercase()
        );
        let plan = parse(&text).0.unwrap();
        assert_eq!(plan.ops.len(), 2);
        assert_eq!(
            plan.ops[1].settled.as_ref().unwrap().error.code,
            "duplicate"
        );
        assert_eq!(plan.calls(true).len(), 1);
    }

    #[test]
    fn a_host_name_column_names_machines_by_name() {
        let text =
            format!("Hostname,MachineId,Action,Value\nWS-01,,Add,x\n,{A},Add,x\nws-01,,add,x\n");
        let plan = parse(&text).0.unwrap();
        assert_eq!(plan.ops[0].op.machine, MachineRef::Name("ws-01".into()));
        assert_eq!(
            plan.ops[2].settled.as_ref().unwrap().error.code,
            "duplicate"
        );
        let e = errors(&format!("DeviceName,Action,Value\n{A},Add,x\n"));
        assert!(e[0].contains("is a machine ID"), "{e:?}");
    }
}
