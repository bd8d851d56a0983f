//! `machines list`: per machine its ID, host name, OS platform, health, device value, last seen
//! and tags, under the field names result rows use where they overlap (`machine`, `name`). The
//! CSV's `machine` column is one `--machines-file` and apply-csv read, so a listing pipes into a
//! tagging command, or is edited into a change file, as it is.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::model::Machine;
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
        }
    }

    /// The text cells, tags joined by `sep`; a missing field is empty.
    fn cells(&self, sep: &str) -> [String; 7] {
        let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
        [
            self.machine.clone(),
            opt(self.name),
            opt(self.os_platform),
            opt(self.health_status),
            opt(self.device_value),
            opt(self.last_seen),
            self.tags.join(sep),
        ]
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
            let mut table = super::table::new_table(&[
                "Machine",
                "Name",
                "OS platform",
                "Health",
                "Value",
                "Last seen",
                "Tags",
            ]);
            for row in rows {
                table.add_row(super::table::shown(row.cells(", ")));
            }
            if !machines.is_empty() {
                writeln!(out, "{table}")?;
            }
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
