//! `machines list`: per machine its ID, host name, OS platform, health, device value, last seen
//! and tags, under the field names result rows use where they overlap (`machine`, `name`). The
//! CSV's `machine` column is one `--machines-file` and apply-csv read, so a listing pipes into a
//! tagging command, or is edited into a change file, as it is.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::model::{Machine, Tenant};
use crate::ui::text::{csv_text, plural};

/// The columns, in order: the CSV header and the JSON keys.
const FIELDS: [&str; 7] = [
    "machine",
    "name",
    "os_platform",
    "health_status",
    "device_value",
    "last_seen",
    "tags",
];

/// The columns a listing over many tenants adds, last.
const TENANT_FIELDS: [&str; 2] = ["tenant", "tenant_name"];

/// One machine as every format shows it (JSON keys in this order).
#[derive(Serialize)]
struct Row<'a> {
    machine: String,
    name: Option<&'a str>,
    os_platform: Option<&'a str>,
    health_status: Option<&'a str>,
    device_value: Option<&'a str>,
    last_seen: Option<&'a str>,
    tags: &'a [String],
    /// The machine's tenant, in a listing over many.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    tenant: Option<TenantFields<'a>>,
}

#[derive(Serialize)]
struct TenantFields<'a> {
    tenant: &'a str,
    tenant_name: Option<&'a str>,
}

impl<'a> Row<'a> {
    fn of(m: &'a Machine) -> Self {
        Row {
            machine: m.id.to_string(),
            name: m.name.as_deref(),
            os_platform: m.os_platform.as_deref(),
            health_status: m.health_status.as_deref(),
            device_value: m.device_value.as_deref(),
            last_seen: m.last_seen.as_deref(),
            tags: &m.tags,
            tenant: None,
        }
    }

    fn in_tenant(m: &'a Machine, t: &'a Tenant) -> Self {
        Row {
            tenant: Some(TenantFields {
                tenant: &t.id,
                tenant_name: t.name.as_deref(),
            }),
            ..Row::of(m)
        }
    }

    /// The text cells, tags joined by `sep`; a missing field is empty; the tenant's two last
    /// when the row has one.
    fn cells(&self, sep: &str) -> Vec<String> {
        let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
        let mut cells = vec![
            self.machine.clone(),
            opt(self.name),
            opt(self.os_platform),
            opt(self.health_status),
            opt(self.device_value),
            opt(self.last_seen),
            self.tags.join(sep),
        ];
        if let Some(t) = &self.tenant {
            cells.extend([t.tenant.to_string(), opt(t.tenant_name)]);
        }
        cells
    }
}

#[derive(Serialize)]
struct Summary {
    total: usize,
}

pub fn write(machines: &[&Machine], format: Format, out: &mut dyn Write) -> io::Result<()> {
    let rows = machines.iter().map(|m| Row::of(m));
    match format {
        Format::Table => {
            table(rows, out)?;
            writeln!(out, "{}", plural(machines.len(), "machine", "machines"))
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                summary: Summary,
                machines: Vec<Row<'a>>,
            }
            let doc = Doc {
                summary: Summary {
                    total: machines.len(),
                },
                machines: rows.collect(),
            };
            crate::ui::json::to_writer(&mut *out, &doc)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for row in rows {
                crate::ui::json::to_writer(&mut *out, &row)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(FIELDS)?;
            for row in rows {
                w.write_record(row.cells(";").iter().map(|c| csv_text(c).into_owned()))?;
            }
            w.flush()
        }
    }
}

