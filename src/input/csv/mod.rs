//! The apply-csv reader. The whole input is read and checked before anything is sent; every
//! bad row is reported as `FILE:LINE: reason`. Reading streams (`records`): the plan grows with
//! the rows, the reading itself holds one row.

use std::io::Read;
use std::sync::Arc;

use super::decode::Encoding;
use super::header::{self, Role, role_of};
use super::records::{Limits, Mode, Record, Records, Stop};
use crate::model::text::excerpt;
use crate::model::{Action, Invalid, MachineRef, Operation, Origin, Rows};

struct Columns {
    /// An ID column: it holds IDs and host names alike, as `--machine` does.
    machine: Option<usize>,
    /// A host-name column, and its header as written (for messages).
    name: Option<(usize, String)>,
    action: usize,
    value: usize,
    /// The tenant column a run over many tenants routes rows by.
    tenant: Option<usize>,
}

/// Reads a CSV of changes into the plan builder. Unknown columns are passed to `warn` once each.
/// `delimiter` forces one; else an Excel `sep=` line names it, or the header line shows it.
pub fn read<B: Rows>(
    source: Arc<str>,
    input: impl Read,
    delimiter: Option<u8>,
    b: &mut B,
    warn: &mut dyn FnMut(String),
) {
    read_with(source, input, delimiter, Limits::default(), b, warn);
}

pub(super) fn read_with<B: Rows>(
    source: Arc<str>,
    input: impl Read,
    delimiter: Option<u8>,
    limits: Limits,
    b: &mut B,
    warn: &mut dyn FnMut(String),
) {
    let stopped = |b: &mut B, stop: Stop| {
        b.stopped(
            Origin::new(source.clone(), stop.line),
            stop.error.to_string(),
        );
    };
    let mut records = match Records::open(input, limits) {
        Ok(r) => r,
        Err(stop) => return stopped(b, stop),
    };
    let start = match header::start(&mut records, delimiter, false) {
        Ok(start) => start,
        Err(stop) => return stopped(b, stop),
    };
    let encoding = records.encoding();
    if let Some(start) = &start {
        records.set_mode(Mode::Csv(start.delimiter));
    }
    let columns = match records.next_record() {
        Ok(Some(record)) => {
            let origin = Origin::new(source.clone(), record.line);
            match columns(&record, &origin, encoding, b.routes_tenants(), warn) {
                Ok(c) => c,
                Err(reason) => {
                    let hint = match (&start, delimiter) {
                        (Some(start), None) => delimiter_hint(&record, start),
                        _ => String::new(),
                    };
                    return b.error(origin, format!("{}{hint}", reason.0));
                }
            }
        }
        // No header, no rows (0 bytes, or blank lines): nothing to do, as for an empty
        // machines file; the run says so.
        Ok(None) => return,
        Err(stop) => return stopped(b, stop),
    };
    loop {
        match records.next_record() {
            Ok(Some(record)) => {
                let origin = Origin::new(source.clone(), record.line);
                row(&record, &columns, origin, encoding, b);
            }
            Ok(None) => return,
            Err(stop) => return stopped(b, stop),
        }
    }
}

/// For a header that did not read with the detected delimiter: `--delimiter` named with the
/// character that looks like the separator, or only suggested when the header is one field.
fn delimiter_hint(record: &Record, start: &header::Start) -> String {
    match header::likely_delimiter(&start.line, start.delimiter) {
        Some(d) => {
            let quoted = if d == b'\'' {
                "\"'\"".to_string()
            } else {
                format!("'{}'", d as char)
            };
            format!("; the header looks separated by {quoted}: try --delimiter {quoted}")
        }
        None if record.fields().count() == 1 => {
            "; the delimiter could not be detected (',' ';' or tab): name it with --delimiter CHAR"
                .to_string()
        }
        None => String::new(),
    }
}

