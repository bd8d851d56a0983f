//! `--output table`: for people.

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Width, presets};

use super::{Exporter, Report};

pub struct Table;

/// Past this many operations the table shows only the failed ones (at most this many).
pub const WHOLE: usize = 1000;

/// Where a shortened machine ID is cut, at the least: 8 characters, before the ellipsis.
const MIN_PREFIX: usize = 8;

/// The width assumed for a terminal whose size cannot be read.
const FALLBACK_WIDTH: u16 = 80;

impl Exporter for Table {
    fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        // Only a terminal has a width; anything else gets whole IDs and unwrapped rows.
        let width = crate::ui::stdout::is_terminal()
            .then(|| new_table(&[]).width().unwrap_or(FALLBACK_WIDTH));
        render(report, width, out)
    }
}

/// The table at `width` columns (none: as wide as its rows). Machine IDs are never wrapped:
/// when whole IDs would not fit, each is cut to the shortest prefix that still tells apart
/// the IDs shown, with an ellipsis, and a note says where the whole IDs are.
fn render(report: &Report, width: Option<u16>, out: &mut dyn Write) -> io::Result<()> {
    const HEADER: [&str; 7] = [
        "Machine", "Name", "Action", "Value", "Status", "HTTP", "Detail",
    ];
    let mut table = new_table(&HEADER);
    let total = report.plan.ops.len();
    let only_failed = total > WHOLE;
    let (mut rows, mut failed) = (Vec::new(), 0u64);
    for row in report.rows() {
        if only_failed {
            if row.outcome.status != crate::model::Status::Failed {
                continue;
            }
            failed += 1;
            if rows.len() == WHOLE {
                continue;
            }
        }
        let o = &row.outcome;
        rows.push(shown([
            row.machine().as_str().to_string(),
            row.name.unwrap_or("").to_string(),
            row.action().to_string(),
            row.value().to_string(),
            o.status.as_str().to_string(),
            o.http_status.map(|h| h.to_string()).unwrap_or_default(),
            o.error
                .as_ref()
                .map(|e| format!("{}: {}", e.code, e.message))
                .unwrap_or_default(),
        ]));
    }
    let listed = rows.len();
    let mut shortened = false;
    if let Some(width) = width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        if natural_width(&HEADER, &rows) > usize::from(width) {
            shortened = shorten_ids(&mut rows);
        }
    }
    // As wide as its widest ID, at least: an ID is never wrapped (a long host name may be).
    let id_width = rows
        .iter()
        .filter(|r| is_id(&r[0]) || r[0].ends_with('…'))
        .map(|r| r[0].chars().count())
        .max();
    for row in rows {
        table.add_row(row);
    }
    if let (Some(machine), Some(w)) = (table.column_mut(0), id_width) {
        // comfy-table counts the column's padding, a space either side, in its width.
        let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
        machine.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
    }
    if listed > 0 {
        writeln!(out, "{table}")?;
    }
    if shortened {
        writeln!(
            out,
            "machine IDs shortened to fit the terminal; whole in --output csv|json|jsonl"
        )?;
    }
    if only_failed {
        let runs_show = match &report.summary.run_id {
            Some(id) => format!("`mdetag runs show {id} --output csv`, or "),
            None => String::new(),
        };
        let listing = if failed == 0 {
            "none failed".to_string()
        } else {
            format!("the failed are listed ({listed} of {failed})")
        };
        writeln!(
            out,
            "{total} operations, over {WHOLE}: {listing}; every row: {runs_show}--output csv|json|jsonl"
        )?;
    }
    for note in &report.notes {
        writeln!(out, "{note}")?;
    }
    writeln!(out, "{}", report.summary_line())
}

/// How wide the table is with nothing wrapped: each column as wide as its widest cell, with
/// a space either side and a border between.
fn natural_width<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> usize {
    let widest = |i: usize| {
        rows.iter()
            .flat_map(|r| r[i].lines())
            .chain([header[i]])
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    };
    (0..N).map(widest).sum::<usize>() + 3 * N + 1
}

/// Cuts the machine IDs in the first column to the shortest prefix (at least `MIN_PREFIX`)
/// that tells apart the IDs shown, with an ellipsis; host names stay whole. Whether any was cut.
fn shorten_ids<const N: usize>(rows: &mut [[String; N]]) -> bool {
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r[0].as_str())
        .filter(|c| is_id(c))
        .collect();
    let keep = unique_prefix(&ids);
    let mut cut = false;
    for row in rows.iter_mut().filter(|r| is_id(&r[0])) {
        if row[0].len() > keep {
            row[0] = format!("{}…", &row[0][..keep]);
            cut = true;
        }
    }
    cut
}