/// The machines as a table (nothing when there are none).
fn table<'a>(rows: impl Iterator<Item = Row<'a>>, out: &mut dyn Write) -> io::Result<()> {
    let mut table = super::table::new_table(&[
        "Machine",
        "Name",
        "OS platform",
        "Health",
        "Value",
        "Last seen",
        "Tags",
    ]);
    let mut any = false;
    for row in rows {
        any = true;
        let mut cells = row.cells(", ");
        cells.truncate(FIELDS.len());
        table.add_row(
            cells
                .iter()
                .map(|c| crate::ui::text::display(c).into_owned())
                .collect::<Vec<_>>(),
        );
    }
    if any {
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// A listing over many tenants: every tenant's machines with the tenant on each (CSV: two
/// columns after the others), and (table, JSON) what came of each tenant.
pub fn write_tenants(
    read: &[(Tenant, Result<Vec<Machine>, String>)],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = || {
        read.iter().flat_map(|(t, r)| {
            r.iter()
                .flat_map(move |ms| ms.iter().map(move |m| Row::in_tenant(m, t)))
        })
    };
    let total: usize = read
        .iter()
        .map(|(_, r)| r.as_ref().map_or(0, Vec::len))
        .sum();
    match format {
        Format::Table => {
            let tail = format!(" · {}", plural(total, "machine", "machines"));
            super::tenant_blocks(
                read,
                out,
                |ms: &Vec<Machine>, out| {
                    table(ms.iter().map(Row::of), out)?;
                    writeln!(out, "{}", plural(ms.len(), "machine", "machines"))
                },
                &tail,
            )
        }
        Format::Json => {
            /// As a run's tenant block: what came of the tenant, then its own summary.
            #[derive(Serialize)]
            struct Block<'a> {
                tenant: &'a str,
                tenant_name: Option<&'a str>,
                ran: bool,
                error: Option<&'a str>,
                summary: Option<Count>,
            }
            #[derive(Serialize)]
            struct Count {
                total: usize,
            }
            #[derive(Serialize)]
            struct Summary<'a> {
                total: usize,
                tenants: Vec<Block<'a>>,
            }
            #[derive(Serialize)]
            struct Doc<'a> {
                summary: Summary<'a>,
                machines: Vec<Row<'a>>,
            }
            let tenants = read
                .iter()
                .map(|(t, r)| Block {
                    tenant: &t.id,
                    tenant_name: t.name.as_deref(),
                    ran: r.is_ok(),
                    error: r.as_ref().err().map(String::as_str),
                    summary: r.as_ref().ok().map(|ms| Count { total: ms.len() }),
                })
                .collect();
            let doc = Doc {
                summary: Summary { total, tenants },
                machines: rows().collect(),
            };
            crate::ui::json::to_writer(&mut *out, &doc)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for row in rows() {
                crate::ui::json::to_writer(&mut *out, &row)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(FIELDS.iter().chain(&TENANT_FIELDS))?;
            for row in rows() {
                w.write_record(row.cells(";").iter().map(|c| csv_text(c).into_owned()))?;
            }
            w.flush()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MachineId;
    use serde_json::{Value, json};

    const A: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    const B: &str = "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687";

    fn machines() -> Vec<Machine> {
        vec![
            Machine {
                id: MachineId::parse(A).unwrap(),
                name: Some("ws-01.contoso.local".into()),
                tags: vec!["VIP".into(), "=cmd".into(), "esc\u{1b}[31m".into()],
                device_value: Some("High".into()),
                health_status: Some("Active".into()),
                last_seen: Some("2026-10-01T08:00:00Z".into()),
                os_platform: Some("Windows11".into()),
                merged_into: None,
            },
            Machine {
                id: MachineId::parse(B).unwrap(),
                name: None,
                tags: Vec::new(),
                device_value: None,
                health_status: None,
                last_seen: None,
                os_platform: None,
                merged_into: None,
            },
        ]
    }

    fn written(format: Format) -> String {
        let ms = machines();
        let refs: Vec<&Machine> = ms.iter().collect();
        let mut out = Vec::new();
        write(&refs, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_is_a_summary_and_machines_under_the_result_rows_names() {
        let text = written(Format::Json);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(
            text.starts_with("{\"summary\":{\"total\":2},\"machines\":[{\"machine\":"),
            "{text}"
        );
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            doc["machines"][0],
            json!({"machine": A, "name": "ws-01.contoso.local", "os_platform": "Windows11",
                   "health_status": "Active", "device_value": "High",
                   "last_seen": "2026-10-01T08:00:00Z", "tags": ["VIP", "=cmd", "esc\u{1b}[31m"]})
        );
        assert_eq!(
            doc["machines"][1],
            json!({"machine": B, "name": null, "os_platform": null, "health_status": null,
                   "device_value": null, "last_seen": null, "tags": []})
        );
        let keys: Vec<&String> = doc["machines"][0].as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), FIELDS.len());
    }

    #[test]
    fn jsonl_is_one_machine_a_line() {
        let text = written(Format::Jsonl);
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(lines[0]["machine"], A);
        assert_eq!(lines[0]["os_platform"], "Windows11");
        assert_eq!(lines[1]["machine"], B);
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn csv_has_the_header_tags_joined_by_semicolons_and_formulas_defused() {
        let text = written(Format::Csv);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "machine,name,os_platform,health_status,device_value,last_seen,tags"
        );
        assert_eq!(
            lines[1],
            format!(
                "{A},ws-01.contoso.local,Windows11,Active,High,2026-10-01T08:00:00Z,\
                 VIP;=cmd;esc\\u{{1b}}[31m"
            )
        );
        assert_eq!(lines[2], format!("{B},,,,,,"));
        assert_eq!(lines.len(), 3);
        // A cell that starts a formula is escaped.
        let mut ms = machines();
        ms[0].tags = vec!["=HYPERLINK(\"x\")".into(), "VIP".into()];
        let mut out = Vec::new();
        write(&[&ms[0]], Format::Csv, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.ends_with(",\"'=HYPERLINK(\"\"x\"\");VIP\"\n"),
            "{text}"
        );
    }

    #[test]
    fn the_table_shows_every_field_escaped_then_a_count() {
        let text = written(Format::Table);
        for shown in [
            "Machine",
            "OS platform",
            "Health",
            "Last seen",
            "Tags",
            "Windows11",
            "Active",
            "High",
            "2026-10-01T08:00:00Z",
            "ws-01.contoso.local",
            "esc\\u{1b}[31m",
        ] {
            assert!(text.contains(shown), "{shown:?} not in {text}");
        }
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.ends_with("2 machines\n"), "{text}");
        let mut out = Vec::new();
        write(&[], Format::Table, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "0 machines\n");
    }
}