fn columns(
    record: &Record,
    origin: &Origin,
    encoding: Encoding,
    routes: bool,
    warn: &mut dyn FnMut(String),
) -> Result<Columns, Invalid> {
    let (mut machine, mut host, mut action, mut value) = (None, None, None, None);
    let (mut tenant, mut tenant_name) = (None, None);
    for (i, field) in record.fields().enumerate() {
        let name = std::str::from_utf8(field)
            .map_err(|_| Invalid(format!("header is {}", encoding.invalid_text())))?;
        let slot = match role_of(name) {
            Some(Role::Machine) => &mut machine,
            Some(Role::Name) => &mut host,
            Some(Role::Action) => &mut action,
            Some(Role::Value) => &mut value,
            Some(Role::Tenant) if routes => &mut tenant,
            Some(Role::TenantName) if routes => &mut tenant_name,
            // Rows of many tenants run in one: each would land in the wrong customer's.
            Some(Role::Tenant | Role::TenantName) => {
                return Err(Invalid(format!(
                    "column '{}' names each row's tenant: give --tenants FILE to run each row in its tenant, or remove the column to run every row in this one",
                    excerpt(name)
                )));
            }
            None => {
                warn(format!("{origin}: ignoring column '{}'", excerpt(name)));
                continue;
            }
        };
        if let Some((_, first)) = slot {
            return Err(Invalid(format!(
                "columns '{first}' and '{}' mean the same thing; keep one",
                excerpt(name)
            )));
        }
        *slot = Some((i, excerpt(name)));
    }
    let missing = |what: &str, names: &str| {
        Invalid(format!("no {what} column in the header (expected {names})"))
    };
    if machine.is_none() && host.is_none() {
        return Err(missing(
            "machine",
            "MachineId, DeviceId, Id or Machine; or ComputerDnsName, Name, DeviceName or Hostname",
        ));
    }
    Ok(Columns {
        machine: machine.map(|m| m.0),
        name: host,
        action: action.ok_or_else(|| missing("action", "Action"))?.0,
        value: value.ok_or_else(|| missing("value", "Value or Tag"))?.0,
        tenant: tenant.or(tenant_name).map(|t| t.0),
    })
}

fn row(record: &Record, cols: &Columns, origin: Origin, encoding: Encoding, b: &mut impl Rows) {
    let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
    if cols.tenant.is_some() {
        match std::str::from_utf8(field(cols.tenant)) {
            Ok(key) => b.tenant(&origin, key),
            Err(_) => return b.error(origin, encoding.invalid_text()),
        }
    }
    let (Ok(id), Ok(name), Ok(action), Ok(value)) = (
        std::str::from_utf8(field(cols.machine)),
        std::str::from_utf8(field(cols.name.as_ref().map(|n| n.0))),
        std::str::from_utf8(field(Some(cols.action))),
        std::str::from_utf8(field(Some(cols.value))),
    ) else {
        b.error(origin, encoding.invalid_text());
        return;
    };
    // An ID column reads as `--machine` does: an ID, or else a host name (SPEC.md); so a
    // results CSV, whose `machine` cell holds a name that did not resolve, feeds back.
    let machine = if !id.is_empty() {
        match MachineRef::parse(id) {
            Ok(m) => m,
            Err(reason) => return b.error(origin, reason.0),
        }
    } else if !name.is_empty() {
        match MachineRef::parse(name) {
            Ok(MachineRef::Id(_)) => {
                let header = cols.name.as_ref().map_or("", |n| n.1.as_str());
                return b.error(
                    origin,
                    format!(
                        "'{}' in the host-name column '{header}' is a machine ID: name the \
                         column MachineId (it takes IDs and host names alike)",
                        excerpt(name)
                    ),
                );
            }
            Ok(m) => m,
            Err(reason) => return b.error(origin, reason.0),
        }
    } else {
        return b.error(origin, "missing machine ID or host name".into());
    };
    let change = Action::parse(action).and_then(|action| b.change(action, value));
    match change {
        Ok(change) => b.push(Operation { machine, change }, origin),
        Err(reason) => b.error(origin, reason.0),
    }
}

#[cfg(test)]
mod tests;
