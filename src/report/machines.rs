//! `machines list`: id, name, tags, device value, health, last seen. The CSV's `MachineId`
//! column is one apply-csv reads, so a listing can be edited into a change file.

use std::io::{self, Write};

use super::Format;
use crate::model::Machine;

pub fn write(machines: &[&Machine], format: Format, out: &mut dyn Write) -> io::Result<()> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match format {
        Format::Table => {
            let mut table = super::table::new_table(&[
                "Machine",
                "Name",
                "Tags",
                "Value",
                "Health",
                "Last seen",
            ]);
            for m in machines {
                table.add_row(super::table::shown([
                    m.id.to_string(),
                    opt(&m.name),
                    m.tags.join(", "),
                    opt(&m.device_value),
                    opt(&m.health_status),
                    opt(&m.last_seen),
                ]));
            }
            writeln!(out, "{table}")?;
            writeln!(
                out,
                "{}",
                crate::ui::text::plural(machines.len(), "machine", "machines")
            )
        }
        Format::Json => {
            let list: Vec<serde_json::Value> = machines.iter().map(|m| json(m)).collect();
            crate::ui::json::to_writer(&mut *out, &list)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for m in machines {
                crate::ui::json::to_writer(&mut *out, &json(m))?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "MachineId",
                "ComputerDnsName",
                "MachineTags",
                "DeviceValue",
                "HealthStatus",
                "LastSeen",
            ])?;
            for m in machines {
                let cells = [
                    m.id.to_string(),
                    opt(&m.name),
                    m.tags.join(";"),
                    opt(&m.device_value),
                    opt(&m.health_status),
                    opt(&m.last_seen),
                ];
                w.write_record(
                    cells
                        .iter()
                        .map(|c| crate::ui::text::csv_text(c).into_owned()),
                )?;
            }
            w.flush()
        }
    }
}

fn json(m: &Machine) -> serde_json::Value {
    serde_json::json!({
        "id": m.id.to_string(), "computerDnsName": m.name, "machineTags": m.tags,
        "deviceValue": m.device_value, "healthStatus": m.health_status, "lastSeen": m.last_seen,
    })
}
