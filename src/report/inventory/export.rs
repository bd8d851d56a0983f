//! The tag inventory in each output format. Tags are text from the server: shown escaped
//! (`ui::text`), JSON through the escaping writer, CSV cells guarded against formulas.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Inventory, TagCount};
use crate::model::Tenant;
use crate::report::Format;
use crate::ui::text::{csv_text, plural, printable_up_to};

/// Longest tag a table cell shows (`--output json` has every character).
const TABLE_CHARS: usize = 80;

pub fn write(inv: &Inventory, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table(inv, out),
        Format::Json => {
            let doc = json!({
                "summary": summary(inv),
                "tags": inv.tags.iter().map(tag_json).collect::<Vec<_>>(),
            });
            crate::ui::json::to_writer(&mut *out, &doc)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for t in &inv.tags {
                crate::ui::json::to_writer(&mut *out, &tag_json(t))?;
                writeln!(out)?;
            }
            crate::ui::json::to_writer(&mut *out, &json!({ "summary": summary(inv) }))?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_HEADER)?;
            for cells in csv_rows(inv) {
                w.write_record(cells)?;
            }
            w.flush()
        }
    }
}

/// The tag inventories of many tenants: each tenant's tags with the tenant on each (CSV: two
/// columns after the others), and (table, JSON) what came of each tenant.
pub fn write_tenants(
    read: &[(Tenant, Result<Inventory, String>)],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let tenant_json = |t: &Tenant| json!({"tenant": t.id, "tenant_name": t.name});
    let rows = || {
        read.iter().flat_map(move |(t, r)| {
            r.iter().flat_map(move |inv| {
                inv.tags.iter().map(move |tag| {
                    let mut row = tag_json(tag);
                    if let (Value::Object(row), Value::Object(tenant)) = (&mut row, tenant_json(t))
                    {
                        row.extend(tenant);
                    }
                    row
                })
            })
        })
    };
    let whole = || {
        let ok = || read.iter().filter_map(|(_, r)| r.as_ref().ok());
        json!({
            "machines": ok().map(|i| i.machines).sum::<usize>(),
            "tags": ok().map(|i| i.tags.len()).sum::<usize>(),
            "problems": ok().map(Inventory::with_problems).sum::<usize>(),
            "tenants": read.iter().map(|(t, r)| {
                let mut block = tenant_json(t);
                block["ran"] = json!(r.is_ok());
                block["error"] = json!(r.as_ref().err());
                block["summary"] = r.as_ref().map_or(Value::Null, summary);
                block
            }).collect::<Vec<_>>(),
        })
    };
    match format {
        Format::Table => crate::report::tenant_blocks(read, out, |inv, out| table(inv, out), ""),
        Format::Json => {
            let doc = json!({"summary": whole(), "tags": rows().collect::<Vec<_>>()});
            crate::ui::json::to_writer(&mut *out, &doc)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for row in rows() {
                crate::ui::json::to_writer(&mut *out, &row)?;
                writeln!(out)?;
            }
            crate::ui::json::to_writer(&mut *out, &json!({ "summary": whole() }))?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_HEADER.iter().chain(&["tenant", "tenant_name"]))?;
            for (t, r) in read {
                for inv in r.iter() {
                    for cells in csv_rows(inv) {
                        let name = t.name.as_deref().map(csv_text).unwrap_or_default();
                        w.write_record(
                            cells
                                .iter()
                                .map(String::as_str)
                                .chain([t.id.as_str(), name.as_ref()]),
                        )?;
                    }
                }
            }
            w.flush()
        }
    }
}

/// The CSV's columns: a row a spelling of a tag.
const CSV_HEADER: [&str; 5] = [
    "tag",
    "machines",
    "spelling",
    "spelling_machines",
    "problems",
];

/// The CSV's cells of an inventory, a row a spelling.
fn csv_rows(inv: &Inventory) -> impl Iterator<Item = [String; 5]> + '_ {
    inv.tags.iter().flat_map(|t| {
        let problems = problem_names(t).join(";");
        t.spellings.iter().map(move |s| {
            [
                csv_text(&t.tag).into_owned(),
                t.machines.to_string(),
                csv_text(&s.tag).into_owned(),
                s.machines.to_string(),
                problems.clone(),
            ]
        })
    })
}