fn is_id(cell: &str) -> bool {
    crate::model::MachineId::parse(cell).is_ok()
}

/// The length of the shortest prefix, at least `MIN_PREFIX`, that no two different IDs share.
fn unique_prefix(ids: &[&str]) -> usize {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let shared = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    ids.windows(2)
        .map(|w| shared(w[0], w[1]) + 1)
        .fold(MIN_PREFIX, usize::max)
}

/// Cells as a terminal may show them: server text (tags, names, messages) has its control
/// characters escaped.
pub fn shown<const N: usize>(cells: [String; N]) -> [String; N] {
    cells.map(|c| crate::ui::text::display(&c).into_owned())
}

/// A table in mdetag's style, as wide as the terminal when there is one.
pub fn new_table(header: &[&str]) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(header);
    if crate::ui::stdout::is_terminal() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    }
    table
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::model::{Action, MachineId, MachineRef, Operation, Origin, TagAction};
    use crate::plan::{Plan, PlanBuilder};

    /// A dry run tagging these machines (IDs or names).
    fn plan(machines: &[&str]) -> Plan {
        let mut b = PlanBuilder::default();
        let change = b.change(Action::Tag(TagAction::Add), "IR-1234").unwrap();
        for (line, m) in machines.iter().enumerate() {
            let machine = match MachineId::parse(m) {
                Ok(id) => MachineRef::Id(id),
                Err(_) => MachineRef::Name((*m).into()),
            };
            let op = Operation {
                machine,
                change: change.clone(),
            };
            b.push(op, Origin::new("t.csv", line as u64 + 2));
        }
        b.finish().unwrap()
    }

    fn rendered(plan: &Plan, width: Option<u16>) -> String {
        let report = Report::new(plan, Vec::new(), true, 0, Duration::ZERO, None);
        let mut out = Vec::new();
        render(&report, width, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const A: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    const B: &str = "1e5bc9d7e4aaddd7902c2932e418702b84d0cc07";
    const C: &str = "7b5e84d1a2c3f4e5d6c7b8a9f0e1d2c3b4a59687";

    #[test]
    fn the_prefix_is_the_shortest_that_tells_the_ids_shown_apart() {
        assert_eq!(unique_prefix(&[A, C]), MIN_PREFIX);
        assert_eq!(unique_prefix(&[A, B, C]), 11);
        assert_eq!(unique_prefix(&[A, A, A]), MIN_PREFIX, "one ID, many rows");
        assert_eq!(unique_prefix(&[]), MIN_PREFIX);
    }

    #[test]
    fn at_80_columns_ids_are_cut_with_an_ellipsis_and_never_wrapped() {
        let plan = plan(&[A, B, C, "ws-0142.corp.example"]);
        let narrow = rendered(&plan, Some(80));
        let table = narrow.lines().take_while(|l| !l.starts_with("machine IDs"));
        for line in table {
            assert!(line.chars().count() <= 80, "{line}\n{narrow}");
        }
        for id in [A, B, C] {
            assert!(narrow.contains(&format!("│ {}… ", &id[..11])), "{narrow}");
            assert!(!narrow.contains(id), "{narrow}");
        }
        assert_eq!(
            narrow.matches('…').count(),
            3,
            "a name is never cut: {narrow}"
        );
        assert!(narrow.contains("machine IDs shortened to fit the terminal"));
        // Wide enough, or not a terminal: whole IDs, and no note.
        for width in [Some(200), None] {
            let whole = rendered(&plan, width);
            for id in [A, B, C] {
                assert!(whole.contains(id), "{whole}");
            }
            assert!(
                !whole.contains('…') && !whole.contains("shortened"),
                "{whole}"
            );
        }
    }

    #[test]
    fn a_very_narrow_terminal_wraps_other_columns_and_long_names_not_the_ids() {
        let name = "a-very-long-host-name-of-many-characters.corp.example";
        let narrow = rendered(&plan(&[A, C, name]), Some(60));
        assert!(
            narrow.contains(&format!("│ {}… ", &A[..MIN_PREFIX])),
            "{narrow}"
        );
        assert!(
            narrow.contains(&format!("│ {}… ", &C[..MIN_PREFIX])),
            "{narrow}"
        );
        assert!(!narrow.contains(name), "the name wraps: {narrow}");
    }
}
