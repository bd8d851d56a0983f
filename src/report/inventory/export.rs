//! The tag inventory in each output format. Tags are text from the server: shown escaped
//! (`ui::text`), JSON through the escaping writer, CSV cells guarded against formulas.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Inventory, TagCount};
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
            w.write_record([
                "tag",
                "machines",
                "spelling",
                "spelling_machines",
                "problems",
            ])?;
            for t in &inv.tags {
                let problems = problem_names(t).join(";");
                for s in &t.spellings {
                    w.write_record([
                        csv_text(&t.tag).as_ref(),
                        &t.machines.to_string(),
                        csv_text(&s.tag).as_ref(),
                        &s.machines.to_string(),
                        &problems,
                    ])?;
                }
            }
            w.flush()
        }
    }
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
