//! The warning for a host name on several machines that `--on-duplicate newest` (the default)
//! settled on one of: it names the machine taken and the others, so the choice is never silent.

use crate::plan::{Duplicate, OnDuplicate, Resolution};
use crate::ui::Printer;

/// One warning per name on several machines, when the policy chose among them (`newest`);
/// `all` takes every one and `fail` reports them as `ambiguous`, so neither warns.
pub fn warn(res: &Resolution, policy: OnDuplicate, printer: &Printer) {
    if policy != OnDuplicate::Newest {
        return;
    }
    for d in res.duplicates() {
        printer.warn(line(&d));
    }
}

fn line(d: &Duplicate) -> String {
    let others: Vec<String> = d.others.iter().map(|m| m.id.to_string()).collect();
    let seen = d
        .chosen
        .last_seen
        .as_deref()
        .map_or("never seen".to_string(), |t| format!("last seen {t}"));
    format!(
        "host name {} is on {} machines: using {} ({seen}, the newest), not {}; \
         --on-duplicate all or fail, or a machine ID, to choose otherwise",
        d.name,
        d.others.len() + 1,
        d.chosen.id,
        others.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Machine, MachineId};

    fn machine(hex: char, seen: Option<&str>) -> Machine {
        Machine {
            id: MachineId::parse(&hex.to_string().repeat(40)).unwrap(),
            name: Some("ws-1.corp".into()),
            tags: Vec::new(),
            device_value: None,
            health_status: None,
            last_seen: seen.map(String::from),
            os_platform: None,
            merged_into: None,
        }
    }

    #[test]
    fn the_warning_names_the_machine_taken_when_it_was_seen_and_the_others() {
        let (b, a, c) = (
            machine('b', Some("2026-11-01T00:00:00Z")),
            machine('a', None),
            machine('c', Some("2026-10-01T00:00:00Z")),
        );
        let d = Duplicate {
            name: "ws-1",
            chosen: &b,
            others: vec![&a, &c],
        };
        let (a, b, c) = ("a".repeat(40), "b".repeat(40), "c".repeat(40));
        assert_eq!(
            line(&d),
            format!(
                "host name ws-1 is on 3 machines: using {b} (last seen 2026-11-01T00:00:00Z, \
                 the newest), not {a}, {c}; --on-duplicate all or fail, or a machine ID, to \
                 choose otherwise"
            )
        );
    }
}