fn summary(inv: &Inventory) -> Value {
    json!({"machines": inv.machines, "tags": inv.tags.len(), "problems": inv.with_problems()})
}

fn tag_json(t: &TagCount) -> Value {
    json!({
        "tag": t.tag,
        "machines": t.machines,
        "spellings": t.spellings.iter().map(|s| json!({"tag": s.tag, "machines": s.machines})).collect::<Vec<_>>(),
        "problems": problem_names(t),
    })
}

fn problem_names(t: &TagCount) -> Vec<&'static str> {
    t.problems.iter().map(|p| p.as_str()).collect()
}

fn table(inv: &Inventory, out: &mut dyn Write) -> io::Result<()> {
    if !inv.tags.is_empty() {
        let mut table = crate::report::new_table(&["Tag", "Machines", "Spellings", "Problems"]);
        for t in &inv.tags {
            let spellings = match t.spellings.as_slice() {
                [_] => String::new(),
                many => many
                    .iter()
                    .map(|s| format!("{} ({})", cell(&s.tag), s.machines))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            table.add_row([
                cell(&t.tag),
                t.machines.to_string(),
                spellings,
                problem_names(t).join(", "),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    writeln!(
        out,
        "{} on {}; {} with problems",
        plural(inv.tags.len(), "tag", "tags"),
        plural(inv.machines, "machine", "machines"),
        inv.with_problems()
    )
}

/// A tag in a table cell: escaped, cut at `TABLE_CHARS`, and quoted when white space at
/// either end would not show.
fn cell(tag: &str) -> String {
    let shown = printable_up_to(tag, TABLE_CHARS);
    if tag.starts_with(char::is_whitespace) || tag.ends_with(char::is_whitespace) {
        format!("\"{shown}\"")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Machine, MachineId};

    fn inventory() -> Inventory {
        let machine = |n: usize, tags: &[&str]| Machine {
            id: MachineId::parse(&format!("{n:040x}")).unwrap(),
            name: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            device_value: None,
            health_status: None,
            last_seen: None,
            os_platform: None,
            merged_into: None,
        };
        let machines = [
            machine(0, &["Finance", "=cmd", "esc\u{1b}[31m"]),
            machine(1, &["FINANCE", " lead"]),
        ];
        Inventory::of(&machines)
    }

    fn written(format: Format) -> String {
        let mut out = Vec::new();
        write(&inventory(), format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_has_the_documented_shape_and_escapes_server_text() {
        let text = written(Format::Json);
        assert!(!text.contains('\u{1b}'), "{text}");
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            doc["summary"],
            json!({"machines": 2, "tags": 4, "problems": 2})
        );
        assert_eq!(
            doc["tags"][0],
            json!({"tag": "FINANCE", "machines": 2, "problems": ["case-variants"],
                   "spellings": [{"tag": "FINANCE", "machines": 1}, {"tag": "Finance", "machines": 1}]})
        );
        let tags: Vec<&str> = doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tag"].as_str().unwrap())
            .collect();
        assert!(tags.contains(&"esc\u{1b}[31m"), "the same string, escaped");
    }

    #[test]
    fn jsonl_is_a_tag_a_line_then_the_summary() {
        let text = written(Format::Jsonl);
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0]["tag"], "FINANCE");
        assert_eq!(lines[4]["summary"]["tags"], 4);
    }

    #[test]
    fn csv_is_a_row_a_spelling_with_formulas_and_controls_defused() {
        let text = written(Format::Csv);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("tag,machines,spelling,spelling_machines,problems")
        );
        let rest: Vec<&str> = lines.collect();
        assert_eq!(rest.len(), 5, "{text}");
        assert_eq!(rest[0], "FINANCE,2,FINANCE,1,case-variants");
        assert_eq!(rest[1], "FINANCE,2,Finance,1,case-variants");
        assert!(rest.contains(&" lead,1, lead,1,spaces"), "{text}");
        assert!(rest.contains(&"'=cmd,1,'=cmd,1,"), "{text}");
        assert!(text.contains("esc\\u{1b}[31m"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn the_table_shows_spellings_problems_and_a_summary() {
        let text = written(Format::Table);
        assert!(text.contains("FINANCE (1), Finance (1)"), "{text}");
        assert!(text.contains("\" lead\""), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(
            text.ends_with("4 tags on 2 machines; 2 with problems\n"),
            "{text}"
        );
    }
}
